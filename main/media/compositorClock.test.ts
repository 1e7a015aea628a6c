// The compositor's clock on real ffmpeg: a compositor running late (its program read at a third of its rate)
// still shows a live input's newest picture, instead of falling further behind it every second.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { neutralBeauty } from './beautyFilter';
import { buildCompositor } from './sceneGraph';
import { sceneItem, sceneOnBackground } from '../../testSupport/media';

const W = 320;
const H = 180;
const FRAME = (W * H * 3) / 2;
const dir = mkdtempSync(join(tmpdir(), 'compositor-clock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A clip whose grey level counts its seconds (luma 16 + 24 a second), played live (-re) as a scene's file. */
function countingClip(seconds: number): string {
  const file = join(dir, 'seconds.mp4');
  const r = spawnSync('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', `color=c=black:s=160x90:r=30:d=${seconds}`],
    ...['-vf', "geq=lum='16+24*trunc(T)':cb=128:cr=128", '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '15'],
    ...['-pix_fmt', 'yuv420p', '-y', file],
  ]);
  expect(r.status, String(r.stderr)).toBe(0);
  return file;
}

/** The second of the clip shown in the box at (x, y): its luma, read back to the count. */
function secondShown(frame: Buffer, x: number, y: number): number {
  let sum = 0;
  for (let r = y + 10; r < y + 80; r++) for (let c = x + 10; c < x + 150; c++) sum += frame[r * W + c]!;
  return Math.round((sum / (70 * 140) - 16) / 24);
}

describe('compositor clock', () => {
  it('a late compositor shows a live input as it is now, not as it was when the compositor fell behind', async () => {
    const clip = countingClip(10);
    writeFileSync(join(dir, 'slate.txt'), 'back soon');
    const scene = sceneOnBackground('S', '#203040', { width: W, height: H }, [
      sceneItem('clip', { kind: 'mediaFile', path: clip, loop: false }, { x: 160, y: 90, width: 160, height: 90 }),
    ]);
    const plan = buildCompositor({
      ...{ scene, width: W, height: H, fps: 30, platform: 'linux', beauty: neutralBeauty, safetyMask: 'none' },
      ...{ textDir: dir, guestUrls: {}, placeholders: {}, microphone: null },
    });
    const startedAt = Date.now();
    const ff = spawn('ffmpeg', plan.args, { stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'] });
    let err = '';
    ff.stderr!.on('data', (d: Buffer) => (err = (err + String(d)).slice(-2000)));
    for (const fd of [3, 4]) ff.stdio[fd]!.on('data', () => {});
    // The program is read at 10 frames a second: the compositor is held back to a third of its 30.
    const out = ff.stdout!;
    out.pause();
    const shown: { at: number; second: number }[] = [];
    await new Promise<void>((done) => {
      const timer = setInterval(() => {
        const frame = out.read(FRAME) as Buffer | null;
        if (frame) shown.push({ at: (Date.now() - startedAt) / 1000, second: secondShown(frame, 160, 90) });
        if (Date.now() - startedAt > 7000) {
          clearInterval(timer);
          done();
        }
      }, 100);
    });
    ff.kill('SIGKILL');
    expect(shown.length, err).toBeGreaterThan(20);
    // Timed by its frame count, the canvas had reached only a third of the wall clock, and the clip's frames
    // waited for it: at 7 s it showed the clip's second 2. Timed on the wall clock, it shows the clip's now (the
    // clip starts once ffmpeg has opened it, which a busy machine may take a second or two over).
    const last = shown.at(-1)!;
    console.log(`at ${last.at.toFixed(1)} s the box showed the clip's second ${last.second} (${shown.length} frames)`);
    expect(last.second).toBeGreaterThanOrEqual(Math.floor(last.at) - 2);
  }, 30_000);
});
