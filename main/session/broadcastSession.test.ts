// A whole broadcast against the real platform on loopback: account created and signed in, a room, a real
// ffmpeg pushing a test pattern to the signed push URL, a viewer who chats, likes and sends a gift, the
// end with the platform's figures, History, and the crash path (a broadcast left open on restart).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegPushMedia } from '../../testSupport/ffmpegPushMedia';
import { api, ChatClient, signUp, sleep, startPlatform } from '../../testSupport/platform';
import { EventBus } from '../api';
import type { EventPayload } from '../contract';
import { BroadcastRepository, openStudioStorage, type StudioStorage } from '../storage';
import { AccountService } from './accountService';
import { BroadcastSession } from './broadcastSession';
import { EmbeddedPlatformHost } from './embeddedPlatform';
import { HistoryService } from './historyService';
import { FileSecretStore } from './secretStore';

const dataDir = mkdtempSync(join(tmpdir(), 'session-int-'));
let storage: StudioStorage;
let embedded: EmbeddedPlatformHost;
let account: AccountService;
let session: BroadcastSession;
let history: HistoryService;
const media = new FfmpegPushMedia();
const bus = new EventBus();
const stats: EventPayload<'session.stats'>[] = [];
bus.subscribe((name, payload) => {
  if (name === 'session.stats') stats.push(payload);
});

function build(): void {
  storage = openStudioStorage(join(dataDir, 'studio.db'));
  account = new AccountService({
    settings: storage.settings,
    secrets: new FileSecretStore(join(dataDir, 'token')),
    embedded,
    bus,
    log: () => {},
  });
  const repo = new BroadcastRepository(storage.db);
  session = new BroadcastSession({
    account,
    media,
    repo,
    bus,
    log: () => {},
    heartbeatMs: 500,
    statsMs: 200,
    viewersMs: 300,
    pushTimeoutMs: 4000,
  });
  history = new HistoryService(repo);
}

beforeAll(async () => {
  embedded = new EmbeddedPlatformHost((o) => startPlatform({ ...o, hls: false }), dataDir, { http: 0, rtmp: 0 });
  build();
  await account.start();
});
afterAll(async () => {
  await media.stopPush();
  await session?.close();
  storage?.close();
  await embedded.close();
});

