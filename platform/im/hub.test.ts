// The chat hub with many real WebSocket clients against the real platform on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createdRoomSchema } from '../../common/platformApi/schemas';
import { api, ChatClient, signUp, sleep, tempPlatform } from '../../testSupport/platform';

let p: Awaited<ReturnType<typeof tempPlatform>>;
beforeAll(async () => {
  p = await tempPlatform({ chat: { messagesPerSecond: 40, userBurst: 10, userPerSecond: 5 } });
});
afterAll(() => p.cleanup());

let n = 0;
async function room(): Promise<{ groupId: string; roomId: string; host: ChatClient; hostToken: string }> {
  const vj = await signUp(p.httpUrl, `vj_hub_${++n}`, `VJ ${n}`);
  const r = createdRoomSchema.parse(
    (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: `Hub ${n}` }, vj.token)).body,
  );
  const host = await ChatClient.connect(p.imUrl, vj.token);
  await host.request({ type: 'join', groupId: r.groupId });
  return { groupId: r.groupId, roomId: r.roomId, host, hostToken: vj.token };
}
async function viewers(groupId: string, count: number, prefix: string): Promise<ChatClient[]> {
  const out: ChatClient[] = [];
  for (let i = 0; i < count; i++) {
    const s = await api<{ token: string }>(p.httpUrl, 'POST', '/api/v1/sessions/guest', { nickname: `${prefix}${i}` });
    const c = await ChatClient.connect(p.imUrl, s.body.token);
    const j = await c.request({ type: 'join', groupId });
    expect(j.type).toBe('joined');
    out.push(c);
  }
  return out;
}
const text = (t: string) => ({ type: 'TIMTextElem' as const, payload: { text: t } });

