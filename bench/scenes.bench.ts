// npm run bench:scenes [-- --seconds N]: in one run, a 1080p30 scene of four items (camera 1080p with beauty
// level 5 as picture-in-picture, a 1080p "screen" as the base, an image, a text) against the camera alone
// with the same beauty and encoder settings. The screen is a lavfi pattern here (no display on this host).
// The last line is the RESULT.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Beauty } from '../main/contract/media';
import type { Scene, SceneItem } from '../main/contract/scene';
import { presets } from '../main/media/presets';
import { argSeconds, report, runPipeline } from './mediaPipelineRun';
import { sceneItem } from '../testSupport/media';

const seconds = argSeconds(15);
const level5: Beauty = { smoothing: 5, whitening: 5, ruddiness: 5, sharpness: 0, mirror: false };
const p = presets['1080p30'];
const image = join(mkdtempSync(join(tmpdir(), 'scenes-bench-')), 'logo.png');
execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'smptebars=s=320x180', '-frames:v', '1', '-y', image]);

const item = (id: string, source: SceneItem['source'], x: number, y: number, width: number, height: number) =>
  sceneItem(id, source, { x, y, width, height });
const camera = (x: number, y: number, w: number, h: number) =>
  item('cam', { kind: 'camera', deviceId: 'test', beauty: true }, x, y, w, h);
const alone: Scene = { id: 'alone', name: 'camera alone', items: [camera(0, 0, p.width, p.height)] };
const four: Scene = {
  id: 'four',
  name: 'four items',
  items: [
    item('screen', { kind: 'testPattern', pattern: 'testsrc2', tone: false }, 0, 0, p.width, p.height),
    camera(p.width - 960 - 32, p.height - 540 - 32, 960, 540),
    item('logo', { kind: 'image', path: image }, 32, 32, 320, 180),
    item(
      'title',
      { kind: 'text', text: 'Live now', live: false, fontSize: 48, color: '#ffffff', background: '#202040' },
      32,
      p.height - 112,
      640,
      80,
    ),
  ],
};

console.log(`bench:scenes — ${seconds} s of 1080p30 video per run, x264 veryfast CBR, beauty level 5`);
const a = await runPipeline({ name: 'camera alone (beauty 5)', preset: p, scene: alone, beauty: level5, seconds });
report(a);
const s = await runPipeline({ name: 'scene of four items', preset: p, scene: four, beauty: level5, seconds });
report(s);
console.log(
  `RESULT scene4_speed=${s.speed.toFixed(2)} scene4_cpu_ratio=${(s.cpuPerVideoSecond / a.cpuPerVideoSecond).toFixed(3)}`,
);
