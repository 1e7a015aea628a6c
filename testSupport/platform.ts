// Test and benchmark helpers: a started platform in a temp folder, a typed JSON client, a WebSocket chat client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startPlatform, type PlatformOptions, type RunningPlatform } from '../platform/index';

/** Tests of the studio against the real platform reach it here, never by importing platform/ themselves. */
export { startPlatform, type PlatformOptions, type RunningPlatform };
export type { StreamEvent } from '../platform/index';
import type { ClientFrameInput, ServerFrame } from '../common/chatHub/protocol';
import { createdRoomSchema } from '../common/platformApi/schemas';

export async function tempPlatform(
  options: Partial<PlatformOptions> = {},
): Promise<RunningPlatform & { cleanup(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'platform-test-'));
  const p = await startPlatform({ port: 0, rtmpPort: 0, dataDir, hls: false, ...options });
  return {
    ...p,
    cleanup: async () => {
      await p.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TempPlatform = Awaited<ReturnType<typeof tempPlatform>>;

export interface ApiReply<T = Record<string, unknown>> {
  status: number;
  body: T & { error?: { code: string; message: string; zh?: string } };
}

export async function api<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<ApiReply<T>> {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as ApiReply<T>['body'] };
}

/** Creates an account and signs in; returns the session. */
export async function signUp(
  base: string,
  userId: string,
  nickname = userId,
): Promise<{ token: string; userId: string; userSig: string; sdkAppId: number }> {
  const created = await api(base, 'POST', '/api/v1/accounts', { userId, password: 'secret-pw', nickname });
  if (created.status !== 201) throw new Error(`sign up failed: ${JSON.stringify(created.body)}`);
  const s = await api<{ token: string; userId: string; userSig: string; sdkAppId: number }>(
    base,
    'POST',
    '/api/v1/sessions',
    { userId, password: 'secret-pw' },
  );
  if (s.status !== 200) throw new Error(`sign in failed: ${JSON.stringify(s.body)}`);
  return s.body;
}

/** Creates an account, signs in and opens a room in its name (not yet live on the ingest). */
export async function signUpWithRoom(
  base: string,
  userId: string,
): Promise<{ token: string; userId: string; roomId: string; groupId: string }> {
  const s = await signUp(base, userId, userId.toUpperCase());
  const room = createdRoomSchema.parse((await api(base, 'POST', '/api/v1/rooms', { title: userId }, s.token)).body);
  return { token: s.token, userId, roomId: room.roomId, groupId: room.groupId };
}

/** Signs an existing account in (an operator granted on the platform's machine, say); returns the session. */
export async function signIn(
  base: string,
  userId: string,
  password = 'secret-pw',
): Promise<{ token: string; userId: string; userSig: string; sdkAppId: number }> {
  const s = await api<{ token: string; userId: string; userSig: string; sdkAppId: number }>(
    base,
    'POST',
    '/api/v1/sessions',
    { userId, password },
  );
  if (s.status !== 200) throw new Error(`sign in failed: ${JSON.stringify(s.body)}`);
  return s.body;
}

/** A real WebSocket chat client that keeps every frame it receives. */
export class ChatClient {
  readonly frames: ServerFrame[] = [];
  private waiters: { pred: (f: ServerFrame) => boolean; done: (f: ServerFrame) => void }[] = [];
  private reqSeq = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as ServerFrame;
      this.frames.push(f);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(f)) return true;
        w.done(f);
        return false;
      });
    });
  }

  static connect(imUrl: string, token: string): Promise<ChatClient> {
    return new Promise((done, reject) => {
      const ws = new WebSocket(`${imUrl}?token=${encodeURIComponent(token)}`);
      const c = new ChatClient(ws);
      ws.once('open', () => done(c));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
  }

  next<T extends ServerFrame['type']>(
    type: T,
    pred: (f: Extract<ServerFrame, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<ServerFrame, { type: T }>> {
    const seen = this.frames.find((f) => f.type === type && pred(f as Extract<ServerFrame, { type: T }>));
    if (seen) return Promise.resolve(seen as Extract<ServerFrame, { type: T }>);
    return new Promise((done, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`no ${type} frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`)),
        timeoutMs,
      );
      this.waiters.push({
        pred: (f) => f.type === type && pred(f as Extract<ServerFrame, { type: T }>),
        done: (f) => {
          clearTimeout(timer);
          done(f as Extract<ServerFrame, { type: T }>);
        },
      });
    });
  }

  send(frame: ClientFrameInput | string): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Sends a frame with a fresh reqId and waits for the ack or error that answers it. */
  async request(frame: ClientFrameInput): Promise<Extract<ServerFrame, { type: 'ack' | 'error' | 'joined' | 'left' }>> {
    const reqId = `r${++this.reqSeq}`;
    const answer = new Promise<ServerFrame>((done, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${frame.type}`)), 5000);
      this.waiters.push({
        pred: (f) => 'reqId' in f && f.reqId === reqId,
        done: (f) => {
          clearTimeout(timer);
          done(f);
        },
      });
    });
    this.send({ ...frame, reqId } as ClientFrameInput);
    return (await answer) as Extract<ServerFrame, { type: 'ack' | 'error' | 'joined' | 'left' }>;
  }

  messages(): Extract<ServerFrame, { type: 'messages' }>['messages'] {
    return this.frames.flatMap((f) => (f.type === 'messages' ? f.messages : []));
  }

  close(): void {
    this.ws.close();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
