// The tone meter the mix-minus tests rely on: a tone's level survives the gaps and phase jumps of sound that
// crossed a network, and a loud tone does not leak into a neighbouring tone's reading.
import { describe, expect, it } from 'vitest';
import { toneLevelDb } from '../../testSupport/toneLevels';

const RATE = 48000;

function sine(hz: number, amplitude: number, seconds: number, jumpEveryS = 0): Float32Array {
  const out = new Float32Array(Math.round(RATE * seconds));
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    if (jumpEveryS && i % Math.round(RATE * jumpEveryS) === 0) phase += 2.1; // a lost packet's phase jump
    out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / RATE + phase);
  }
  return out;
}

describe('toneLevelDb', () => {
  it('reads a steady sine at its level', () => {
    expect(toneLevelDb(sine(1000, 0.1, 3), RATE, 1000)).toBeCloseTo(-20, 0);
  });

  it('reads a sine with a phase jump every 100 ms within 2 dB of its level', () => {
    const level = toneLevelDb(sine(1000, 0.1, 3, 0.1), RATE, 1000);
    expect(Math.abs(level + 20)).toBeLessThan(2);
  });

  it('reads a tone present half the time 3 dB down', () => {
    const s = sine(1000, 0.1, 3);
    s.fill(0, 0, s.length / 2);
    expect(toneLevelDb(s, RATE, 1000)).toBeCloseTo(-23, 0);
  });

  it('keeps a loud 1 kHz tone out of the 2.5 kHz reading (over 90 dB apart; over 50 with phase jumps)', () => {
    const steady = sine(1000, 0.5, 3);
    expect(toneLevelDb(steady, RATE, 1000) - toneLevelDb(steady, RATE, 2500)).toBeGreaterThan(90);
    // A jump is a click, and a click has sound at every frequency: still far below what tests tell apart.
    const jumpy = sine(1000, 0.5, 3, 0.1);
    expect(toneLevelDb(jumpy, RATE, 1000) - toneLevelDb(jumpy, RATE, 2500)).toBeGreaterThan(50);
  });
});
