// Must-show 1: every moderation action takes effect for other clients, on the REAL platform on loopback
// (its chat hub over WebSocket), driven through the studio's own API (chat.* calls on a real studio).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdRoomSchema } from '../../../common/platformApi/schemas';
import { api, ChatClient, signUp, sleep, tempPlatform } from '../../../testSupport/platform';
import { createStudio, type Studio } from '../../app';
import type { ChatItem, ChatStatus } from '../../contract/chat';

let p: Awaited<ReturnType<typeof tempPlatform>>;
const cleanups: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  p = await tempPlatform({ heartbeatSeconds: 600 }); // no heartbeats here: rooms stay live on a slow machine
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await p.cleanup();
});

const ctx = { transport: 'internal' as const, peer: 'test' };
let n = 0;

/** A real studio in a temp folder, with every chat.batch it emits kept. */
async function studio() {
  const dir = mkdtempSync(join(tmpdir(), 'chat-int-'));
  const s: Studio = await createStudio({ dataDir: dir, runtime: 'headless', appVersion: '0.0.0', log: () => {} });
  const items: ChatItem[] = [];
  const revoked: string[] = [];
  s.bus.subscribe((name, payload) => {
    if (name !== 'chat.batch') return;
    const b = payload as { items: ChatItem[]; revoked: string[] };
    items.push(...b.items);
    revoked.push(...b.revoked);
  });
  cleanups.push(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const call = async (name: string, input: unknown) => {
    const r = await s.router.dispatch(name, input, ctx);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const waitFor = async (pred: (i: ChatItem) => boolean, what: string) => {
    for (let i = 0; i < 100; i++) {
      const hit = items.find(pred);
      if (hit) return hit;
      await sleep(50);
    }
    throw new Error(`the studio never showed ${what}; it showed ${JSON.stringify(items.slice(-5))}`);
  };
  return { s, items, revoked, call, waitFor };
}

async function liveRoom() {
  const vj = await signUp(p.httpUrl, `vj_chat_${++n}`, `VJ ${n}`);
  const room = createdRoomSchema.parse(
    (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: `Chat ${n}` }, vj.token)).body,
  );
  const st = await studio();
  const status = (await st.call('chat.connect', {
    mode: 'platform',
    platformUrl: p.httpUrl,
    token: vj.token,
    userId: vj.userId,
    roomId: room.groupId,
  })) as ChatStatus;
  return { vj, room, st, status };
}

async function viewer(groupId: string, name: string) {
  const s = await signUp(p.httpUrl, `${name}_${++n}`, `<b>${name}</b>`);
  const c = await ChatClient.connect(p.imUrl, s.token);
  cleanups.push(() => c.close());
  expect((await c.request({ type: 'join', groupId })).type).toBe('joined');
  return { c, userId: s.userId, token: s.token };
}
const text = (t: string) => ({ type: 'TIMTextElem' as const, payload: { text: t } });

