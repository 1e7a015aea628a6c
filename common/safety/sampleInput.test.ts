// The classifier's input scaler against ffmpeg's own: a 1080p yuv420p frame scaled to 224×224 RGB in Node
// comes out as the same picture ffmpeg's area scaler makes; bad frames are refused in plain words.
import { describe, expect, it } from 'vitest';
import { MODEL_SIZE, rgbToModelRgb, toModelFloats, toModelPlanarFloats, toModelRgb } from './sampleInput';
import { renderRgb224, renderYuv420p, safeGraphs } from '../../testSupport/safetyFrames';
import { execFile } from 'node:child_process';
import { lavfiInputArgs, quietArgs } from '../ffmpeg/commandParts';
import { ffmpegPath } from '../../testSupport/safetyFrames';

function ffmpegRgb224(graph: string): Promise<Uint8Array> {
  // The same picture through 1080p yuv420p first, then ffmpeg's area scaler to 224×224 RGB.
  return new Promise((resolve, reject) =>
    execFile(
      ffmpegPath(),
      [
        ...quietArgs(),
        ...lavfiInputArgs(graph),
        '-frames:v',
        '1',
        '-vf',
        'scale=1920:1080,format=yuv420p,scale=224:224:flags=area',
        '-pix_fmt',
        'rgb24',
        '-f',
        'rawvideo',
        '-',
      ],
      { encoding: 'buffer', maxBuffer: 1 << 24 },
      (err, out) => (err ? reject(err) : resolve(new Uint8Array(out))),
    ),
  );
}

const meanAbsDiff = (a: Uint8Array, b: Uint8Array) =>
  a.reduce((s, v, i) => s + Math.abs(v - (b[i] ?? 0)), 0) / a.length;

describe('sampleInput', () => {
  it('scales a 1080p yuv420p frame to the picture ffmpeg makes', async () => {
    for (const name of ['studioScene', 'smptebars'] as const) {
      const graph = safeGraphs[name] as string;
      const [yuv, reference] = await Promise.all([renderYuv420p(graph, 1920, 1080), ffmpegRgb224(graph)]);
      const ours = toModelRgb({ format: 'yuv420p', width: 1920, height: 1080, data: yuv });
      expect(ours.length).toBe(MODEL_SIZE * MODEL_SIZE * 3);
      expect(meanAbsDiff(ours, reference), name).toBeLessThan(6);
      // A different picture is far off: the comparison can fail.
      expect(meanAbsDiff(ours, await ffmpegRgb224(safeGraphs.black as string))).toBeGreaterThan(20);
    }
  });

  it("converts the compositor's 224×224 yuv420p sample to the RGB ffmpeg makes of the same picture", async () => {
    for (const name of ['studioScene', 'testsrc2'] as const) {
      const graph = safeGraphs[name] as string;
      const [yuv, reference] = await Promise.all([renderYuv420p(graph, 224, 224), renderRgb224(graph)]);
      const ours = toModelRgb({ format: 'yuv420p', width: 224, height: 224, data: yuv });
      expect(meanAbsDiff(ours, reference), name).toBeLessThan(6);
      expect(meanAbsDiff(ours, await renderRgb224(safeGraphs.black as string))).toBeGreaterThan(20);
    }
    // Pixel for pixel: the first one by BT.601's limited-range formula; the planar floats put green after all red.
    const small = new Uint8Array(224 * 224 * 1.5).map((_, i) => (i * 37) % 256);
    const rgb = toModelRgb({ format: 'yuv420p', width: 224, height: 224, data: small });
    const [y0, v0] = [small[0] as number, small[224 * 224 * 1.25] as number];
    const r = Math.round(1.164 * (y0 - 16) + 1.596 * (v0 - 128));
    expect(rgb[0]).toBe(Math.max(0, Math.min(255, r)));
    expect(toModelPlanarFloats(rgb)[224 * 224]).toBeCloseTo((rgb[1] as number) / 255, 6);
  });

  it('passes 224×224 RGB through and scales other RGB sizes', async () => {
    const rgb = await renderRgb224(safeGraphs.testsrc2 as string);
    expect(toModelRgb({ format: 'rgb', width: 224, height: 224, data: rgb })).toBe(rgb);
    const big = new Uint8Array(448 * 448 * 3).fill(200);
    expect(rgbToModelRgb(big, 448, 448, 3).every((v) => v === 200)).toBe(true);
    const f = toModelFloats(new Uint8Array([0, 255, 51]));
    expect([...f]).toEqual([0, 1, Math.fround(0.2)]);
  });

  it('refuses frames it cannot read, in plain words', () => {
    expect(() => toModelRgb({ format: 'yuv420p', width: 1920, height: 1080, data: new Uint8Array(10) })).toThrow(
      /needs 3110400 bytes, it had 10/,
    );
    expect(() => toModelRgb({ format: 'yuv420p', width: 7, height: 1080, data: new Uint8Array(10) })).toThrow(
      /too small/,
    );
    expect(() => toModelRgb({ format: 'yuv420p', width: 101, height: 100, data: new Uint8Array(15150) })).toThrow(
      /even sides/,
    );
    expect(() => toModelRgb({ format: 'jpeg', data: new Uint8Array([1, 2, 3]) })).toThrow();
  });
});
