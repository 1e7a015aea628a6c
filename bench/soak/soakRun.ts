// A long show on the real studio: the composition root with its embedded platform, the default scene (the test
// camera with beauty 5, plus a sync clip), recording on, the preview watched, an audience in a process of its own
// (chat, viewers coming and going, gifts, co-host guests), a scene switch every minute and content safety
// sampling as the studio wires it. Samples once a minute; measures A/V sync on the pushed stream at both ends.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { writeHeapSnapshot } from 'node:v8';
import { join } from 'node:path';
import { startPlatform } from '../../platform';
import { createStudio, type Studio } from '../../main/app';
import type { EventPayload } from '../../main/contract';
import type { Scene } from '../../main/contract/scene';
import { sceneItem } from '../../testSupport/media';
import type { CrowdOptions, CrowdReply, CrowdRequest } from './crowd';
import { captureStream, makeSyncClip, measureSync, type SyncMeasure } from './syncClip';
import { checkSplit, type SplitCheck } from './recordingSplit';
import { SoakSampler, type SoakSample } from './soakSampler';

export interface SoakOptions {
  minutes: number;
  ffmpeg: string;
  /** The recording's file length; 60 is the studio's default (the hourly split). The soak's default is half the
   * run (60 at most), so that every run has a split to check before the end. */
  segmentMinutes: number;
  /** Delays the sync clip's burst at the source: the measurement must find it. */
  audioDelayMs: number;
  sampleEverySeconds: number;
  sceneEverySeconds: number;
  guestEverySeconds: number;
  guestStaysSeconds: number;
  chatPerSecond: number;
  giftEverySeconds: number;
  viewers: number;
  syncSeconds: number;
  /** A folder for heap snapshots at the first warm sample and the last (they pause the studio a few seconds). */
  heapSnapshots: string | null;
  log: (line: string) => void;
}

export const soakDefaults = (ffmpeg: string, minutes = 60): SoakOptions => ({
  minutes,
  ffmpeg,
  segmentMinutes: Math.min(60, Math.max(1, Math.floor(minutes / 2))),
  audioDelayMs: 0,
  sampleEverySeconds: 60,
  sceneEverySeconds: 60,
  guestEverySeconds: 300,
  guestStaysSeconds: 120,
  chatPerSecond: 40,
  giftEverySeconds: 10,
  viewers: 20,
  syncSeconds: 20,
  heapSnapshots: null,
  log: (line) => console.log(line),
});

export interface SoakReport {
  samples: SoakSample[];
  /** Null when the stream could not be measured (the reason is in syncProblems). */
  syncStart: SyncMeasure | null;
  syncEnd: SyncMeasure | null;
  syncProblems: string[];
  split: SplitCheck | null;
  reconnects: number;
  guests: { joined: number; live: number; left: number; failures: string[] };
  crowd: Extract<CrowdReply, { type: 'figures' }> | null;
  dataDir: string;
}

/** Where the sync clip sits on the 1920x1080 canvas. */
const SYNC_RECT = { x: 64, y: 64, width: 320, height: 180 };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const ctx = { transport: 'internal' as const, peer: 'soak' };

