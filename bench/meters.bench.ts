// npm run bench:meters [-- --seconds N --runs R]: what the audio meters cost. In one run: the compositor of a
// 720p30 scene (test camera with beauty 5, the test pattern's tone, the test microphone) with its meters and
// the same graph without them, R times each, alternating; then the meters alone on audio-only graphs (three
// 48 kHz stereo sources, 10x the seconds). CPU is ffmpeg's own user+sys time (-benchmark). Last line: RESULT.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SceneItem } from '../main/contract/scene';
import { AudioMeters } from '../main/media/audioLevels';
import { buildCompositor } from '../main/media/sceneGraph';
import { argSeconds, offlineCompositor } from './mediaPipelineRun';
import { sceneItem } from '../testSupport/media';

const seconds = argSeconds(20);
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Math.max(1, Number(process.argv[runsAt + 1]) || 3) : 3;

const dir = mkdtempSync(join(tmpdir(), 'meters-bench-'));
writeFileSync(join(dir, 'slate.txt'), 'Back soon');
const item = (id: string, source: SceneItem['source'], width: number, height: number) =>
  sceneItem(id, source, { x: 0, y: 0, width, height });
const mix = { gainDb: 0, muted: false, noiseSuppression: false };
const plan = buildCompositor({
  scene: {
    id: 'bench',
    name: 'bench',
    items: [
      item('cam', { kind: 'camera', deviceId: 'test', beauty: true }, 1280, 720),
      item('bars', { kind: 'testPattern', pattern: 'bars', tone: true }, 320, 180),
    ],
    audio: [{ id: 'mic', name: 'Microphone', kind: 'microphone', device: 'test', mix }],
  },
  width: 1280,
  height: 720,
  fps: 30,
  platform: process.platform,
  beauty: { smoothing: 5, whitening: 5, ruddiness: 5, sharpness: 0, mirror: false },
  textDir: dir,
  ...offlineCompositor,
});
// The meter is everything from asetnsamples to the print on fd 4; gain and format stay (they are the mix's).
const unmetered = plan.filterGraph.replace(/,asetnsamples=[^;[]*?file=pipe\\\\:4/g, '');
if (unmetered.includes('astats') || unmetered === plan.filterGraph)
  throw new Error('could not take the meters out of the graph');

/** ffmpeg's own CPU seconds (user + sys) for a run. */
function cpuOf(args: string[]): number {
  const r = spawnSync('ffmpeg', ['-hide_banner', '-benchmark', ...args], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    maxBuffer: 1 << 26,
  });
  const m = /utime=([\d.]+)s stime=([\d.]+)s/.exec(String(r.stderr));
  if (!m) throw new Error(`ffmpeg failed: ${String(r.stderr).slice(-400)}`);
  return Number(m[1]) + Number(m[2]);
}

function compositor(graph: string): number {
  const args = plan.args.map((a) => (a === plan.filterGraph ? graph : a === 'warning' ? 'info' : a));
  // Both outputs end after `seconds` of media.
  for (const out of ['pipe:1', 'pipe:3']) args.splice(args.indexOf(out), 0, '-t', String(seconds));
  return cpuOf(args);
}

function audioOnly(metered: boolean): number {
  const meters = new AudioMeters();
  const src = (i: number) =>
    `sine=f=${300 + 100 * i}:r=48000,aformat=channel_layouts=stereo${metered ? meters.chain(`m${i}`) : ''}[a${i}]`;
  const graph = `${src(0)};${src(1)};${src(2)};[a0][a1][a2]amix=inputs=3,aformat=sample_fmts=s16[out]`;
  return cpuOf([
    '-filter_complex',
    graph,
    '-map',
    '[out]',
    '-t',
    String(seconds * 10),
    '-f',
    's16le',
    '-y',
    '/dev/null',
  ]);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
console.log(
  `bench:meters — compositor 720p30, ${seconds} s, ${plan.meters.length} metered sources, ${runs} runs each, alternating`,
);
const bare: number[] = [];
const metered: number[] = [];
for (let i = 0; i < runs; i++) {
  bare.push(compositor(unmetered));
  metered.push(compositor(plan.filterGraph));
}
console.log(`  without meters: ${bare.map((c) => c.toFixed(2)).join(' ')} CPU-s`);
console.log(`  with meters:    ${metered.map((c) => c.toFixed(2)).join(' ')} CPU-s`);
const a0 = audioOnly(false);
const a1 = audioOnly(true);
const perSourceMs = ((a1 - a0) * 1000) / (3 * seconds * 10);
console.log(
  `  audio only, 3 sources x ${seconds * 10} s: ${a0.toFixed(2)} CPU-s bare, ${a1.toFixed(2)} metered → ${perSourceMs.toFixed(2)} ms CPU per source-second`,
);
console.log(
  `RESULT meters_cpu_ratio=${(sum(metered) / sum(bare)).toFixed(3)} meter_ms_per_source_second=${perSourceMs.toFixed(2)}`,
);