describe('delivery', () => {
  it("announces a newcomer's join ahead of their first lines, whenever in the half second they speak", async () => {
    const r = await room();
    const [watcher] = await viewers(r.groupId, 1, 'w');
    // Each newcomer joins and speaks at once, at a different point of the hub's half-second members cycle.
    const talkers: ChatClient[] = [];
    for (let i = 0; i < 6; i++) {
      const [t] = await viewers(r.groupId, 1, `talker${i}-`);
      t!.send({ type: 'send', groupId: r.groupId, elem: text(`hello from talker${i}`) });
      talkers.push(t!);
      await sleep(90);
    }
    for (let i = 0; i < talkers.length; i++)
      await watcher!.next('messages', (f) => f.messages.some((m) => m.sender.nickname === `talker${i}-0`), 5000);
    for (const c of [watcher!, r.host]) {
      const firstLine = (nick: string) =>
        c.frames.findIndex((f) => f.type === 'messages' && f.messages.some((m) => m.sender.nickname === nick));
      const announced = (nick: string) =>
        c.frames.findIndex((f) => f.type === 'members' && f.joined.some((m) => m.nickname === nick));
      for (let i = 0; i < talkers.length; i++) {
        expect(announced(`talker${i}-0`)).toBeGreaterThanOrEqual(0);
        expect(announced(`talker${i}-0`)).toBeLessThan(firstLine(`talker${i}-0`));
      }
    }
    [r.host, watcher!, ...talkers].forEach((c) => c.close());
  });

  it('delivers every message to every other member, in order per sender, never back to its sender', async () => {
    const r = await room();
    const vs = await viewers(r.groupId, 30, 'd');
    const senders = vs.slice(0, 3);
    for (let k = 0; k < 5; k++)
      for (const [i, s] of senders.entries()) s.send({ type: 'send', groupId: r.groupId, elem: text(`s${i}-${k}`) });
    await sleep(600);
    for (const [idx, c] of [r.host, ...vs].entries()) {
      const got = c.messages().map((m) => (m.payload as { text: string }).text);
      const mine = idx > 0 && idx <= 3 ? `s${idx - 1}-` : null;
      expect(got.filter((t) => mine && t.startsWith(mine))).toEqual([]);
      for (let i = 0; i < 3; i++) {
        if (mine === `s${i}-`) continue;
        expect(got.filter((t) => t.startsWith(`s${i}-`))).toEqual([0, 1, 2, 3, 4].map((k) => `s${i}-${k}`));
      }
    }
    const seqs = vs[10]!.messages().map((m) => m.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const m = vs[10]!.messages()[0]!;
    expect(m.sender).toMatchObject({ role: 'Member' });
    expect(typeof m.time).toBe('number');
    [r.host, ...vs].forEach((c) => c.close());
  });

  it('gives late joiners the recent history, batches joins and leaves, and counts who is online', async () => {
    const r = await room();
    const [a] = await viewers(r.groupId, 1, 'h');
    await a!.request({ type: 'send', groupId: r.groupId, elem: text('before you came') });
    await sleep(200);
    const [late, other] = await viewers(r.groupId, 2, 'late');
    const joined = late!.frames.find((f) => f.type === 'joined');
    expect(joined?.type === 'joined' && joined.history.map((m) => (m.payload as { text: string }).text)).toEqual([
      'before you came',
    ]);
    const members = await r.host.next(
      'members',
      (f) => f.joinedTotal >= 1 && f.joined.some((x) => x.nickname === 'late1'),
      3000,
    );
    expect(members.joined.filter((x) => x.nickname.startsWith('late')).every((x) => x.role === 'Member')).toBe(true);
    other!.close();
    await r.host.next('members', (f) => f.left.some((x) => x.nickname === 'late1'), 3000);
    const count = await r.host.request({ type: 'getOnlineCount', groupId: r.groupId } as never);
    expect(count).toMatchObject({ type: 'onlineCount', count: 3 });
    // The history is serialized once per change: a new line and a recall show in the next joiner's history.
    const first = (joined?.type === 'joined' && joined.history[0]?.id) || '';
    await a!.request({ type: 'send', groupId: r.groupId, elem: text('after the first wave, 第二波 🎉') });
    expect((await r.host.request({ type: 'revoke', groupId: r.groupId, msgId: first })).type).toBe('ack');
    await sleep(200);
    const [later] = await viewers(r.groupId, 1, 'later');
    const again = later!.frames.find((f) => f.type === 'joined');
    expect(again?.type === 'joined' && again.history.map((m) => (m.payload as { text: string }).text)).toEqual([
      'after the first wave, 第二波 🎉',
    ]);
    [r.host, a!, late!, later!].forEach((c) => c.close());
  });

  it('announces a person once however many connections they hold, and their leave only with the last one', async () => {
    // The studio joins its room twice as the host (its chat feed and its live figures): the room saw two
    // "joined" lines for the host at go-live. A watcher sits in the room first and counts what it is told.
    const vj = await signUp(p.httpUrl, `vj_hub_${++n}`, `VJ ${n}`);
    const r = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: `Hub ${n}` }, vj.token)).body,
    );
    const [watcher] = await viewers(r.groupId, 1, 'twice-watch');
    const chatConnection = await ChatClient.connect(p.imUrl, vj.token);
    const figuresConnection = await ChatClient.connect(p.imUrl, vj.token);
    expect((await chatConnection.request({ type: 'join', groupId: r.groupId })).type).toBe('joined');
    expect((await figuresConnection.request({ type: 'join', groupId: r.groupId })).type).toBe('joined');
    // A marker joining after both proves every earlier join has been flushed to the watcher.
    const [marker] = await viewers(r.groupId, 1, 'twice-marker');
    await watcher!.next('members', (f) => f.joined.some((m) => m.nickname === 'twice-marker0'), 5000);
    const members = () => watcher!.frames.flatMap((f) => (f.type === 'members' ? [f] : []));
    const hostJoins = members().flatMap((f) => f.joined.filter((m) => m.userId === vj.userId));
    expect(hostJoins).toEqual([{ userId: vj.userId, nickname: `VJ ${n}`, role: 'Owner' }]);
    // Every join the watcher heard: itself, the host once, the marker.
    expect(members().flatMap((f) => f.joined.map((m) => m.nickname))).toEqual([
      'twice-watch0',
      `VJ ${n}`,
      'twice-marker0',
    ]);
    expect(members().reduce((sum, f) => sum + f.joinedTotal, 0)).toBe(3);

    figuresConnection.close();
    // Once the room counts one connection fewer, the figures' connection is gone from it.
    const onlineCount = async () =>
      (
        (await watcher!.request({ type: 'getOnlineCount', groupId: r.groupId } as never)) as unknown as {
          count: number;
        }
      ).count;
    for (let i = 0; i < 100 && (await onlineCount()) !== 3; i++) await sleep(50);
    expect(await onlineCount()).toBe(3);
    marker!.close();
    await watcher!.next('members', (f) => f.left.some((m) => m.nickname === 'twice-marker0'), 5000);
    expect(members().flatMap((f) => f.left.filter((m) => m.userId === vj.userId))).toEqual([]);
    chatConnection.close();
    await watcher!.next('members', (f) => f.left.some((m) => m.userId === vj.userId), 5000);
    expect(members().flatMap((f) => f.left.filter((m) => m.userId === vj.userId))).toHaveLength(1);
    watcher!.close();
  });

  it('carries a one-to-one custom message (co-host request) to the host', async () => {
    const r = await room();
    const [v] = await viewers(r.groupId, 1, 'c2c');
    const me = v!.frames.find((f) => f.type === 'hello');
    const ack = await v!.request({
      type: 'c2c',
      to: `vj_hub_${n}`,
      elem: { type: 'TIMCustomElem', payload: { data: JSON.stringify({ type: 'cohost.request' }) } },
    });
    expect(ack.type).toBe('ack');
    const got = await r.host.next('c2c');
    expect(JSON.parse(got.message.payload.data)).toEqual({ type: 'cohost.request' });
    expect(got.message.from.userId).toBe(me?.type === 'hello' ? me.userId : '');
    const offline = await v!.request({
      type: 'c2c',
      to: 'nobody',
      elem: { type: 'TIMCustomElem', payload: { data: '{}' } },
    });
    expect(offline).toMatchObject({ type: 'error', code: 'user_not_found' });
    [r.host, v!].forEach((c) => c.close());
  });
});

