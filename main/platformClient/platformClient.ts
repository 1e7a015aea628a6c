// The studio's HTTP client of the business server (the embedded platform or a cloud one): typed answers,
// timeouts, and every failure turned into a StudioError that says what failed and what to do.
import { z } from 'zod';
import { StudioError } from '../contract';
import {
  endAnswer,
  giftsAnswer,
  guestStreamAnswer,
  heartbeatAnswer,
  meAnswer,
  roomAnswer,
  roomsAnswer,
  sessionAnswer,
  type PlatformEndStats,
  type PlatformGuestStream,
  type PlatformHeartbeat,
  type PlatformLiveRoom,
  type PlatformMe,
  type PlatformRoom,
  type PlatformSession,
} from './schemas';

export interface PlatformClientOptions {
  baseUrl: string;
  token?: string | null;
  timeoutMs?: number;
}

const anyAnswer = z.unknown();

/** What the studio was doing, in words that fit "Could not … ". */
type Action = string;

function statusCode(status: number): string {
  if (status === 400 || status === 422) return 'invalid_input';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 402) return 'conflict';
  if (status === 429) return 'unavailable';
  if (status >= 500) return 'unavailable';
  return 'platform_error';
}

function advice(status: number): string {
  if (status === 401) return 'Sign in again.';
  if (status === 403) return 'This account is not allowed to do that.';
  if (status === 404) return 'It no longer exists on the server.';
  if (status === 429) return 'Wait a moment and try again.';
  if (status >= 500) return 'The server had a problem; try again in a moment.';
  return 'Check what you entered and try again.';
}

function serverMessage(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  const e = b.error;
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object' && typeof (e as Record<string, unknown>).message === 'string') return (e as { message: string }).message;
  if (typeof b.message === 'string') return b.message;
  return null;
}

export class PlatformClient {
  readonly baseUrl: string;
  private token: string | null;
  private readonly timeoutMs: number;

  constructor(options: PlatformClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token ?? null;
    this.timeoutMs = options.timeoutMs ?? 8000;
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  hasToken(): boolean {
    return this.token !== null;
  }

  currentToken(): string | null {
    return this.token;
  }

  private async request<S extends z.ZodType>(action: Action, method: string, path: string, schema: S, body?: unknown, auth = true): Promise<z.output<S>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth) {
      if (!this.token) throw new StudioError('unauthorized', `Could not ${action}: you are not signed in. Sign in first.`);
      headers.Authorization = `Bearer ${this.token}`;
    }
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
      throw new StudioError(
        'unavailable',
        timedOut
          ? `Could not ${action}: the server at ${this.baseUrl} did not answer within ${Math.round(this.timeoutMs / 1000)} s. Check your network and try again.`
          : `Could not ${action}: the server at ${this.baseUrl} cannot be reached. Check the server address and your network.`,
      );
    }
    const text = await res.text().catch(() => '');
    let json: unknown = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (!res.ok) {
      const said = serverMessage(json);
      throw new StudioError(statusCode(res.status), `Could not ${action}: ${said ?? `the server answered ${res.status}`}. ${advice(res.status)}`);
    }
    const parsed = schema.safeParse(json ?? {});
    if (!parsed.success) {
      throw new StudioError('platform_error', `Could not ${action}: the server sent an answer the studio does not understand. Check that the server address points at a VJ Studio platform.`);
    }
    return parsed.data;
  }

  async createAccount(input: { userId: string; password: string; nickname: string }): Promise<void> {
    await this.request('create the account', 'POST', '/api/v1/accounts', anyAnswer, input, false);
  }

  createSession(input: { userId: string; password: string }): Promise<PlatformSession> {
    return this.request('sign in', 'POST', '/api/v1/sessions', sessionAnswer, input, false);
  }

  me(): Promise<PlatformMe> {
    return this.request('read your account', 'GET', '/api/v1/me', meAnswer);
  }

  createRoom(title: string): Promise<PlatformRoom> {
    return this.request('get a room from the platform', 'POST', '/api/v1/rooms', roomAnswer, { title });
  }

  async liveRooms(): Promise<PlatformLiveRoom[]> {
    return (await this.request('list the live rooms', 'GET', '/api/v1/rooms', roomsAnswer, undefined, false)).rooms;
  }

  heartbeat(roomId: string): Promise<PlatformHeartbeat> {
    return this.request('tell the platform you are still live', 'POST', `/api/v1/rooms/${encodeURIComponent(roomId)}/heartbeat`, heartbeatAnswer, {});
  }

  async endRoom(roomId: string): Promise<PlatformEndStats> {
    return (await this.request('end the room on the platform', 'POST', `/api/v1/rooms/${encodeURIComponent(roomId)}/end`, endAnswer, {})).stats;
  }

  async addModerator(roomId: string, userId: string): Promise<void> {
    await this.request('add the moderator', 'POST', `/api/v1/rooms/${encodeURIComponent(roomId)}/moderators`, anyAnswer, { userId });
  }

  /** A co-host guest's signed push URL and the studio's pull URL (the room's host only). */
  guestStream(roomId: string, userId: string): Promise<PlatformGuestStream> {
    return this.request('get the guest\'s stream address', 'POST', `/api/v1/rooms/${encodeURIComponent(roomId)}/guests/${encodeURIComponent(userId)}/stream`, guestStreamAnswer, {});
  }

  async gifts(): Promise<{ giftId: string; name?: string; price?: number }[]> {
    return (await this.request('read the gift catalog', 'GET', '/api/v1/gifts', giftsAnswer, undefined, false)).gifts;
  }
}
