// The studio's HTTP client of the business server (the embedded platform or a cloud one): typed answers,
// timeouts, and every failure turned into a StudioError that says what failed and what to do.
import { chatCredentialsSchema, type ChatCredentials } from '../../common/platformApi/schemas';
import { z } from 'zod';
import { StudioError, withoutFullStop } from '../contract';
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
} from './answerReaders';
import {
  pkBattleSchema,
  pkInviteSchema,
  pkLinkSchema,
  pkRoomBattlesSchema,
  pkRoomStateSchema,
  type PkBattle,
  type PkInvite,
  type PkLink,
  type PkRoomState,
} from '../../common/platformApi/pkSchemas';
import { refusalWords, type BilingualWords } from '../contract/refusalWords';

const words = refusalWords.platform;
const actions = refusalWords.platformActions;

export interface PlatformClientOptions {
  baseUrl: string;
  token?: string | null;
  timeoutMs?: number;
}

const anyAnswer = z.unknown();

/** What the studio was doing, in words that fit "Could not … " and "无法…". */
type Action = BilingualWords;

function statusCode(status: number): string {
  if (status === 400 || status === 422) return 'invalid_input';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 410) return 'gone';
  if (status === 402) return 'conflict';
  if (status === 429) return 'unavailable';
  if (status >= 500) return 'unavailable';
  return 'platform_error';
}

function advice(status: number): BilingualWords {
  if (status === 401) return words.signInAgain;
  if (status === 403) return words.notAllowed;
  if (status === 404 || status === 410) return words.gone;
  if (status === 429) return words.waitAndRetry;
  if (status >= 500) return words.serverProblem;
  return words.checkInput;
}

