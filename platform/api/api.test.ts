// The HTTP API end to end against the real platform on loopback (port 0, temp data dir).
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyUserSig } from '../auth/userSig';
import { api, ChatClient, signUp, sleep, tempPlatform } from '../../testSupport/platform';
import {
  createdRoomSchema,
  endRoomResponseSchema,
  liveRoomsSchema,
  meSchema,
  sessionSchema,
} from '../../common/platformApi/schemas';

let p: Awaited<ReturnType<typeof tempPlatform>>;
beforeAll(async () => {
  p = await tempPlatform({ sdkAppId: 1400000123 });
});
afterAll(() => p.cleanup());

describe('accounts and sessions', () => {
  it('creates an account, signs in with a UserSig for the app, and reads me', async () => {
    const created = await api(p.httpUrl, 'POST', '/api/v1/accounts', {
      userId: 'alice',
      password: 'pw-123456',
      nickname: 'Alice',
    });
    expect(created.status).toBe(201);
    const s = await api(p.httpUrl, 'POST', '/api/v1/sessions', { userId: 'alice', password: 'pw-123456' });
    expect(s.status).toBe(200);
    const session = sessionSchema.parse(s.body);
    expect(session.sdkAppId).toBe(1400000123);
    const key = readFileSync(join(p.dataDir, 'secret.key'), 'utf8').trim();
    expect(statSync(join(p.dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(verifyUserSig(key, session.userSig, { identifier: 'alice', sdkAppId: 1400000123 }).ok).toBe(true);
    expect(JSON.stringify(s.body)).not.toContain(key);
    const me = await api(p.httpUrl, 'GET', '/api/v1/me', undefined, session.token);
    expect(meSchema.parse(me.body)).toEqual({ userId: 'alice', nickname: 'Alice', balance: 0 });
  });

  it('refuses bad input, a taken ID, a wrong password and a missing token in plain words', async () => {
    const short = await api(p.httpUrl, 'POST', '/api/v1/accounts', {
      userId: 'bo',
      password: 'pw-123456',
      nickname: 'B',
    });
    expect(short.status).toBe(400);
    expect(short.body.error?.message).toMatch(/at least 3 characters/);
    const extra = await api(p.httpUrl, 'POST', '/api/v1/accounts', {
      userId: 'bob',
      password: 'pw-123456',
      nickname: 'B',
      admin: true,
    });
    expect(extra.body.error?.message).toMatch(/Unknown field: admin/);
    const missing = await api(p.httpUrl, 'POST', '/api/v1/accounts', { userId: 'bob' });
    expect(missing.body.error?.message).toMatch(/"password" is required/);
    const notJson = await api(p.httpUrl, 'POST', '/api/v1/accounts', '{nope');
    expect(notJson.body.error?.message).toMatch(/not valid JSON/);
    const taken = await api(p.httpUrl, 'POST', '/api/v1/accounts', {
      userId: 'alice',
      password: 'pw-123456',
      nickname: 'A2',
    });
    expect(taken.status).toBe(409);
    const wrong = await api(p.httpUrl, 'POST', '/api/v1/sessions', { userId: 'alice', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.message).toMatch(/wrong/);
    const anon = await api(p.httpUrl, 'GET', '/api/v1/me');
    expect(anon.status).toBe(401);
    expect(anon.body.error?.message).toMatch(/Bearer/);
    const forged = await api(p.httpUrl, 'GET', '/api/v1/me', undefined, 'forged-token');
    expect(forged.status).toBe(401);
  });
});

describe('rooms', () => {
  it('creates a room with signed push and play URLs, lists it, and ends it with stats', async () => {
    const vj = await signUp(p.httpUrl, 'vj_rooms', 'VJ Rooms');
    const viewer = await signUp(p.httpUrl, 'viewer_rooms');
    const r = await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Night set' }, vj.token);
    expect(r.status).toBe(201);
    const room = createdRoomSchema.parse(r.body);
    expect(room.pushUrl).toMatch(new RegExp(`^${p.rtmpUrl}/live/\\w+\\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]+$`));
    expect(room.playUrls.flv).toMatch(/\.flv$/);
    const list = liveRoomsSchema.parse((await api(p.httpUrl, 'GET', '/api/v1/rooms')).body);
    expect(list.rooms.find((x) => x.roomId === room.roomId)).toMatchObject({
      title: 'Night set',
      host: { userId: 'vj_rooms', nickname: 'VJ Rooms' },
      viewerCount: 0,
    });

    // A viewer joins the chat, likes and chats: the stats count them.
    const c = await ChatClient.connect(p.imUrl, viewer.token);
    await c.request({ type: 'join', groupId: room.groupId });
    await c.request({ type: 'send', groupId: room.groupId, elem: { type: 'TIMTextElem', payload: { text: 'hello' } } });
    expect(
      (await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/likes`, { count: 3 }, viewer.token)).body,
    ).toEqual({ likes: 3 });
    await api(p.httpUrl, 'POST', '/api/v1/me/recharge', { amount: 100 }, viewer.token);
    await api(
      p.httpUrl,
      'POST',
      `/api/v1/rooms/${room.roomId}/gifts`,
      { giftId: 'heart', count: 2, requestId: randomUUID() },
      viewer.token,
    );
    await sleep(200);

    const notOwner = await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/end`, {}, viewer.token);
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.error).toEqual({
      code: 'forbidden',
      message: "Only the room's host can end it.",
      zh: '只有房间的主播可以结束它。',
    });
    const ended = await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/end`, {}, vj.token);
    expect(ended.status).toBe(200);
    const { stats } = endRoomResponseSchema.parse(ended.body);
    expect(stats).toMatchObject({ peakViewers: 1, uniqueViewers: 1, likes: 3, gifts: 2, giftValue: 20 });
    expect(stats.messages).toBeGreaterThanOrEqual(3); // text + like + gift
    const told = await c.next('roomEnded');
    expect(told.reason).toBe('ended');
    const after = liveRoomsSchema.parse((await api(p.httpUrl, 'GET', '/api/v1/rooms')).body);
    expect(after.rooms.some((x) => x.roomId === room.roomId)).toBe(false);
    c.close();
  });

  it('lets only the owner name moderators, who then act as Admin in the chat', async () => {
    const vj = await signUp(p.httpUrl, 'vj_mod');
    const mod = await signUp(p.httpUrl, 'mod_mod');
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Mods' }, vj.token)).body,
    );
    expect(
      (await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/moderators`, { userId: 'vj_mod' }, mod.token)).status,
    ).toBe(403);
    expect(
      (await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/moderators`, { userId: 'nobody_here' }, vj.token))
        .status,
    ).toBe(404);
    expect(
      (await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/moderators`, { userId: 'mod_mod' }, vj.token)).status,
    ).toBe(200);
    const c = await ChatClient.connect(p.imUrl, mod.token);
    const joined = await c.request({ type: 'join', groupId: room.groupId });
    expect(joined.type === 'joined' && joined.role).toBe('Admin');
    c.close();
    await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/end`, {}, vj.token);
  });
});

describe('heartbeats (every 0.25 s here)', () => {
  let q: Awaited<ReturnType<typeof tempPlatform>>;
  beforeAll(async () => {
    q = await tempPlatform({ heartbeatSeconds: 0.25 });
  });
  afterAll(() => q.cleanup());

  it('refuses heartbeats from a non-owner with 403 and keeps the room alive while the owner beats', async () => {
    const vj = await signUp(q.httpUrl, 'vj_beat');
    const other = await signUp(q.httpUrl, 'other_beat');
    const room = createdRoomSchema.parse(
      (await api(q.httpUrl, 'POST', '/api/v1/rooms', { title: 'Beat' }, vj.token)).body,
    );
    const hb = await api(q.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/heartbeat`, {}, other.token);
    expect(hb.status).toBe(403);
    for (let i = 0; i < 8; i++) {
      expect((await api(q.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/heartbeat`, {}, vj.token)).status).toBe(200);
      await sleep(125);
    }
    const list = liveRoomsSchema.parse((await api(q.httpUrl, 'GET', '/api/v1/rooms')).body);
    expect(list.rooms.some((x) => x.roomId === room.roomId)).toBe(true);
    await api(q.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/end`, {}, vj.token);
  });

  it('ends a room after 3 missed heartbeats and tells its viewers', async () => {
    const vj = await signUp(q.httpUrl, 'vj_silent');
    const viewer = await signUp(q.httpUrl, 'viewer_silent');
    const room = createdRoomSchema.parse(
      (await api(q.httpUrl, 'POST', '/api/v1/rooms', { title: 'Silent' }, vj.token)).body,
    );
    const c = await ChatClient.connect(q.imUrl, viewer.token);
    expect((await c.request({ type: 'join', groupId: room.groupId })).type).toBe('joined');
    const ended = await c.next('roomEnded', () => true, 5000);
    expect(ended.reason).toBe('heartbeat_lost');
    const list = liveRoomsSchema.parse((await api(q.httpUrl, 'GET', '/api/v1/rooms')).body);
    expect(list.rooms.some((x) => x.roomId === room.roomId)).toBe(false);
    // Its VJ's late heartbeat, inside the resume window, puts it back (platform/rooms/roomResume.test.ts).
    const late = await api(q.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/heartbeat`, {}, vj.token);
    expect(late).toMatchObject({ status: 200, body: { resumed: true } });
    expect((await api(q.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/end`, {}, vj.token)).status).toBe(200);
    expect((await api(q.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/heartbeat`, {}, vj.token)).status).toBe(410);
    c.close();
  });
});

describe('gifts', () => {
  it('lists the catalog', async () => {
    const g = await api<{ gifts: { giftId: string; price: number }[] }>(p.httpUrl, 'GET', '/api/v1/gifts');
    expect(g.body.gifts.find((x) => x.giftId === 'flower')?.price).toBe(1);
  });

  it('200 concurrent gifts against a balance covering 50: exactly 50 succeed, the balance ends at 0', async () => {
    const vj = await signUp(p.httpUrl, 'vj_gift');
    const fan = await signUp(p.httpUrl, 'fan_gift');
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Gifts' }, vj.token)).body,
    );
    await api(p.httpUrl, 'POST', '/api/v1/me/recharge', { amount: 500 }, fan.token); // 50 hearts at 10 each
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        api(
          p.httpUrl,
          'POST',
          `/api/v1/rooms/${room.roomId}/gifts`,
          { giftId: 'heart', count: 1, requestId: randomUUID() },
          fan.token,
        ),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(50);
    const refused = results.filter((r) => r.status === 402);
    expect(refused).toHaveLength(150);
    expect(refused[0]!.body.error?.message).toMatch(/Not enough coins/);
    expect(refused[0]!.body.error?.zh).toMatch(/^金币不足：需要 10，余额只有 0。$/);
    expect((await api<{ balance: number }>(p.httpUrl, 'GET', '/api/v1/me', undefined, fan.token)).body.balance).toBe(0);
    await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/end`, {}, vj.token);
  });

  it('charges a replayed requestId once, even when replayed concurrently, and announces the gift at High priority', async () => {
    const vj = await signUp(p.httpUrl, 'vj_replay');
    const fan = await signUp(p.httpUrl, 'fan_replay', 'Fan');
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Replay' }, vj.token)).body,
    );
    const host = await ChatClient.connect(p.imUrl, vj.token);
    await host.request({ type: 'join', groupId: room.groupId });
    await api(p.httpUrl, 'POST', '/api/v1/me/recharge', { amount: 1000 }, fan.token);
    const body = { giftId: 'rocket', count: 2, requestId: randomUUID() };
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        api<{ balance: number; duplicate: boolean }>(
          p.httpUrl,
          'POST',
          `/api/v1/rooms/${room.roomId}/gifts`,
          body,
          fan.token,
        ),
      ),
    );
    expect(replies.every((r) => r.status === 200 && r.body.balance === 800)).toBe(true);
    expect(replies.filter((r) => !r.body.duplicate)).toHaveLength(1);
    const other = await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/gifts`, { ...body, count: 3 }, fan.token);
    expect(other.status).toBe(409);
    const batch = await host.next('messages', (f) => f.messages.some((m) => m.type === 'TIMCustomElem'));
    const gift = batch.messages.find((m) => m.type === 'TIMCustomElem')!;
    expect(gift.priority).toBe('High');
    expect(JSON.parse((gift.payload as { data: string }).data)).toMatchObject({
      type: 'gift',
      giftId: 'rocket',
      count: 2,
      value: 200,
      from: { userId: 'fan_replay', nickname: 'Fan' },
    });
    await sleep(200);
    expect(host.messages().filter((m) => m.type === 'TIMCustomElem')).toHaveLength(1);
    host.close();
    await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/end`, {}, vj.token);
  });

  it('refuses an unknown gift, a bad count and a short requestId in plain words', async () => {
    const vj = await signUp(p.httpUrl, 'vj_badgift');
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Bad' }, vj.token)).body,
    );
    const path = `/api/v1/rooms/${room.roomId}/gifts`;
    expect(
      (await api(p.httpUrl, 'POST', path, { giftId: 'yacht', count: 1, requestId: randomUUID() }, vj.token)).body.error
        ?.message,
    ).toMatch(/no gift "yacht"/);
    expect(
      (await api(p.httpUrl, 'POST', path, { giftId: 'heart', count: 0, requestId: randomUUID() }, vj.token)).body.error
        ?.message,
    ).toMatch(/at least one/);
    expect(
      (await api(p.httpUrl, 'POST', path, { giftId: 'heart', count: 1, requestId: 'x' }, vj.token)).body.error?.message,
    ).toMatch(/at least 8/);
    expect(
      (
        await api(
          p.httpUrl,
          'POST',
          '/api/v1/rooms/999999/gifts',
          { giftId: 'heart', count: 1, requestId: randomUUID() },
          vj.token,
        )
      ).status,
    ).toBe(404);
  });
});

