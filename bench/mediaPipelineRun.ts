// Runs the studio's media pipeline offline (as fast as it goes) for the media and scene benchmarks:
// the compositor's command piped into the encoder stage's command through Node, as the relay does, with the
// TS fanned out to optional push and record processes, and the compositor's own preview output read.
// Measures wall time and CPU seconds of every process (from /proc) plus this Node process's own share.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { frameSocket } from './frameSocket';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Beauty, Preset } from '../main/contract/media';
import type { Scene } from '../main/contract/scene';
import { encoderStageArgs, streamMetadata, videoCodecArgs } from '../main/media/encoderCommand';
import { cpuSecondsOf, ffmpegEnv } from '../main/media/ffmpegProcess';
import { JpegSplitter, PREVIEW_FD, previewShape, SAFETY_FD } from '../main/media/compositorPreview';
import { recordArgs } from '../main/media/outputCommands';
import { PushOutput } from '../main/media/pushOutput';
import { buildCompositor } from '../main/media/sceneGraph';
import { TsFanout } from '../main/media/tsFanout';

export interface RunResult {
  name: string;
  videoSeconds: number;
  wallSeconds: number;
  cpuSeconds: number;
  speed: number;
  cpuPerVideoSecond: number;
  /** CPU seconds per process role (compositor, node, encoder, push, record, preview, ffmpeg). */
  parts: Record<string, number>;
}

/** A run's figures from its length, its wall time and the CPU each process spent. */
export function runFigures(
  name: string,
  videoSeconds: number,
  wallSeconds: number,
  parts: Record<string, number>,
  cpuSeconds: number,
): RunResult {
  return {
    name,
    videoSeconds,
    wallSeconds,
    cpuSeconds,
    speed: videoSeconds / wallSeconds,
    cpuPerVideoSecond: cpuSeconds / videoSeconds,
    parts,
  };
}

export function argSeconds(defaultSeconds: number): number {
  return argNumber('--seconds', defaultSeconds);
}

export function argNumber(flag: string, defaultValue: number): number {
  const i = process.argv.indexOf(flag);
  const v = i >= 0 ? Number(process.argv[i + 1]) : defaultValue;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${flag} takes a positive number`);
  return v;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Tracks the CPU time of child processes by sampling /proc until each exits. */
export class CpuMeter {
  private last = new Map<number, { role: string; s: number }>();
  private timer: NodeJS.Timeout;
  constructor(private readonly children: () => [string, ChildProcess][]) {
    this.timer = setInterval(() => this.sample(), 100);
  }
  sample(): void {
    for (const [role, c] of this.children()) {
      const s = cpuSecondsOf(c.pid);
      if (s !== null && c.pid) this.last.set(c.pid, { role, s });
    }
  }
  stop(): { total: number; parts: Record<string, number> } {
    clearInterval(this.timer);
    const parts: Record<string, number> = {};
    for (const { role, s } of this.last.values()) parts[role] = (parts[role] ?? 0) + s;
    return { total: Object.values(parts).reduce((a, b) => a + b, 0), parts };
  }
}

export function exited(c: ChildProcess): Promise<void> {
  return new Promise((resolve) => (c.exitCode !== null ? resolve() : c.once('exit', () => resolve())));
}

function withDuration(args: string[], seconds: number): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (/^pipe:[1356]$/.test(a)) out.push('-t', String(seconds));
    out.push(a);
  }
  return out;
}

// Every ffmpeg here, the bare baseline included, runs with the studio's environment (its malloc settings).
const env = ffmpegEnv();
const quiet = { stdio: ['pipe', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe'] as ('pipe' | 'ignore')[], env };

/** Bare ffmpeg: the test pattern and tone straight into the same encoder settings, one process. */
export async function runBare(name: string, preset: Preset, seconds: number): Promise<RunResult> {
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=s=${preset.width}x${preset.height}:r=${preset.fps}`,
    '-f',
    'lavfi',
    '-i',
    'sine=f=440:r=48000',
    '-t',
    String(seconds),
    ...videoCodecArgs('libx264', preset),
    '-c:a',
    'aac',
    '-b:a',
    `${preset.audioKbps}k`,
    '-f',
    'mpegts',
    '-y',
    '/dev/null',
  ];
  const start = process.hrtime.bigint();
  const child = spawn('ffmpeg', args, { stdio: 'ignore', env });
  const meter = new CpuMeter(() => [['ffmpeg', child]]);
  await exited(child);
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const { total: cpu, parts } = meter.stop();
  return runFigures(name, seconds, wall, parts, cpu);
}

export interface PipelineOptions {
  name: string;
  preset: Preset;
  scene: Scene;
  beauty: Beauty;
  seconds: number;
  outputs?: { pushUrl: string } | null;
  /**
   * How this process takes the compositor's raw frames: its stdout pipe as the studio does (default), or a
   * socket read straight into frame-sized buffers (frameSocket.ts), to measure what that would save.
   */
  frameRead?: 'pipe' | 'socket';
}

export interface PipelineRunResult extends RunResult {
  /** Preview JPEGs the compositor delivered (outputs runs only). */
  previewFrames: number;
  /** CPU seconds of this process in the kernel (system time): the pipes' copies, wake-ups and syscalls. */
  nodeKernel: number;
  /** The push went live and how many video frames it dropped (outputs runs only). */
  push: { live: boolean; dropped: number } | null;
}

/**
 * The studio pipeline: compositor → (Node) → encoder stage → (Node fan-out) → outputs. The single encode
 * is the compositor and the encoder alone; with outputs, the compositor also makes the preview (as the
 * studio's always does) and the TS goes to a push and a recording.
 */
