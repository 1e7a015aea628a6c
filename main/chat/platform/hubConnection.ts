// One WebSocket to the platform's chat hub (/im?token=…, on this thread or the chat ingest thread): frames validated
// against the hub's own zod schemas, requests matched to answers by reqId, keep-alive pings. Reconnecting is the
// adapter's job.
import {
  clientFrameSchema,
  serverFrameSchema,
  type ClientFrameInput,
  type ServerFrame,
} from '../../../common/chatHub/protocol';
import { StudioError } from '../../contract';
import { refusalWords } from '../../contract/refusalWords';
import { openLocalHubSocket, type HubSocket, type HubSocketOpener, type StoredLines } from './hubSocket';
import { plainTextMessages } from './textMessagesFrame';

const words = refusalWords.hub;

export type Answer = Extract<ServerFrame, { reqId?: string }>;

const REQUEST_TIMEOUT_MS = 10_000;
const PING_MS = 20_000;

export function hubUrl(platformUrl: string, token: string, imUrl?: string): string {
  const u = imUrl ? new URL(imUrl) : new URL('im', platformUrl.endsWith('/') ? platformUrl : `${platformUrl}/`);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.searchParams.set('token', token);
  return u.toString();
}

export class HubConnection {
  private socket: HubSocket | null = null;
  private nextReq = 1;
  private pinger: NodeJS.Timeout | null = null;
  private readonly pending = new Map<
    string,
    { resolve: (f: Answer) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();

  constructor(
    private readonly url: string,
    private readonly onFrame: (f: ServerFrame) => void,
    private readonly onClose: (code: number, reason: string) => void,
    private readonly openSocket: HubSocketOpener = openLocalHubSocket,
    /** Lines a socket on the ingest thread stored itself (the flood's plain text) instead of handing them on. */
    private readonly onStored?: (lines: StoredLines) => void,
  ) {}

  /** Opens the socket and resolves with the hub's `hello`. */
  open(): Promise<Extract<ServerFrame, { type: 'hello' }>> {
    return new Promise((resolve, reject) => {
      let greeted = false;
      this.socket = this.openSocket(this.url, {
        open: () => {},
        frame: (raw) => {
          let frame: ServerFrame;
          try {
            const plain = plainTextMessages(raw); // a flood's batches skip the schema's walk, checked by hand
            const parsed = plain ? null : serverFrameSchema.safeParse(raw);
            if (parsed && !parsed.success) return; // a newer hub's frame this studio does not know yet
            frame = plain ?? parsed!.data!;
          } catch {
            return;
          }
          if (frame.type === 'hello' && !greeted) {
            greeted = true;
            resolve(frame);
            return;
          }
          this.answer(frame);
          this.onFrame(frame);
        },
        stored: (lines) => this.onStored?.(lines),
        refused: (status) => {
          const refused = status === 401;
          reject(
            new StudioError(
              refused ? 'unauthorized' : 'platform_error',
              refused ? words.signInRefused : words.answeredHttp(status),
            ),
          );
        },
        error: (message) => {
          if (!greeted) reject(new StudioError('unavailable', words.unreachable(message)));
        },
        close: (code, reason) => {
          this.stopPing();
          for (const [, p] of this.pending) {
            clearTimeout(p.timer);
            p.reject(new StudioError('unavailable', words.connectionLost));
          }
          this.pending.clear();
          const why = `${code}${reason.length ? `: ${reason}` : ''}`;
          if (!greeted) reject(new StudioError('unavailable', words.closed(why)));
          else this.onClose(code, reason);
        },
      });
      this.pinger = setInterval(() => this.send({ type: 'ping' }), PING_MS);
      this.pinger.unref?.();
    });
  }

  /** Sends a frame and waits for the ack/answer carrying its reqId; an `error` answer rejects in plain words. */
  request(frame: ClientFrameInput): Promise<Answer> {
    const reqId = `r${this.nextReq++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(reqId);
        reject(new StudioError('unavailable', words.noAnswerInTime));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(reqId, { resolve, reject, timer });
      if (!this.send({ ...frame, reqId })) {
        clearTimeout(timer);
        this.pending.delete(reqId);
        reject(new StudioError('unavailable', words.notConnected));
      }
    });
  }

  close(): void {
    this.stopPing();
    this.socket?.close(1000, 'leaving');
    this.socket = null;
  }

  private send(frame: ClientFrameInput): boolean {
    if (!this.socket) return false;
    // Validated here so a bad frame is a clear error in the studio, not a refusal from the hub.
    const checked = clientFrameSchema.safeParse(frame);
    if (!checked.success)
      throw new StudioError('invalid_input', words.invalidFrame(checked.error.issues[0]?.message ?? 'unknown'));
    return this.socket.send(JSON.stringify(frame));
  }

  private answer(frame: ServerFrame): void {
    const reqId = 'reqId' in frame ? frame.reqId : undefined;
    if (!reqId) return;
    const p = this.pending.get(reqId);
    if (!p) return;
    this.pending.delete(reqId);
    clearTimeout(p.timer);
    // The hub's refusal in its own words, English and (when it sends one) Chinese, shown as they are.
    if (frame.type === 'error')
      p.reject(
        new StudioError('chat_error', frame.zh === undefined ? frame.message : { en: frame.message, zh: frame.zh }),
      );
    else p.resolve(frame as Answer);
  }

  private stopPing(): void {
    if (this.pinger) clearInterval(this.pinger);
    this.pinger = null;
  }
}
