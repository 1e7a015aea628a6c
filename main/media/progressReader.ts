// Reads ffmpeg's `-progress` blocks (key=value lines ending with progress=continue|end) from a stream.
import type { Readable } from 'node:stream';

export type ProgressBlock = Record<string, string>;

export function readProgress(stream: Readable, onBlock: (block: ProgressBlock) => void): void {
  let partial = '';
  let block: ProgressBlock = {};
  stream.setEncoding('utf8');
  stream.on('data', (d: string) => {
    const lines = (partial + d).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const i = line.indexOf('=');
      if (i < 0) continue;
      const key = line.slice(0, i).trim();
      block[key] = line.slice(i + 1).trim();
      if (key === 'progress') {
        onBlock(block);
        block = {};
      }
    }
  });
  stream.on('error', () => {});
}

export interface OutputProgress {
  /** The output has written something (bytes, or a timestamp). */
  started: boolean;
  /** Bytes written since the previous report, as kbit/s over the time between the reports. */
  kbps: number;
}

/** An output process's `-progress` reports as "started" and its write rate (push and recording alike). */
export function readOutputProgress(stream: Readable, onReport: (p: OutputProgress) => void): void {
  let lastBytes = 0;
  let lastAt = Date.now();
  readProgress(stream, (b) => {
    const bytes = Number(b.total_size) || 0;
    const now = Date.now();
    const kbps = now > lastAt ? ((bytes - lastBytes) * 8) / (now - lastAt) : 0;
    lastBytes = bytes;
    lastAt = now;
    onReport({ started: bytes > 0 || (Number(b.out_time_us) || 0) > 0, kbps: Math.max(0, kbps) });
  });
}

/** "frame=  300 fps= 30 ... speed=1.02x" → the figures of an ffmpeg stats line, or null. */
export function parseStatsLine(
  line: string,
): { frame: number; fps: number; speed: number; dup: number; drop: number; kbps: number } | null {
  const m = /frame=\s*(\d+)\s+fps=\s*([\d.]+)/.exec(line);
  if (!m) return null;
  const num = (re: RegExp) => Number(re.exec(line)?.[1] ?? 0) || 0;
  return {
    frame: Number(m[1]),
    fps: Number(m[2]),
    speed: num(/speed=\s*([\d.]+)x/),
    dup: num(/dup=\s*(\d+)/),
    drop: num(/drop=\s*(\d+)/),
    kbps: num(/bitrate=\s*([\d.]+)kbits/),
  };
}
