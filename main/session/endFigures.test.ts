import { describe, expect, it } from 'vitest';
import type { PlatformEndStats } from '../platformClient';
import { endFigures } from './endFigures';
import { SYSTEM_USER_ID } from '../../common/chatHub/protocol';
import { applyFrame, newTally } from './roomTally';

const own = { viewers: 2, peakViewers: 4, likes: 9, gifts: 1, giftValue: 10, messages: 7 };

describe('endFigures', () => {
  it('keeps the studio’s own figures when the platform could not end the room', () => {
    const tally = newTally();
    applyFrame(tally, {
      type: 'messages',
      messages: [
        { type: 'TIMTextElem', sender: { userId: 'u1' }, payload: { text: 'hi' } },
        {
          type: 'TIMCustomElem',
          sender: { userId: SYSTEM_USER_ID },
          payload: {
            data: JSON.stringify({ type: 'gift', name: 'Heart', value: 10, from: { userId: 'u1', nickname: 'Bo' } }),
          },
        },
      ],
    });
    const f = endFigures(null, own, tally, 1_000, 61_000);
    // The chat messages are the tally's (texts only), the rest the heartbeat's; the top gifter from the tally.
    expect(f).toEqual({
      durationSec: 60,
      peakViewers: 4,
      uniqueViewers: 4,
      likes: 9,
      gifts: 1,
      giftValue: 10,
      messages: 1,
      topGifters: [{ userId: 'u1', nickname: 'Bo', value: 10, gifts: 1 }],
    });
  });

  it('takes the platform’s figures of record and never a lower peak than the studio saw', () => {
    const stats: PlatformEndStats = {
      durationSec: 30,
      peakViewers: 3,
      uniqueViewers: 5,
      likes: 11,
      gifts: 2,
      giftValue: 20,
      messages: 14,
      topGifters: [{ userId: 'u2', value: 20 }],
    };
    const f = endFigures(stats, own, null, 0, 90_000);
    expect(f).toEqual({
      durationSec: 30,
      peakViewers: 4,
      uniqueViewers: 5,
      likes: 11,
      gifts: 2,
      giftValue: 20,
      messages: 14,
      topGifters: [{ userId: 'u2', nickname: 'u2', value: 20, gifts: 0 }],
    });
  });
});