async function call<T>(studio: Studio, name: string, input: unknown = {}): Promise<T> {
  const reply = await studio.router.dispatch(name, input, ctx);
  if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
  return reply.value as T;
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** The default scenes, as a VJ without a camera would run them: the test camera (so beauty runs) and the sync clip. */
async function prepareScenes(studio: Studio, clip: string): Promise<{ camera: string; other: string }> {
  const state = await call<{ scenes: Scene[] }>(studio, 'scenes.state');
  const camera = state.scenes.find((s) => s.name === 'Camera');
  const other = state.scenes.find((s) => s.name === 'Be right back');
  if (!camera || !other) throw new Error('the default scenes are missing');
  const sync = (id: string) => sceneItem(id, { kind: 'mediaFile', path: clip, loop: true }, SYNC_RECT);
  const cameraScene: Scene = {
    ...camera,
    items: [
      ...camera.items.map((i) =>
        i.source.kind === 'testPattern'
          ? { ...i, source: { kind: 'camera' as const, deviceId: 'test', beauty: true } }
          : i,
      ),
      sync('sync-a'),
    ],
  };
  await call(studio, 'scenes.update', { scene: cameraScene });
  await call(studio, 'scenes.update', { scene: { ...other, items: [...other.items, sync('sync-b')] } });
  await call(studio, 'scenes.activate', { id: camera.id });
  return { camera: camera.id, other: other.id };
}

function startCrowd(o: CrowdOptions): Promise<{ child: ChildProcess; replies: CrowdReply[] }> {
  const child = fork(join(import.meta.dirname, 'crowd.ts'), [JSON.stringify(o)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const replies: CrowdReply[] = [];
  child.on('message', (m: CrowdReply) => replies.push(m));
  return new Promise((resolve, reject) => {
    // Its accounts are hashed (scrypt) one by one: on a starved machine that alone took over a minute.
    const timer = setTimeout(() => reject(new Error('the audience did not start in 5 minutes')), 300_000);
    child.on('message', (m: CrowdReply) => {
      if (m.type !== 'ready' && m.type !== 'failed') return;
      clearTimeout(timer);
      if (m.type === 'ready') resolve({ child, replies });
      else reject(new Error(`the audience failed: ${m.message}`));
    });
  });
}

export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'soak-'));
  const work = join(dataDir, 'soak');
  mkdirSync(work);
  const clip = join(work, 'sync.mkv');
  await makeSyncClip(o.ffmpeg, clip, o.audioDelayMs);
  const studio = await createStudio({
    dataDir,
    runtime: 'headless',
    appVersion: '0.0.0',
    log: (line) => o.log(`[studio] ${line}`),
    platformStarter: (p) => startPlatform(p),
    platformPorts: { http: 0, rtmp: 0 },
  });
  const sampler = new SoakSampler(studio, dataDir);
  let crowd: { child: ChildProcess; replies: CrowdReply[] } | null = null;
  try {
    await call(studio, 'account.create', { userId: 'soak_vj', password: 'soak-password', nickname: 'Soak VJ' });
    const scenes = await prepareScenes(studio, clip);
    await call(studio, 'session.goLive', { title: 'Soak', record: o.segmentMinutes === 60 });
    await until(
      async () => (await call<{ phase: string }>(studio, 'session.state')).phase === 'live',
      60_000,
      'the show to go live',
    );
    if (o.segmentMinutes !== 60) await call(studio, 'media.startRecording', { segmentMinutes: o.segmentMinutes });
    await call(studio, 'media.setBeauty', { smoothing: 5, whitening: 5, ruddiness: 5 });
    await call(studio, 'media.setPreview', { on: true });
    const account = await call<{ serverUrl: string }>(studio, 'account.state');
    const { roomId } = await call<{ roomId: string }>(studio, 'session.state');
    const room = (await (await fetch(`${account.serverUrl}/api/v1/rooms/${roomId}`)).json()) as {
      groupId: string;
      playUrls: { flv: string };
    };
    const measureOnce = async (name: string): Promise<SyncMeasure> => {
      const file = join(work, `${name}.flv`);
      await captureStream(o.ffmpeg, room.playUrls.flv, file, o.syncSeconds);
      const status = await call<{ preset: { width: number } }>(studio, 'media.status');
      const k = status.preset.width / 1920;
      // The middle of the clip's box on the output, clear of scaling at its edges.
      const rect = {
        x: Math.round((SYNC_RECT.x + SYNC_RECT.width / 4) * k),
        y: Math.round((SYNC_RECT.y + SYNC_RECT.height / 4) * k),
        width: Math.round((SYNC_RECT.width / 2) * k),
        height: Math.round((SYNC_RECT.height / 2) * k),
      };
      const m = await measureSync(o.ffmpeg, file, rect);
      o.log(`sync at ${name}: ${m.offsetMs} ms (pairs ${m.offsetsMs.join(' ')} ms)`);
      return m;
    };
    const syncProblems: string[] = [];
    /** Three tries: one failed capture on a starved machine must not lose the run's figures. */
    const syncAt = async (name: string): Promise<SyncMeasure | null> => {
      for (let attempt = 1; attempt <= 3; attempt++) {
        try {
          return await measureOnce(name);
        } catch (err) {
          syncProblems.push(`${name}, try ${attempt}: ${(err as Error).message.slice(0, 300)}`);
          o.log(`sync at ${name} could not be measured (try ${attempt}): ${(err as Error).message.slice(0, 300)}`);
        }
      }
      return null;
    };
    const syncStart = await syncAt('start');

    crowd = await startCrowd({
      httpUrl: account.serverUrl,
      imUrl: `${account.serverUrl.replace(/^http/, 'ws')}/im`,
      roomId,
      groupId: room.groupId,
      hostId: 'soak_vj',
      ffmpeg: o.ffmpeg,
      chatPerSecond: o.chatPerSecond,
      giftEverySeconds: o.giftEverySeconds,
      viewers: o.viewers,
    });
    const toCrowd = (r: CrowdRequest) => crowd?.child.send(r);
    const guests = { joined: 0, live: 0, left: 0, failures: [] as string[] };
    const guestVisit = async () => {
      toCrowd({ type: 'guestJoin' });
      const seen = crowd!.replies.length;
      let userId = '';
      await until(
        () => {
          const r = crowd!.replies.slice(seen).find((x) => x.type === 'guestJoined');
          userId = r?.type === 'guestJoined' ? r.userId : '';
          return userId !== '';
        },
        30_000,
        'a guest in the room',
      );
      guests.joined++;
      await call(studio, 'cohost.invite', { userId });
      const stateOf = async () =>
        (await call<EventPayload<'cohost.state'>>(studio, 'cohost.list')).guests.find((g) => g.userId === userId);
      await until(async () => (await stateOf())?.state === 'live', 45_000, `guest ${userId} live`);
      guests.live++;
      o.log(`guest ${userId} is live`);
      await sleep(o.guestStaysSeconds * 1000);
      await call(studio, 'cohost.remove', { userId });
      await until(async () => (await stateOf())?.state !== 'live', 20_000, `guest ${userId} gone`);
      toCrowd({ type: 'guestLeave', userId });
      guests.left++;
      o.log(`guest ${userId} left`);
    };

    const t0 = Date.now();
    const endAt = t0 + o.minutes * 60_000;
    const visits: Promise<void>[] = [];
    let nextSample = t0;
    let nextScene = t0 + o.sceneEverySeconds * 1000;
    let nextGuest = t0 + (o.guestEverySeconds / 2) * 1000;
    let onCamera = true;
    for (;;) {
      const now = Date.now();
      if (now >= nextSample) {
        const s = sampler.sample((now - t0) / 60_000);
        o.log(SoakSampler.line(s));
        const firstWarm = s.minute >= 1 && sampler.samples.filter((x) => x.minute >= 1).length === 1;
        if (o.heapSnapshots && (firstWarm || now >= endAt))
          o.log(
            `heap snapshot: ${writeHeapSnapshot(join(o.heapSnapshots, `soak-min${Math.round(s.minute)}.heapsnapshot`))}`,
          );
        nextSample += o.sampleEverySeconds * 1000;
      }
      if (now >= endAt) break;
      if (now >= nextScene) {
        onCamera = !onCamera;
        await call(studio, 'scenes.activate', { id: onCamera ? scenes.camera : scenes.other });
        nextScene += o.sceneEverySeconds * 1000;
      }
      if (now >= nextGuest) {
        // A guest who could not leave before the end is not invited.
        if (now + (o.guestStaysSeconds + 30) * 1000 < endAt)
          visits.push(
            guestVisit().catch((e: Error) => {
              guests.failures.push(e.message);
              o.log(`guest visit failed: ${e.message}`);
            }),
          );
        nextGuest += o.guestEverySeconds * 1000;
      }
      await sleep(Math.max(50, Math.min(nextSample, nextScene, nextGuest, endAt) - Date.now()));
    }
    await Promise.all(visits);
    // The hourly split happens on the stream's clock: give it time to land if the run ended just before.
    if (o.minutes >= o.segmentMinutes)
      await until(() => sampler.recordingFiles() >= 2, 180_000, 'the recording to roll to its next file').catch(
        (e: Error) => o.log(e.message),
      );
    if (!onCamera) await call(studio, 'scenes.activate', { id: scenes.camera });
    const syncEnd = await syncAt('end');
    toCrowd({ type: 'stop' });
    await new Promise((r) => crowd!.child.once('exit', r));
    const figures = crowd.replies.filter((r) => r.type === 'figures').at(-1) ?? null;
    await call(studio, 'session.end');
    // Whenever the recording rolled over (the stream's clock can run behind the wall's on a starved machine).
    const split = await checkSplit(o.ffmpeg, join(dataDir, 'recordings')).catch((e: Error) => {
      o.log(`the split could not be read: ${e.message}`);
      return null;
    });
    return {
      samples: sampler.samples,
      syncStart,
      syncEnd,
      syncProblems,
      split,
      reconnects: sampler.reconnects,
      guests,
      crowd: figures?.type === 'figures' ? figures : null,
      dataDir,
    };
  } finally {
    if (crowd && crowd.child.exitCode === null) crowd.child.kill('SIGKILL');
    sampler.close();
    await studio.close();
  }
}
