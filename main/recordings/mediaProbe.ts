// Reads a media file's duration from ffmpeg's own report, and runs a remux with progress. Uses only ffmpeg
// (ffmpeg-static ships no ffprobe).
import { execFile, spawn } from 'node:child_process';

export function probeDuration(ffmpeg: string, file: string): Promise<number | null> {
  return new Promise((resolve) => {
    execFile(
      ffmpeg,
      ['-hide_banner', '-nostdin', '-i', file],
      { timeout: 15_000, windowsHide: true },
      (_e, _out, stderr) => {
        const m = /Duration:\s*(\d+):(\d+):([\d.]+)/.exec(String(stderr));
        resolve(m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null);
      },
    );
  });
}

/** Runs ffmpeg with `-progress pipe:1`, reporting the fraction done against `durationSec`. */
export function runWithProgress(
  ffmpeg: string,
  args: string[],
  durationSec: number | null,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      const m = /out_time_us=(\d+)/g;
      let last: RegExpExecArray | null = null;
      for (let x = m.exec(d); x; x = m.exec(d)) last = x;
      if (last && durationSec) onProgress(Math.min(0.99, Number(last[1]) / 1e6 / durationSec));
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(err.trim().split('\n').pop() || `ffmpeg exited with ${code}`)),
    );
  });
}
