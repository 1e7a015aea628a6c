// Issue 9's compositor proof: a scene of a camera test pattern, a coloured "screen", an image and a text
// item, pushed to a real RTMP server and recorded; moving an item and switching scenes change the pulled
// picture within 300 ms of stream time, the push never reconnects and the recording has no gap.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scene, SceneItem } from '../contract/scene';
import { customPreset, MediaEngine } from './index';
import { RtmpTestServer } from '../../testSupport/rtmpTestServer';
import { FramePuller, probePackets, sceneItem, sleep, until, type PulledFrame } from '../../testSupport/media';

const dir = mkdtempSync(join(tmpdir(), 'scenes-it-'));
const redPng = join(dir, 'red.png');
const item = (id: string, source: SceneItem['source'], x: number, y: number, width: number, height: number) =>
  sceneItem(id, source, { x, y, width, height });
const sceneA: Scene = {
  id: 'a',
  name: 'Four items',
  items: [
    item('cam', { kind: 'camera', deviceId: 'test', beauty: true }, 0, 0, 160, 90),
    item('screen', { kind: 'testPattern', pattern: 'color', color: '#00c000', tone: true }, 160, 0, 160, 90),
    item('image', { kind: 'image', path: redPng }, 0, 90, 160, 90),
    item(
      'text',
      { kind: 'text', text: 'LIVE {viewers}', live: true, fontSize: 20, color: '#ffffff', background: '#0000ff' },
      160,
      90,
      160,
      90,
    ),
  ],
};
const sceneB: Scene = {
  id: 'b',
  name: 'Two bands',
  items: [
    item(
      'text',
      { kind: 'text', text: 'BREAK', live: false, fontSize: 20, color: '#ffffff', background: '#0000ff' },
      0,
      0,
      320,
      90,
    ),
    item('image', { kind: 'image', path: redPng }, 0, 90, 320, 90),
  ],
};

const W = 160;
const H = 90;
const region = (f: PulledFrame, x: number, y: number) =>
  FramePuller.mean(f, W, x / 2 + 8, y / 2 + 8, 80 / 2 + 24, 90 / 2 - 16);
const isGreen = ([r, g, b]: number[]) => (g as number) > 130 && (r as number) < 80 && (b as number) < 80;
const isRed = ([r, g, b]: number[]) => (r as number) > 160 && (g as number) < 80 && (b as number) < 80;
const isBlue = ([r, , b]: number[]) => (b as number) > 150 && (r as number) < 110;
const isBlack = (c: number[]) => c.every((v) => v < 40);

let server: RtmpTestServer;
beforeAll(async () => {
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'color=c=0xff0000:s=160x90',
    '-frames:v',
    '1',
    '-y',
    redPng,
  ]);
  server = await RtmpTestServer.create();
}, 30000);
afterAll(async () => {
  await server?.kill();
});

describe('compositor on real ffmpeg, pulled back from the ingest', () => {
  it('shows each item in its region, moves and switches live within 300 ms, never reconnects, records without a gap', async () => {
    const rec = join(dir, 'rec');
    const engine = new MediaEngine({
      ffmpegPath: 'ffmpeg',
      workDir: join(dir, 'work'),
      recordingsDir: rec,
      preset: customPreset('720p30', 320, 180),
    });
    await engine.setScene(sceneA);
    engine.setLiveFigures({ viewers: 7 });
    await engine.start();
    const puller = (() => {
      engine.startPush(server.url('live/scene'));
      engine.startRecording(60);
      return null;
    })();
    void puller;
    await until(
      () => engine.push.state.state === 'live' && engine.record.state.state === 'live',
      30000,
      'push and recording live',
    );
    const pull = new FramePuller(server.url('live/scene'), W, H);
    try {
      await pull.waitFrames(30);
      const f = pull.frames[pull.frames.length - 1] as PulledFrame;
      const cam = region(f, 0, 0);
      console.log('regions', { cam, screen: region(f, 160, 0), image: region(f, 0, 90), text: region(f, 160, 90) });
      expect(isGreen(region(f, 160, 0))).toBe(true);
      expect(isRed(region(f, 0, 90))).toBe(true);
      expect(isBlue(region(f, 160, 90))).toBe(true);
      expect(isGreen(cam) || isRed(cam) || isBlue(cam) || isBlack(cam)).toBe(false);

      // Move the screen over the camera: a command to its overlay.
      const moved: Scene = {
        ...sceneA,
        items: sceneA.items.map((i) => (i.id === 'screen' ? { ...i, rect: { ...i.rect, x: 0 } } : i)),
      };
      let t = engine.frameIndex / 30;
      expect(await engine.setScene(moved)).toBe('commands');
      await pull.waitFrames(pull.frames.length + 30);
      const movedAt = pull.frames.find((x) => x.pts >= t && isGreen(region(x, 0, 0)) && isBlack(region(x, 160, 0)));
      const moveMs = movedAt ? (movedAt.pts - t) * 1000 : Infinity;
      console.log(`move visible after ${moveMs.toFixed(0)} ms of stream time`);
      expect(moveMs).toBeLessThanOrEqual(300);

      // Switch scenes: the next scene's compositor is prepared (studio mode), the cut is a relay switch.
      await engine.prepareScene(sceneB);
      await sleep(2500);
      t = engine.frameIndex / 30;
      expect(await engine.setScene(sceneB)).toBe('rebuild');
      await pull.waitFrames(pull.frames.length + 30);
      const switchedAt = pull.frames.find(
        (x) =>
          x.pts >= t &&
          isBlue(region(x, 0, 0)) &&
          isBlue(region(x, 160, 0)) &&
          isRed(region(x, 0, 90)) &&
          isRed(region(x, 160, 90)),
      );
      const switchMs = switchedAt ? (switchedAt.pts - t) * 1000 : Infinity;
      console.log(`scene switch visible after ${switchMs.toFixed(0)} ms of stream time`);
      expect(switchMs).toBeLessThanOrEqual(300);

      // And back without preparing: a new compositor starts behind the stage; the last frame holds meanwhile.
      t = engine.frameIndex / 30;
      await engine.setScene(sceneA);
      await pull.waitFrames(pull.frames.length + 45, 30000);
      await until(
        () =>
          pull.frames.some(
            (x) => x.pts >= t && isRed(region(x, 0, 90)) && isBlue(region(x, 160, 90)) && isGreen(region(x, 160, 0)),
          ),
        15000,
        'scene A back',
      );
      const back = pull.frames.find((x) => x.pts >= t && isGreen(region(x, 160, 0))) as PulledFrame;
      console.log(`unprepared switch visible after ${((back.pts - t) * 1000).toFixed(0)} ms of stream time`);
    } finally {
      pull.stop();
    }
    expect(engine.push.state.connects).toBe(1);
    expect(server.publishes).toBe(1);
    await engine.stopRecording();
    await engine.stop();

    const files = readdirSync(rec).filter((x) => x.endsWith('.mp4'));
    expect(files.length).toBe(1);
    for (const stream of ['v:0', 'a:0'] as const) {
      const packets = await probePackets(join(rec, files[0] as string), stream);
      const pts = packets.map((p) => p.pts).sort((a, b) => a - b);
      let worst = 0;
      for (let i = 1; i < pts.length; i++) worst = Math.max(worst, (pts[i] as number) - (pts[i - 1] as number));
      console.log(`${stream}: ${pts.length} packets, largest step ${(worst * 1000).toFixed(1)} ms`);
      expect(worst).toBeLessThanOrEqual(0.1);
    }
  }, 120000);
});
