// Turns the pipeline's running counters into the 1 Hz stats: rates over the last interval, CPU of every
// process, and whether the compositor has stopped delivering frames.
import type { MediaStats } from '../contract/media';
import { cpuSecondsOf } from './ffmpegProcess';

export interface PipelineCounters {
  pids: number[];
  ticks: number;
  dropped: number;
  repeated: number;
  /** Frames received from the compositor; null while no compositor feeds the relay. */
  framesIn: number | null;
  bytes: number;
  encoderSpeed: number;
  compositorRestarts: number;
  outputs: MediaStats['outputs'];
}

/** A compositor silent this long is taken as frozen (the last frame holds meanwhile). */
const STALL_SECONDS = 3;

export class StatsSampler {
  private lastCpu = new Map<number, number>();
  private last = { at: Date.now(), ticks: 0, bytes: 0, framesIn: 0, stalledFor: 0 };

  /** The stats for the interval since the previous sample, and whether the compositor is frozen. */
  sample(c: PipelineCounters, now = Date.now()): { stats: MediaStats; stalled: boolean } {
    const dt = Math.max(0.001, (now - this.last.at) / 1000);
    let cpu = 0;
    const seen = new Map<number, number>();
    for (const pid of c.pids) {
      const s = cpuSecondsOf(pid);
      if (s === null) continue;
      seen.set(pid, s);
      cpu += s - (this.lastCpu.get(pid) ?? s);
    }
    this.lastCpu = seen;
    const framesIn = c.framesIn ?? 0;
    const silent = framesIn === this.last.framesIn && c.framesIn !== null;
    const stalledFor = silent ? this.last.stalledFor + dt : 0;
    const stalled = stalledFor >= STALL_SECONDS;
    const stats: MediaStats = {
      at: now,
      fps: Math.round(((c.ticks - this.last.ticks) / dt) * 10) / 10,
      encoderSpeed: c.encoderSpeed,
      droppedFrames: c.dropped,
      duplicatedFrames: c.repeated,
      compositorRestarts: c.compositorRestarts,
      cpuPercent: Math.round((cpu / dt) * 1000) / 10,
      videoKbps: Math.round(((c.bytes - this.last.bytes) * 8) / 1000 / dt),
      outputs: c.outputs,
    };
    this.last = { at: now, ticks: c.ticks, bytes: c.bytes, framesIn, stalledFor: stalled ? 0 : stalledFor };
    return { stats, stalled };
  }
}
