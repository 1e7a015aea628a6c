// Content-safety benchmark: milliseconds per classified frame, and the CPU share of one core that sampling
// costs at the default rate while a real 1080p30 x264 broadcast runs (testsrc2, with the 640×360 MJPEG preview
// tap the studio samples), against the same broadcast without sampling, in one run.
// Usage: npm run bench:safety -- [--seconds 30] [--interval-ms 2000]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { defaultSafetyPolicy } from '../main/contract/safety';
import type { ClassifyOutcome } from '../main/safety';
import { WorkerClassifier } from '../main/safety';
import { FrameSampler } from '../main/safety/frameSampler';
import { defaultFfmpegLocation } from '../main/system';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} needs a positive number.`);
  return v;
}
const seconds = arg('--seconds', 30);
const intervalMs = arg('--interval-ms', defaultSafetyPolicy.intervalMs);

const loc = defaultFfmpegLocation();
if (!loc.found) throw new Error(loc.message);
const ffmpeg = loc.path;
const ticks = 100; // USER_HZ on Linux

function procCpuSeconds(pid: number): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / ticks; // utime, stime
  } catch {
    return null;
  }
}

/** Splits an MJPEG byte stream into JPEG frames (SOI … EOI; ffmpeg's mjpeg carries no embedded thumbnails). */
function jpegSplitter(onFrame: (jpeg: Uint8Array) => void): (chunk: Buffer) => void {
  let buf: Buffer = Buffer.alloc(0);
  return (chunk) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (;;) {
      const start = buf.indexOf(Buffer.from([0xff, 0xd8]));
      if (start < 0) return;
      const end = buf.indexOf(Buffer.from([0xff, 0xd9]), start + 2);
      if (end < 0) {
        if (start > 0) buf = buf.subarray(start);
        return;
      }
      onFrame(new Uint8Array(buf.subarray(start, end + 2)));
      buf = buf.subarray(end + 2);
    }
  };
}

interface PhaseResult {
  wallS: number;
  nodeCpuS: number;
  ffmpegCpuS: number;
  previewFrames: number;
}

/** One broadcast of `seconds`: x264 1080p30 CBR to a null sink plus the MJPEG preview on a pipe. */
async function broadcast(onPreview: ((jpeg: Uint8Array) => void) | null): Promise<PhaseResult> {
  const args = [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
    '-re', '-t', String(seconds), '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=30',
    '-re', '-t', String(seconds), '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-filter_complex', '[0:v]split=2[enc][prev];[prev]scale=640:360,fps=15[pv]',
    '-map', '[enc]', '-map', '1:a',
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-b:v', '4500k', '-maxrate', '4500k', '-bufsize', '9000k',
    '-x264-params', 'nal-hrd=cbr', '-g', '60', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', '-f', 'flv', '/dev/null',
    '-map', '[pv]', '-c:v', 'mjpeg', '-q:v', '5', '-f', 'image2pipe', 'pipe:1',
  ];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let frames = 0;
  const split = jpegSplitter((jpeg) => {
    frames++;
    onPreview?.(jpeg);
  });
  child.stdout.on('data', split);
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  let ffCpu = 0;
  const poll = setInterval(() => {
    const c = child.pid ? procCpuSeconds(child.pid) : null;
    if (c !== null) ffCpu = c;
  }, 200);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(poll);
  if (code !== 0) throw new Error(`the broadcast's ffmpeg failed (${code}): ${err.trim()}`);
  const cpu = process.cpuUsage(cpu0);
  return { wallS: (performance.now() - t0) / 1000, nodeCpuS: (cpu.user + cpu.system) / 1e6, ffmpegCpuS: ffCpu, previewFrames: frames };
}

async function main(): Promise<void> {
  console.log(`safety bench: ${seconds} s of 1080p30 x264 per phase, sampling every ${intervalMs} ms, ffmpeg ${ffmpeg}`);
  const classifier = new WorkerClassifier();
  const status = await classifier.start();
  if (status.status !== 'ready') throw new Error(`the classifier did not load: ${status.message}`);
  console.log(`model loaded in ${classifier.loadMs} ms (not counted below)`);

  // Baseline: the same broadcast, the preview tap read and split as the studio does, no sampling.
  let lastPreview: Uint8Array | null = null;
  const base = await broadcast((jpeg) => (lastPreview = jpeg));
  console.log(`baseline  : wall ${base.wallS.toFixed(1)} s, ffmpeg ${base.ffmpegCpuS.toFixed(2)} CPU-s, studio ${base.nodeCpuS.toFixed(2)} CPU-s, ${base.previewFrames} preview frames`);

  // Warm up on a real preview frame: the first inference at a new input size compiles kernels.
  if (lastPreview) for (let i = 0; i < 3; i++) await classifier.classify({ format: 'jpeg', data: lastPreview });

  const outcomes: ClassifyOutcome[] = [];
  const sampler = new FrameSampler({ source: { kind: 'program' }, classifier, intervalMs, onOutcome: (o) => outcomes.push(o) });
  sampler.start();
  const sampled = await broadcast((jpeg) => sampler.feed({ format: 'jpeg', data: jpeg }));
  sampler.stop();
  const ok = outcomes.filter((o): o is Extract<ClassifyOutcome, { ok: true }> => o.ok);
  console.log(`sampling  : wall ${sampled.wallS.toFixed(1)} s, ffmpeg ${sampled.ffmpegCpuS.toFixed(2)} CPU-s, studio ${sampled.nodeCpuS.toFixed(2)} CPU-s, ${ok.length} frames classified, ${sampler.dropped} dropped`);
  await classifier.close();
  if (ok.length === 0) throw new Error('no frame was classified');

  const msPerFrame = ok.reduce((a, o) => a + o.ms, 0) / ok.length;
  // The studio process (main thread + classifier worker) is all that sampling adds; ffmpeg is shown for context.
  const share = Math.max(0, (sampled.nodeCpuS - base.nodeCpuS) / sampled.wallS);
  const worst = Math.max(...ok.map((o) => o.ms));
  console.log(`per frame : mean ${msPerFrame.toFixed(1)} ms (decode + classify + thumbnail in the worker), worst ${worst.toFixed(1)} ms`);
  console.log(`ffmpeg CPU with sampling / without: ${(sampled.ffmpegCpuS / base.ffmpegCpuS).toFixed(3)}`);
  console.log(`RESULT safety_ms_per_frame=${msPerFrame.toFixed(1)} safety_cpu_share=${share.toFixed(4)}`);
}

main().catch((err: unknown) => {
  console.error(`bench:safety failed: ${(err as Error).message}`);
  process.exit(1);
});