/** The server's own words (`{ error: { message, zh } }`), without their full stop: they go inside a sentence. */
function serverMessage(body: unknown): { en: string; zh: string | null } | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  const e = b.error;
  if (typeof e === 'string') return { en: withoutFullStop(e), zh: null };
  if (e && typeof e === 'object') {
    const { message, zh } = e as Record<string, unknown>;
    if (typeof message === 'string')
      return { en: withoutFullStop(message), zh: typeof zh === 'string' ? withoutFullStop(zh) : null };
  }
  if (typeof b.message === 'string') return { en: withoutFullStop(b.message), zh: null };
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

  private async request<S extends z.ZodType>(
    action: Action,
    method: string,
    path: string,
    schema: S,
    body?: unknown,
    auth = true,
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth) {
      if (!this.token) throw new StudioError('unauthorized', words.notSignedIn(action));
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
      const seconds = Math.round(this.timeoutMs / 1000);
      throw new StudioError(
        'unavailable',
        timedOut ? words.noAnswerWithin(action, this.baseUrl, seconds) : words.unreachable(action, this.baseUrl),
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
      const what = advice(res.status);
      throw new StudioError(statusCode(res.status), words.refused(action, what, res.status, said));
    }
    const parsed = schema.safeParse(json ?? {});
    if (!parsed.success) {
      throw new StudioError('platform_error', words.notUnderstood(action));
    }
    return parsed.data;
  }

  async createAccount(input: { userId: string; password: string; nickname: string }): Promise<void> {
    await this.request(actions.createAccount, 'POST', '/api/v1/accounts', anyAnswer, input, false);
  }

  createSession(input: { userId: string; password: string }): Promise<PlatformSession> {
    return this.request(actions.signIn, 'POST', '/api/v1/sessions', sessionAnswer, input, false);
  }

  me(): Promise<PlatformMe> {
    return this.request(actions.readAccount, 'GET', '/api/v1/me', meAnswer);
  }

  /** A fresh UserSig for the chat (Tencent IM in cloud mode) and the IM admin whose room signals count. */
  chatCredentials(): Promise<ChatCredentials> {
    return this.request(actions.getChatSignIn, 'POST', '/api/v1/me/chat-credentials', chatCredentialsSchema, {});
  }

  createRoom(title: string): Promise<PlatformRoom> {
    return this.request(actions.getRoom, 'POST', '/api/v1/rooms', roomAnswer, { title });
  }

  async liveRooms(): Promise<PlatformLiveRoom[]> {
    return (await this.request(actions.listLiveRooms, 'GET', '/api/v1/rooms', roomsAnswer, undefined, false)).rooms;
  }

  heartbeat(roomId: string): Promise<PlatformHeartbeat> {
    return this.request(
      actions.heartbeat,
      'POST',
      `/api/v1/rooms/${encodeURIComponent(roomId)}/heartbeat`,
      heartbeatAnswer,
      {},
    );
  }

  async endRoom(roomId: string): Promise<PlatformEndStats> {
    return (
      await this.request(actions.endRoom, 'POST', `/api/v1/rooms/${encodeURIComponent(roomId)}/end`, endAnswer, {})
    ).stats;
  }

  async addModerator(roomId: string, userId: string): Promise<void> {
    await this.request(
      actions.addModerator,
      'POST',
      `/api/v1/rooms/${encodeURIComponent(roomId)}/moderators`,
      anyAnswer,
      { userId },
    );
  }

  /** A co-host guest's signed push URL and the studio's pull URL (the room's host only). */
  guestStream(roomId: string, userId: string): Promise<PlatformGuestStream> {
    return this.request(
      actions.getGuestStream,
      'POST',
      `/api/v1/rooms/${encodeURIComponent(roomId)}/guests/${encodeURIComponent(userId)}/stream`,
      guestStreamAnswer,
      {},
    );
  }

  async gifts(): Promise<{ giftId: string; name?: string; price?: number }[]> {
    return (await this.request(actions.readGifts, 'GET', '/api/v1/gifts', giftsAnswer, undefined, false)).gifts;
  }

  // ── PK (连线 PK): links between live rooms and battles between linked ones ──

  pkState(): Promise<PkRoomState> {
    return this.request(actions.readPkState, 'GET', '/api/v1/pk/me', pkRoomStateSchema);
  }

  pkInvite(toRoomId: string): Promise<PkInvite> {
    const action = actions.inviteToLink;
    return this.request(action, 'POST', '/api/v1/pk/invites', pkInviteSchema, { toRoomId });
  }

  async pkAnswerInvite(inviteId: string, answer: 'accept' | 'decline' | 'cancel'): Promise<PkLink | null> {
    const action = actions.answerLinkInvitation(answer);
    const path = `/api/v1/pk/invites/${encodeURIComponent(inviteId)}/${answer}`;
    if (answer === 'accept') return this.request(action, 'POST', path, pkLinkSchema, {});
    await this.request(action, 'POST', path, anyAnswer, {});
    return null;
  }

  async pkEndLink(linkId: string): Promise<void> {
    const action = actions.endLink;
    await this.request(action, 'POST', `/api/v1/pk/links/${encodeURIComponent(linkId)}/end`, anyAnswer, {});
  }

  pkStartBattle(linkId: string, durationSec: number): Promise<PkBattle> {
    const action = actions.startBattle;
    return this.request(action, 'POST', '/api/v1/pk/battles', pkBattleSchema, { linkId, durationSec });
  }

  pkAnswerBattle(battleId: string, answer: 'accept' | 'decline' | 'end'): Promise<PkBattle> {
    const action = actions.answerBattle(answer);
    const path = `/api/v1/pk/battles/${encodeURIComponent(battleId)}/${answer}`;
    return this.request(action, 'POST', path, pkBattleSchema, {});
  }

  async roomBattles(roomId: string): Promise<PkBattle[]> {
    const action = actions.readRoomBattles;
    const path = `/api/v1/rooms/${encodeURIComponent(roomId)}/battles`;
    return (await this.request(action, 'GET', path, pkRoomBattlesSchema, undefined, false)).battles;
  }
}
