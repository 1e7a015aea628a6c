// Reads the clock blocks out of a live stream as it arrives: an ffmpeg pulling it (no input buffering) and
// writing small grey frames, each decoded in named boxes of the picture the moment its bytes are here.
import { spawn, type ChildProcess } from 'node:child_process';
import { clockBlocksCodec } from './clockBlocks';
import type { FractionRect, PageReading } from './guestPageClock';

/** The grey frames' size: enough for a quarter-size box to keep 20×15-pixel blocks. */
const W = 640;
const H = 360;

export class StreamClockReader {
  readonly readings: PageReading[] = [];
  frames = 0;
  private readonly child: ChildProcess;
  private readonly codec = clockBlocksCodec();
  private pending: Buffer[] = [];
  private bytes = 0;
  log = '';

  constructor(ffmpeg: string, url: string, rects: FractionRect[]) {
    this.child = spawn(
      ffmpeg,
      [
        ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-fflags', '+nobuffer', '-flags', 'low_delay'],
        // The cheapest decode that keeps the blocks: this reader must not fall behind on a busy machine.
        ...['-skip_loop_filter', 'all', '-flags2', '+fast'],
        ...['-probesize', '500000', '-analyzeduration', '500000', '-rw_timeout', '10000000', '-i', url, '-an'],
        ...['-vf', `scale=${W}:${H}:flags=area,format=gray`, '-fps_mode', 'passthrough', '-f', 'rawvideo', '-'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
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
      const at = Date.now();
      this.pending.push(chunk);
      this.bytes += chunk.length;
      if (this.bytes < size) return;
      let all = Buffer.concat(this.pending);
      while (all.length >= size) {
        this.frames++;
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

  stop(): void {
    this.child.kill('SIGKILL');
  }
}
