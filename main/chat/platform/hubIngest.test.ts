// What the chat writer's thread hands the main thread of a long stretch of a flood (the flood itself, through the real
// hub and a cut socket, is in hubCatchUp.test.ts).
import { expect, it } from 'vitest';
import type { ChatItem } from '../../contract/chat';
import { FEED_LINES, feedLinesOf } from './hubIngest';

const line = (i: number, blocked = false): ChatItem => ({
  id: `m${i}`,
  roomId: 'r',
  kind: 'text',
  userId: 'u',
  nick: 'U',
  text: `line ${i}`,
  at: i,
  ...(blocked ? { blocked: true } : {}),
});

it('hands on the newest 500 lines of a long stretch, every blocked line before them, and counts the rest', () => {
  const few = Array.from({ length: 300 }, (_, i) => line(i));
  expect(feedLinesOf(few)).toEqual({ items: few, skipped: 0 });
  const many = Array.from({ length: 2000 }, (_, i) => line(i, i === 7));
  const out = feedLinesOf(many);
  expect(out.items.map((i) => i.id)).toEqual(['m7', ...many.slice(-FEED_LINES).map((i) => i.id)]);
  expect(out.skipped).toBe(2000 - FEED_LINES - 1);
});
