import { describe, expect, it } from 'vitest';
import { CpuMeter } from './cpuMeter';

describe('the CPU meter', () => {
  it('averages a process over the last five seconds and starts over for a new process', () => {
    // CPU seconds as /proc counts them for process 7: busy at half a core for 3 s, then idle.
    let used = 0;
    const meter = new CpuMeter((pid) => (pid === undefined ? null : used));
    const t0 = 1_000_000;
    expect(meter.read(7, t0)).toBe(0);
    for (let s = 1; s <= 3; s++) {
      used += 0.5;
      expect(meter.read(7, t0 + s * 1000)).toBe(50);
    }
    // Idle: the average falls as the busy seconds leave the five-second window, then reads zero.
    const idle = [4, 5, 6, 7, 8, 9].map((s) => meter.read(7, t0 + s * 1000));
    expect(idle[0]).toBeCloseTo(37.5);
    for (let i = 1; i < idle.length; i++) expect(idle[i]).toBeLessThanOrEqual(idle[i - 1] as number);
    expect(idle.at(-1)).toBe(0);
    // A new process (the encoder restarted) counts from its own start, never a negative share.
    used = 0.1;
    meter.read(8, t0 + 10_000);
    used = 0.4;
    expect(meter.read(8, t0 + 11_000)).toBe(30);
    expect(meter.read(undefined)).toBe(0);
  });
});
