// The studio's chat loses nothing when its hub connection drops: on the real platform, through a loopback relay
// that cuts the studio's socket and holds it off, what viewers said meanwhile reaches the feed and SQLite once; a
// flood is read, checked and stored on the chat writer's thread (HubIngest), the feed handed at most 500 a batch.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HISTORY_SIZE } from '../../../common/chatHub/protocol';
import { createdRoomSchema } from '../../../common/platformApi/schemas';
import { api, ChatClient, signUp, sleep } from '../../../testSupport/platform';
import { callStudio } from '../../../testSupport/studioCalls';
import {
  hostRoomThroughRelay,
  storedTextLines,
  studioBehindRelay,
  viewerInRoom,
  type StudioBehindRelay,
} from '../../../testSupport/studioHubRoom';
import type { TcpRelay } from '../../../testSupport/tcpRelay';
import type { Studio } from '../../app';
import type { ChatItem, ChatStatus } from '../../contract/chat';
import { FEED_LINES } from './hubIngest';

let p: StudioBehindRelay['platform'];
let relay: TcpRelay;
let studio: Studio;
let setup: StudioBehindRelay;
beforeAll(async () => {
  setup = await studioBehindRelay({ messagesPerSecond: 100_000, userBurst: 20_000, userPerSecond: 20_000 });
  ({ platform: p, relay, studio } = setup);
});
afterAll(() => setup.close());

