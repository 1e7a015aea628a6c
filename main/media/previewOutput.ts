// The preview: every other relay frame (15 fps at 30) into a small ffmpeg that scales and encodes JPEGs;
// each JPEG is cut from its stdout at the end-of-image marker and carries its frame's capture time.
import { EventEmitter } from 'node:events';
import { FfmpegProcess } from './ffmpegProcess';
import type { Frame } from './frameRelay';
import { previewArgs } from './outputCommands';

export interface PreviewFrame {
  jpeg: Buffer;
  width: number;
  height: number;
  capturedAt: number;
}

export class PreviewOutput extends EventEmitter<{ frame: [PreviewFrame] }> {
  private proc: FfmpegProcess | null = null;
  private times: number[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private every: number;
  private n = 0;
  framesOut = 0;

  constructor(
    private readonly ffmpeg: string,
    private readonly width: number,
    private readonly height: number,
    private readonly fps: number,
    readonly outWidth = 640,
    readonly outHeight = 360,
    previewFps = 15,
  ) {
    super();
    this.every = Math.max(1, Math.round(fps / previewFps));
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  get running(): boolean {
    return this.proc !== null;
  }

  start(): void {
    if (this.proc) return;
    const proc = new FfmpegProcess('preview', this.ffmpeg, previewArgs(this.width, this.height, this.fps / this.every, this.outWidth, this.outHeight));
    this.proc = proc;
    this.times = [];
    this.buffer = Buffer.alloc(0);
    proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    proc.on('exit', (exit) => {
      if (this.proc !== proc) return;
      this.proc = null;
      // A preview that died is restarted: the preview is never worth stopping the show for.
      if (!exit.requested) setTimeout(() => this.start(), 500);
    });
  }

  /** Called on every relay tick. */
  offer(frame: Frame): void {
    if (!this.proc || this.n++ % this.every !== 0) return;
    const stdin = this.proc.stdin;
    if (stdin.writableLength > this.width * this.height * 3) return; // behind: skip, never queue
    this.times.push(frame.at);
    stdin.cork();
    for (const s of frame.slices) stdin.write(s);
    stdin.uncork();
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const end = this.buffer.indexOf(Buffer.from([0xff, 0xd9]));
      if (end < 0) break;
      const jpeg = this.buffer.subarray(0, end + 2);
      this.buffer = this.buffer.subarray(end + 2);
      const capturedAt = this.times.shift() ?? Date.now();
      this.framesOut++;
      this.emit('frame', { jpeg, width: this.outWidth, height: this.outHeight, capturedAt });
    }
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    if (proc) await proc.stop(1000, 'end-input');
  }
}
