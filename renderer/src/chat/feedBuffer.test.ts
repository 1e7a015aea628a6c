import { describe, expect, it } from 'vitest';
import type { ChatItem } from '../../../main/contract';
import { applyBatch, emptyFeed, mergeRecent } from './feedBuffer';

const items = (from: number, count: number): ChatItem[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `m${from + i}`,
    roomId: 'r',
    kind: 'text',
    userId: 'u',
    nick: 'u',
    text: 't',
    at: 0,
  }));

describe('feed buffer', () => {
  it('keeps the last 500 lines and says how many dropped off the front', () => {
    let s = applyBatch(emptyFeed, items(0, 400), [], false);
    s = applyBatch(s, items(400, 300), [], false);
    expect(s.items).toHaveLength(500);
    expect(s.items[0]?.id).toBe('m200');
    expect(s.dropped).toBe(200);
    expect(s.added).toBe(300);
  });

  it('counts lines that arrive while the reader is scrolled up, and resets when following again', () => {
    let s = applyBatch(emptyFeed, items(0, 10), [], true);
    s = applyBatch(s, items(10, 5), ['m1'], true);
    expect(s.unseen).toBe(15);
    expect(s.revoked.has('m1')).toBe(true);
    expect(applyBatch(s, items(15, 1), [], false).unseen).toBe(0);
  });

  it("counts a flood's lines the studio stored without sending as unseen too", () => {
    let s = applyBatch(emptyFeed, items(0, 500), [], true, undefined, 1500);
    expect(s.unseen).toBe(2000);
    expect(s.items).toHaveLength(500);
    s = applyBatch(s, [], [], true, undefined, 300);
    expect(s.unseen).toBe(2300);
    expect(applyBatch(s, [], [], false, undefined, 300).unseen).toBe(0);
  });

  it('shows a line once when it comes both in a batch and in the recent lines the opening feed asked for', () => {
    // The feed opens while the room is busy: m3…m5 arrive live before the answer with m0…m4 does.
    let s = applyBatch(emptyFeed, items(3, 3), [], false);
    s = mergeRecent(s, items(0, 5));
    expect(s.items.map((i) => i.id)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    // And a batch repeating a line the recent answer already brought adds only what is new.
    s = applyBatch(s, [...items(5, 2), ...items(7, 1), ...items(7, 1)], [], false);
    expect(s.items.map((i) => i.id)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    expect(s.added).toBe(2);
    expect(mergeRecent(s, []).items).toHaveLength(8);
  });
});
