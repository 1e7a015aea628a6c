// A PK battle as the platform's signals carry it, for tests of what the studio draws and says from one.
import type { PkBattle } from '../common/platformApi/pkSchemas';

export const pkSide = (roomId: string, nickname: string, score: number): PkBattle['a'] => ({
  roomId,
  userId: nickname.toLowerCase(),
  nickname,
  score,
  topGifters: [],
});

/** Alice (room 1, side a) against Bob (room 2, side b), running 5 minutes from 0, with these scores. */
export function pkBattle(a: number, b: number, over: Partial<PkBattle> = {}): PkBattle {
  return {
    battleId: '7',
    status: 'running',
    durationSec: 300,
    startedAt: 0,
    endsAt: 300_000,
    endedAt: null,
    endReason: null,
    a: pkSide('1', 'Alice', a),
    b: pkSide('2', 'Bob', b),
    winner: null,
    ...over,
  };
}
