// Small facts about the ffmpeg at hand and the machine: whether a filter exists, a free loopback port.
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';

export function hasFilter(ffmpeg: string, name: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(ffmpeg, ['-hide_banner', '-filters'], { timeout: 10_000, windowsHide: true }, (_e, stdout) =>
      resolve(new RegExp(`\\s${name}\\s`).test(String(stdout))),
    );
  });
}

/** Whether drawtext's `reload` takes a frame interval (ffmpeg 5.1 and later; before, it re-read every frame). */
export function drawtextReloadsByInterval(ffmpeg: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(ffmpeg, ['-hide_banner', '-h', 'filter=drawtext'], { timeout: 10_000, windowsHide: true }, (_e, stdout) =>
      resolve(/\breload\s+<int>/.test(String(stdout))),
    );
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no free port'))));
    });
  });
}
