// A studio whose heartbeats stop long enough for the platform to end its room (a frozen computer, a closed lid),
// against the real embedded platform: its next heartbeat inside the platform's grace window resumes the room and
// the session says so in plain words, still live; past the window the session ends cleanly, with the end page's
// figures and a plain problem. The studio's heartbeat here is slower than the platform's three-beat limit, as a
// frozen studio's is.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegPushMedia } from '../../testSupport/ffmpegPushMedia';
import { api, startPlatform } from '../../testSupport/platform';
import { EventBus } from '../api';
import { BroadcastRepository, openStudioStorage, type StudioStorage } from '../storage';
import { defaultFfmpegLocation } from '../system';
import { AccountService } from './accountService';
import { BroadcastSession } from './broadcastSession';
import { EmbeddedPlatformHost } from './embeddedPlatform';
import { FileSecretStore } from './secretStore';

/** The platform ends a room 3 s after its last heartbeat and lets its VJ resume it for 4 s after that. */
const PLATFORM = { heartbeatSeconds: 1, resumeGraceSeconds: 4 };
const dataDir = mkdtempSync(join(tmpdir(), 'session-resume-'));
const media = new FfmpegPushMedia();
const bus = new EventBus();
let storage: StudioStorage;
let embedded: EmbeddedPlatformHost;
let account: AccountService;
const sessions: BroadcastSession[] = [];

/** A session whose heartbeat comes every `heartbeatMs`: later than the platform's limit, as a frozen studio's. */
function session(heartbeatMs: number): BroadcastSession {
  const s = new BroadcastSession({
    account,
    media,
    repo: new BroadcastRepository(storage.db),
    bus,
    log: () => {},
    heartbeatMs,
    statsMs: 300,
    viewersMs: 500,
    pushTimeoutMs: 15_000,
  });
  sessions.push(s);
  return s;
}

const listed = async (roomId: string) =>
  (await api<{ rooms: { roomId: string }[] }>(account.state().serverUrl ?? '', 'GET', '/api/v1/rooms')).body.rooms.some(
    (r) => r.roomId === roomId,
  );

beforeAll(async () => {
  storage = openStudioStorage(join(dataDir, 'studio.db'));
  embedded = new EmbeddedPlatformHost((o) => startPlatform({ ...o, ...PLATFORM, hls: false }), dataDir, {
    http: 0,
    rtmp: 0,
  });
  account = new AccountService({
    settings: storage.settings,
    secrets: new FileSecretStore(join(dataDir, 'token')),
    embedded,
    bus,
    log: () => {},
  });
  await account.start();
  await account.create({ userId: 'vj_lid', password: 'secret-pw', nickname: 'Lid' });
}, 60_000);
afterAll(async () => {
  await media.stopPush();
  for (const s of sessions) await s.close();
  storage?.close();
  await embedded?.close();
});

describe('a studio that comes back after the platform ended its room', () => {
  it.skipIf(!defaultFfmpegLocation().found)(
    'within the grace window: the room is resumed and the session says so, still live',
    async () => {
      const s = session(5000);
      const live = await s.goLive('Lid closed', false);
      const roomId = live.roomId ?? '';
      await expect.poll(() => s.state().problem?.code, { timeout: 40_000, interval: 200 }).toBe('room_resumed');
      expect(s.state()).toMatchObject({
        phase: 'live',
        problem: { message: expect.stringMatching(/back on the air now/), zh: expect.stringMatching(/已恢复直播/) },
      });
      expect(await listed(roomId)).toBe(true);
      await s.end();
      expect(s.state()).toMatchObject({ phase: 'ended', problem: null });
      await media.stopPush();
    },
    90_000,
  );

  it.skipIf(!defaultFfmpegLocation().found)(
    'past the window: the session ends by itself, with the end page and a plain problem',
    async () => {
      const s = session(12_000);
      const live = await s.goLive('Lid closed too long', false);
      await expect.poll(() => s.state().phase, { timeout: 60_000, interval: 200 }).toBe('ended');
      expect(s.state()).toMatchObject({
        phase: 'ended',
        broadcastId: live.broadcastId,
        problem: {
          code: 'room_lost',
          message: expect.stringMatching(/^The studio stopped answering for too long, and the platform ended the room/),
          zh: expect.stringMatching(/平台已结束直播间/),
        },
      });
      expect(await listed(live.roomId ?? '')).toBe(false);
      // The push stopped with it; the VJ acknowledges the end page and can go live again.
      expect(s.acknowledge()).toMatchObject({ phase: 'idle', problem: null });
      await media.stopPush();
    },
    90_000,
  );
});
