// A room's memory of who spoke, over a long show: slow mode needs only the speakers inside its window.
import { describe, expect, it } from 'vitest';
import { RoomRuntime, type HubClient } from './roomRuntime';

const client = (i: number): HubClient => ({
  id: i,
  userId: `viewer${i}`,
  nickname: `Viewer ${i}`,
  operator: false,
  room: null,
  send: () => {},
});
const text = (t: string) => ({ type: 'TIMTextElem' as const, payload: { text: t } });

describe('RoomRuntime speakers', () => {
  it('forgets speakers once they are outside the slow-mode window, and still holds back those inside it', () => {
    const room = new RoomRuntime({ roomId: '1', groupId: 'g1', ownerId: 'vj', admins: [] });
    const say = (i: number, now: number) => room.accept(room.memberOf(client(i)), text('hi'), 'Normal', client(i), now);
    // Without slow mode nobody needs remembering, however many speak.
    for (let i = 0; i < 5000; i++) say(i, 1000 + i);
    expect(room.speakersRemembered).toBeLessThanOrEqual(1);

    room.slowModeSeconds = 10;
    for (let i = 0; i < 1000; i++) say(i, 100_000 + i);
    expect(room.speakersRemembered).toBe(1000);
    expect(room.checkSend(client(5), text('again'), 105_000)).toMatchObject({ code: 'slow_mode' });
    // Eleven seconds on, one new line leaves only the speakers of the last ten seconds.
    say(42, 111_500);
    expect(room.speakersRemembered).toBe(1);
    expect(room.checkSend(client(5), text('again'), 111_500)).toBeNull();
    expect(room.checkSend(client(42), text('again'), 112_000)).toMatchObject({ code: 'slow_mode' });
  });
});
