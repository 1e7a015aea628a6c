// One process's CPU as a share of one core, averaged over the last few seconds (one second alone swings with
// whatever else the machine runs), read from /proc when asked; a new process (an encoder restarted) starts over.
import { cpuSecondsOf } from '../media/ffmpegProcess';

const WINDOW_MS = 5000;
const MIN_SPAN_MS = 900;

export class CpuMeter {
  private pid: number | undefined;
  private samples: { at: number; seconds: number }[] = [];
  percent = 0;

  constructor(private readonly cpuSeconds: (pid: number | undefined) => number | null = cpuSecondsOf) {}

  read(pid: number | undefined, now = Date.now()): number {
    const seconds = this.cpuSeconds(pid);
    if (seconds === null) return pid === undefined ? 0 : this.percent;
    const last = this.samples.at(-1);
    if (pid !== this.pid || (last && seconds < last.seconds)) {
      this.pid = pid;
      this.samples = [{ at: now, seconds }];
      return this.percent;
    }
    if (last && now - last.at < MIN_SPAN_MS / 4) return this.percent;
    this.samples.push({ at: now, seconds });
    while (this.samples.length > 2 && now - (this.samples[1] as { at: number }).at >= WINDOW_MS) this.samples.shift();
    const first = this.samples[0] as { at: number; seconds: number };
    if (now - first.at >= MIN_SPAN_MS)
      this.percent = Math.round(((seconds - first.seconds) / ((now - first.at) / 1000)) * 1000) / 10;
    return this.percent;
  }
}
