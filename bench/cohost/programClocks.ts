// Reads the clock blocks out of the program as it arrives: an ffmpeg decoding it (no input buffering) and
// writing small grey frames, each decoded in named boxes of the picture the moment its bytes are here.
// Two sources: the push pulled back from the ingest (the time is when the frame was decoded here), or the
// studio's preview JPEGs (the time is when the frame left the compositor, as the studio stamped it).
import { spawn, type ChildProcess } from 'node:child_process';
import { clockBlocksCodec } from './clockBlocks';
import type { FractionRect, PageReading } from './guestPageClock';

/** The grey frames' size: enough for a quarter-size box to keep 20×15-pixel blocks. */
const W = 640;
const H = 360;

const quickDecode = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-fflags', '+nobuffer', '-flags', 'low_delay'];

export class StreamClockReader {
  readonly readings: PageReading[] = [];
  frames = 0;
  private readonly child: ChildProcess;
  private readonly codec = clockBlocksCodec();
  private pending: Buffer[] = [];
  private bytes = 0;
  /** For JPEGs written in: when each left the compositor, in order (one grey frame comes out for each). */
  private readonly stamps: number[] | null;
  log = '';

  /** `url`: a live stream to pull; 'jpegs': JPEGs handed in with write(). */
  constructor(ffmpeg: string, url: string | 'jpegs', rects: FractionRect[]) {
    this.stamps = url === 'jpegs' ? [] : null;
    const input =
      url === 'jpegs'
        ? ['-f', 'mjpeg', '-probesize', '32', '-analyzeduration', '0', '-i', 'pipe:0']
        : ['-probesize', '500000', '-analyzeduration', '500000', '-rw_timeout', '10000000', '-i', url, '-an'];
    this.child = spawn(
      ffmpeg,
      [
        ...quickDecode,
        // The cheapest decode that keeps the blocks: this reader must not fall behind on a busy machine.
        ...['-skip_loop_filter', 'all', '-flags2', '+fast'],
        ...input,
        ...['-vf', `scale=${W}:${H}:flags=area,format=gray`, '-fps_mode', 'passthrough', '-f', 'rawvideo', '-'],
      ],
      { stdio: [this.stamps ? 'pipe' : 'ignore', 'pipe', 'pipe'] },
    );
    this.child.stdin?.on('error', () => {});
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (d: string) => (this.log = (this.log + d).slice(-4000)));
    const size = W * H;
    const boxes = rects.map((r) => ({
      name: r.name,
      box: {
        x: Math.round(r.x * W),
        y: Math.round(r.y * H),
        width: Math.round(r.width * W),
        height: Math.round(r.height * H),
      },
    }));
    this.child.stdout?.on('data', (chunk: Buffer) => {
      const now = Date.now();
      this.pending.push(chunk);
      this.bytes += chunk.length;
      if (this.bytes < size) return;
      let all = Buffer.concat(this.pending);
      while (all.length >= size) {
        this.frames++;
        const at = this.stamps ? (this.stamps.shift() ?? now) : now;
        for (const { name, box } of boxes) {
          const ms32 = this.codec.decode(this.codec.sample(all, W, 1, box));
          if (ms32 !== null) this.readings.push({ name, ms32, at });
        }
        all = all.subarray(size);
      }
      this.pending = [all];
      this.bytes = all.length;
    });
  }

  /** One preview JPEG and when its frame left the compositor. */
  write(jpeg: Buffer, at: number): void {
    if (!this.stamps || !this.child.stdin?.writable) return;
    this.stamps.push(at);
    this.child.stdin.write(jpeg);
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}
