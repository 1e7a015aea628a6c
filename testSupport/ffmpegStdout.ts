// Everything an ffmpeg run writes to its stdout, for tests that read a stream's pictures or sound.
import { spawn } from 'node:child_process';

/**
 * Runs ffmpeg with `args` and resolves with all it wrote to stdout once it exits. A pull from a stream that
 * stalls is killed after `timeoutMs`, so a test gets what came so far (maybe nothing) rather than hanging.
 */
export function ffmpegStdout(ffmpeg: string, args: string[], timeoutMs: number): Promise<Buffer> {
  return new Promise((done) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', () => {
      clearTimeout(timer);
      done(Buffer.concat(chunks));
    });
  });
}