async function until(what: string, ok: () => boolean, ms = 20_000, state: () => string = () => ''): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (ok()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what} ${state()}`);
}

it('a dropped studio rejoins after the last message it got and gets every line said while it was away', async () => {
  const vj = await signUp(p.httpUrl, 'vj_catchup', 'VJ');
  const room = createdRoomSchema.parse((await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'C' }, vj.token)).body);
  const items: ChatItem[] = [];
  const states: string[] = [];
  studio.bus.subscribe((name, payload) => {
    if (name === 'chat.batch') items.push(...(payload as { items: ChatItem[] }).items);
    if (name === 'chat.status') states.push((payload as ChatStatus).state);
  });
  const r = await studio.router.dispatch(
    'chat.connect',
    { mode: 'platform', platformUrl: relay.url, token: vj.token, userId: vj.userId, roomId: room.groupId },
    { transport: 'internal', peer: 'test' },
  );
  if (!r.ok) throw new Error(r.error.message);
  const fan = await signUp(p.httpUrl, 'fan_catchup', 'Fan');
  const v = await ChatClient.connect(p.imUrl, fan.token);
  expect((await v.request({ type: 'join', groupId: room.groupId })).type).toBe('joined');
  const say = (t: string) =>
    v.send({ type: 'send', groupId: room.groupId, elem: { type: 'TIMTextElem', payload: { text: t } } });
  // Their text lines (their join notice comes too, ahead of their first lines).
  const lines = () => items.filter((i) => i.userId === fan.userId && i.kind === 'text').map((i) => i.text);

  for (let i = 0; i < 5; i++) say(`before ${i}`);
  const seen = () => `(${lines().length} lines, ${items.length} items, states ${states.join(' ')})`;
  await until('the first lines in the studio', () => lines().length === 5, 20_000, seen);

  relay.cut();
  await until('the studio to notice the drop', () => states.includes('reconnecting'), 20_000, seen);
  const away = HISTORY_SIZE * 4; // far more than a join's history would bring back
  for (let i = 0; i < away; i++) say(`away ${i}`);
  await sleep(1500); // its reconnects are refused meanwhile
  const acceptedBefore = relay.accepted;
  relay.resume();
  for (let i = 0; i < 5; i++) say(`after ${i}`);
  const expected = [
    ...Array.from({ length: 5 }, (_, i) => `before ${i}`),
    ...Array.from({ length: away }, (_, i) => `away ${i}`),
    ...Array.from({ length: 5 }, (_, i) => `after ${i}`),
  ];
  await until(
    'every line in the studio',
    () => lines().length >= expected.length,
    20_000,
    () =>
      `(${lines().length} of ${expected.length}; missing ${expected
        .filter((l) => !lines().includes(l))
        .slice(0, 5)
        .join(', ')}; states ${states.join(' ')}; relay accepted ${relay.accepted})`,
  );
  await sleep(300);
  expect(relay.accepted).toBeGreaterThan(acceptedBefore); // it came back through the relay
  expect(lines()).toEqual(expected);
  const stored = () =>
    (
      studio.storage.db
        .prepare("SELECT COUNT(*) AS c FROM chat_messages WHERE user_id = ? AND kind = 'text'")
        .get(fan.userId) as {
        c: number;
      }
    ).c;
  await until('every line in SQLite', () => stored() >= expected.length);
  expect(stored()).toBe(expected.length);
  // The notice of their join reached the studio before it dropped, with their first lines.
  expect(items.filter((i) => i.userId === fan.userId && i.kind === 'join')).toHaveLength(1);
  v.close();
});

it('stores every line of a flood once, searchable, through a cut socket, and hands the feed at most 500 a batch', async () => {
  const call = (name: string, input: unknown) => callStudio(studio, name, input);
  const batches: { items: ChatItem[]; skipped: number }[] = [];
  studio.bus.on('chat.batch', (b) => batches.push({ items: b.items, skipped: b.skipped ?? 0 }));
  const room = { groupId: await hostRoomThroughRelay(setup, 'vj_ingest') };
  const fan = await viewerInRoom(p, room.groupId, 'fan_ingest');
  const lineOf = (word: string) =>
    batches.flatMap((b) => b.items).find((i) => i.userId === fan.userId && i.text.endsWith(word));
  const say = fan.say;
  const stored = () => storedTextLines(studio, fan.userId);

  // Half the flood, the studio's socket cut while it is still arriving, the other half said while it is away.
  const half = 3000;
  for (let i = 0; i < half; i++) say(`flood#${i}`);
  await until('the first lines in SQLite', () => stored() > 0, 20_000);
  relay.cut();
  for (let i = half; i < 2 * half; i++) say(i === half + 7 ? `flood#${i} fuck` : `flood#${i}`);
  await sleep(1000);
  relay.resume();
  await until('every line in SQLite', () => stored() >= 2 * half, 45_000);
  await sleep(300);
  expect(stored()).toBe(2 * half);

  const search = (q: string) =>
    call('chat.search', { query: q, roomId: room.groupId, limit: 5 }) as Promise<{
      items: ChatItem[];
    }>;
  for (const n of [0, 1234, half + 7, 2 * half - 1]) {
    const hits = (await search(`flood#${n}`)).items.filter((i) => i.text.split(' ')[0] === `flood#${n}`);
    expect(hits).toHaveLength(1);
  }
  // The feed was handed each line once, as a line or in a count, never more than 500 lines (+ blocked) at once.
  const fans = batches.map((b) => ({
    ...b,
    items: b.items.filter((i) => i.userId === fan.userId && i.kind === 'text'),
  }));
  const handed = fans.reduce((n, b) => n + b.items.length + b.skipped, 0);
  expect(handed).toBe(2 * half);
  expect(Math.max(...fans.map((b) => b.items.filter((i) => !i.blocked).length))).toBeLessThanOrEqual(FEED_LINES);
  const blockedLine = fans.flatMap((b) => b.items).find((i) => i.text.startsWith(`flood#${half + 7} `));
  expect(blockedLine?.blocked).toBe(true);

  // The thread checks with the moderators' current list: without the built-in one, the same word passes...
  await call('chat.setBlockedWords', { words: [], builtIn: false });
  say('fuck once');
  await until('the first line in the feed', () => lineOf('once') !== undefined);
  expect(lineOf('once')?.blocked).toBeUndefined();
  // ...and with it again, a blocked line read on the thread is revoked in the room by the studio, and logged.
  await call('chat.setBlockedWords', { words: [], builtIn: true });
  say('fuck twice');
  await until('the second line in the feed', () => lineOf('twice') !== undefined);
  expect(lineOf('twice')?.blocked).toBe(true);
  const log = () =>
    (
      call('chat.moderationLog', { limit: 500 }) as Promise<{
        entries: { actor: string; action: string; targetMessage: string | null }[];
      }>
    ).then((r) => r.entries);
  // The thread's blocked line is revoked in the room by the studio (the main thread's part), and the act logged.
  const twice = lineOf('twice')!.id;
  let revoked: (string | null)[] = [];
  for (let t = 0; t < 100 && !revoked.includes(twice); t++) {
    revoked = (await log())
      .filter((e) => e.actor === 'blocked-words' && e.action === 'revoke')
      .map((e) => e.targetMessage);
    await sleep(100);
  }
  expect(revoked).toContain(twice);
  fan.client.close();
});
