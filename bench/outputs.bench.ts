// npm run bench:outputs [-- --seconds N --rounds R]: the CPU of the one encode (compositor, encoder and this
// process, which publishes every RTMP push) with 1 destination and with 4, and with a vertical 720x1280
// canvas on (its own compositor and encoder, pushed to one destination) and off, in one run. Every
// configuration runs once per round, rounds interleave them, ratios are taken within a round and the
// medians reported (this machine's CPU time moves by up to a third from one minute to the next).
// The ingest is node-media-server in its own process, not counted. The last line is the RESULT.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Preset } from '../main/contract/media';
import type { Scene } from '../main/contract/scene';
import { neutralBeauty } from '../main/media/beautyFilter';
import { encoderStageArgs, streamMetadata } from '../main/media/encoderCommand';
import { cpuSecondsOf, ffmpegEnv } from '../main/media/ffmpegProcess';
import { presets } from '../main/media/presets';
import { PushOutput } from '../main/media/pushOutput';
import { buildCompositor } from '../main/media/sceneGraph';
import { TsFanout } from '../main/media/tsFanout';
import { RtmpTestServer } from '../testSupport/rtmpTestServer';
import { argNumber, argSeconds, median } from './mediaPipelineRun';

const seconds = argSeconds(10);
const rounds = argNumber('--rounds', 3);
const landscape = presets['720p30'];
const vertical: Preset = { ...landscape, width: 720, height: 1280 };
const env = ffmpegEnv();
const pipes = { stdio: ['pipe', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe'] as 'pipe'[], env };

function cameraScene(p: Preset): Scene {
  const rect = { x: 0, y: 0, width: p.width, height: p.height };
  const crop = { top: 0, right: 0, bottom: 0, left: 0 };
  const source = { kind: 'camera' as const, deviceId: 'test', beauty: false };
  return {
    id: 'bench',
    name: 'camera',
    items: [{ id: 'cam', name: 'camera', source, rect, crop, opacity: 1, visible: true, locked: false }],
  };
}

interface Encode {
  children: ChildProcess[];
  pushes: PushOutput[];
  done: Promise<void>;
}

/** One canvas: its compositor piped into its encoder, the TS fanned out to `urls`, each a push of its own. */
function encode(p: Preset, urls: string[]): Encode {
  const dir = mkdtempSync(join(tmpdir(), 'outputs-bench-'));
  writeFileSync(join(dir, 'slate.txt'), 'Back soon');
  const plan = buildCompositor({
    scene: cameraScene(p),
    width: p.width,
    height: p.height,
    fps: p.fps,
    platform: process.platform,
    beauty: neutralBeauty,
    safetyMask: 'none',
    textDir: dir,
    guestUrls: {},
    placeholders: {},
    microphone: null,
    realtime: false,
  });
  const args = plan.args.flatMap((a) => (/^pipe:[135]$/.test(a) ? ['-t', String(seconds), a] : [a]));
  const comp = spawn('ffmpeg', args, pipes);
  const enc = spawn('ffmpeg', encoderStageArgs({ preset: p, encoder: 'libx264' }), pipes);
  for (const c of [comp, enc]) for (const s of c.stdio) (s as NodeJS.EventEmitter | null)?.on('error', () => {});
  comp.stdout?.pipe(enc.stdin as NodeJS.WritableStream);
  (comp.stdio[3] as NodeJS.ReadableStream).pipe(enc.stdio[3] as NodeJS.WritableStream);
  for (const fd of [2, 4, 5]) (comp.stdio[fd] as NodeJS.ReadableStream | null)?.on('data', () => {});
  enc.stderr?.on('data', () => {});
  const fanout = new TsFanout();
  enc.stdout?.on('data', (d: Buffer) => fanout.push(d));
  const pushes = urls.map((url) => {
    const push = new PushOutput(() => fanout, { metadata: () => streamMetadata(p) });
    push.start(url);
    return push;
  });
  const done = new Promise<void>((resolve) => (enc.exitCode !== null ? resolve() : enc.once('exit', () => resolve())));
  return { children: [comp, enc], pushes, done };
}

interface Run {
  cpuPerVideoSecond: number;
  speed: number;
  live: number;
  dropped: number;
}

async function run(name: string, server: RtmpTestServer, destinations: number, withVertical: boolean): Promise<Run> {
  const start = process.hrtime.bigint();
  const node = process.cpuUsage();
  const urls = Array.from({ length: destinations }, (_, i) => server.url(`live/${name.replace(/\W/g, '')}-${i}`));
  const encodes = [encode(landscape, urls)];
  if (withVertical) encodes.push(encode(vertical, [server.url(`live/vertical-${name.replace(/\W/g, '')}`)]));
  const children = encodes.flatMap((e) => e.children);
  const cpu = new Map<number, number>();
  const sample = () => children.forEach((c) => c.pid && cpu.set(c.pid, cpuSecondsOf(c.pid) ?? cpu.get(c.pid) ?? 0));
  const timer = setInterval(sample, 100);
  await Promise.all(encodes.map((e) => e.done));
  clearInterval(timer);
  const pushes = encodes.flatMap((e) => e.pushes);
  const live = pushes.filter((p) => p.state.connects > 0).length;
  const dropped = pushes.reduce((n, p) => n + p.droppedFrames, 0);
  await Promise.all(pushes.map((p) => p.stop()));
  await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r)))));
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const n = process.cpuUsage(node);
  const total = [...cpu.values()].reduce((a, b) => a + b, 0) + (n.user + n.system) / 1e6;
  const r = { cpuPerVideoSecond: total / seconds, speed: seconds / wall, live, dropped };
  console.log(
    `${name.padEnd(36)} cpu ${r.cpuPerVideoSecond.toFixed(3)} s per s of video, speed ${r.speed.toFixed(2)}x, ` +
      `${live}/${pushes.length} pushes live, ${dropped} frames dropped`,
  );
  return r;
}

console.log(
  `bench:outputs — ${seconds} s of ${landscape.width}x${landscape.height}p${landscape.fps} per run, ${rounds} rounds, ` +
    `x264 veryfast CBR ${landscape.videoKbps} kbit/s, as fast as it goes (a shared machine: figures move)`,
);
const server = await RtmpTestServer.create();
const multi: number[] = [];
const vert: number[] = [];
try {
  for (let round = 1; round <= rounds; round++) {
    console.log(`— round ${round} of ${rounds}`);
    const one = await run(`1 destination (r${round})`, server, 1, false);
    const four = await run(`4 destinations (r${round})`, server, 4, false);
    const on = await run(`vertical canvas on, 1+1 (r${round})`, server, 1, true);
    multi.push(four.cpuPerVideoSecond / one.cpuPerVideoSecond);
    vert.push(on.cpuPerVideoSecond / one.cpuPerVideoSecond);
    console.log(`  ratios this round: 4/1 ${multi.at(-1)?.toFixed(3)}, vertical on/off ${vert.at(-1)?.toFixed(3)}`);
  }
} finally {
  await server.kill();
}
const m4 = median(multi);
const mv = median(vert);
console.log(`median 4/1 destinations: ${m4.toFixed(3)} (goal at most 1.05); vertical canvas on/off: ${mv.toFixed(3)}`);
console.log(`RESULT multistream_cpu_ratio_4=${m4.toFixed(3)} vertical_cpu_ratio=${mv.toFixed(3)}`);