describe('a broadcast against the real platform', () => {
  it('starts in local mode on the embedded platform, signed out, and refuses to go live', async () => {
    expect(account.state()).toMatchObject({ mode: 'local', signedIn: false, serverProblem: null });
    expect(account.state().serverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(session.goLive('x', false)).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('creates an account and signs in in one step, and says plainly when a password is wrong', async () => {
    const state = await account.create({ userId: 'vj_anna', password: 'secret-pw', nickname: 'Anna' });
    expect(state).toMatchObject({ signedIn: true, userId: 'vj_anna', nickname: 'Anna', sdkAppId: 1 });
    await expect(account.signIn({ userId: 'vj_anna', password: 'wrong-pw' })).rejects.toMatchObject({
      message: /^Could not sign in: /,
    });
    expect(account.state().signedIn).toBe(true);
  });

  it('says what failed when the ingest refuses the push, and gives the room back', async () => {
    media.tamper = (url) => url.replace(/txSecret=[0-9a-f]+/, 'txSecret=00000000000000000000000000000000');
    await expect(session.goLive('Refused', false)).rejects.toMatchObject({
      message: /^The stream could not start: the (platform's )?ingest did not (take|receive) the stream within 4 s/,
    });
    media.tamper = null;
    expect(session.state()).toMatchObject({
      phase: 'idle',
      problem: { message: expect.stringMatching(/room was given back/) },
    });
    expect((await api(account.state().serverUrl ?? '', 'GET', '/api/v1/rooms')).body).toEqual({ rooms: [] });
  });

  it('goes live in the seed order, counts a viewer, chat, likes and a gift live, and ends with equal figures', async () => {
    const phases: string[] = [];
    const off = bus.subscribe((name, payload) => {
      if (name === 'session.state') phases.push(`${payload.phase}/${payload.step ?? ''}`);
    });
    const live = await session.goLive('Friday set', false);
    const statsBefore = stats.length;
    off();
    expect(phases).toEqual(['starting/room', 'starting/pipeline', 'starting/confirm', 'live/']);
    expect(live).toMatchObject({ phase: 'live', title: 'Friday set' });
    expect(media.pushedTo).toMatch(/txSecret=/);
    const base = account.state().serverUrl ?? '';
    const roomId = live.roomId ?? '';

    const viewer = await signUp(base, 'viewer_bo', 'Bo');
    const rooms = await api<{ rooms: { roomId: string; groupId: string }[] }>(base, 'GET', '/api/v1/rooms');
    const groupId = rooms.body.rooms.find((r) => r.roomId === roomId)?.groupId ?? '';
    const chat = await ChatClient.connect(base.replace('http', 'ws') + '/im', viewer.token);
    await chat.request({ type: 'join', groupId });
    await chat.request({ type: 'send', groupId, elem: { type: 'TIMTextElem', payload: { text: 'hello' } } });
    await chat.request({ type: 'send', groupId, elem: { type: 'TIMTextElem', payload: { text: 'great set' } } });
    for (let i = 0; i < 3; i++)
      expect((await api(base, 'POST', `/api/v1/rooms/${roomId}/likes`, { count: 1 }, viewer.token)).status).toBe(200);
    const catalog = await api<{ gifts: { giftId: string; price: number }[] }>(base, 'GET', '/api/v1/gifts');
    const gift = catalog.body.gifts[0];
    await api(base, 'POST', '/api/v1/me/recharge', { amount: 1000 }, viewer.token);
    const sent = await api(
      base,
      'POST',
      `/api/v1/rooms/${roomId}/gifts`,
      { giftId: gift?.giftId, count: 2, requestId: 'req-000001' },
      viewer.token,
    );
    expect(sent.status).toBe(200);
    const giftValue = (gift?.price ?? 0) * 2;

    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const s = stats[stats.length - 1];
      if (s && s.viewers >= 1 && s.likes === 3 && s.gifts === 2 && s.messages === 2) break;
      await sleep(200);
    }
    expect(stats[stats.length - 1]).toMatchObject({ viewers: 1, likes: 3, gifts: 2, giftValue, messages: 2, fps: 15 });

    // The time series is sampled once a second: stay live long enough for a chart to have a shape.
    const samplesDue = Date.now() + 10_000;
    while (stats.length - statsBefore < 5 && Date.now() < samplesDue) await sleep(200);
    const { broadcastId } = await session.end();
    chat.close();
    expect(session.state()).toMatchObject({ phase: 'ended', broadcastId });
    const report = history.get(broadcastId);
    expect(report.broadcast).toMatchObject({
      status: 'ended',
      uniqueViewers: 1,
      likes: 3,
      gifts: 2,
      giftValue,
      messages: 2,
    });
    expect(report.broadcast.peakViewers).toBeGreaterThanOrEqual(1);
    expect(report.topGifters).toEqual([{ userId: 'viewer_bo', nickname: 'Bo', value: giftValue, gifts: 2 }]);
    expect(report.samples.t.length).toBeGreaterThan(3);
    expect(report.samples.bitrateKbps).toContain(364);
    expect(history.list('startedAt', 'desc').broadcasts.map((b) => b.id)).toEqual([broadcastId]);
    expect((await api(base, 'GET', '/api/v1/rooms')).body).toEqual({ rooms: [] });
  });

  it('after a crash: the open broadcast becomes interrupted, and the held room can be resumed', async () => {
    session.acknowledge();
    const live = await session.goLive('Crashy', false);
    // A crash: the process dies without end(); the platform keeps the room until heartbeats stop.
    await media.stopPush();
    (
      session as unknown as { live: { timers: NodeJS.Timeout[]; tally: { close(): void } | null } | null }
    ).live?.timers.forEach(clearInterval);
    (session as unknown as { live: { tally: { close(): void } | null } }).live.tally?.close();
    storage.close();
    build();
    await account.start();
    expect(account.state()).toMatchObject({ signedIn: true, userId: 'vj_anna' });
    await session.recoverAfterCrash();
    expect(session.state().recovery).toMatchObject({ roomId: live.roomId, title: 'Crashy', roomStillLive: true });
    expect(history.get(live.broadcastId ?? '').broadcast.status).toBe('interrupted');
    const resumed = await session.resume();
    expect(resumed).toMatchObject({ phase: 'live', roomId: live.roomId, recovery: null });
    await session.end();
  });
});
