// The program mix and each guest's mix-minus, run through real ffmpeg on lavfi tones: the VJ at 1 kHz and two
// guests at 2.5 and 4 kHz. The program holds all three; each mix-minus holds everyone but that guest.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toneLevelDb } from '../../testSupport/toneLevels';
import { LIVE_SOUND_LEAD_S } from './compositorClock';
import { mixMinusFd, mixMinusOutputArgs, programAudioGraph, type MixedSound } from './mixMinus';

const RATE = 48000;
const sine = (hz: number) => `sine=f=${hz}:r=${RATE}:d=1,volume=0.5`;

function levels(graph: string, label: string): number[] {
  const r = spawnSync(
    'ffmpeg',
    ['-v', 'error', '-filter_complex', graph, '-map', `[${label}]`, '-f', 's16le', '-ac', '1', '-'].concat(
      // The other labels of the graph go nowhere.
      ['aout', 'mm0', 'mm1'].filter((l) => l !== label).flatMap((l) => ['-map', `[${l}]`, '-f', 'null', '-']),
    ),
    { maxBuffer: 16 * 1024 * 1024 },
  );
  expect(r.status, String(r.stderr)).toBe(0);
  const b = r.stdout;
  const pcm = new Float32Array(b.length >> 1);
  for (let i = 0; i < pcm.length; i++) pcm[i] = b.readInt16LE(i * 2) / 32768;
  return [1000, 2500, 4000].map((hz) => toneLevelDb(pcm, RATE, hz));
}

describe('mix-minus', () => {
  const sounds: MixedSound[] = [
    { chain: sine(1000), guest: null },
    { chain: sine(2500), guest: 'ann' },
    { chain: sine(4000), guest: 'bo' },
  ];
  const graph = programAudioGraph(sounds, ['ann', 'bo'], RATE);

  it('the program holds everyone; each guest hears everyone but themselves', () => {
    const [vj, ann, bo] = levels(graph, 'aout') as [number, number, number];
    expect(Math.min(vj, ann, bo)).toBeGreaterThan(-45);
    const forAnn = levels(graph, 'mm0');
    expect(forAnn[0]).toBeGreaterThan(-45);
    expect(forAnn[2]).toBeGreaterThan(-45);
    expect(forAnn[1]).toBeLessThan(-80);
    const forBo = levels(graph, 'mm1');
    expect(forBo[0]).toBeGreaterThan(-45);
    expect(forBo[1]).toBeGreaterThan(-45);
    expect(forBo[2]).toBeLessThan(-80);
  });

  it("a mix with a sound timed on arrival is timed ahead for ffmpeg's choice of output; the others keep their times", () => {
    const live = programAudioGraph([sounds[0]!, { ...sounds[1]!, live: true }, sounds[2]!], ['ann', 'bo'], RATE);
    const firstTime = (label: string) => {
      const r = spawnSync(
        'ffmpeg',
        ['-v', 'error', '-filter_complex', live, '-map', `[${label}]`, '-f', 'framecrc', '-'].concat(
          ['aout', 'mm0', 'mm1'].filter((l) => l !== label).flatMap((l) => ['-map', `[${l}]`, '-f', 'null', '-']),
        ),
      );
      expect(r.status, String(r.stderr)).toBe(0);
      // framecrc: "stream, dts, pts, duration, size, crc", times in samples.
      const first =
        String(r.stdout)
          .split('\n')
          .find((l) => /^0,/.test(l)) ?? '';
      return Number(first.split(',')[2]) / RATE;
    };
    expect(firstTime('aout')).toBeCloseTo(LIVE_SOUND_LEAD_S, 3);
    // Ann's mix-minus is the VJ and Bo only; Bo's holds Ann.
    expect(firstTime('mm0')).toBe(0);
    expect(firstTime('mm1')).toBeCloseTo(LIVE_SOUND_LEAD_S, 3);
  });

  it('a show without guests keeps the graph it had; each mix-minus has its own pipe after the preview', () => {
    expect(programAudioGraph([sounds[0]!], [], RATE)).toBe(
      `${sine(1000)},aformat=sample_fmts=s16:sample_rates=${RATE}:channel_layouts=stereo[aout]`,
    );
    // A lone guest hears silence, not themselves.
    expect(programAudioGraph([sounds[1]!], ['ann'], RATE)).toContain(`anullsrc=r=${RATE}:cl=stereo`);
    expect(mixMinusOutputArgs(['ann', 'bo'], RATE)).toEqual([
      ...['-map', '[mm0]', '-f', 's16le', '-ar', '48000', '-ac', '2', `pipe:${mixMinusFd(0)}`],
      ...['-map', '[mm1]', '-f', 's16le', '-ar', '48000', '-ac', '2', `pipe:${mixMinusFd(1)}`],
    ]);
    expect(mixMinusFd(0)).toBe(7);
  });
});