describe('frequency control', () => {
  it('keeps a room at 40 messages/s, drops the lowest priority first, never drops High', async () => {
    const r = await room();
    const vs = await viewers(r.groupId, 5, 'f');
    const [watcher] = await viewers(r.groupId, 1, 'watch');
    // The host is not rate-limited per user: it floods 5 High, 20 Normal, 30 Low and 30 Lowest at once (85 > 40).
    const prio = [
      ...Array(5).fill('High'),
      ...Array(20).fill('Normal'),
      ...Array(30).fill('Low'),
      ...Array(30).fill('Lowest'),
    ] as ('High' | 'Normal' | 'Low' | 'Lowest')[];
    prio.forEach((priority, i) =>
      r.host.send({ type: 'send', groupId: r.groupId, priority, elem: text(`${priority}-${i}`) }),
    );
    await sleep(700);
    const got = watcher!.messages();
    const count = (p: string) => got.filter((m) => m.priority === p).length;
    // The bucket holds 40 and refills 40/s; on a busy machine the flood may spread over a few ticks, hence the margin.
    expect(got.length).toBeLessThanOrEqual(60);
    expect(count('High')).toBe(5);
    expect(count('Normal')).toBe(20);
    expect(count('Lowest')).toBeLessThanOrEqual(count('Low'));
    expect(count('Lowest')).toBeLessThan(30);
    // The host's sends were all acknowledged, as Tencent does even for dropped ones.
    expect(r.host.frames.filter((f) => f.type === 'ack')).toHaveLength(85);
    [r.host, ...vs, watcher!].forEach((c) => c.close());
  });

  it('rate-limits one member who sends too fast, in plain words', async () => {
    const r = await room();
    const [v] = await viewers(r.groupId, 1, 'rl');
    const answers = await Promise.all(
      Array.from({ length: 14 }, (_, i) => v!.request({ type: 'send', groupId: r.groupId, elem: text(`m${i}`) })),
    );
    const limited = answers.filter((a) => a.type === 'error');
    expect(limited.length).toBeGreaterThanOrEqual(3);
    expect(limited[0]).toMatchObject({ code: 'rate_limited', tencentCode: 10023 });
    [r.host, v!].forEach((c) => c.close());
  });
});

