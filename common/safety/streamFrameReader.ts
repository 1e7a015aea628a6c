// Pulls a stream (a co-host guest's FLV/RTMP) through ffmpeg and hands out raw 224×224 RGB frames. Only key
// frames are decoded (-skip_frame nokey), so watching a guest costs a sliver of a core. Restarts ffmpeg
// while the stream is away, until stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import type { FrameInput } from './classifierProtocol';

export const SAMPLE_SIZE = 224;
const FRAME_BYTES = SAMPLE_SIZE * SAMPLE_SIZE * 3;

/** Pure: the ffmpeg arguments that turn a stream into 224×224 RGB key frames on stdout. */
export function streamSampleArgs(url: string): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-skip_frame',
    'nokey',
    '-rw_timeout',
    '10000000',
    '-i',
    url,
    '-an',
    '-sn',
    '-vf',
    `scale=${SAMPLE_SIZE}:${SAMPLE_SIZE}`,
    '-fps_mode',
    'passthrough',
    '-pix_fmt',
    'rgb24',
    '-f',
    'rawvideo',
    'pipe:1',
  ];
}

export interface StreamFrameReaderOptions {
  ffmpeg: string;
  url: string;
  onFrame: (frame: FrameInput) => void;
  retryMs?: number;
  log?: (line: string) => void;
}

export class StreamFrameReader {
  private child: ChildProcess | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  frames = 0;

  constructor(private readonly o: StreamFrameReaderOptions) {}

  start(): void {
    if (this.child || this.stopped) return;
    const child = spawn(this.o.ffmpeg, streamSampleArgs(this.o.url), { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let pending: Buffer = Buffer.alloc(0);
    child.stdout?.on('data', (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= FRAME_BYTES) {
        const frame = new Uint8Array(pending.subarray(0, FRAME_BYTES));
        pending = pending.subarray(FRAME_BYTES);
        this.frames++;
        this.o.onFrame({ format: 'rgb', width: SAMPLE_SIZE, height: SAMPLE_SIZE, data: frame });
      }
    });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on('error', (e) => this.o.log?.(`stream sampler could not start ffmpeg: ${e.message}`));
    child.on('close', () => {
      this.child = null;
      if (this.stopped) return;
      if (err.trim()) this.o.log?.(`stream sampler for ${this.o.url} ended: ${err.trim().split('\n').at(-1)}`);
      this.retry = setTimeout(() => {
        this.retry = null;
        this.start();
      }, this.o.retryMs ?? 3000);
      this.retry.unref?.();
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.child?.kill('SIGKILL');
    this.child = null;
  }
}
