// Runs one ffmpeg process: spawn with extra pipes, stderr split into lines (the last ones kept for error
// reports), a graceful stop ('q' on stdin, then SIGKILL), and its CPU time read from /proc where there is one.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

/**
 * glibc's malloc settings for media processes. ffmpeg allocates and frees a few MB per frame (frame copies
 * in overlays, raw packets read from a pipe); by default glibc hands those back to the kernel and faults
 * them in again on the next frame, page by page. Measured at 1080p30 (bench:media, bench:scenes): a
 * four-item compositor spent ~3x its CPU in page faults (177k per 8 s) and the encoder stage ~1.5x.
 * Keeping buffers up to 32 MB on the heap and not trimming it removes that; other C libraries ignore these.
 */
export const MEDIA_MALLOC_TUNABLES = 'glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456';

/** The environment every media ffmpeg runs with: the caller's, plus the malloc settings above. */
export function ffmpegEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const existing = base.GLIBC_TUNABLES;
  return { ...base, GLIBC_TUNABLES: existing ? `${existing}:${MEDIA_MALLOC_TUNABLES}` : MEDIA_MALLOC_TUNABLES };
}

export interface FfmpegExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when stop() asked for it. */
  requested: boolean;
  lastLines: string[];
}

export interface FfmpegProcessEvents {
  line: [string];
  exit: [FfmpegExit];
}

export class FfmpegProcess extends EventEmitter<FfmpegProcessEvents> {
  readonly child: ChildProcess;
  private readonly lines: string[] = [];
  private partial = '';
  private stopping = false;
  private exited: Promise<FfmpegExit>;
  exitInfo: FfmpegExit | null = null;

  constructor(
    readonly name: string,
    ffmpegPath: string,
    readonly args: string[],
    extraPipes = 0,
  ) {
    super();
    const stdio: ('pipe' | 'ignore')[] = ['pipe', 'pipe', 'pipe'];
    for (let i = 0; i < extraPipes; i++) stdio.push('pipe');
    this.child = spawn(ffmpegPath, args, { stdio, windowsHide: true, env: ffmpegEnv() });
    // A process that dies leaves its pipes erroring with EPIPE; its exit is what we act on.
    for (const s of this.child.stdio) (s as NodeJS.EventEmitter | null)?.on('error', () => {});
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (d: string) => this.onStderr(d));
    this.exited = new Promise((resolve) => {
      const finish = (code: number | null, signal: NodeJS.Signals | null) => {
        if (this.exitInfo) return;
        if (this.partial) this.pushLine(this.partial);
        this.exitInfo = { code, signal, requested: this.stopping, lastLines: [...this.lines] };
        this.emit('exit', this.exitInfo);
        resolve(this.exitInfo);
      };
      this.child.on('exit', finish);
      this.child.on('error', (err) => {
        this.pushLine(`spawn error: ${err.message}`);
        finish(-1, null);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitInfo === null;
  }

  get stdin(): Writable {
    return this.child.stdin as Writable;
  }

  get stdout(): Readable {
    return this.child.stdout as Readable;
  }

  pipe(fd: number): Readable & Writable {
    return this.child.stdio[fd] as unknown as Readable & Writable;
  }

  recentLines(): string[] {
    return [...this.lines];
  }

  private onStderr(d: string): void {
    const parts = (this.partial + d).split(/\r\n|\r|\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) if (line.trim()) this.pushLine(line);
  }

  private pushLine(line: string): void {
    this.lines.push(line);
    if (this.lines.length > 40) this.lines.shift();
    this.emit('line', line);
  }

  /** Writes a line to ffmpeg's stdin (its interactive commands). */
  send(text: string): boolean {
    if (!this.running || !this.child.stdin?.writable) return false;
    this.child.stdin.write(text);
    return true;
  }

  /** Asks ffmpeg to finish ('q' on stdin, or the end of its input), then kills it after `graceMs`. */
  stop(graceMs = 3000, how: 'q' | 'end-input' | 'kill' = 'q'): Promise<FfmpegExit> {
    if (!this.running) return this.exited;
    this.stopping = true;
    if (how === 'kill') this.child.kill('SIGKILL');
    else if (how === 'q') this.send('q');
    else this.child.stdin?.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    return this.exited.finally(() => clearTimeout(timer));
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.running) this.child.kill(signal);
  }

  wait(): Promise<FfmpegExit> {
    return this.exited;
  }

  /** User + system CPU seconds of the process so far (Linux /proc), or null elsewhere. */
  cpuSeconds(): number | null {
    return cpuSecondsOf(this.pid);
  }
}

const CLOCK_TICKS = 100;

export function cpuSecondsOf(pid: number | undefined): number | null {
  if (!pid || process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11] = utime, fields[12] = stime (counted from field 3, "state").
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