describe('moderation', () => {
  it('revoke, mute for a time, mute all, slow mode, blocked words', async () => {
    const r = await room();
    const [v, w] = await viewers(r.groupId, 2, 'mod');
    const sent = await v!.request({ type: 'send', groupId: r.groupId, elem: text('rude') });
    const msgId = sent.type === 'ack' ? sent.msgId! : '';
    await r.host.next('messages');
    // A member cannot moderate.
    expect(await w!.request({ type: 'revoke', groupId: r.groupId, msgId })).toMatchObject({
      type: 'error',
      code: 'forbidden',
    });
    expect((await r.host.request({ type: 'revoke', groupId: r.groupId, msgId })).type).toBe('ack');
    expect((await w!.next('revoked')).msgIds).toEqual([msgId]);
    const hello = v!.frames.find((f) => f.type === 'hello');
    const vId = hello?.type === 'hello' ? hello.userId : '';

    expect((await r.host.request({ type: 'mute', groupId: r.groupId, userId: vId, seconds: 1 })).type).toBe('ack');
    expect((await w!.next('muted')).userId).toBe(vId);
    expect(await v!.request({ type: 'send', groupId: r.groupId, elem: text('x') })).toMatchObject({
      type: 'error',
      code: 'muted',
      tencentCode: 10017,
    });
    await sleep(1100);
    expect((await v!.request({ type: 'send', groupId: r.groupId, elem: text('back') })).type).toBe('ack');

    await r.host.request({ type: 'muteAll', groupId: r.groupId, on: true });
    expect((await w!.next('roomState', (f) => f.state.muteAll)).state.muteAll).toBe(true);
    expect(await w!.request({ type: 'send', groupId: r.groupId, elem: text('x') })).toMatchObject({
      type: 'error',
      code: 'muted',
    });
    expect((await r.host.request({ type: 'send', groupId: r.groupId, elem: text('host may speak') })).type).toBe('ack');
    await r.host.request({ type: 'muteAll', groupId: r.groupId, on: false });

    await r.host.request({ type: 'slowMode', groupId: r.groupId, seconds: 2 });
    expect((await w!.request({ type: 'send', groupId: r.groupId, elem: text('one') })).type).toBe('ack');
    const slow = await w!.request({ type: 'send', groupId: r.groupId, elem: text('two') });
    expect(slow).toMatchObject({ type: 'error', code: 'slow_mode' });
    expect(slow.type === 'error' && slow.message).toMatch(/one message every 2 s/);
    expect(slow.type === 'error' && slow.zh).toBe('慢速模式已开启：每 2 秒只能发一条消息。');
    await r.host.request({ type: 'slowMode', groupId: r.groupId, seconds: 0 });

    await r.host.request({ type: 'blockedWords', groupId: r.groupId, words: ['Spam'] });
    expect(await v!.request({ type: 'send', groupId: r.groupId, elem: text('buy SPAM now') })).toMatchObject({
      type: 'error',
      code: 'blocked_word',
    });
    expect((await v!.request({ type: 'send', groupId: r.groupId, elem: text('fine words') })).type).toBe('ack');
    [r.host, v!, w!].forEach((c) => c.close());
  });

  it('kick, ban for a time, set and unset admin; admins cannot moderate the host', async () => {
    const r = await room();
    const [v, w, x] = await viewers(r.groupId, 3, 'kb');
    const idOf = (c: ChatClient) => {
      const h = c.frames.find((f) => f.type === 'hello');
      return h?.type === 'hello' ? h.userId : '';
    };
    expect(await w!.request({ type: 'setAdmin', groupId: r.groupId, userId: idOf(w!), admin: true })).toMatchObject({
      type: 'error',
      code: 'forbidden',
    });
    expect((await r.host.request({ type: 'setAdmin', groupId: r.groupId, userId: idOf(w!), admin: true })).type).toBe(
      'ack',
    );
    expect((await x!.next('roleChanged')).role).toBe('Admin');
    expect(await w!.request({ type: 'kick', groupId: r.groupId, userId: `vj_hub_${n}` })).toMatchObject({
      type: 'error',
      code: 'forbidden',
      message: 'You cannot do this to the host or to another moderator.',
      zh: '不能对主播或其他管理员这样做。',
    });

    expect((await w!.request({ type: 'kick', groupId: r.groupId, userId: idOf(v!), reason: 'calm down' })).type).toBe(
      'ack',
    );
    expect(await v!.next('kicked')).toMatchObject({ kind: 'kick', reason: 'calm down', until: null });
    expect(await v!.request({ type: 'send', groupId: r.groupId, elem: text('still here?') })).toMatchObject({
      type: 'error',
      code: 'not_in_room',
    });
    expect((await v!.request({ type: 'join', groupId: r.groupId })).type).toBe('joined');

    expect((await w!.request({ type: 'ban', groupId: r.groupId, userId: idOf(v!), seconds: 1 })).type).toBe('ack');
    expect((await v!.next('kicked', (f) => f.kind === 'ban')).until).toBeGreaterThan(Date.now());
    expect(await v!.request({ type: 'join', groupId: r.groupId })).toMatchObject({ type: 'error', code: 'banned' });
    await sleep(1100);
    expect((await v!.request({ type: 'join', groupId: r.groupId })).type).toBe('joined');

    await r.host.request({ type: 'setAdmin', groupId: r.groupId, userId: idOf(w!), admin: false });
    expect(await w!.request({ type: 'mute', groupId: r.groupId, userId: idOf(x!), seconds: 5 })).toMatchObject({
      type: 'error',
      code: 'forbidden',
    });
    [r.host, v!, w!, x!].forEach((c) => c.close());
  });
});

