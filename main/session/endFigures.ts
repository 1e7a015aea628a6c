// The figures an ended broadcast keeps: the platform's end-of-room stats where it gave them, else the studio's
// own (the heartbeat's and the room's chat tally), so a platform that failed to end the room still leaves an
// end page with real numbers.
import type { PlatformEndStats } from '../platformClient';
import type { BroadcastFigures } from '../storage';
import type { AudienceFigures } from './liveFigures';
import { topGifters, type Tally } from './roomTally';

export function endFigures(
  stats: PlatformEndStats | null,
  own: AudienceFigures,
  tally: Tally | null,
  startedAt: number,
  endedAt: number,
): BroadcastFigures {
  const gifters = stats?.topGifters?.length
    ? stats.topGifters.map((g) => ({
        userId: g.userId,
        nickname: g.nickname ?? g.userId,
        value: g.value,
        gifts: g.gifts ?? 0,
      }))
    : tally
      ? topGifters(tally)
      : [];
  return {
    durationSec: stats?.durationSec || (endedAt - startedAt) / 1000,
    peakViewers: Math.max(stats?.peakViewers ?? 0, own.peakViewers),
    uniqueViewers: stats?.uniqueViewers ?? own.peakViewers,
    likes: stats?.likes ?? own.likes,
    gifts: stats?.gifts ?? own.gifts,
    giftValue: stats?.giftValue ?? own.giftValue,
    // Chat messages are the viewers' texts the room's tally saw; the platform's count also holds likes and gifts.
    messages: tally ? tally.messages : (stats?.messages ?? own.messages),
    topGifters: gifters,
  };
}
