// One process's CPU as a share of one core over the last interval, read from /proc when asked (at most once
// a second); a new process (an encoder restarted) starts a new interval.
import { cpuSecondsOf } from '../media/ffmpegProcess';

export class CpuMeter {
  private pid: number | undefined;
  private at = 0;
  private seconds = 0;
  percent = 0;

  read(pid: number | undefined, now = Date.now()): number {
    const seconds = cpuSecondsOf(pid);
    if (seconds === null) return pid === undefined ? 0 : this.percent;
    if (pid !== this.pid || seconds < this.seconds) {
      [this.pid, this.at, this.seconds] = [pid, now, seconds];
      return this.percent;
    }
    if (now - this.at < 900) return this.percent;
    this.percent = Math.round(((seconds - this.seconds) / ((now - this.at) / 1000)) * 1000) / 10;
    [this.at, this.seconds] = [now, seconds];
    return this.percent;
  }
}
