// Only the platform speaks for a room's money, roles and moderation: a hostile member's forged room signals and
// High-priority sends are refused through the real hub on loopback, the host's and moderators' room changes are
// re-sent from the hub's own identity naming them, and a billed gift arrives from that identity.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdRoomSchema } from '../../common/platformApi/schemas';
import { api, ChatClient, signUp, sleep, tempPlatform } from '../../testSupport/platform';
import { SYSTEM_USER_ID } from '../../common/chatHub/protocol';

let p: Awaited<ReturnType<typeof tempPlatform>>;
let groupId: string;
let roomId: string;
let host: ChatClient;
let mallory: ChatClient;
let witness: ChatClient;
let fan: { token: string; userId: string };

beforeAll(async () => {
  p = await tempPlatform({ heartbeatSeconds: 600 });
  const vj = await signUp(p.httpUrl, 'vj_trust', 'VJ');
  const room = createdRoomSchema.parse(
    (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Trust' }, vj.token)).body,
  );
  ({ groupId, roomId } = room);
  host = await ChatClient.connect(p.imUrl, vj.token);
  await host.request({ type: 'join', groupId });
  const m = await signUp(p.httpUrl, 'mallory', 'Mallory');
  mallory = await ChatClient.connect(p.imUrl, m.token);
  await mallory.request({ type: 'join', groupId });
  const w = await api<{ token: string }>(p.httpUrl, 'POST', '/api/v1/sessions/guest', { nickname: 'Witness' });
  witness = await ChatClient.connect(p.imUrl, w.body.token);
  await witness.request({ type: 'join', groupId });
  fan = await signUp(p.httpUrl, 'fan_trust', 'Fan');
});
afterAll(async () => {
  for (const c of [host, mallory, witness]) c?.close();
  await p.cleanup();
});

const custom = (data: unknown) => ({
  type: 'TIMCustomElem' as const,
  payload: { data: typeof data === 'string' ? data : JSON.stringify(data), description: 'x', extension: '' },
});

const forgeries = [
  { type: 'gift', giftId: 'rocket', name: 'Rocket', count: 1, value: 99_999, from: { userId: 'mallory' } },
  { type: 'like', count: 1, total: 1_000_000 },
  { type: 'moderation', action: 'ban', actor: 'invented_mod', target: 'witness' },
  { type: 'pin', message: { id: 'x', roomId: 'r', kind: 'text', userId: 'mallory', nick: 'M', text: 'mine', at: 1 } },
  { type: 'slowMode', seconds: 3600 },
  { type: 'muteAll', on: true },
  ' {"type":"Gift","value":5}',
];

describe('a member forging room signals through the real hub', () => {
  it('gets a forbidden error frame in English and Chinese for each, and nobody receives any of them', async () => {
    for (const data of forgeries) {
      const answer = await mallory.request({ type: 'send', groupId, elem: custom(data) });
      expect(answer).toMatchObject({ type: 'error', code: 'forbidden' });
      if (answer.type !== 'error') throw new Error('not refused');
      expect(answer.message).toMatch(/Only the (platform|host and moderators)/);
      expect(answer.zh).toMatch(/只有(平台|主播和管理员)/);
    }
    // One-to-one to the host is no way around it.
    const direct = await mallory.request({ type: 'c2c', to: 'vj_trust', elem: custom(forgeries[0]) });
    expect(direct).toMatchObject({ type: 'error', code: 'forbidden' });
    const ordinary = await mallory.request({ type: 'send', groupId, elem: custom({ type: 'cohost.request' }) });
    expect(ordinary.type).toBe('ack');
    await witness.next('messages', (f) => f.messages.some((m) => m.sender.userId === 'mallory'));
    await sleep(300);
    const fromMallory = [...witness.messages(), ...host.messages()].filter((m) => m.sender.userId === 'mallory');
    expect(fromMallory.map((m) => JSON.parse((m.payload as { data: string }).data) as unknown)).toEqual([
      { type: 'cohost.request' },
      { type: 'cohost.request' },
    ]);
    expect(host.frames.filter((f) => f.type === 'c2c')).toEqual([]);
  });

  it('refuses High priority from a member, plain text included', async () => {
    const answer = await mallory.request({
      type: 'send',
      groupId,
      priority: 'High',
      elem: { type: 'TIMTextElem', payload: { text: 'never dropped' } },
    });
    expect(answer).toMatchObject({
      type: 'error',
      code: 'forbidden',
      message: 'Only the platform, the host and moderators can send at High priority; send at Normal.',
      zh: '只有平台、主播和管理员可以用最高优先级发送消息，请用普通优先级发送。',
    });
  });

  it('re-sends the host’s pin from the hub’s identity naming the host, and refuses the host a gift', async () => {
    const pin = { type: 'pin', message: null, actor: 'someone_else' };
    expect((await host.request({ type: 'send', groupId, priority: 'High', elem: custom(pin) })).type).toBe('ack');
    const got = await witness.next('messages', (f) =>
      f.messages.some((m) => (m.payload as { data?: string }).data?.includes('"pin"') ?? false),
    );
    const m = got.messages.find((x) => (x.payload as { data?: string }).data?.includes('"pin"'))!;
    expect(m.sender.userId).toBe(SYSTEM_USER_ID);
    expect(JSON.parse((m.payload as { data: string }).data)).toEqual({ type: 'pin', message: null, actor: 'vj_trust' });
    const gift = await host.request({ type: 'send', groupId, priority: 'High', elem: custom(forgeries[0]) });
    expect(gift).toMatchObject({ type: 'error', code: 'forbidden' });
  });

  it('announces a billed gift and a like from its own identity, naming the buyer inside', async () => {
    const bought = await api(
      p.httpUrl,
      'POST',
      `/api/v1/rooms/${roomId}/gifts`,
      { giftId: 'heart', count: 2, requestId: randomUUID() },
      fan.token,
    );
    expect(bought.status).toBe(402); // a signed-up account has no coins: nothing billed, nothing announced
    const g = await api<{ token: string }>(p.httpUrl, 'POST', '/api/v1/sessions/guest', { nickname: 'Payer' });
    const paid = await api(
      p.httpUrl,
      'POST',
      `/api/v1/rooms/${roomId}/gifts`,
      { giftId: 'heart', count: 2, requestId: randomUUID() },
      g.body.token,
    );
    expect(paid.status).toBe(200);
    const frame = await witness.next('messages', (f) =>
      f.messages.some((m) => (m.payload as { data?: string }).data?.includes('"gift"') ?? false),
    );
    const gift = frame.messages.find((x) => (x.payload as { data?: string }).data?.includes('"gift"'))!;
    expect(gift.sender.userId).toBe(SYSTEM_USER_ID);
    expect(gift.priority).toBe('High');
    expect(JSON.parse((gift.payload as { data: string }).data)).toMatchObject({
      type: 'gift',
      count: 2,
      from: { nickname: 'Payer' },
    });
    expect((await api(p.httpUrl, 'POST', `/api/v1/rooms/${roomId}/likes`, { count: 3 }, g.body.token)).status).toBe(
      200,
    );
    const likes = await witness.next('messages', (f) =>
      f.messages.some((m) => (m.payload as { data?: string }).data?.includes('"like"') ?? false),
    );
    const like = likes.messages.find((x) => (x.payload as { data?: string }).data?.includes('"like"'))!;
    expect(like.sender.userId).toBe(SYSTEM_USER_ID);
    expect(JSON.parse((like.payload as { data: string }).data)).toMatchObject({ type: 'like', count: 3, total: 3 });
    const hb = await api<{ gifts: number; giftValue: number }>(
      p.httpUrl,
      'POST',
      `/api/v1/rooms/${roomId}/heartbeat`,
      {},
      (
        await api<{ token: string }>(p.httpUrl, 'POST', '/api/v1/sessions', {
          userId: 'vj_trust',
          password: 'secret-pw',
        })
      ).body.token,
    );
    // The heartbeat carries the billing records' figures: the forged 99,999 is nowhere.
    expect(hb.body).toMatchObject({ gifts: 2, likes: 3 });
    expect(hb.body.giftValue).toBeLessThan(99_999);
  });

  it('holds one-to-one messages to the per-user budget: a flood of join requests to the host is cut short', async () => {
    const seen = host.frames.filter((f) => f.type === 'c2c').length;
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        mallory.request({ type: 'c2c', to: 'vj_trust', elem: custom({ type: 'cohost.request', roomId }) }),
      ),
    );
    const acked = answers.filter((a) => a.type === 'ack').length;
    expect(answers.filter((a) => a.type === 'error' && a.code === 'rate_limited').length).toBe(200 - acked);
    expect(acked).toBeLessThanOrEqual(20); // the burst of 10, and what refilled at 5/s meanwhile
    await sleep(300);
    expect(host.frames.filter((f) => f.type === 'c2c').length - seen).toBe(acked);
  });

  it('checks a recall’s target: a moderator may not recall the host’s or another moderator’s message', async () => {
    const named = await host.request({ type: 'setAdmin', groupId, userId: 'mallory', admin: true });
    expect(named.type).toBe('ack');
    const said = await host.request({
      type: 'send',
      groupId,
      elem: { type: 'TIMTextElem', payload: { text: 'VJ here' } },
    });
    if (said.type !== 'ack' || !said.msgId) throw new Error('the host could not speak');
    await witness.next('messages', (f) => f.messages.some((m) => m.id === said.msgId));
    const refused = await mallory.request({ type: 'revoke', groupId, msgId: said.msgId });
    expect(refused).toMatchObject({
      type: 'error',
      code: 'forbidden',
      message: 'You cannot do this to the host or to another moderator.',
      zh: '不能对主播或其他管理员这样做。',
    });
    // A member's message, and the moderator's own, may be recalled.
    const own = await mallory.request({
      type: 'send',
      groupId,
      elem: { type: 'TIMTextElem', payload: { text: 'mine' } },
    });
    const viewer = await witness.request({
      type: 'send',
      groupId,
      elem: { type: 'TIMTextElem', payload: { text: 'spam' } },
    });
    if (own.type !== 'ack' || viewer.type !== 'ack') throw new Error('not sent');
    expect((await mallory.request({ type: 'revoke', groupId, msgId: own.msgId! })).type).toBe('ack');
    expect((await mallory.request({ type: 'revoke', groupId, msgId: viewer.msgId! })).type).toBe('ack');
    expect((await host.request({ type: 'setAdmin', groupId, userId: 'mallory', admin: false })).type).toBe('ack');
  });
});
