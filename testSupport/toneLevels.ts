// How loud one frequency is in a run of samples: how tests tell a tone that is in a mix from one left out.

/** One frequency's level in samples (Goertzel), as the dBFS of a sine of that amplitude. */
export function toneLevelDb(samples: Float32Array, rate: number, hz: number): number {
  const w = (2 * Math.PI * hz) / rate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) {
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  const amplitude = (2 * Math.sqrt(Math.max(power, 0))) / samples.length;
  return 20 * Math.log10(Math.max(amplitude, 1e-9));
}
