// What a request handler is given and answers: the studio's own calls (through its router, so every input is
// validated as from any other client), and a RequestFailure carrying the protocol's status and a comment.
import type { CallInput, CallName, CallOutput, LiveStats } from '../contract';
import type { MediaStats } from '../contract/media';
import { RequestStatus } from './protocol';

export type RequestOutcome =
  { ok: true; data?: Record<string, unknown> } | { ok: false; code: number; comment: string };

export class RequestFailure extends Error {
  constructor(
    readonly code: number,
    comment: string,
  ) {
    super(comment);
  }
}

/** Calls the studio API; a refusal becomes a RequestFailure with the studio's own words. */
export type StudioCall = <N extends CallName>(name: N, input: CallInput<N>) => Promise<CallOutput<N>>;

export interface RequestContext {
  call: StudioCall;
  /** The numbers obs-websocket clients expect for scene items (OBS's ids are integers, the studio's strings). */
  itemIds: ItemIdRegistry;
  session: { incoming: number; outgoing: number };
  /** The latest figures the studio's bus carried (media.stats, session.stats) and when recording began. */
  figures: () => OutputFigures;
}

export interface OutputFigures {
  media: MediaStats | null;
  live: LiveStats | null;
  recordingSince: number | null;
}

export type RequestHandler = (
  data: Record<string, unknown>,
  ctx: RequestContext,
) => Promise<Record<string, unknown> | void>;

/** Maps a studio refusal's code to the request status a client understands. */
export function statusForStudioError(code: string): number {
  switch (code) {
    case 'not_found':
      return RequestStatus.ResourceNotFound;
    case 'conflict':
      return RequestStatus.InvalidResourceState;
    case 'invalid_input':
      return RequestStatus.InvalidRequestField;
    default:
      return RequestStatus.RequestProcessingFailed;
  }
}

/** Stable integer ids for the studio's scene items, for as long as the server runs. */
export class ItemIdRegistry {
  private readonly byItem = new Map<string, number>();
  private readonly byNumber = new Map<number, string>();

  numberOf(itemId: string): number {
    let n = this.byItem.get(itemId);
    if (n === undefined) {
      n = this.byItem.size + 1;
      this.byItem.set(itemId, n);
      this.byNumber.set(n, itemId);
    }
    return n;
  }

  itemOf(n: number): string | undefined {
    return this.byNumber.get(n);
  }
}

// Field readers: a missing or mistyped field answers the protocol's status, never a crash.
export function optionalString(d: Record<string, unknown>, key: string): string | undefined {
  const v = d[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    throw new RequestFailure(RequestStatus.InvalidRequestFieldType, `${key} must be a string.`);
  if (v === '') throw new RequestFailure(RequestStatus.RequestFieldEmpty, `${key} is empty.`);
  return v;
}

export function requiredBoolean(d: Record<string, unknown>, key: string): boolean {
  const v = d[key];
  if (v === undefined || v === null) throw new RequestFailure(RequestStatus.MissingRequestField, `${key} is missing.`);
  if (typeof v !== 'boolean')
    throw new RequestFailure(RequestStatus.InvalidRequestFieldType, `${key} must be a boolean.`);
  return v;
}

export function requiredNumber(d: Record<string, unknown>, key: string): number {
  const v = d[key];
  if (v === undefined || v === null) throw new RequestFailure(RequestStatus.MissingRequestField, `${key} is missing.`);
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new RequestFailure(RequestStatus.InvalidRequestFieldType, `${key} must be a number.`);
  return v;
}

export function optionalNumber(d: Record<string, unknown>, key: string): number | undefined {
  return d[key] === undefined || d[key] === null ? undefined : requiredNumber(d, key);
}
