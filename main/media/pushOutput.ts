// The RTMP push: a `-c copy` process fed by the fan-out. When the server goes away the process ends; it is
// started again with backoff (0.5, 1, 2, 2 … s) and resumes on its own. The encoder never notices.
import { EventEmitter } from 'node:events';
import type { OutputState } from '../contract/media';
import { describeExit, type MediaError } from './ffmpegErrors';
import { FfmpegProcess } from './ffmpegProcess';
import { pushArgs } from './outputCommands';
import { readOutputProgress } from './progressReader';
import type { TsFanout } from './tsFanout';

export interface PushOptions {
  backoffMs?: number[];
  /** A push that reports no progress this long is stuck and is restarted. */
  stallMs?: number;
}

export class PushOutput extends EventEmitter<{ change: [OutputState]; error: [MediaError] }> {
  private proc: FfmpegProcess | null = null;
  private detach: (() => void) | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private stallTimer: NodeJS.Timeout | null = null;
  url: string | null = null;
  state: OutputState = { state: 'off', attempt: 0, detail: 'off', kbps: 0, connects: 0 };
  readonly backoffMs: number[];
  private readonly stallMs: number;

  constructor(
    private readonly ffmpeg: string,
    private readonly fanout: () => TsFanout | null,
    options: PushOptions = {},
  ) {
    super();
    this.backoffMs = options.backoffMs ?? [500, 1000, 2000];
    this.stallMs = options.stallMs ?? 6000;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  private set(patch: Partial<OutputState>): void {
    this.state = { ...this.state, ...patch };
    this.emit('change', this.state);
  }

  start(url: string): void {
    this.stop();
    this.url = url;
    this.set({ state: 'starting', attempt: 0, detail: 'connecting', kbps: 0 });
    this.spawn();
  }

  private spawn(): void {
    const fanout = this.fanout();
    if (!this.url || !fanout) return;
    const proc = new FfmpegProcess('push', this.ffmpeg, [...pushArgs(this.url).slice(0, -1), '-progress', 'pipe:1', '-stats_period', '0.5', this.url]);
    this.proc = proc;
    this.detach = fanout.attach({ name: 'push', stream: proc.stdin, onOverflow: () => proc.kill() });
    readOutputProgress(proc.stdout, ({ started, kbps }) => {
      if (this.proc !== proc) return; // the last report of a stopped process
      this.armStall();
      if (started && this.state.state !== 'live') this.set({ state: 'live', attempt: 0, detail: 'live', kbps, connects: this.state.connects + 1 });
      else this.state = { ...this.state, kbps };
    });
    this.armStall();
    proc.on('exit', (exit) => {
      this.detach?.();
      this.detach = null;
      if (this.stallTimer) clearTimeout(this.stallTimer);
      if (exit.requested || this.proc !== proc) return;
      this.proc = null;
      const error = describeExit(exit.lastLines, 'The push stopped.');
      this.emit('error', error);
      const attempt = this.state.attempt + 1;
      const wait = this.backoffMs[Math.min(attempt - 1, this.backoffMs.length - 1)] ?? 2000;
      this.set({ state: 'reconnecting', attempt, detail: `reconnecting (attempt ${attempt}): ${error.message}`, kbps: 0 });
      this.retryTimer = setTimeout(() => this.spawn(), wait);
    });
  }

  private armStall(): void {
    if (this.stallTimer) clearTimeout(this.stallTimer);
    const proc = this.proc;
    this.stallTimer = setTimeout(() => proc?.kill(), this.stallMs);
  }

  /** Restart the push process (after the encoder stage was restarted). */
  restart(): void {
    if (this.url && this.state.state !== 'off') this.proc?.kill();
  }

  stop(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.retryTimer = null;
    const proc = this.proc;
    this.proc = null;
    this.detach?.();
    this.detach = null;
    if (this.state.state !== 'off') this.set({ state: 'off', attempt: 0, detail: 'off', kbps: 0 });
    return proc ? proc.stop(1500, 'end-input').then(() => undefined) : Promise.resolve();
  }
}
