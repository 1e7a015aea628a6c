// The engine with real ffmpeg on lavfi sources and a real RTMP server (node-media-server) on loopback:
// segments, keyframes, the push surviving its server, a recorder killed mid-file, live beauty changes.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingsLibrary, probeDuration } from '../recordings';
import { customPreset, MediaEngine, type PreviewFrame } from './index';
import { RtmpTestServer } from '../../testSupport/rtmpTestServer';
import { FramePuller, probePackets, probeStreams, sleep, until } from '../../testSupport/media';

const decodes = (file: string) =>
  new Promise<string>((resolve) =>
    execFile('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], (_e, _o, stderr) =>
      resolve(String(stderr).trim()),
    ),
  );

let server: RtmpTestServer;
beforeAll(async () => {
  server = await RtmpTestServer.create();
}, 30000);
afterAll(async () => {
  await server?.kill();
});

function newEngine() {
  const dir = mkdtempSync(join(tmpdir(), 'media-it-'));
  const engine = new MediaEngine({
    ffmpegPath: 'ffmpeg',
    workDir: join(dir, 'work'),
    recordingsDir: join(dir, 'rec'),
    preset: customPreset('720p30', 320, 180),
    pushBackoffMs: [300, 600, 1000],
  });
  return { engine, rec: join(dir, 'rec') };
}

/** A baseline JPEG's size, from its start-of-frame marker. */
function jpegSize(jpeg: Buffer): { width: number; height: number } | null {
  for (let i = 2; i + 8 < jpeg.length;) {
    if (jpeg[i] !== 0xff) return null;
    const marker = jpeg[i + 1] as number;
    if (marker === 0xc0 || marker === 0xc1)
      return { height: jpeg.readUInt16BE(i + 5), width: jpeg.readUInt16BE(i + 7) };
    i += 2 + jpeg.readUInt16BE(i + 2);
  }
  return null;
}

