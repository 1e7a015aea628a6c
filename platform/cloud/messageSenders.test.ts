// The per-room memory of who sent which message keeps its named bounds, forgetting the oldest first.
import { describe, expect, it } from 'vitest';
import { MAX_ROOMS_WITH_SENDERS, MAX_SENDERS_PER_ROOM, MessageSenders } from './messageSenders';

describe('MessageSenders', () => {
  it('remembers at most MAX_SENDERS_PER_ROOM messages per room, forgetting the oldest', () => {
    const s = new MessageSenders();
    for (let seq = 1; seq <= MAX_SENDERS_PER_ROOM + 10; seq++) s.record('g1', seq, `user${seq}`);
    for (let seq = 1; seq <= 10; seq++) expect(s.senderOf('g1', seq)).toBeUndefined();
    expect(s.senderOf('g1', 11)).toBe('user11');
    expect(s.senderOf('g1', MAX_SENDERS_PER_ROOM + 10)).toBe(`user${MAX_SENDERS_PER_ROOM + 10}`);
    expect(s.senderOf('g2', 11)).toBeUndefined();
  });

  it('remembers at most MAX_ROOMS_WITH_SENDERS rooms, forgetting the one heard from longest ago', () => {
    const s = new MessageSenders();
    for (let i = 0; i < MAX_ROOMS_WITH_SENDERS; i++) s.record(`g${i}`, 1, 'a');
    s.record('g0', 2, 'b'); // g0 is heard from again, so g1 is now the oldest
    s.record('g-new', 1, 'c');
    expect(s.senderOf('g1', 1)).toBeUndefined();
    expect(s.senderOf('g0', 1)).toBe('a');
    expect(s.senderOf('g-new', 1)).toBe('c');
    expect(s.senderOf(`g${MAX_ROOMS_WITH_SENDERS - 1}`, 1)).toBe('a');
  });
});
