// The feed: batches of at most ~10 a second whatever the inflow, one SQLite transaction each, full-text
// search, blocked words, and a moderation log that survives a restart. Real SQLite files in a temp folder;
// the backend is the Tencent adapter over the stand-in SDK.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../api';
import type { ChatItem } from '../contract/chat';
import { openDatabase, openStudioStorage, type StudioStorage } from '../storage';
import { ChatFeed } from './chatFeed';
import { ThreadChatWriter } from './chatWriter';
import { ChatStore } from './chatStore';
import { EVENT, receivedMessage, standInModule, type StandInChat } from '../../testSupport/tencentChatStandIn';
import { TencentChatService } from './tencent/tencentAdapter';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0).reverse()) c();
});

function setup(dir = mkdtempSync(join(tmpdir(), 'chat-feed-')), log?: (line: string) => void) {
  const storage: StudioStorage = openStudioStorage(join(dir, 'studio.db'));
  const bus = new EventBus();
  const batches: { items: ChatItem[]; revoked: string[] }[] = [];
  bus.subscribe((name, payload) => {
    if (name === 'chat.batch') batches.push(payload as { items: ChatItem[]; revoked: string[] });
  });
  const sdk = standInModule();
  const store = new ChatStore(storage.db);
  const feed = new ChatFeed({
    store,
    // The studio's writer: its own thread and connection to the same file.
    writer: new ThreadChatWriter(storage.file, store),
    bus,
    ...(log ? { log } : {}),
    createService: (input) =>
      new TencentChatService({
        sdk,
        sdkAppId: 1,
        userId: input.userId,
        userSig: 's',
        groupId: input.mode === 'tencent' ? input.groupId : '',
        createRoom: true,
      }),
  });
  const close = async () => {
    await feed.close();
    storage.close();
  };
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, storage, feed, batches, sdk, close, chat: () => sdk.instances.at(-1) as StandInChat };
}

const connectInput = {
  mode: 'tencent' as const,
  sdkAppId: 1,
  userSig: 's',
  userId: 'vj',
  groupId: 'show-1',
  createRoom: true,
};

function text(id: string, t: string, from = 'viewer-1') {
  return receivedMessage({ ID: id, type: 'TIMTextElem', payload: { text: t }, from, nick: from });
}

