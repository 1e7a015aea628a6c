// Issue 29's transition proof on real ffmpeg: scenes of known colours pushed to a real RTMP server and pulled
// back; a fade's middle frames are a blend of both scenes, a slide's edge moves across the picture, a
// stinger file plays over the program and the scene changes under it at its cut point; the push connects once.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scene } from '../contract/scene';
import { customPreset, MediaEngine } from './index';
import { RtmpTestServer } from '../../testSupport/rtmpTestServer';
import { FramePuller, sceneItem, sleep, until, type PulledFrame } from '../../testSupport/media';

const dir = mkdtempSync(join(tmpdir(), 'transitions-it-'));
const stingerFile = join(dir, 'stinger.mov');
const colourScene = (id: string, color: string): Scene => ({
  id,
  name: id,
  items: [
    sceneItem(
      `${id}-bg`,
      { kind: 'testPattern', pattern: 'color', color, tone: false },
      { x: 0, y: 0, width: 320, height: 180 },
    ),
  ],
});
const red = colourScene('red', '#ff0000');
const blue = colourScene('blue', '#0000ff');

const W = 160;
const H = 90;
/** Mean colour of a column band of the pulled frame (x in pulled pixels), rows away from the edges. */
const band = (f: PulledFrame, x: number, w: number) => FramePuller.mean(f, W, x, 20, w, 50);
const isRed = ([r, g, b]: number[]) => (r as number) > 180 && (g as number) < 70 && (b as number) < 70;
const isBlue = ([r, g, b]: number[]) => (b as number) > 180 && (r as number) < 70 && (g as number) < 70;
const isGreen = ([r, g, b]: number[]) => (g as number) > 150 && (r as number) < 90 && (b as number) < 90;
/** Both scenes' colours in one pixel region: a blend, neither scene alone. */
const isBlend = ([r, g, b]: number[]) =>
  (r as number) > 50 && (r as number) < 205 && (b as number) > 50 && (b as number) < 205 && (g as number) < 70;
/** Where red starts on the middle row, scanning from the left (the slide's edge), in pulled pixels. */
const redEdge = (f: PulledFrame) => {
  for (let x = 0; x < W; x++) if (isRed(FramePuller.mean(f, W, x, 40, 1, 10))) return x;
  return W;
};

let server: RtmpTestServer;
beforeAll(async () => {
  // 1 s at 30 fps: the left half opaque green, the right half transparent (qtrle keeps the alpha).
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', 'color=c=0x00ff00:s=160x180:r=30:d=1'],
    ...['-vf', 'format=rgba,pad=320:180:0:0:color=0x00000000', '-c:v', 'qtrle', '-y', stingerFile],
  ]);
  server = await RtmpTestServer.create();
}, 30000);
afterAll(async () => {
  await server?.kill();
});

describe('transitions in the pushed program (real ffmpeg, pulled back from the ingest)', () => {
  it('fades, slides and plays a stinger with its cut, the push connected once', async () => {
    const engine = new MediaEngine({
      ffmpegPath: 'ffmpeg',
      workDir: join(dir, 'work'),
      recordingsDir: join(dir, 'rec'),
      preset: customPreset('720p30', 320, 180),
    });
    await engine.setScene(red);
    await engine.start();
    engine.startPush(server.url('live/transitions'));
    await until(() => engine.push.state.state === 'live', 30000, 'push live');
    const pull = new FramePuller(server.url('live/transitions'), W, H);
    const after = (t: number) => pull.frames.filter((f) => f.pts >= t);
    try {
      await pull.waitFrames(30, 30000);
      await until(() => isRed(band(pull.frames[pull.frames.length - 1] as PulledFrame, 0, W)), 20000, 'red on air');

      // Fade red -> blue over 1 s: the middle frames carry both colours, red falling as blue rises.
      let t = engine.frameIndex / 30;
      await engine.setScene(blue, { type: 'fade', durationMs: 1000 });
      await until(() => after(t).some((f) => isBlue(band(f, 0, W))), 30000, 'blue after the fade');
      const fade = after(t).filter((f) => isBlend(band(f, 0, W)));
      const reds = fade.map((f) => band(f, 0, W)[0]);
      console.log(`fade: ${fade.length} blended frames, red ${reds.map((r) => r.toFixed(0)).join(' ')}`);
      expect(fade.length).toBeGreaterThanOrEqual(15);
      for (let i = 1; i < reds.length; i++) expect(reds[i]).toBeLessThanOrEqual((reds[i - 1] as number) + 6);
      // The whole picture blends at once (a fade, not a wipe): left and right halves alike.
      const mid = fade[Math.floor(fade.length / 2)] as PulledFrame;
      const [l, r] = [band(mid, 0, W / 2), band(mid, W / 2, W / 2)];
      expect(Math.abs((l[0] as number) - (r[0] as number))).toBeLessThan(20);

      // Slide blue -> red towards the left over 1 s: blue on the left, red on the right, the edge moving left.
      await sleep(500);
      t = engine.frameIndex / 30;
      await engine.setScene(red, { type: 'slide', durationMs: 1000, direction: 'left' });
      await until(() => after(t).some((f) => isRed(band(f, 0, W))), 30000, 'red after the slide');
      const edges = after(t)
        .map(redEdge)
        .filter((x) => x > 4 && x < W - 4);
      console.log(`slide: red edge at ${edges.join(' ')}`);
      expect(new Set(edges).size).toBeGreaterThanOrEqual(8);
      for (let i = 1; i < edges.length; i++) expect(edges[i]).toBeLessThanOrEqual((edges[i - 1] as number) + 2);

      // Stinger red -> blue, cut at 500 ms of its 1 s: green over the left half throughout; under its
      // transparent half the old scene until the cut, the new one after.
      await engine.prepareScene(blue);
      await sleep(2500);
      t = engine.frameIndex / 30;
      await engine.setScene(blue, { type: 'stinger', durationMs: 0, stinger: { path: stingerFile, cutPointMs: 500 } });
      await until(() => after(t).some((f) => isBlue(band(f, 0, W))), 30000, 'blue after the stinger');
      const played = after(t).filter((f) => isGreen(band(f, 4, W / 2 - 8)));
      const under = played.map((f) =>
        isRed(band(f, W / 2 + 4, W / 2 - 8)) ? 'r' : isBlue(band(f, W / 2 + 4, W / 2 - 8)) ? 'b' : '?',
      );
      console.log(`stinger: ${played.length} frames, under it ${under.join('')}`);
      expect(played.length).toBeGreaterThanOrEqual(26);
      const firstBlue = under.indexOf('b');
      expect(under.slice(0, firstBlue).every((c) => c === 'r' || c === '?')).toBe(true);
      expect(under.slice(firstBlue).every((c) => c === 'b')).toBe(true);
      // The cut lands at the stinger's 15th frame (500 ms at 30 fps), give or take an encoder frame.
      expect(Math.abs(firstBlue - 15)).toBeLessThanOrEqual(3);
      expect(engine.transitions.started).toMatchObject({ fade: 1, slide: 1, stinger: 1 });
    } finally {
      pull.stop();
    }
    expect(engine.push.state.connects).toBe(1);
    expect(server.publishes).toBe(1);
    await engine.stop();
  }, 180000);
});