describe('chat on the real platform', () => {
  it('joins as the room owner and receives viewers’ messages as text, batched into the studio', async () => {
    const { room, st, status } = await liveRoom();
    expect(status).toMatchObject({ state: 'connected', mode: 'platform', role: 'owner', roomId: room.groupId });
    const v = await viewer(room.groupId, 'fan');
    expect(
      (await v.c.request({ type: 'send', groupId: room.groupId, elem: text('<img src=x onerror=alert(1)>') })).type,
    ).toBe('ack');
    const got = await st.waitFor((i) => i.kind === 'text' && i.userId === v.userId, 'the viewer’s message');
    expect(got).toMatchObject({
      text: '<img src=x onerror=alert(1)>',
      nick: '<b>fan</b>',
      roomId: room.groupId,
      role: 'member',
    });
    // The VJ's own message reaches viewers.
    await st.call('chat.send', { text: 'welcome!' });
    const m = await v.c.next('messages', (f) => f.messages.some((x) => x.sender.userId.startsWith('vj_chat_')));
    expect(m.messages.map((x) => (x.payload as { text: string }).text)).toContain('welcome!');
  });

  it('shows a gift and a like announced by the platform as their own kinds of line', async () => {
    const { room, st } = await liveRoom();
    const v = await viewer(room.groupId, 'giver');
    expect((await api(p.httpUrl, 'POST', '/api/v1/me/recharge', { amount: 1000 }, v.token)).status).toBe(200);
    const gift = await api(
      p.httpUrl,
      'POST',
      `/api/v1/rooms/${room.roomId}/gifts`,
      { giftId: 'rocket', count: 2, requestId: 'req-gift-0001' },
      v.token,
    );
    expect(gift.status).toBe(200);
    const line = await st.waitFor((i) => i.kind === 'gift', 'the gift');
    expect(line).toMatchObject({ gift: { name: 'Rocket', count: 2 } });
    await api(p.httpUrl, 'POST', `/api/v1/rooms/${room.roomId}/likes`, { count: 3 }, v.token);
    expect(await st.waitFor((i) => i.kind === 'system' && i.text.startsWith('♥'), 'the like')).toMatchObject({
      text: '♥ ×3',
    });
  });

  it('mute: the muted viewer’s send is refused with a reason; unmute lets them speak again', async () => {
    const { room, st } = await liveRoom();
    const v = await viewer(room.groupId, 'loud');
    await st.call('chat.moderate', { action: 'mute', userId: v.userId, seconds: 600 });
    const refused = await v.c.request({ type: 'send', groupId: room.groupId, elem: text('let me talk') });
    expect(refused).toMatchObject({ type: 'error', code: 'muted' });
    expect(refused.type === 'error' && refused.message.length).toBeGreaterThan(10);
    expect(await v.c.next('muted', (f) => f.userId === v.userId)).toMatchObject({ until: expect.any(Number) });
    await st.call('chat.moderate', { action: 'unmute', userId: v.userId });
    expect((await v.c.request({ type: 'send', groupId: room.groupId, elem: text('thanks') })).type).toBe('ack');
  });

  it('kick: the viewer is out (told so, and can no longer send); ban refuses their return', async () => {
    const { room, st } = await liveRoom();
    const v = await viewer(room.groupId, 'troll');
    await st.call('chat.moderate', { action: 'kick', userId: v.userId });
    expect(await v.c.next('kicked')).toMatchObject({ kind: 'kick', groupId: room.groupId });
    expect(await v.c.request({ type: 'send', groupId: room.groupId, elem: text('still here?') })).toMatchObject({
      type: 'error',
      code: 'not_in_room',
    });
    expect((await v.c.request({ type: 'join', groupId: room.groupId })).type).toBe('joined'); // a kick is not a ban
    await st.call('chat.moderate', { action: 'ban', userId: v.userId, seconds: 0 });
    expect(await v.c.next('kicked', (f) => f.kind === 'ban')).toMatchObject({ kind: 'ban' });
    expect(await v.c.request({ type: 'join', groupId: room.groupId })).toMatchObject({ type: 'error', code: 'banned' });
    const log = (await st.call('chat.moderationLog', { limit: 10 })) as {
      entries: { action: string; targetUser: string }[];
    };
    expect(log.entries.map((e) => [e.action, e.targetUser])).toEqual([
      ['ban', v.userId],
      ['kick', v.userId],
    ]);
  });

  it('revoke: the message disappears for viewers (and is marked in the studio’s log)', async () => {
    const { room, st } = await liveRoom();
    const a = await viewer(room.groupId, 'spammer');
    const b = await viewer(room.groupId, 'watcher');
    const ack = await a.c.request({ type: 'send', groupId: room.groupId, elem: text('buy followers at spam.example') });
    const msgId = ack.type === 'ack' ? ack.msgId! : '';
    await b.c.next('messages', (f) => f.messages.some((m) => m.id === msgId));
    await st.waitFor((i) => i.id === msgId, 'the spam');
    await st.call('chat.moderate', { action: 'revoke', messageId: msgId });
    expect(await b.c.next('revoked', (f) => f.msgIds.includes(msgId))).toMatchObject({
      by: expect.stringMatching(/^vj_chat_/),
    });
    await expect.poll(() => st.revoked).toContain(msgId);
    const found = (await st.call('chat.search', { query: 'followers', limit: 5 })) as { items: ChatItem[] };
    expect(found.items[0]).toMatchObject({ id: msgId, revoked: true });
  });

  it('mute-all and slow mode refuse viewers’ sends with reasons; blocked words are handed to the hub', async () => {
    const { room, st } = await liveRoom();
    const v = await viewer(room.groupId, 'chatty');
    await st.call('chat.moderate', { action: 'muteAll', on: true });
    expect(await v.c.request({ type: 'send', groupId: room.groupId, elem: text('hello?') })).toMatchObject({
      type: 'error',
      code: 'muted',
    });
    await st.call('chat.moderate', { action: 'muteAll', on: false });
    await st.call('chat.moderate', { action: 'slowMode', seconds: 30 });
    expect((await v.c.request({ type: 'send', groupId: room.groupId, elem: text('one') })).type).toBe('ack');
    expect(await v.c.request({ type: 'send', groupId: room.groupId, elem: text('two') })).toMatchObject({
      type: 'error',
      code: 'slow_mode',
    });
    await st.call('chat.moderate', { action: 'slowMode', seconds: 0 });
    await st.call('chat.setBlockedWords', { words: ['forbiddenword'], builtIn: true });
    await sleep(200);
    expect(
      await v.c.request({ type: 'send', groupId: room.groupId, elem: text('a forbiddenword here') }),
    ).toMatchObject({ type: 'error', code: 'blocked_word' });
    expect(((await st.call('chat.status', {})) as ChatStatus).slowModeSeconds).toBe(0);
  });

  it('a moderator opens the room in their own studio; the VJ sees what they do, logged with their name', async () => {
    const { room, st } = await liveRoom();
    const modAccount = await signUp(p.httpUrl, `mod_${++n}`, 'Mod');
    const v = await viewer(room.groupId, 'rude');
    const mod = await studio();
    await mod.call('chat.connect', {
      mode: 'platform',
      platformUrl: p.httpUrl,
      token: modAccount.token,
      userId: modAccount.userId,
      roomId: room.groupId,
    });
    await st.call('chat.moderate', { action: 'setModerator', userId: modAccount.userId, on: true });
    await mod.waitFor((i) => i.kind === 'moderation' && i.moderation?.target === modAccount.userId, 'the role change');
    await mod.call('chat.moderate', { action: 'mute', userId: v.userId, seconds: 60 });
    const seen = await st.waitFor(
      (i) => i.kind === 'moderation' && i.moderation?.action === 'mute' && i.moderation.actor === modAccount.userId,
      'the moderator’s mute',
    );
    expect(seen.moderation).toMatchObject({ target: v.userId });
    const log = (await st.call('chat.moderationLog', { limit: 10 })) as {
      entries: { actor: string; action: string; targetUser: string | null }[];
    };
    expect(log.entries[0]).toMatchObject({ actor: modAccount.userId, action: 'mute', targetUser: v.userId });
    expect(await v.c.request({ type: 'send', groupId: room.groupId, elem: text('hey') })).toMatchObject({
      type: 'error',
      code: 'muted',
    });
  });

  it('refuses a bad token in plain words, and a kicked studio goes to "kicked" with who did it', async () => {
    const { room, st: vjStudio } = await liveRoom();
    const st = await studio();
    await expect(
      st.call('chat.connect', {
        mode: 'platform',
        platformUrl: p.httpUrl,
        token: 'not-a-token',
        userId: 'x',
        roomId: room.groupId,
      }),
    ).rejects.toThrow(/token|sign/i);
    const other = await signUp(p.httpUrl, `kicked_${++n}`, 'K');
    await st.call('chat.connect', {
      mode: 'platform',
      platformUrl: p.httpUrl,
      token: other.token,
      userId: other.userId,
      roomId: room.groupId,
    });
    await vjStudio.call('chat.moderate', { action: 'kick', userId: other.userId });
    await expect.poll(async () => ((await st.call('chat.status', {})) as ChatStatus).state).toBe('kicked');
    const after = (await st.call('chat.status', {})) as ChatStatus;
    expect(after.reason).toMatch(/vj_chat_\w+ removed you from the room/);
    await expect(st.call('chat.send', { text: 'hello?' })).rejects.toThrow(/out of the room/);
  });
});
