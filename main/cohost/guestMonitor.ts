// Watches one guest's stream on the ingest with a small ffmpeg of its own (video copied to nowhere, audio
// measured): it says when the stream is there, its audio level ~10 times a second, and when it is gone —
// the stream ended, or nothing arrived for `stallMs` (a guest whose network died sends nothing, and no EOF
// comes for a while). The compositor's own input cannot tell us this: it holds the guest's last frame.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';

export interface GuestMonitorOptions {
  ffmpegPath: string;
  url: string;
  /** Silence of the stream (no progress) after which the guest counts as gone. */
  stallMs?: number;
  /** Before the stream is up: how long to wait between tries (the guest may not be publishing yet). */
  retryMs?: number;
}

export type GuestMonitorEvents = {
  up: [];
  /** RMS level in dBFS (-90 for silence). */
  level: [number];
  gone: [string];
};

const LEVEL = /lavfi\.astats\.Overall\.RMS_level=(-?inf|[-\d.]+)/;

export function monitorArgs(url: string, stallMs: number): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-rw_timeout',
    String(Math.max(500, stallMs) * 1000),
    '-fflags',
    '+nobuffer',
    '-analyzeduration',
    '500000',
    '-i',
    url,
    '-map',
    '0:v?',
    '-map',
    '0:a?',
    '-c:v',
    'copy',
    '-af',
    "asetnsamples=n=4800,astats=metadata=1:reset=1,ametadata=mode=print:key=lavfi.astats.Overall.RMS_level:file='pipe\\:1':direct=1",
    '-f',
    'null',
    '-',
    '-progress',
    'pipe:1',
    '-stats_period',
    '0.5',
  ];
}

export class GuestMonitor extends EventEmitter<GuestMonitorEvents> {
  private child: ChildProcess | null = null;
  private isUp = false;
  private stopped = false;
  private lastSeen = 0;
  private watchdog: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private readonly stallMs: number;
  lastError = '';

  constructor(private readonly o: GuestMonitorOptions) {
    super();
    this.stallMs = o.stallMs ?? 2500;
  }

  get up(): boolean {
    return this.isUp;
  }

  start(): void {
    if (this.stopped || this.child) return;
    const child = spawn(this.o.ffmpegPath, monitorArgs(this.o.url, this.stallMs), {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.child = child;
    let partial = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      const lines = (partial + d).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.onLine(line);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (this.lastError = (this.lastError + d).slice(-500)));
    child.on('error', (e) => (this.lastError = e.message));
    child.on('exit', () => {
      if (this.child === child) this.child = null;
      if (this.stopped) return;
      if (this.isUp) this.lose("The guest's stream ended.");
      else this.retry = setTimeout(() => this.start(), this.o.retryMs ?? 500);
    });
  }

  private onLine(line: string): void {
    if (this.stopped) return;
    const m = LEVEL.exec(line);
    if (m) {
      const v = m[1]!.endsWith('inf') ? -90 : Math.max(-90, Number(m[1]));
      this.seen();
      this.emit('level', Math.round(v * 10) / 10);
    } else if (line.startsWith('progress=') || line.startsWith('out_time_us=')) this.seen();
  }

  private seen(): void {
    this.lastSeen = Date.now();
    if (this.isUp) return;
    this.isUp = true;
    this.emit('up');
    this.watchdog = setInterval(() => {
      if (Date.now() - this.lastSeen > this.stallMs)
        this.lose(`Nothing arrived from the guest for ${Math.round(this.stallMs / 100) / 10} s.`);
    }, 250);
  }

  private lose(why: string): void {
    if (this.stopped) return;
    this.stop();
    this.emit('gone', why);
  }

  stop(): void {
    this.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.retry) clearTimeout(this.retry);
    this.watchdog = this.retry = null;
    this.child?.kill('SIGKILL');
    this.child = null;
  }
}
