// HLS for a live stream: an ffmpeg `-c copy -f hls` remux of the ingest's own RTMP output, short segments.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export function hlsArgs(input: string, dir: string): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-i',
    input,
    '-c',
    'copy',
    '-f',
    'hls',
    '-hls_time',
    '1',
    '-hls_list_size',
    '6',
    '-hls_flags',
    'delete_segments+omit_endlist',
    '-hls_segment_filename',
    join(dir, 'seg_%05d.ts'),
    join(dir, 'index.m3u8'),
  ];
}

export class HlsRemuxer {
  private readonly running = new Map<string, ChildProcess>();

  constructor(
    private readonly ffmpegPath: string,
    private readonly rootDir: string,
    private readonly rtmpBase: () => string,
    private readonly log: (line: string) => void = () => {},
  ) {}

  dirOf(streamName: string): string {
    return join(this.rootDir, streamName);
  }

  start(streamName: string): void {
    if (this.running.has(streamName)) return;
    const dir = this.dirOf(streamName);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const child = spawn(this.ffmpegPath, hlsArgs(`${this.rtmpBase()}/live/${streamName}`, dir), {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on('error', (e) => this.log(`hls: ffmpeg could not start for ${streamName}: ${e.message}`));
    child.on('exit', (code) => {
      if (this.running.get(streamName) === child) this.running.delete(streamName);
      if (code && code !== 255) this.log(`hls: remux of ${streamName} stopped (${code}): ${err.trim()}`);
    });
    this.running.set(streamName, child);
  }

  stop(streamName: string): void {
    const child = this.running.get(streamName);
    this.running.delete(streamName);
    if (child && child.exitCode === null) child.kill('SIGTERM');
  }

  stopAll(): Promise<void> {
    const waits = [...this.running.values()].map(
      (c) =>
        new Promise<void>((done) => {
          if (c.exitCode !== null || c.signalCode !== null) return done();
          c.once('exit', () => done());
          c.kill('SIGTERM');
          setTimeout(() => c.kill('SIGKILL'), 2000).unref();
        }),
    );
    this.running.clear();
    return Promise.all(waits).then(() => undefined);
  }
}
