// Joint broadcasting end to end on loopback, with real parts only: the platform (API, chat hub, RTMP ingest
// with HTTP-FLV), the studio's media engine pushing to it and recording, the studio's real chat adapter,
// and scripted guests (a real chat client + a real ffmpeg publishing a red or green picture). The VJ's
// stream is pulled back from the ingest over HTTP-FLV and its pixels read where the guest should be.
import { readdirSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signUp, tempPlatform, type StreamEvent } from '../../testSupport/platform';
import { PlatformChatService } from '../chat';
import type { ChatItem } from '../contract/chat';
import type { Scene } from '../contract/scene';
import { customPreset, MediaEngine } from '../media';
import { FramePuller, probePackets, sleep, until } from '../../testSupport/media';
import { PlatformClient } from '../platformClient';
import { defaultFfmpegLocation } from '../system';
import { CohostService } from './cohostService';
import { guestRects } from './layouts';
import { ScriptedGuest, type InviteAnswer } from '../../testSupport/scriptedGuest';

const loc = defaultFfmpegLocation();
const ffmpeg = loc.found ? loc.path : 'ffmpeg';
const W = 320;
const H = 180;

const blueScene: Scene = {
  id: 'program',
  name: 'Program',
  items: [
    {
      id: 'bg',
      name: 'Blue',
      source: { kind: 'testPattern', pattern: 'color', color: '#2040ff', tone: true },
      rect: { x: 0, y: 0, width: W, height: H },
      crop: { top: 0, right: 0, bottom: 0, left: 0 },
      opacity: 1,
      visible: true,
      locked: false,
    },
  ],
};

let p: Awaited<ReturnType<typeof tempPlatform>>;
let engine: MediaEngine;
let cohost: CohostService;
let chat: PlatformChatService;
let puller: FramePuller;
let room: { roomId: string; groupId: string; pushUrl: string; playUrls: { flv: string } };
let vjStream = '';
let recDir = '';
const ingestEvents: StreamEvent[] = [];
const guests: ScriptedGuest[] = [];
let guestNo = 0;

async function newGuest(answer: InviteAnswer, color = 'red'): Promise<ScriptedGuest> {
  const userId = `guest_${++guestNo}_${answer}`;
  const s = await signUp(p.httpUrl, userId);
  const g = await ScriptedGuest.join({
    imUrl: p.imUrl,
    token: s.token,
    userId,
    hostId: 'vj_cohost',
    groupId: room.groupId,
    ffmpegPath: ffmpeg,
    color,
    answer,
  });
  guests.push(g);
  return g;
}

/** Mean colour of the first guest's picture-in-picture box (inset by 4 px) in the pulled frame. */
function pipColour(frameIndex: number): [number, number, number] {
  const r = guestRects('pip', 1, W, H)[0]!;
  const f = puller.frames[frameIndex]!;
  return FramePuller.mean(f, W, r.x + 4, r.y + 4, r.width - 8, r.height - 8);
}
const isRed = ([r, g, b]: number[]) => r! > 150 && g! < 90 && b! < 90;
const isBlue = ([r, , b]: number[]) => b! > 150 && r! < 90;
const framesAfter = (t: number) => puller.frames.map((f, i) => ({ f, i })).filter(({ f }) => f.at >= t);

