// A room's memory over a long show: slow mode needs only the speakers inside its window; members, viewers and
// everyone's connections are counted as they come and go.
import { describe, expect, it } from 'vitest';
import { RoomRuntime, type HubClient } from './roomRuntime';

const client = (i: number): HubClient => ({
  id: i,
  userId: `viewer${i}`,
  nickname: `Viewer ${i}`,
  operator: false,
  room: null,
  send: () => {},
  unsentBytes: 0,
});
const text = (t: string) => ({ type: 'TIMTextElem' as const, payload: { text: t } });

describe('RoomRuntime speakers', () => {
  it('forgets speakers once they are outside the slow-mode window, and still holds back those inside it', () => {
    const room = new RoomRuntime({ roomId: '1', groupId: 'g1', ownerId: 'vj', admins: [] });
    const say = (i: number, now: number) => room.accept(room.memberOf(client(i)), text('hi'), 'Normal', client(i), now);
    // Without slow mode nobody needs remembering, however many speak.
    for (let i = 0; i < 5000; i++) say(i, 1000 + i);
    expect(room.speakersRemembered).toBeLessThanOrEqual(1);

    room.setSlowMode(10, 'vj');
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

describe('RoomRuntime members', () => {
  it('counts viewers without the host, a person once however many connections, and a leave at their last one', () => {
    const room = new RoomRuntime({ roomId: '1', groupId: 'g1', ownerId: 'vj', admins: [] });
    const conn = (id: number, userId: string): HubClient => ({ ...client(id), userId });
    const host = [conn(1, 'vj'), conn(2, 'vj')];
    const ann = [conn(3, 'ann'), conn(4, 'ann')];
    const viewers = Array.from({ length: 2000 }, (_, i) => conn(10 + i, `v${i}`));
    for (const c of [...host, ...ann, ...viewers]) room.add(c);
    room.add(ann[0]!); // joining twice on one socket changes nothing
    expect([room.members.size, room.viewerCount(), room.peakViewers]).toEqual([2004, 2002, 2002]);
    expect([room.hasConnectionOf('vj'), room.hasConnectionOf('ann'), room.hasConnectionOf('bob')]).toEqual([
      true,
      true,
      false,
    ]);
    room.remove(ann[0]!);
    expect([room.hasConnectionOf('ann'), room.viewerCount()]).toEqual([true, 2001]);
    room.remove(ann[1]!);
    room.remove(ann[1]!);
    for (const c of viewers.slice(0, 1000)) room.remove(c);
    expect([room.hasConnectionOf('ann'), room.viewerCount(), room.members.size, room.peakViewers]).toEqual([
      false,
      1000,
      1002,
      2002,
    ]);
    room.flushMembers(true);
    room.end('ended');
    expect([room.members.size, room.viewerCount(), room.hasConnectionOf('vj')]).toEqual([0, 0, false]);
  });
});
