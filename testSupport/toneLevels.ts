// How loud one frequency is in a run of samples, or in a stream's sound: how tests tell a tone that is in a mix
// from one left out.
import { quietArgs } from '../common/ffmpeg/commandParts';
import { ffmpegStdout } from './ffmpegStdout';

/** Block length: 20 ms (a WebRTC audio packet) gives 50 Hz bins, still far finer than the tones tests tell apart. */
const BLOCK_SECONDS = 0.02;

/**
 * One frequency's level in samples, as the dBFS of a sine of that amplitude: the mean power of a Hann-windowed
 * Goertzel over 20 ms blocks. Sound that went through a network has gaps and phase jumps (lost packets,
 * concealment, clock drift), which a single transform over the whole run adds up out of phase and reads as
 * tens of dB too quiet; block by block a tone keeps its level, and the window keeps a loud tone from leaking
 * into a neighbouring frequency's reading. Silent blocks count as silence, so a tone present half the time
 * reads 3 dB down.
 */
export function toneLevelDb(samples: Float32Array, rate: number, hz: number): number {
  const size = Math.max(16, Math.round(rate * BLOCK_SECONDS));
  const blocks = Math.floor(samples.length / size);
  if (blocks === 0) return blockAmplitudeDb(samples, 0, samples.length, rate, hz);
  let power = 0;
  for (let b = 0; b < blocks; b++) power += 10 ** (blockAmplitudeDb(samples, b * size, size, rate, hz) / 10);
  return 10 * Math.log10(Math.max(power / blocks, 1e-18));
}

function blockAmplitudeDb(samples: Float32Array, start: number, n: number, rate: number, hz: number): number {
  const w = (2 * Math.PI * hz) / rate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const hann = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / Math.max(n - 1, 1));
    const s0 = samples[start + i]! * hann + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  // The Hann window halves a sine's sum: twice the plain Goertzel's 2/N.
  const amplitude = (4 * Math.sqrt(Math.max(power, 0))) / Math.max(n, 1);
  return 20 * Math.log10(Math.max(amplitude, 1e-9));
}

/**
 * The level of each tone (dB relative to full scale, as toneLevelDb reads it) in a few seconds of a live
 * stream's sound pulled with ffmpeg (mono, 48 kHz).
 */
export async function streamToneLevels(
  ffmpeg: string,
  url: string,
  hz: number[],
  seconds = 3,
): Promise<number[] | null> {
  const input = [...quietArgs(), '-rw_timeout', '5000000', '-i', url];
  const output = ['-vn', '-t', String(seconds), '-f', 's16le', '-ac', '1', '-ar', '48000', '-'];
  const b = await ffmpegStdout(ffmpeg, [...input, ...output], 20_000);
  const samples = new Float32Array(b.length >> 1);
  for (let i = 0; i < samples.length; i++) samples[i] = b.readInt16LE(i * 2) / 32768;
  return samples.length > 48000 ? hz.map((f) => toneLevelDb(samples, 48000, f)) : null;
}
