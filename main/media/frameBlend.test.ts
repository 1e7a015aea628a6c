// The transition frame arithmetic on small yuv420p frames whose every byte is known.
import { describe, expect, it } from 'vitest';
import { fadeFrames, overlayAlpha, slideFrames } from './frameBlend';

const W = 8;
const H = 4;
const frame = (y: number, u: number, v: number) => {
  const b = Buffer.alloc(W * H * 1.5);
  b.fill(y, 0, W * H);
  b.fill(u, W * H, W * H * 1.25);
  b.fill(v, W * H * 1.25);
  return b;
};
const lumaRow = (f: Buffer, row: number) => [...f.subarray(row * W, row * W + W)];

describe('transition frames', () => {
  it('fades every plane from the outgoing frame to the incoming one', () => {
    const a = frame(200, 100, 50);
    const b = frame(0, 200, 250);
    expect(fadeFrames(a, b, 0).equals(a)).toBe(true);
    expect(fadeFrames(a, b, 1).equals(b)).toBe(true);
    const mid = fadeFrames(a, b, 0.5);
    expect([mid[0], mid[W * H], mid[W * H * 1.25]]).toEqual([100, 150, 150]);
  });

  it('slides: the incoming frame follows the outgoing one out of the picture', () => {
    const a = frame(10, 20, 30);
    const b = frame(90, 80, 70);
    const left = slideFrames(a, b, W, H, 0.25, 'left');
    expect(lumaRow(left, 1)).toEqual([10, 10, 10, 10, 10, 10, 90, 90]);
    expect(left[W * H]).toBe(20);
    expect(left[W * H + W / 2 - 1]).toBe(80);
    const right = slideFrames(a, b, W, H, 0.5, 'right');
    expect(lumaRow(right, 0)).toEqual([90, 90, 90, 90, 10, 10, 10, 10]);
    const up = slideFrames(a, b, W, H, 0.5, 'up');
    expect([lumaRow(up, 0)[0], lumaRow(up, 1)[0], lumaRow(up, 2)[0], lumaRow(up, 3)[0]]).toEqual([10, 10, 90, 90]);
    const down = slideFrames(a, b, W, H, 0.5, 'down');
    expect([lumaRow(down, 0)[0], lumaRow(down, 3)[0]]).toEqual([90, 10]);
    expect(slideFrames(a, b, W, H, 1, 'left').equals(b)).toBe(true);
  });

  it('draws a stinger frame over the program by its alpha', () => {
    const base = frame(16, 128, 128);
    const top = Buffer.alloc(W * H * 2.5);
    top.fill(235, 0, W * H);
    top.fill(50, W * H, W * H * 1.5);
    // Alpha: opaque on the left half, transparent on the right, half on the last row's left.
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) top[W * H * 1.5 + y * W + x] = x < W / 2 ? (y === H - 1 ? 128 : 255) : 0;
    const out = overlayAlpha(base, top, W, H);
    expect(lumaRow(out, 0)).toEqual([235, 235, 235, 235, 16, 16, 16, 16]);
    expect(lumaRow(out, H - 1)[0]).toBe(Math.round((235 * 128 + 16 * 127 + 127) / 255) - 0);
    expect([out[W * H], out[W * H + W / 2 - 1]]).toEqual([50, 128]);
  });
});