describe('refusals in two languages', () => {
  const hasHan = /[\u4e00-\u9fff]/;

  it('answers every kind of refusal with its English message and its Simplified Chinese beside it', async () => {
    const vj = await signUp(p.httpUrl, 'vj_words');
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Words' }, vj.token)).body,
    );
    const refusals = {
      schemaRule: await api(p.httpUrl, 'POST', '/api/v1/accounts', {
        userId: 'bo',
        password: 'pw-123456',
        nickname: 'B',
      }),
      zodDefault: await api(p.httpUrl, 'POST', '/api/v1/sessions', { userId: '', password: 'x' }),
      unknownField: await api(p.httpUrl, 'POST', '/api/v1/accounts', {
        userId: 'bob',
        password: 'pw-123456',
        nickname: 'B',
        admin: true,
      }),
      missingField: await api(p.httpUrl, 'POST', '/api/v1/accounts', { userId: 'bob' }),
      notJson: await api(p.httpUrl, 'POST', '/api/v1/accounts', '{nope'),
      taken: await api(p.httpUrl, 'POST', '/api/v1/accounts', {
        userId: 'vj_words',
        password: 'pw-123456',
        nickname: 'A2',
      }),
      wrongPassword: await api(p.httpUrl, 'POST', '/api/v1/sessions', { userId: 'vj_words', password: 'nope-nope' }),
      noToken: await api(p.httpUrl, 'GET', '/api/v1/me'),
      noRoom: await api(p.httpUrl, 'GET', '/api/v1/rooms/999999'),
      digitsOnly: await api(p.httpUrl, 'POST', '/api/v1/rooms/abc/heartbeat', {}, vj.token),
      noGift: await api(
        p.httpUrl,
        'POST',
        `/api/v1/rooms/${room.roomId}/gifts`,
        { giftId: 'yacht', count: 1, requestId: randomUUID() },
        vj.token,
      ),
      method: await api(p.httpUrl, 'DELETE', '/api/v1/me', undefined, vj.token),
      nothingHere: await api(p.httpUrl, 'POST', '/api/v1/nothing-here', {}),
      relayLocal: await api(
        p.httpUrl,
        'POST',
        '/api/v1/im/group_open_http_svc/forbid_send_msg',
        { GroupId: room.groupId, Members_Account: ['x'], MuteTime: 60 },
        vj.token,
      ),
      safetyConsole: await api(p.httpUrl, 'GET', '/api/v1/safety/rooms', undefined, vj.token),
    };
    for (const [kind, r] of Object.entries(refusals)) {
      expect(r.status, kind).toBeGreaterThanOrEqual(400);
      expect(Object.keys(r.body.error ?? {}).sort(), kind).toEqual(['code', 'message', 'zh']);
      expect(r.body.error?.zh, kind).toMatch(hasHan);
      expect(r.body.error?.zh, kind).not.toBe(r.body.error?.message);
    }
    // The English stays exactly as clients read it; the Chinese says the same.
    expect(refusals.schemaRule.body.error).toEqual({
      code: 'invalid_input',
      message: 'userId: A user ID needs at least 3 characters.',
      zh: '“userId”：用户 ID 至少需要 3 个字符。',
    });
    expect(refusals.zodDefault.body.error?.zh).toBe('“userId”至少需要 1 个字符。');
    expect(refusals.unknownField.body.error).toEqual({
      code: 'invalid_input',
      message: 'Unknown field: admin.',
      zh: '未知的字段：admin。',
    });
    expect(refusals.missingField.body.error).toEqual({
      code: 'invalid_input',
      message: 'The field "password" is required.',
      zh: '缺少字段“password”。',
    });
    expect(refusals.wrongPassword.body.error).toEqual({
      code: 'unauthorized',
      message: 'The user ID or the password is wrong.',
      zh: '用户 ID 或密码错误。',
    });
    expect(refusals.taken.body.error).toEqual({
      code: 'conflict',
      message: 'This user ID is taken; choose another.',
      zh: '这个用户 ID 已被占用，请换一个。',
    });
    expect(refusals.noGift.body.error?.zh).toBe('没有礼物“yacht”，请查看 GET /api/v1/gifts。');
    expect(refusals.method.body.error).toEqual({
      code: 'method_not_allowed',
      message: 'DELETE is not allowed here.',
      zh: '这里不接受 DELETE 请求。',
    });
    await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/end`, {}, vj.token);
  });
});
