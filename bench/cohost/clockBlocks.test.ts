// The clock blocks read back what was drawn, through real scaling and H.264, and refuse damaged frames.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { clockBlocksCodec, clockLumaPlane } from './clockBlocks';

const codec = clockBlocksCodec();
const W = 320;
const H = 180;
const whole = { x: 0, y: 0, width: W, height: H };

function read(plane: ArrayLike<number>, width = W, rect = whole): number | null {
  return codec.decode(codec.sample(plane, width, 1, rect));
}

describe('clock blocks', () => {
  it('read back the time they were drawn with, and the wall clock from it', () => {
    for (const ms of [0, 1, 1_765_000_000_123, 4294967295, Date.now()]) {
      const got = read(clockLumaPlane(codec, ms, W, H));
      expect(got).toBe(ms % 2 ** 32);
      expect(codec.unwrap(got!, ms + 1234)).toBe(ms);
    }
    // Near the wrap of the 32-bit value, the nearest time wins on either side.
    const t = 3 * 2 ** 32 - 5;
    expect(codec.unwrap(read(clockLumaPlane(codec, t, W, H))!, t + 20)).toBe(t);
    expect(codec.unwrap(read(clockLumaPlane(codec, t + 10, W, H))!, t)).toBe(t + 10);
  });

  it('read from a box inside a bigger picture, in any channel layout', () => {
    const big = new Uint8Array(640 * 360 * 4);
    const plane = clockLumaPlane(codec, 123456789, 200, 120);
    for (let y = 0; y < 120; y++)
      for (let x = 0; x < 200; x++)
        big.fill(plane[y * 200 + x]!, ((y + 100) * 640 + x + 300) * 4, ((y + 100) * 640 + x + 301) * 4);
    expect(codec.decode(codec.sample(big, 640, 4, { x: 300, y: 100, width: 200, height: 120 }))).toBe(123456789);
  });

  it('survive H.264 at a low bitrate and a scale to a quarter', () => {
    const times = Array.from({ length: 10 }, (_, i) => 1_765_000_000_000 + i * 33);
    const chroma = Buffer.alloc((W * H) / 2, 128);
    const input = Buffer.concat(times.flatMap((ms) => [clockLumaPlane(codec, ms, W, H), chroma]));
    const args = ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${W}x${H}`, '-r', '30', '-i', '-'];
    const h264 = spawnSync('ffmpeg', [...args, '-c:v', 'libx264', '-b:v', '150k', '-g', '30', '-f', 'h264', '-'], {
      input,
      maxBuffer: 1 << 26,
    });
    expect(h264.status, String(h264.stderr)).toBe(0);
    const gray = spawnSync(
      'ffmpeg',
      ['-v', 'error', '-f', 'h264', '-i', '-', '-vf', 'scale=80:46,format=gray', '-f', 'rawvideo', '-'],
      { input: h264.stdout, maxBuffer: 1 << 26 },
    );
    expect(gray.status, String(gray.stderr)).toBe(0);
    const size = 80 * 46;
    const got = Array.from({ length: gray.stdout.length / size }, (_, i) =>
      read(gray.stdout.subarray(i * size, (i + 1) * size), 80, { x: 0, y: 0, width: 80, height: 46 }),
    );
    expect(got).toEqual(times.map((ms) => ms % 2 ** 32));
  });

  it('refuse a damaged frame: two frames blended, one block flipped, a picture of something else', () => {
    const a = clockLumaPlane(codec, 1_765_000_000_000, W, H);
    const b = clockLumaPlane(codec, 1_765_000_000_033, W, H);
    const blend = a.map((v, i) => (v + b[i]!) >> 1);
    expect(read(blend)).toBeNull();

    // One data block white instead of black (or back): the CRC no longer holds.
    const flipped = Buffer.from(a);
    const bw = W / codec.cols;
    const bh = H / codec.rows;
    const block = 2 * codec.cols + 3; // row 2, column 3: a bit of the time
    const white = a[Math.floor(2.5 * bh) * W + Math.floor(3.5 * bw)] === 235;
    for (let y = 2 * bh; y < 3 * bh; y++) flipped.fill(white ? 16 : 235, y * W + 3 * bw, y * W + 4 * bw);
    expect(block).toBe(19);
    expect(read(flipped)).toBeNull();

    // Flat grey, noise, a half-drawn frame (the bottom half still the old one).
    expect(read(Buffer.alloc(W * H, 128))).toBeNull();
    expect(read(Uint8Array.from({ length: W * H }, (_, i) => (i * 7919) % 256))).toBeNull();
    const torn = Buffer.concat([
      a.subarray(0, (W * H) / 2),
      clockLumaPlane(codec, 1_700_000_000_000, W, H).subarray((W * H) / 2),
    ]);
    expect(read(torn)).toBeNull();
  });
});
