// The compositor's content-safety samples on real ffmpeg: 224x224 yuv420p, twice a second, in which the
// classifier's own reader finds the program's colours (full-range preview → limited-range sample → RGB),
// following a scene change; and the reader that cuts the pipe.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scene } from '../contract/scene';
import { SAFETY_FRAME_BYTES } from './compositorPreview';
import { customPreset, MediaEngine } from './index';
import { SafetySampleReader, type SafetySample } from './safetySamples';
import { sceneItem, until } from '../../testSupport/media';
import { toModelRgb } from '../../common/safety/sampleInput';

const solid = (color: string): Scene => ({
  id: color,
  name: color,
  items: [
    sceneItem(
      'bg',
      { kind: 'testPattern', pattern: 'color', color, tone: false },
      { x: 0, y: 0, width: 320, height: 180 },
    ),
  ],
});

function meanRgb(s: SafetySample): [number, number, number] {
  const rgb = toModelRgb(s);
  const sum = [0, 0, 0];
  for (let i = 0; i < rgb.length; i += 3) for (let c = 0; c < 3; c++) sum[c]! += rgb[i + c]!;
  const n = rgb.length / 3;
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

const near = (rgb: [number, number, number], want: [number, number, number]) =>
  rgb.every((v, i) => Math.abs(v - want[i]!) <= 10);

describe('content-safety samples from the compositor', () => {
  it('cuts whole samples out of any chunking, each in a buffer of its own', () => {
    const got: SafetySample[] = [];
    const reader = new SafetySampleReader((s) => got.push(s));
    const stream = new Uint8Array(SAFETY_FRAME_BYTES * 2 + 100).map((_, i) => i % 251);
    for (let at = 0; at < stream.length; at += 65536) reader.push(stream.subarray(at, at + 65536));
    expect(got).toHaveLength(2);
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    expect(same(got[0]!.data, stream.subarray(0, SAFETY_FRAME_BYTES))).toBe(true);
    expect(same(got[1]!.data, stream.subarray(SAFETY_FRAME_BYTES, SAFETY_FRAME_BYTES * 2))).toBe(true);
    expect(got[0]!.data.buffer).not.toBe(got[1]!.data.buffer);
    expect(got[0]!.data.byteLength).toBe(got[0]!.data.buffer.byteLength);
  });

  it('hands out 224x224 samples of the program about twice a second, in its colours, through a scene change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'safety-samples-'));
    const engine = new MediaEngine({
      ffmpegPath: 'ffmpeg',
      workDir: join(dir, 'work'),
      recordingsDir: join(dir, 'rec'),
      preset: customPreset('720p30', 320, 180),
    });
    await engine.setScene(solid('#3050ff'));
    await engine.start();
    const samples: { at: number; sample: SafetySample }[] = [];
    const off = engine.onSafetySample((sample) => samples.push({ at: Date.now(), sample }));
    try {
      await until(() => samples.length >= 6, 30000, 'six safety samples');
      const last = samples.at(-1)!.sample;
      expect(last).toMatchObject({ format: 'yuv420p', width: 224, height: 224, owned: true });
      expect(last.data.length).toBe((224 * 224 * 3) / 2);
      expect(meanRgb(last)).toSatisfy((rgb: [number, number, number]) => near(rgb, [0x30, 0x50, 0xff]));
      // Two a second: six samples span about 2.5 s of the compositor's clock (30 a second would be 0.17 s).
      const span = (samples.at(-1)!.at - samples.at(-6)!.at) / 1000;
      expect(span).toBeGreaterThan(1);
      expect(engine.status().preview).toBe(false);

      await engine.setScene(solid('#e0c020'));
      await until(() => near(meanRgb(samples.at(-1)!.sample), [0xe0, 0xc0, 0x20]), 30000, 'samples of the new scene');
    } finally {
      off();
      await engine.stop();
    }
  }, 90000);
});