/** What a bench's compositor leaves out: no safety mask, guests, placeholders or microphone, no wall-clock pacing. */
export const offlineCompositor = {
  safetyMask: 'none',
  guestUrls: {},
  placeholders: {},
  microphone: null,
  realtime: false,
} as const;

/** The studio's compositor for a bench scene at its preset, with the preview the studio always makes or none. */
export function benchCompositor(
  o: Pick<PipelineOptions, 'scene' | 'preset' | 'beauty'>,
  textDir: string,
  preview: boolean,
): ReturnType<typeof buildCompositor> {
  return buildCompositor({
    scene: o.scene,
    width: o.preset.width,
    height: o.preset.height,
    fps: o.preset.fps,
    platform: process.platform,
    beauty: o.beauty,
    textDir,
    ...offlineCompositor,
    preview: preview ? previewShape(o.preset) : undefined,
  });
}

export async function runPipeline(o: PipelineOptions): Promise<PipelineRunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'media-bench-'));
  writeFileSync(join(dir, 'slate.txt'), 'Back soon');
  for (const item of o.scene.items)
    if (item.source.kind === 'text') writeFileSync(join(dir, `item-${item.id}.txt`), item.source.text);
  const plan = benchCompositor(o, dir, !!o.outputs);
  const children: [string, ChildProcess][] = [];
  const start = process.hrtime.bigint();
  const nodeStart = process.cpuUsage();
  const frameBytes = (o.preset.width * o.preset.height * 3) / 2;
  const viaSocket = o.frameRead === 'socket' ? await frameSocket(join(dir, 'v.sock'), frameBytes) : null;
  const comp = spawn(
    'ffmpeg',
    withDuration(plan.args, o.seconds),
    viaSocket ? { ...quiet, stdio: quiet.stdio.map((x, i) => (i === 1 ? viaSocket.childEnd : x)) as never } : quiet,
  );
  viaSocket?.childEnd.destroy();
  const enc = spawn('ffmpeg', encoderStageArgs({ preset: o.preset, encoder: 'libx264' }), quiet);
  children.push(['compositor', comp], ['encoder', enc]);
  for (const c of [comp, enc]) for (const s of c.stdio) (s as NodeJS.EventEmitter | null)?.on('error', () => {});
  const meter = new CpuMeter(() => children);
  const encAudio = enc.stdio[3] as NodeJS.WritableStream;
  if (viaSocket) viaSocket.readInto(enc.stdin as Writable);
  else comp.stdout?.pipe(enc.stdin as NodeJS.WritableStream);
  (comp.stdio[3] as NodeJS.ReadableStream).pipe(encAudio);
  const fanout = new TsFanout();
  let pushed: PipelineRunResult['push'] = null;
  enc.stdout?.on('data', (d: Buffer) => fanout.push(d));
  comp.stderr?.on('data', () => {});
  (comp.stdio[4] as NodeJS.ReadableStream).on('data', () => {}); // the meters
  const splitter = new JpegSplitter();
  let previewFrames = 0;
  (comp.stdio as unknown as NodeJS.ReadableStream[])[PREVIEW_FD]?.on(
    'data',
    (d: Buffer) => (previewFrames += splitter.push(d).length),
  );
  (comp.stdio as unknown as NodeJS.ReadableStream[])[SAFETY_FD]?.on('data', () => {}); // content-safety samples
  enc.stderr?.on('data', () => {});
  if (o.outputs) {
    // The push publishes from this process, as the studio's does; its CPU is in Node's share.
    const push = new PushOutput(() => fanout, { metadata: () => streamMetadata(o.preset) });
    push.start(o.outputs.pushUrl);
    const rec = spawn(
      'ffmpeg',
      recordArgs({ pattern: join(dir, 'rec-%03d.mp4'), listFile: join(dir, 'list.csv'), segmentSeconds: 3600 }),
      { stdio: ['pipe', 'ignore', 'ignore'], env },
    );
    children.push(['record', rec]);
    rec.stdin?.on('error', () => {});
    fanout.attach({ name: 'record', stream: rec.stdin as never, onOverflow: () => {} });
    await exited(enc);
    pushed = { live: push.state.connects > 0, dropped: push.droppedFrames };
    await push.stop();
    rec.stdin?.end();
    await exited(rec);
  } else {
    await exited(enc);
  }
  await exited(comp);
  rmSync(dir, { recursive: true, force: true });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const nodeCpu = process.cpuUsage(nodeStart);
  const measured = meter.stop();
  const parts = { ...measured.parts, node: (nodeCpu.user + nodeCpu.system) / 1e6 };
  const cpu = measured.total + parts.node;
  return {
    ...runFigures(o.name, o.seconds, wall, parts, cpu),
    previewFrames,
    nodeKernel: nodeCpu.system / 1e6,
    push: pushed,
  };
}

export function report(r: RunResult): void {
  console.log(
    `${r.name.padEnd(34)} speed ${r.speed.toFixed(2)}x  cpu ${r.cpuPerVideoSecond.toFixed(3)} s per s of video  (${r.cpuSeconds.toFixed(1)} cpu-s, ${r.wallSeconds.toFixed(1)} s wall)`,
  );
  const parts = Object.entries(r.parts).map(([role, s]) => `${role} ${(s / r.videoSeconds).toFixed(3)}`);
  const kernel =
    'nodeKernel' in r ? ` (node in the kernel ${((r.nodeKernel as number) / r.videoSeconds).toFixed(3)})` : '';
  console.log(`${''.padEnd(34)} cpu per s of video by process: ${parts.join(', ')}${kernel}`);
}