describe('media engine on real ffmpeg and a real RTMP server', () => {
  it('sends the preview the compositor makes while someone watches, through a rebuild, and none after', async () => {
    const { engine } = newEngine();
    await engine.start();
    try {
      const frames: PreviewFrame[] = [];
      const stop = engine.onPreviewFrame((f) => frames.push(f));
      expect(engine.status().preview).toBe(true);
      await until(() => frames.length >= 10, 20000, 'preview frames');
      const n0 = frames.length;
      const t0 = Date.now();
      await sleep(2000);
      const fps = ((frames.length - n0) * 1000) / (Date.now() - t0);
      console.log(`preview: ${fps.toFixed(1)} JPEGs per second`);
      expect(fps).toBeGreaterThan(10);
      expect(fps).toBeLessThan(20);
      const last = frames[frames.length - 1] as PreviewFrame;
      expect([last.jpeg[0], last.jpeg[1], last.jpeg[last.jpeg.length - 2], last.jpeg[last.jpeg.length - 1]]).toEqual([
        0xff, 0xd8, 0xff, 0xd9,
      ]);
      expect(jpegSize(last.jpeg)).toEqual({ width: 320, height: 180 });
      expect({ width: last.width, height: last.height }).toEqual({ width: 320, height: 180 });
      // The test pattern moves: two frames a second apart are different pictures.
      expect(frames[frames.length - 15]?.jpeg.equals(last.jpeg)).toBe(false);

      // A new compositor (here: the devices tried again) keeps the preview coming.
      await engine.retryLostSources();
      const n1 = frames.length;
      await until(() => frames.length >= n1 + 10, 15000, 'preview after a rebuild');

      stop();
      expect(engine.status().preview).toBe(false);
      const n2 = frames.length;
      await sleep(700);
      expect(frames.length).toBe(n2);
    } finally {
      await engine.stop();
    }
  }, 60000);

  it('records contiguous 4 s segments while the push survives its server, and repairs a killed recording', async () => {
    const { engine, rec } = newEngine();
    await engine.start();
    try {
      engine.startPush(server.url('live/seg'));
      await until(() => engine.push.state.state === 'live', 30000, 'push live');
      const streams = await probeStreams(server.url('live/seg'));
      expect(streams.find((s) => s.codec_type === 'video')).toMatchObject({
        codec_name: 'h264',
        width: 320,
        height: 180,
      });
      expect(streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });

      engine.startRecording(4);
      await until(() => engine.record.state.state === 'live', 20000, 'recording live');
      const recStart = Date.now();
      await sleep(4000);
      await server.kill();
      await until(() => engine.push.state.state === 'reconnecting', 10000, 'push reconnecting');
      expect(engine.push.state.detail).toMatch(/reconnecting \(attempt \d+\)/);
      expect(engine.push.state.reason).toBe('connection_lost');
      await sleep(1500);
      // Redialled while nothing listens: each attempt says why, typed.
      expect(engine.push.state).toMatchObject({ state: 'reconnecting', reason: 'connection_refused' });
      const restartedAt = Date.now();
      await server.start();
      await until(() => engine.push.state.state === 'live', 15000, 'push back');
      const resumeMs = Date.now() - restartedAt;
      expect(engine.push.state.reason).toBeNull();
      console.log(`push resumed ${resumeMs} ms after the server came back`);
      expect(resumeMs).toBeLessThan(5000);
      await sleep(Math.max(0, 12500 - (Date.now() - recStart)));
      await engine.stopRecording();

      const csv = readdirSync(rec).find((f) => f.endsWith('.csv')) as string;
      const rows = readFileSync(join(rec, csv), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(','));
      const files = rows.map((r) => join(rec, r[0] as string));
      expect(files.length).toBeGreaterThanOrEqual(3);
      let sum = 0;
      for (let i = 0; i < files.length; i++) {
        const file = files[i] as string;
        const info = await probeStreams(file);
        expect(info.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
        const video = await probePackets(file, 'v:0');
        expect(video[0]?.key).toBe(true);
        const keys = video.filter((p) => p.key).map((p) => p.pts);
        for (let k = 1; k < keys.length; k++)
          expect(Math.abs((keys[k] as number) - (keys[k - 1] as number) - 2)).toBeLessThan(0.05);
        for (let k = 1; k < video.length; k++)
          expect((video[k] as { pts: number }).pts - (video[k - 1] as { pts: number }).pts).toBeLessThanOrEqual(0.1);
        const last = video[video.length - 1] as { pts: number; duration: number };
        sum += last.pts + (last.duration || 1 / 30) - (video[0]?.pts ?? 0);
        // Contiguous: each segment starts where the previous one ended.
        if (i > 0) expect(Math.abs(Number(rows[i]?.[1]) - Number(rows[i - 1]?.[2]))).toBeLessThan(0.05);
      }
      const span = Number(rows[rows.length - 1]?.[2]) - Number(rows[0]?.[1]);
      console.log(`segments ${files.length}, durations add up to ${sum.toFixed(2)} s, span ${span.toFixed(2)} s`);
      expect(Math.abs(sum - span)).toBeLessThan(0.5);
      expect(sum).toBeGreaterThan(11);

      // A recorder killed with SIGKILL mid-file: the file plays, the recorder comes back by itself.
      engine.startRecording(60);
      await until(() => engine.record.state.state === 'live', 20000, 'second recording live');
      await sleep(3000);
      const pid = engine.record.pid as number;
      const killed = engine.record.currentFile as string;
      process.kill(pid, 'SIGKILL');
      await until(
        () => engine.record.pid !== undefined && engine.record.pid !== pid && engine.record.state.state === 'live',
        10000,
        'recorder restarted',
      );
      expect(await decodes(killed)).toBe('');
      expect((await probePackets(killed, 'v:0')).length).toBeGreaterThan(45);
      await engine.stopRecording();
    } finally {
      await engine.stop();
    }
    // The next start finds the killed file unfinished and repairs it into a plain MP4.
    const killedName = readdirSync(rec).filter((f) => f.endsWith('.open.json'));
    expect(killedName.length).toBe(1);
    const library = new RecordingsLibrary(rec, 'ffmpeg');
    const repaired = await library.repairUnfinished();
    expect(repaired.length).toBe(1);
    expect(repaired[0]?.ok).toBe(true);
    expect(await probeDuration('ffmpeg', repaired[0]?.file as string)).toBeGreaterThan(2);
    const listed = await library.list();
    expect(listed.find((r) => r.path === repaired[0]?.file)?.repaired).toBe(true);
    expect(readdirSync(rec).filter((f) => f.endsWith('.open.json'))).toEqual([]);
  }, 120000);

  it('changes beauty while pushing: the pulled frames change, the push never reconnects', async () => {
    const { engine } = newEngine();
    await engine.start();
    const publishesBefore = server.publishes;
    try {
      engine.startPush(server.url('live/beauty'));
      await until(() => engine.push.state.state === 'live', 30000, 'push live');
      const puller = new FramePuller(server.url('live/beauty'), 64, 36);
      try {
        await puller.waitFrames(40);
        const requestedFrame = engine.frameIndex;
        engine.setBeauty({ whitening: 9, smoothing: 9 });
        const n = puller.frames.length;
        await puller.waitFrames(n + 45);
        const luma = (f: (typeof puller.frames)[number]) => {
          const [r, g, b] = FramePuller.mean(f, 64, 0, 0, 64, 36);
          return 0.299 * r + 0.587 * g + 0.114 * b;
        };
        // The frame the relay writes at tick n has the timestamp n/30 plus a constant start shift of the
        // whole stream (AAC's priming samples move the mux's zero by 1024/48000 s): read the shift off the
        // pulled frames' own grid, so the call is placed at the stream time of the frame being written then.
        const shifts = puller.frames.map((f) => (((f.pts * 30) % 1) + 1) % 1).sort((a, b) => a - b);
        const shift = (shifts[Math.floor(shifts.length / 2)] ?? 0) / 30;
        const t = requestedFrame / 30 + shift;
        const before = puller.frames.filter((f) => f.pts < t - 0.1);
        const after = puller.frames.filter((f) => f.pts > t + 0.5);
        const avg = (fs: typeof before, of = luma) => fs.reduce((s, f) => s + of(f), 0) / fs.length;
        const base = avg(before);
        console.log(`mean luma before ${base.toFixed(1)}, after ${avg(after).toFixed(1)}`);
        expect(avg(after) - base).toBeGreaterThan(12);
        const first = puller.frames.find((f) => f.pts >= t && luma(f) - base > 8);
        const latencyMs = first ? (first.pts - t) * 1000 : Infinity;
        console.log(
          `beauty change visible ${latencyMs.toFixed(0)} ms of stream time after the call (stream shift ${(shift * 1000).toFixed(1)} ms)`,
        );
        // Stream time, not wall time: the zmq command applies on the compositor's next frame, the relay holds at
        // most two frames; the figure is 200 ms.
        expect(latencyMs).toBeLessThanOrEqual(200);

        // Ruddiness is its own small table on Cr, changed by its own command: the picture turns redder.
        const warmth = (f: (typeof puller.frames)[number]) => {
          const [r, g] = FramePuller.mean(f, 64, 0, 0, 64, 36);
          return r - g;
        };
        const ruddyFrom = engine.frameIndex / 30;
        const coolAvg = avg(puller.frames.slice(-10), warmth);
        engine.setBeauty({ ruddiness: 9 });
        await puller.waitFrames(puller.frames.length + 30);
        const ruddy = puller.frames.filter((f) => f.pts > ruddyFrom + 0.5);
        console.log(`red minus green before ${coolAvg.toFixed(1)}, after ${avg(ruddy, warmth).toFixed(1)}`);
        expect(avg(ruddy, warmth) - coolAvg).toBeGreaterThan(5);

        // The safety slate, switched by a runtime command (issue 10): the whole picture becomes the slate.
        const slateFrom = engine.frameIndex / 30;
        engine.setSafetyMask('slate');
        await puller.waitFrames(puller.frames.length + 30);
        const slate = puller.frames.filter((f) => f.pts > slateFrom + 0.4);
        expect(slate.length).toBeGreaterThan(5);
        const [r, g, b] = FramePuller.mean(slate[slate.length - 1] as (typeof puller.frames)[number], 64, 0, 0, 64, 8);
        expect(Math.max(r, g, b)).toBeLessThan(70); // the dark slate at the top of the frame, where the pattern is bright
        engine.setSafetyMask('none');
      } finally {
        puller.stop();
      }
      expect(engine.push.state.connects).toBe(1);
      expect(server.publishes - publishesBefore).toBe(1);
    } finally {
      await engine.stop();
    }
  }, 90000);
});
