// The soak's A/V sync measurement is exact: a known delay of the sync clip's burst is read to the millisecond
// through the stream's own codecs (H.264 and AAC in FLV, as viewers get it), and a burst cut short by dropped
// ticks does not hide the next one.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { defaultFfmpegLocation } from '../../main/system';
import { makeSyncClip, measureSync, pairOffsets, SYNC_PERIOD_S } from './syncClip';

const loc = defaultFfmpegLocation();
const ffmpeg = loc.found ? loc.path : 'ffmpeg';
const run = promisify(execFile);

/** The clip looped to 12 s and encoded as the stream is: x264 and AAC in FLV. */
async function streamOf(audioDelayMs: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sync-clip-'));
  const clip = join(dir, 'clip.mkv');
  await makeSyncClip(ffmpeg, clip, audioDelayMs);
  const out = join(dir, 'stream.flv');
  await run(ffmpeg, [
    ...['-hide_banner', '-loglevel', 'error', '-stream_loop', '5', '-i', clip],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-y', out],
  ]);
  return out;
}

/** The middle of the clip's 320x180 picture. */
const RECT = { x: 80, y: 45, width: 160, height: 90 };

describe('the soak’s sync measurement', () => {
  it.skipIf(!loc.found)(
    'reads a clip in sync as 0 ms and a 17 ms late burst as 17 ms, through H.264 and AAC in FLV',
    async () => {
      const inSync = await measureSync(ffmpeg, await streamOf(0), RECT);
      const late = await measureSync(ffmpeg, await streamOf(17), RECT);
      console.log(`in sync: ${inSync.offsetsMs.join(' ')} ms; 17 ms late: ${late.offsetsMs.join(' ')} ms`);
      // FLV keeps whole milliseconds: AAC's priming (1024 samples, 21.33 ms) moves the video to 21 ms, hence +1.
      for (const m of [inSync, late]) expect(m.pairs).toBeGreaterThanOrEqual(4);
      for (const o of inSync.offsetsMs) expect(Math.abs(o)).toBeLessThanOrEqual(1);
      for (const o of late.offsetsMs) expect(Math.abs(o - 17)).toBeLessThanOrEqual(1);
    },
    120_000,
  );

  it('pairs each flash with its own burst when a burst before it was cut to a fragment', () => {
    // 30 fps luma and 1 ms sound windows over five periods: flashes and bursts at 1 s + k·2 s, the sound 1 ms
    // late; a 20 ms fragment of a burst (its flash dropped with the ticks that carried it) 0.8 s before the third.
    const luma: { t: number; v: number }[] = [];
    const rms: { t: number; v: number }[] = [];
    const on = (t: number, start: number, length: number) => t >= start && t < start + length;
    const starts = [0, 1, 2, 3, 4].map((k) => 1 + k * SYNC_PERIOD_S);
    for (let i = 0; i < 300; i++) {
      const t = i / 30;
      luma.push({ t, v: starts.some((s) => on(t + 1e-9, s, 0.1)) ? 235 : 16 });
    }
    for (let i = 0; i < 10_000; i++) {
      const t = i / 1000;
      const burst = starts.some((s) => on(t, s + 0.001, 0.1)) || on(t, starts[2]! - 0.8, 0.02);
      rms.push({ t, v: burst ? -20 : -200 });
    }
    const pairs = pairOffsets(luma, rms);
    expect(pairs.flashes).toBe(5);
    expect(pairs.bursts).toBe(6);
    expect(pairs.offsetsMs).toEqual([1, 1, 1, 1, 1]);
  });
});
