// The local recording: a `-c copy` segment muxer fed by the fan-out, writing fragmented MP4 segments.
// A journal file marks a recording as open until it stops cleanly; whatever a crash leaves open is
// repaired on the next start (see recordings/recordingsLibrary.ts).
import { EventEmitter } from 'node:events';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OutputState } from '../contract/media';
import { describeExit, type MediaError } from './ffmpegErrors';
import { FfmpegProcess } from './ffmpegProcess';
import { recordArgs } from './outputCommands';
import { readOutputProgress } from './progressReader';
import type { TsFanout } from './tsFanout';

export const JOURNAL_SUFFIX = '.open.json';

function stamp(d = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}-${p(d.getMilliseconds(), 3)}`;
}

export class RecordOutput extends EventEmitter<{ change: [OutputState]; error: [MediaError] }> {
  private proc: FfmpegProcess | null = null;
  private detach: (() => void) | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private prefix: string | null = null;
  private segmentSeconds = 3600;
  state: OutputState = { state: 'off', attempt: 0, detail: 'off', reason: null, kbps: 0, connects: 0 };
  /** Every prefix of the current (or last) recording, restarts included. */
  private prefixes: string[] = [];
  /** Prefixes this run has open: never "repaired" under a running recorder. */
  readonly openPrefixes = new Set<string>();

  constructor(
    private readonly ffmpeg: string,
    private readonly fanout: () => TsFanout | null,
    readonly folder: string,
  ) {
    super();
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** The files the current (or last) recording wrote so far. */
  get files(): string[] {
    try {
      const names = readdirSync(this.folder);
      return this.prefixes.flatMap((p) =>
        names
          .filter((f) => f.startsWith(`${p}-`) && f.endsWith('.mp4'))
          .sort()
          .map((f) => join(this.folder, f)),
      );
    } catch {
      return [];
    }
  }

  get currentFile(): string | null {
    if (!this.prefix) return null;
    const prefix = this.prefix;
    try {
      const files = readdirSync(this.folder)
        .filter((f) => f.startsWith(prefix) && f.endsWith('.mp4'))
        .sort();
      return files.length ? join(this.folder, files[files.length - 1] as string) : null;
    } catch {
      return null;
    }
  }

  private set(patch: Partial<OutputState>): void {
    this.state = { ...this.state, ...patch };
    this.emit('change', this.state);
  }

  start(segmentSeconds: number): void {
    if (this.state.state !== 'off') return;
    this.segmentSeconds = segmentSeconds;
    this.prefixes = [];
    mkdirSync(this.folder, { recursive: true });
    this.set({ state: 'starting', attempt: 0, detail: 'starting', reason: null, kbps: 0 });
    this.spawn();
  }

  private spawn(): void {
    const fanout = this.fanout();
    if (!fanout) return;
    const prefix = `vj-${stamp()}`;
    this.prefix = prefix;
    this.prefixes.push(prefix);
    this.openPrefixes.add(prefix);
    const listFile = join(this.folder, `.${prefix}.csv`);
    writeFileSync(
      join(this.folder, `.${prefix}${JOURNAL_SUFFIX}`),
      JSON.stringify({ prefix, startedAt: Date.now(), segmentSeconds: this.segmentSeconds }),
    );
    const args = recordArgs({
      pattern: join(this.folder, `${prefix}-%03d.mp4`),
      listFile,
      segmentSeconds: this.segmentSeconds,
    });
    const proc = new FfmpegProcess('record', this.ffmpeg, [
      ...args.slice(0, -1),
      '-progress',
      'pipe:1',
      '-stats_period',
      '1',
      args[args.length - 1] as string,
    ]);
    this.proc = proc;
    this.detach = fanout.attach({ name: 'record', stream: proc.stdin, onOverflow: () => proc.kill() });
    readOutputProgress(proc.stdout, ({ started, kbps }) => {
      if (this.proc !== proc) return; // the last report of a stopped process
      if (started && this.state.state !== 'live')
        this.set({
          state: 'live',
          attempt: 0,
          detail: 'recording',
          reason: null,
          kbps,
          connects: this.state.connects + 1,
        });
      else this.state = { ...this.state, kbps };
    });
    proc.on('exit', (exit) => {
      this.detach?.();
      this.detach = null;
      if (exit.requested || this.proc !== proc) return;
      this.proc = null;
      // The killed recorder's files stay journaled as open: the next start repairs them.
      this.openPrefixes.delete(prefix);
      const error = describeExit(exit.lastLines, 'The recorder stopped.');
      this.emit('error', error);
      if (error.code === 'disk_full') {
        this.set({ state: 'failed', detail: error.message, reason: error.code, kbps: 0 });
        return;
      }
      const attempt = this.state.attempt + 1;
      this.set({
        state: 'reconnecting',
        attempt,
        detail: `restarting the recorder (attempt ${attempt}): ${error.message}`,
        reason: error.code,
        kbps: 0,
      });
      this.retryTimer = setTimeout(() => this.spawn(), Math.min(2000, 200 * attempt));
    });
  }

  /** Close the open segment and start a new one (after the encoder stage was restarted). */
  restart(): void {
    if (this.state.state === 'off' || !this.proc) return;
    this.proc.kill(); // its exit starts a new recorder on a new file
  }

  async stop(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const proc = this.proc;
    const prefix = this.prefix;
    this.proc = null;
    this.detach?.();
    this.detach = null;
    if (this.state.state !== 'off') this.set({ state: 'off', attempt: 0, detail: 'off', reason: null, kbps: 0 });
    if (proc) {
      const exit = await proc.stop(5000, 'end-input');
      if (prefix && exit.signal === null) {
        rmSync(join(this.folder, `.${prefix}${JOURNAL_SUFFIX}`), { force: true });
      }
    }
    if (prefix) this.openPrefixes.delete(prefix);
    this.prefix = null;
  }
}
