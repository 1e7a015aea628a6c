// A studio frozen past three heartbeats (a blocked event loop, a closed laptop lid) finds its room ended for
// 'heartbeat_lost'; its own next heartbeat resumes it within the grace window, over real HTTP on the real
// platform: back in the live list, open to viewers' chat again, its gifts counted once. A stranger's heartbeat
// resumes nothing; past the window, or after the VJ ended it, the room stays gone with plain words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdRoomSchema } from '../../common/platformApi/schemas';
import { api, ChatClient, signUp, sleep, tempPlatform } from '../../testSupport/platform';

/** Three missed beats of 0.5 s end a room 1.5 s after its last heartbeat. */
const HEARTBEAT_SECONDS = 0.5;
const GRACE_SECONDS = 4;
let p: Awaited<ReturnType<typeof tempPlatform>>;

beforeAll(async () => {
  p = await tempPlatform({ heartbeatSeconds: HEARTBEAT_SECONDS, resumeGraceSeconds: GRACE_SECONDS });
});
afterAll(async () => {
  await p?.cleanup();
});

const beat = (roomId: string, token: string) => api(p.httpUrl, 'POST', `/api/v1/rooms/${roomId}/heartbeat`, {}, token);
const listed = async (roomId: string) =>
  ((await api<{ rooms: { roomId: string }[] }>(p.httpUrl, 'GET', '/api/v1/rooms')).body.rooms ?? []).some(
    (r) => r.roomId === roomId,
  );

async function liveRoom(userId: string) {
  const vj = await signUp(p.httpUrl, userId);
  const room = createdRoomSchema.parse(
    (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Late' }, vj.token)).body,
  );
  expect(await listed(room.roomId)).toBe(true);
  return { vj, room };
}

/** Waits for the platform to end the room for its missed heartbeats. */
async function lost(roomId: string): Promise<void> {
  await expect.poll(() => listed(roomId), { timeout: 20_000, interval: 200 }).toBe(false);
}

describe('a room ended for lost heartbeats', () => {
  it('comes back on its VJ’s heartbeat inside the window, not on a stranger’s, with its gifts billed once', async () => {
    const { vj, room } = await liveRoom('vj_frozen');
    // The studio beats while the audience arrives, then freezes.
    const beating = setInterval(() => void beat(room.roomId, vj.token), 150);
    const fan = await signUp(p.httpUrl, 'fan_frozen');
    await api(p.httpUrl, 'POST', '/api/v1/me/recharge', { amount: 1000 }, fan.token);
    const catalog = await api<{ gifts: { giftId: string; price: number }[] }>(p.httpUrl, 'GET', '/api/v1/gifts');
    const gift = catalog.body.gifts[0]!;
    const give = (requestId: string) =>
      api(
        p.httpUrl,
        'POST',
        `/api/v1/rooms/${room.roomId}/gifts`,
        { giftId: gift.giftId, count: 1, requestId },
        fan.token,
      );
    expect((await give('req-before-1')).status).toBe(200);
    const chat = await ChatClient.connect(`${p.httpUrl.replace('http', 'ws')}/im`, fan.token);
    await chat.request({ type: 'join', groupId: room.groupId });
    clearInterval(beating);

    await lost(room.roomId);
    expect((await api(p.httpUrl, 'GET', `/api/v1/rooms/${room.roomId}`)).status).toBe(404);
    expect((await give('req-while-lost')).status).not.toBe(200);

    // A hostile caller: another VJ's heartbeat on this room is refused and resumes nothing.
    const other = await signUp(p.httpUrl, 'vj_other');
    const hostile = await beat(room.roomId, other.token);
    expect(hostile.status).toBe(403);
    expect(hostile.body).toMatchObject({ error: { code: 'forbidden', zh: expect.any(String) } });
    expect((await beat(room.roomId, 'not-a-token')).status).toBe(401);
    expect(await listed(room.roomId)).toBe(false);

    // The VJ's studio wakes up: its heartbeat resumes the room and says so.
    const back = await beat(room.roomId, vj.token);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ ok: true, resumed: true, gifts: 1, giftValue: gift.price });
    expect(await listed(room.roomId)).toBe(true);
    expect((await api(p.httpUrl, 'GET', `/api/v1/rooms/${room.roomId}`)).status).toBe(200);
    const next = await beat(room.roomId, vj.token);
    expect(next.status).toBe(200);
    expect(next.body).not.toHaveProperty('resumed');
    const beatingAgain = setInterval(() => void beat(room.roomId, vj.token), 150);
    // Viewers can join its chat again.
    const joined = await chat.request({ type: 'join', groupId: room.groupId });
    expect(joined).toMatchObject({ type: 'joined', groupId: room.groupId });

    // One gift after; the end counts two, and the fan paid for two.
    expect((await give('req-after-1')).status).toBe(200);
    expect((await give('req-after-1')).status).toBe(200); // the same request again is not billed twice
    clearInterval(beatingAgain);
    const end = await api<{ stats: { gifts: number; giftValue: number } }>(
      p.httpUrl,
      'POST',
      `/api/v1/rooms/${room.roomId}/end`,
      {},
      vj.token,
    );
    expect(end.body.stats).toMatchObject({ gifts: 2, giftValue: 2 * gift.price });
    const me = await api<{ balance: number }>(p.httpUrl, 'GET', '/api/v1/me', undefined, fan.token);
    expect(me.body.balance).toBe(1000 - 2 * gift.price);
    chat.close();
  });

  it('stays gone past the window, after the VJ ended it, or when the VJ already went live again', async () => {
    const late = await liveRoom('vj_late');
    await lost(late.room.roomId);
    await sleep(GRACE_SECONDS * 1000 + 500);
    const gone = await beat(late.room.roomId, late.vj.token);
    expect(gone.status).toBe(410);
    expect(gone.body).toMatchObject({
      error: { code: 'gone', message: expect.stringMatching(/more than \d+ minutes ago/), zh: expect.any(String) },
    });
    expect(await listed(late.room.roomId)).toBe(false);

    const ended = await liveRoom('vj_ended');
    expect((await api(p.httpUrl, 'POST', `/api/v1/rooms/${ended.room.roomId}/end`, {}, ended.vj.token)).status).toBe(
      200,
    );
    expect((await beat(ended.room.roomId, ended.vj.token)).status).toBe(410);

    const moved = await liveRoom('vj_moved');
    await lost(moved.room.roomId);
    const fresh = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Again' }, moved.vj.token)).body,
    );
    expect((await beat(moved.room.roomId, moved.vj.token)).status).toBe(410);
    expect(await listed(fresh.roomId)).toBe(true);
  });
});
