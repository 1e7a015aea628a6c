// RecentMap: bounded, oldest first, updates and deletes, and a long flood stays at its capacity.
import { describe, expect, it } from 'vitest';
import { RecentMap } from './recentMap';

describe('RecentMap', () => {
  it('keeps the newest keys up to its capacity and forgets the oldest first', () => {
    const m = new RecentMap<string, number>(3);
    for (const [i, k] of ['a', 'b', 'c', 'd', 'e'].entries()) m.set(k, i);
    expect(m.size).toBe(3);
    expect(['a', 'b', 'c', 'd', 'e'].map((k) => m.get(k))).toEqual([undefined, undefined, 2, 3, 4]);
    m.set('c', 20); // an update is not a new key: nothing is forgotten
    expect([m.get('c'), m.has('d'), m.size]).toEqual([20, true, 3]);
  });

  it('forgets a deleted key at once and a cleared map entirely', () => {
    const m = new RecentMap<string, boolean>(2);
    m.set('x', true);
    m.set('y', true);
    expect(m.delete('x')).toBe(true);
    expect([m.has('x'), m.size]).toEqual([false, 1]);
    m.set('z', true); // takes x's old slot: y stays
    expect([m.has('y'), m.has('z'), m.size]).toEqual([true, true, 2]);
    m.clear();
    expect(m.size).toBe(0);
    m.set('w', true);
    expect(m.has('w')).toBe(true);
  });

  it('stays bounded over a long flood of distinct keys', () => {
    const m = new RecentMap<number, number>(5000);
    for (let i = 0; i < 200_000; i++) m.set(i, i);
    expect(m.size).toBe(5000);
    expect([m.has(194_999), m.has(195_000), m.has(199_999)]).toEqual([false, true, true]);
  });

  it('refuses a capacity below one', () => {
    expect(() => new RecentMap(0)).toThrow('capacity of at least 1');
  });
});