describe('chat feed', () => {
  it('hands a flood on as at most ~10 batches a second, each saved in one transaction', async () => {
    const s = setup();
    await s.feed.connect(connectInput);
    const started = Date.now();
    let n = 0;
    // 3,000 messages over about a second, in bursts of 30 every ~10 ms.
    while (Date.now() - started < 1000) {
      s.chat().fire(
        EVENT.MESSAGE_RECEIVED,
        Array.from({ length: 30 }, () => text(`m${n++}`, `hello from the crowd`)),
      );
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 250));
    const elapsed = (Date.now() - started) / 1000;
    const withItems = s.batches.filter((b) => b.items.length);
    const extra = withItems.flatMap((b) => b.items).filter((i) => !/^m\d+$/.test(i.id));
    expect(extra.map((i) => [i.id, i.text])).toEqual([]);
    expect(withItems.flatMap((b) => b.items)).toHaveLength(n);
    expect(withItems.length).toBeLessThanOrEqual(Math.ceil(elapsed * 10) + 1);
    expect(withItems.length).toBeGreaterThan(3); // batched, not one lump at the end
    await s.feed.recent(1); // waits for the writer's thread
    const stored = s.storage.db.prepare('SELECT COUNT(*) AS c FROM chat_messages').get() as { c: number };
    expect(stored.c).toBe(n);
    await s.close();
  });

  it('finds any message by full-text search, Chinese and short words included, without query syntax leaking', async () => {
    const s = setup();
    await s.feed.connect(connectInput);
    s.chat().fire(EVENT.MESSAGE_RECEIVED, [
      text('a', '今天的直播真好看'),
      text('b', 'great show tonight', 'fan-2'),
      text('c', 'NEAR "quote" AND OR *'),
      text('d', 'ok'),
    ]);
    const ids = async (q: string) => (await s.feed.search(q, 'show-1', 50)).map((i) => i.id);
    expect(await ids('直播真')).toEqual(['a']);
    expect(await ids('show tonight')).toEqual(['b']);
    expect(await ids('"quote" AND')).toEqual(['c']);
    expect(await ids('ok')).toEqual(['d']);
    expect(await ids('直播')).toEqual(['a']); // shorter than a trigram: a plain scan
    expect(await ids('fan-2')).toEqual(['b']); // names are searchable too
    await s.close();
  });

  it('flags blocked words (obscenity’s list, leetspeak, the custom list) and keeps the message as text', async () => {
    const s = setup();
    await s.feed.connect(connectInput);
    s.feed.setBlockedWords(['广告', 'spam[x]'], true);
    s.chat().fire(EVENT.MESSAGE_RECEIVED, [
      text('1', 'you are a b1tch'),
      text('2', '加我看广 告'),
      text('3', 'hello'),
      text('4', 'so spam[x] here'),
    ]);
    await new Promise((r) => setTimeout(r, 200));
    const byId = new Map(s.batches.flatMap((b) => b.items).map((i) => [i.id, i]));
    expect([byId.get('1')?.blocked, byId.get('2')?.blocked, byId.get('3')?.blocked, byId.get('4')?.blocked]).toEqual([
      true,
      true,
      undefined,
      true,
    ]);
    // The owner's studio also revokes them from the room, and logs that the filter did it.
    const revoked = s
      .chat()
      .calls.filter((c) => c.method === 'revokeMessage')
      .map((c) => (c.args[0] as { ID: string }).ID);
    expect(revoked.sort()).toEqual(['1', '2', '4']);
    await s.close();
  });

  it('says so in its log, and goes on, when the database is held past its busy timeout as it logs a revoke', async () => {
    const logged: string[] = [];
    const s = setup(undefined, (l) => logged.push(l));
    await s.feed.connect(connectInput);
    // Another connection holds the write lock (as a flood's transactions can): the act cannot be logged for 5 s.
    const holder = openDatabase(s.storage.file);
    holder.exec('BEGIN IMMEDIATE');
    s.chat().fire(EVENT.MESSAGE_RECEIVED, [text('1', 'you are a b1tch')]);
    for (let t = 0; t < 200 && !logged.some((l) => l.includes('could not be logged')); t++)
      await new Promise((r) => setTimeout(r, 50));
    holder.exec('ROLLBACK');
    holder.close();
    expect(logged.find((l) => l.includes('could not be logged'))).toMatch(/revoked but the act could not be logged/);
    // The studio goes on: the next line is handed on, stored and found.
    s.chat().fire(EVENT.MESSAGE_RECEIVED, [text('2', 'still here after the lock')]);
    for (let t = 0; t < 100 && !s.batches.some((b) => b.items.some((i) => i.id === '2')); t++)
      await new Promise((r) => setTimeout(r, 50));
    expect((await s.feed.search('still here', 'show-1', 5)).map((i) => i.id)).toEqual(['2']);
    await s.close();
  }, 30_000);

  it('logs every action with who, what and when, shows it in the feed, and keeps it across a restart', async () => {
    const s = setup();
    await s.feed.connect(connectInput);
    s.chat().fire(EVENT.MESSAGE_RECEIVED, [text('x1', 'first', 'troll'), text('x2', 'second', 'troll')]);
    await s.feed.moderate({ action: 'revoke', messageId: 'x1' });
    await s.feed.moderate({ action: 'kick', userId: 'troll' });
    await s.feed.moderate({ action: 'pin', messageId: 'x2' });
    await s.feed.moderate({ action: 'muteAll', on: true });
    // What another moderator did, seen through the room, is logged too.
    s.chat().fire(EVENT.MESSAGE_RECEIVED, [
      receivedMessage({
        ID: 'tip',
        type: 'TIMGroupTipElem',
        payload: { operationType: 7, operatorID: 'mod-1', memberList: [{ userID: 'troll', muteTime: 60 }] },
      }),
    ]);
    await new Promise((r) => setTimeout(r, 200));
    const feedLines = s.batches.flatMap((b) => b.items).filter((i) => i.kind === 'moderation');
    expect(feedLines.map((i) => i.moderation?.action)).toEqual(['revoke', 'kick', 'pin', 'muteAll', 'mute']);
    expect(s.batches.flatMap((b) => b.revoked)).toContain('x1');
    const status = s.feed.status();
    expect(status.pinned?.id).toBe('x2');
    expect(status.muteAll).toBe(true);
    await s.close();

    const again = setup(s.dir);
    await again.feed.connect(connectInput);
    const log = again.feed.moderationLog(50);
    expect(log.map((e) => [e.actor, e.action, e.targetUser])).toEqual([
      ['mod-1', 'mute', 'troll'],
      ['vj', 'muteAll', null],
      ['vj', 'pin', 'troll'],
      ['vj', 'kick', 'troll'],
      ['vj', 'revoke', 'troll'],
    ]);
    expect(log.every((e) => e.at > Date.now() - 60_000)).toBe(true);
    const card = await again.feed.userCard('troll');
    expect(card.messages.map((m) => [m.id, m.revoked ?? false])).toEqual([
      ['x1', true],
      ['x2', false],
    ]);
    expect(card.moderation).toHaveLength(4);
    expect(again.feed.status().pinned?.id).toBe('x2');
    await again.close();
  });

  it('goes to "kicked" with the reason and refuses to send afterwards', async () => {
    const s = setup();
    await s.feed.connect(connectInput);
    s.chat().fire(EVENT.KICKED_OUT, { type: 'multipleDevice' });
    expect(s.feed.status()).toMatchObject({ state: 'kicked', reason: expect.stringMatching(/another device/) });
    await expect(s.feed.send('hi')).rejects.toThrow(/out of the room/);
    await s.close();
  });
});
