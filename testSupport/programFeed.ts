// Test and benchmark support: a program encoded by real ffmpeg as the encoder stage writes it (H.264 CBR,
// 2 s GOPs, AAC, MPEG-TS) and fed into a fan-out at the program's own pace, as the encoder would.
// Not used by the studio itself.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './media';
import type { TsFanout } from '../main/media/tsFanout';

export interface EncodedProgram {
  ts: Buffer;
  seconds: number;
}

export function encodeProgram(seconds: number, size = '640x360', kbps = 1500): Promise<EncodedProgram> {
  const file = join(mkdtempSync(join(tmpdir(), 'program-')), 'program.ts');
  const rate = `${kbps}k`;
  const args = [
    ...['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=30:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=duration=${seconds}`],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', rate, '-minrate', rate, '-maxrate', rate],
    ...['-bufsize', rate, '-x264-params', 'nal-hrd=cbr', '-g', '60', '-bf', '0', '-c:a', 'aac'],
    ...['-f', 'mpegts', '-y', file],
  ];
  return new Promise((resolve, reject) =>
    execFile('ffmpeg', args, (err, _o, stderr) =>
      err ? reject(new Error(String(stderr))) : resolve({ ts: readFileSync(file), seconds }),
    ),
  );
}

/**
 * Feeds the program from `fromS` to `toS` seconds into the fan-out at `speed` times its own pace. Answers the
 * longest pause between two pieces (a busy machine's own hiccups, which every output then inherits).
 */
export async function feedProgram(
  fanout: TsFanout,
  p: EncodedProgram,
  fromS = 0,
  toS = p.seconds,
  speed = 1,
): Promise<{ longestPauseMs: number }> {
  let longestPauseMs = 0;
  let last = Date.now();
  const step = 188 * 40;
  const byteAt = (s: number) => Math.min(p.ts.length, Math.floor((p.ts.length * s) / p.seconds / 188) * 188);
  const [from, to] = [byteAt(fromS), byteAt(toS)];
  const bytesPerMs = (p.ts.length / (p.seconds * 1000)) * speed;
  const t0 = Date.now();
  for (let at = from; at < to; at += step) {
    fanout.push(p.ts.subarray(at, Math.min(to, at + step)));
    longestPauseMs = Math.max(longestPauseMs, Date.now() - last);
    last = Date.now();
    const due = (at + step - from) / bytesPerMs - (Date.now() - t0);
    if (due > 1) await sleep(due);
  }
  return { longestPauseMs };
}
