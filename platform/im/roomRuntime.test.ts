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
  sendWire: () => {},
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
    room.flush(Date.now(), { messages: true, members: true, count: true });
    room.end('ended');
    expect([room.members.size, room.viewerCount(), room.hasConnectionOf('vj')]).toEqual([0, 0, false]);
  });
});

describe('RoomRuntime tick', () => {
  /** A member that keeps each write it is given, split back into its WebSocket frames' JSON. */
  const recorder = (id: number, userId: string) => {
    const writes: string[][] = [];
    const c: HubClient = {
      ...client(id),
      userId,
      send: (payload) => writes.push([payload.toString()]),
      sendWire: (bytes) => writes.push(framesIn(bytes)),
    };
    return { c, writes };
  };

  it('writes the joins, the online count and the batch of one tick to each member in one write, in that order', () => {
    const room = new RoomRuntime({ roomId: '1', groupId: 'g1', ownerId: 'vj', admins: [] });
    const t0 = Date.now();
    const host = recorder(1, 'vj');
    const viewers = Array.from({ length: 3 }, (_, i) => recorder(10 + i, `v${i}`));
    for (const m of [host, ...viewers]) room.add(m.c);
    room.accept(room.memberOf(host.c), text('1'), 'Normal', host.c, t0 + 1000);
    room.accept(room.memberOf(viewers[0]!.c), text('2'), 'Normal', viewers[0]!.c, t0 + 1000);
    room.flush(t0 + 1000, { messages: true, members: true, count: true });

    const types = (w: string[]) => w.map((f) => (JSON.parse(f) as { type: string }).type);
    for (const m of viewers.slice(1)) {
      expect(m.writes.map(types)).toEqual([['members', 'onlineCount', 'messages']]);
      expect(JSON.parse(m.writes[0]![2]!).messages).toHaveLength(2);
    }
    // A sender's copy leaves out its own line and still carries the tick's other frames, in the same write.
    for (const m of [host, viewers[0]!]) {
      expect(m.writes.map(types)).toEqual([['members', 'onlineCount', 'messages']]);
      expect(JSON.parse(m.writes[0]![2]!).messages).toHaveLength(1);
    }
    expect(JSON.parse(viewers[1]!.writes[0]![1]!)).toMatchObject({ count: 4 });

    // A tick with only its own line for a sender still tells it who came; a tick with nothing to say writes nothing.
    room.add(recorder(20, 'late').c);
    room.accept(room.memberOf(host.c), text('3'), 'Normal', host.c, t0 + 1100);
    room.flush(t0 + 1100, { messages: true, members: true, count: false });
    expect(host.writes.slice(1).map(types)).toEqual([['members']]);
    expect(viewers[2]!.writes.slice(1).map(types)).toEqual([['members', 'messages']]);
    room.flush(t0 + 1200, { messages: true, members: true, count: true });
    expect(viewers[2]!.writes.slice(2).map(types)).toEqual([['onlineCount']]);
    room.flush(t0 + 1300, { messages: true, members: true, count: true });
    expect(viewers[2]!.writes).toHaveLength(3);

    // A newcomer who speaks before the joins' turn is announced with their line, ahead of it.
    const quick = recorder(21, 'quick');
    room.add(quick.c);
    room.accept(room.memberOf(quick.c), text('4'), 'Normal', quick.c, t0 + 1400);
    room.flush(t0 + 1400, { messages: true, members: false, count: false });
    expect(viewers[2]!.writes.slice(3).map(types)).toEqual([['members', 'messages']]);
    expect(JSON.parse(viewers[2]!.writes[3]![0]!).joined).toMatchObject([{ userId: 'quick' }]);
  });
});

/** The payloads of the unmasked frames in `bytes`, as text (the hub's frames are short here: 7-bit lengths or 126). */
function framesIn(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let at = 0; at < bytes.length;) {
    let len = bytes[at + 1]! & 0x7f;
    let head = 2;
    if (len === 126) [len, head] = [bytes.readUInt16BE(at + 2), 4];
    out.push(bytes.toString('utf8', at + head, at + head + len));
    at += head + len;
  }
  return out;
}