describe('hostile input', () => {
  it('refuses oversize, malformed JSON, unknown frames, binary, control characters; HTML stays inert text', async () => {
    const r = await room();
    const [v] = await viewers(r.groupId, 1, 'evil');
    v!.send('{not json');
    expect(await v!.next('error', (f) => f.code === 'bad_frame')).toMatchObject({
      message: 'The frame is not valid JSON.',
      zh: '数据帧不是有效的 JSON。',
    });
    v!.send(JSON.stringify({ type: 'explode', reqId: 'u1' }));
    const unknown = await v!.next('error', (f) => f.reqId === 'u1');
    expect(unknown.code).toBe('bad_frame');
    expect(unknown.zh).toMatch(/^数据帧无效：/);
    v!.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await v!.next('error', (f) => /binary/.test(f.message))).code).toBe('bad_frame');
    expect(await v!.request({ type: 'send', groupId: r.groupId, elem: text('x'.repeat(13 * 1024)) })).toMatchObject({
      type: 'error',
      code: 'too_large',
      tencentCode: 80002,
    });
    expect(await v!.request({ type: 'send', groupId: r.groupId, elem: text('€'.repeat(5000)) })).toMatchObject({
      type: 'error',
      code: 'too_large',
    });
    v!.send(JSON.stringify({ type: 'send', groupId: r.groupId, reqId: 'huge', elem: text('y'.repeat(40 * 1024)) }));
    expect((await v!.next('error', (f) => f.code === 'too_large' && f.reqId === undefined)).tencentCode).toBe(80002);
    expect(await v!.request({ type: 'send', groupId: r.groupId, elem: text('bell\u0007') })).toMatchObject({
      type: 'error',
      code: 'bad_frame',
      message: expect.stringMatching(/control characters/),
      zh: '消息包含不允许的控制字符。',
    });
    expect(await v!.request({ type: 'send', groupId: r.groupId, elem: text('abc\u202Eevil') })).toMatchObject({
      type: 'error',
      code: 'bad_frame',
    });
    expect(await v!.request({ type: 'send', groupId: r.groupId, elem: text('   ') })).toMatchObject({
      type: 'error',
      code: 'bad_frame',
    });
    const html = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    expect((await v!.request({ type: 'send', groupId: r.groupId, elem: text(html) })).type).toBe('ack');
    const got = await r.host.next('messages', (f) => f.messages.some((m) => m.type === 'TIMTextElem'));
    // Delivered verbatim as data; the viewer page renders it with textContent (e2e/viewer.e2e.ts).
    expect((got.messages[0]!.payload as { text: string }).text).toBe(html);
    // The connection survived all of it.
    expect((await v!.request({ type: 'ping' })).type).toBe('pong' as never);
    [r.host, v!].forEach((c) => c.close());
  });

  it('refuses a socket without a valid token', async () => {
    const res = await new Promise<number>((done) => {
      const ws = new WebSocket(`${p.imUrl}?token=forged`);
      ws.on('unexpected-response', (_q, r) => done(r.statusCode ?? 0));
      ws.on('open', () => done(101));
      ws.on('error', () => {});
    });
    expect(res).toBe(401);
  });

  it('refuses joining a room that does not exist', async () => {
    const s = await api<{ token: string }>(p.httpUrl, 'POST', '/api/v1/sessions/guest', {});
    const c = await ChatClient.connect(p.imUrl, s.body.token);
    expect(await c.request({ type: 'join', groupId: 'live_1' })).toMatchObject({
      type: 'error',
      code: 'room_not_found',
    });
    c.close();
  });
});