beforeAll(async () => {
  // Heartbeats are the session's business; here the room must simply stay live for the whole run.
  p = await tempPlatform({ heartbeatSeconds: 3600 });
  p.events.on('stream', (e) => ingestEvents.push(e));
  const vj = await signUp(p.httpUrl, 'vj_cohost');
  room = (await api<typeof room>(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Co-host test' }, vj.token)).body;
  vjStream = room.pushUrl.split('?')[0]!.split('/').pop()!;

  const dir = mkdtempSync(join(tmpdir(), 'cohost-it-'));
  recDir = join(dir, 'rec');
  engine = new MediaEngine({
    ffmpegPath: ffmpeg,
    workDir: join(dir, 'work'),
    recordingsDir: recDir,
    preset: customPreset('720p30', W, H),
    pushBackoffMs: [300, 600, 1000],
  });
  await engine.start();
  await engine.setScene(blueScene);
  engine.startPush(room.pushUrl);
  engine.startRecording(3600);
  await until(
    () => engine.push.state.state === 'live' && engine.record.state.state === 'live',
    30_000,
    'push and recording live',
  );

  chat = new PlatformChatService({
    platformUrl: p.httpUrl,
    token: vj.token,
    userId: 'vj_cohost',
    groupId: room.groupId,
    imUrl: p.imUrl,
  });
  await chat.connect();
  const client = new PlatformClient({ baseUrl: p.httpUrl, token: vj.token });
  cohost = new CohostService({
    chat: {
      sendCustom: async (payload, to) => void (await chat.sendCustom(payload, { to })),
      onItems: (l) => chat.onEvent((e) => e.type === 'items' && l(e.items as ChatItem[])),
    },
    guestStream: (userId) => client.guestStream(room.roomId, userId),
    media: () => engine,
    ffmpegPath: ffmpeg,
    limits: { inviteTimeoutMs: 1500, arrivalTimeoutMs: 15_000 },
  });
  puller = new FramePuller(room.playUrls.flv, W, H);
  await puller.waitFrames(10, 20_000);
}, 60_000);

afterAll(async () => {
  for (const g of guests) g.close();
  puller?.stop();
  await cohost?.close();
  await chat?.disconnect();
  await engine?.stop();
  await p?.cleanup();
}, 30_000);

describe('joint broadcasting on loopback', () => {
  it('shows an accepted guest where the layout puts them only after "joined", and not after "left"', async () => {
    const g = await newGuest('accept', 'red');
    const before = puller.frames.length;
    await cohost.invite(g.userId);
    await until(() => g.roomNotices.some((n) => n.type === 'cohost.joined'), 20_000, '"joined" in the room');
    const joinedAt = g.roomNotices.find((n) => n.type === 'cohost.joined')!.at;
    expect(cohost.controller.get(g.userId)?.state).toBe('live');
    // Before the guest's frames reached the composite the box was the VJ's blue.
    expect(isBlue(pipColour(before))).toBe(true);
    // Once the room heard "joined", the VJ's stream shows the guest's red in the picture-in-picture box.
    await until(() => framesAfter(joinedAt + 1500).length >= 10, 10_000, 'frames after joined');
    const after = framesAfter(joinedAt + 1500).slice(0, 10);
    for (const { i } of after)
      expect(isRed(pipColour(i)), `frame ${i}: ${pipColour(i).map(Math.round).join(',')}`).toBe(true);
    // The rest of the picture stays the VJ's.
    const f = after[0]!.f;
    expect(isBlue(FramePuller.mean(f, W, 10, 10, 100, 60))).toBe(true);
    // The panel's state carries the guest's audio level (their 660 Hz tone).
    await until(
      () => (cohost.state().guests.find((x) => x.userId === g.userId)?.audioLevel ?? -99) > -40,
      5000,
      'audio level',
    );

    await cohost.remove(g.userId);
    // The notice and the guest's "end" travel through the hub: wait for them to arrive, then check their order.
    await until(
      () => g.roomNotices.some((n) => n.type === 'cohost.left') && g.received.some((m) => m.type === 'cohost.end'),
      5000,
      '"left" in the room',
    );
    const leftAt = g.roomNotices.find((n) => n.type === 'cohost.left')?.at ?? 0;
    expect(leftAt).toBeGreaterThan(joinedAt);
    expect(g.received.map((m) => m.type)).toEqual(['cohost.invite', 'cohost.start', 'cohost.end']);
    await until(() => framesAfter(leftAt + 2000).length >= 10, 10_000, 'frames after left');
    for (const { i } of framesAfter(leftAt + 2000).slice(0, 10)) expect(isBlue(pipColour(i))).toBe(true);
    console.log(
      `joined→red checked on ${after.length} frames; left→blue checked; push connects ${engine.push.state.connects}`,
    );
  }, 60_000);

  it('ends an invitation on decline, on timeout and on cancel, telling the viewer each time', async () => {
    const declining = await newGuest('decline');
    await cohost.invite(declining.userId);
    await until(() => cohost.controller.get(declining.userId)?.state === 'ended', 5000, 'decline');
    expect(cohost.controller.get(declining.userId)?.endReason).toBe('declined');

    const silent = await newGuest('ignore');
    const t0 = Date.now();
    await cohost.invite(silent.userId);
    await silent.waitFor((m) => m.type === 'cohost.cancel');
    expect(silent.received.at(-1)).toMatchObject({ type: 'cohost.cancel', reason: 'timeout' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);
    expect(cohost.controller.get(silent.userId)?.endReason).toBe('timeout');

    const cancelled = await newGuest('ignore');
    await cohost.invite(cancelled.userId);
    await cancelled.waitFor((m) => m.type === 'cohost.invite');
    await cohost.cancel(cancelled.userId);
    await cancelled.waitFor((m) => m.type === 'cohost.cancel');
    expect(cancelled.received.at(-1)).toMatchObject({ type: 'cohost.cancel', reason: 'cancelled' });
    // A late accept of the cancelled invitation changes nothing.
    cancelled.c2c({ type: 'cohost.accept', inviteId: (cancelled.received[0] as { inviteId: string }).inviteId });
    await sleep(500);
    expect(cohost.controller.get(cancelled.userId)).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    // Nobody was announced.
    expect(declining.roomNotices.filter((n) => n.userId !== guests[0]!.userId)).toEqual([]);
  }, 30_000);

  it('takes a guest who vanishes (publisher killed) off the composite within 5 s, "left" first', async () => {
    const g = await newGuest('accept', 'red');
    await cohost.invite(g.userId);
    await until(() => cohost.controller.get(g.userId)?.state === 'live', 20_000, 'guest live');
    await until(() => puller.frames.length > 0 && isRed(pipColour(puller.frames.length - 1)), 10_000, 'red on air');
    const killedAt = Date.now();
    g.vanish();
    await until(() => cohost.controller.get(g.userId)?.state === 'ended', 8000, 'guest lost');
    const detectedMs = Date.now() - killedAt;
    console.log(`vanished guest detected after ${detectedMs} ms`);
    expect(detectedMs).toBeLessThan(5000);
    expect(cohost.controller.get(g.userId)?.endReason).toBe('lost');
    await until(() => g.roomNotices.some((n) => n.type === 'cohost.left' && n.userId === g.userId), 3000, '"left"');
    await g.waitFor((m) => m.type === 'cohost.end');
    await until(() => framesAfter(Date.now() - 1).length > 0, 5000, 'a frame');
    const settled = Date.now() + 2000;
    await until(() => framesAfter(settled).length >= 5, 10_000, 'frames after the loss');
    for (const { i } of framesAfter(settled).slice(0, 5)) expect(isBlue(pipColour(i))).toBe(true);
  }, 40_000);

  it('ends every guest cleanly when the VJ ends the show; the push never reconnected and the recording has no gap', async () => {
    const on = await newGuest('accept', 'red');
    await cohost.invite(on.userId);
    await until(() => cohost.controller.get(on.userId)?.state === 'live', 20_000, 'guest live');
    const invited = await newGuest('ignore');
    await cohost.invite(invited.userId);
    await cohost.endAll();
    expect(cohost.controller.get(on.userId)).toMatchObject({ state: 'ended', endReason: 'show_ended' });
    expect(cohost.controller.get(invited.userId)).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    await on.waitFor((m) => m.type === 'cohost.end' && m.reason === 'show_ended');
    await until(() => on.roomNotices.some((n) => n.type === 'cohost.left' && n.userId === on.userId), 3000, '"left"');
    await sleep(1500);

    // The VJ's push: one connection for the whole test, no attempt to reconnect; the ingest saw one publish.
    expect(engine.push.state).toMatchObject({ state: 'live', connects: 1, attempt: 0 });
    const vjEvents = ingestEvents.filter((e) => e.stream_id === vjStream);
    expect(vjEvents.map((e) => e.event_type)).toEqual([1]);

    await engine.stopRecording();
    const files = readdirSync(recDir).filter((f) => !f.endsWith('.csv') && !f.endsWith('.json'));
    expect(files.length).toBe(1);
    const packets = await probePackets(join(recDir, files[0]!), 'v:0');
    let maxGap = 0;
    for (let k = 1; k < packets.length; k++) maxGap = Math.max(maxGap, packets[k]!.pts - packets[k - 1]!.pts);
    const span = packets.at(-1)!.pts - packets[0]!.pts;
    console.log(
      `recording: ${packets.length} video packets over ${span.toFixed(2)} s, largest gap ${(maxGap * 1000).toFixed(0)} ms; push connects ${engine.push.state.connects}`,
    );
    expect(maxGap).toBeLessThanOrEqual(0.1);
    expect(span).toBeGreaterThan(10);
  }, 60_000);
});
