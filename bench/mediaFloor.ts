// The floor for bench:media: the same work as the full studio run in ONE ffmpeg process, no Node between
// stages. The studio's own compositor graph for the scene (beauty, the preview and the safety samples), its
// raw program picture and sound replaced by the studio's own encoder arguments, written through tee to an
// RTMP push and to the recording's fragmented-MP4 segments. What any process shape would still spend on this
// CPU for beauty + preview + outputs; the studio's figure over this is the price of its shape (a restartable
// compositor, a relay that holds the last frame, outputs that fail alone).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encoderStageArgs } from '../main/media/encoderCommand';
import { ffmpegEnv } from '../main/media/ffmpegProcess';
import { PREVIEW_FD, SAFETY_FD, JpegSplitter } from '../main/media/compositorPreview';
import { recordArgs } from '../main/media/outputCommands';
import { flvPublishArgs } from '../common/ffmpeg/commandParts';
import type { PipelineOptions, RunResult } from './mediaPipelineRun';
import { benchCompositor, CpuMeter, exited, runFigures } from './mediaPipelineRun';

/** Removes `-map [label] … pipe:N` (one output of the compositor) from its arguments. */
function withoutOutput(args: string[], label: string, pipe: string): string[] {
  const from = args.findIndex((a, i) => a === '-map' && args[i + 1] === label);
  const to = args.indexOf(pipe, from);
  if (from < 0 || to < 0) throw new Error(`The compositor has no output ${label} on ${pipe}.`);
  return [...args.slice(0, from), ...args.slice(to + 1)];
}

/** The encoder stage's codec arguments: what comes between its input maps and its container. */
export function encoderCodecArgs(stage: string[]): string[] {
  const from = stage.findIndex((a, i) => a === '-map' && stage[i + 1] === '1:a') + 2;
  const to = stage.indexOf('-f', from);
  if (from < 2 || to < 0) throw new Error('The encoder stage command has changed shape: no codec arguments found.');
  return stage.slice(from, to);
}

/**
 * A tee slave option value, escaped for tee's two parsers (the slave list, then its options): a ':', '=' or
 * '|' inside a value takes two backslashes. Only the benchmark's own values pass here.
 */
function quoted(v: string): string {
  if (/[\\'[\]]/.test(v)) throw new Error(`A tee option value cannot hold this: ${v}`);
  return v.replace(/[:=|]/g, (c) => `\\\\${c}`);
}

/** The recording's muxer and its options, as recordArgs gives them, as one tee slave. */
export function recordSlave(record: string[]): string {
  const at = record.indexOf('-f', record.indexOf('copy'));
  const opts: string[] = [];
  let i = at;
  for (; i < record.length - 1; i += 2)
    opts.push(`${(record[i] as string).slice(1)}=${quoted(record[i + 1] as string)}`);
  return `[${opts.join(':')}]${record[record.length - 1]}`;
}

/** The push as one tee slave: FLV to the RTMP URL with the studio's publish options. */
export function pushSlave(url: string): string {
  const a = flvPublishArgs(url);
  const opts: string[] = [];
  for (let i = 0; i < a.length - 1; i += 2) opts.push(`${(a[i] as string).slice(1)}=${quoted(a[i + 1] as string)}`);
  return `[${opts.join(':')}]${a[a.length - 1]}`;
}

export interface FloorRunResult extends RunResult {
  previewFrames: number;
  recordedBytes: number;
}

export async function runFloor(o: PipelineOptions & { pushUrl: string }): Promise<FloorRunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'media-floor-'));
  try {
    writeFileSync(join(dir, 'slate.txt'), 'Back soon');
    const plan = benchCompositor(o, dir, true);
    const compositor = withoutOutput(withoutOutput(plan.args, '[vout]', 'pipe:1'), '[aout]', 'pipe:3');
    // The preview and safety outputs stay; each gets the run's length like the program output.
    const timed = compositor.flatMap((a) => (/^pipe:[56]$/.test(a) ? ['-t', String(o.seconds), a] : [a]));
    const record = recordArgs({
      pattern: join(dir, 'rec-%03d.mp4'),
      listFile: join(dir, 'list.csv'),
      segmentSeconds: 3600,
    });
    const args = [
      ...timed,
      '-map',
      '[vout]',
      '-map',
      '[aout]',
      ...encoderCodecArgs(encoderStageArgs({ preset: o.preset, encoder: 'libx264' })),
      // FLV and MP4 take the stream's headers apart from its packets.
      '-flags:v',
      '+global_header',
      '-flags:a',
      '+global_header',
      '-t',
      String(o.seconds),
      '-f',
      'tee',
      `${pushSlave(o.pushUrl)}|${recordSlave(record)}`,
    ];
    const stdio = ['ignore', 'ignore', 'pipe', 'ignore', 'pipe', 'pipe', 'pipe'] as ('pipe' | 'ignore')[];
    const start = process.hrtime.bigint();
    const child = spawn('ffmpeg', args, { stdio, env: ffmpegEnv() });
    const meter = new CpuMeter(() => [['floor', child]]);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const pipes = child.stdio as unknown as (NodeJS.ReadableStream | null)[];
    pipes[4]?.on('data', () => {});
    const splitter = new JpegSplitter();
    let previewFrames = 0;
    pipes[PREVIEW_FD]?.on('data', (d: Buffer) => (previewFrames += splitter.push(d).length));
    pipes[SAFETY_FD]?.on('data', () => {});
    await exited(child);
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    const { total: cpu, parts } = meter.stop();
    if (child.exitCode !== 0) throw new Error(`The one-process floor run failed (exit ${child.exitCode}):\n${stderr}`);
    const recordedBytes = readdirSync(dir)
      .filter((f) => f.startsWith('rec-'))
      .reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    return {
      ...runFigures(o.name, o.seconds, wall, parts, cpu),
      previewFrames,
      recordedBytes,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
