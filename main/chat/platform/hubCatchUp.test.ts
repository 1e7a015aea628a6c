// The studio's chat loses nothing when its hub connection drops: on the real platform, through a loopback relay
// that cuts the studio's socket and holds it off, what viewers said meanwhile reaches the feed and SQLite once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HISTORY_SIZE } from '../../../common/chatHub/protocol';
import { createdRoomSchema } from '../../../common/platformApi/schemas';
import { api, ChatClient, signUp, sleep, tempPlatform } from '../../../testSupport/platform';
import { startTcpRelay, type TcpRelay } from '../../../testSupport/tcpRelay';
import { createStudio, type Studio } from '../../app';
import type { ChatItem, ChatStatus } from '../../contract/chat';

let p: Awaited<ReturnType<typeof tempPlatform>>;
let relay: TcpRelay;
let studio: Studio;
let dir: string;
beforeAll(async () => {
  p = await tempPlatform({
    heartbeatSeconds: 600,
    chat: { messagesPerSecond: 10_000, userBurst: 1000, userPerSecond: 1000 },
  });
  relay = await startTcpRelay(Number(new URL(p.httpUrl).port));
  dir = mkdtempSync(join(tmpdir(), 'chat-catchup-'));
  studio = await createStudio({ dataDir: dir, runtime: 'headless', appVersion: '0.0.0', log: () => {} });
});
afterAll(async () => {
  await studio.close();
  await relay.close();
  await p.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (ok()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
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
  const lines = () => items.filter((i) => i.userId === fan.userId).map((i) => i.text);

  for (let i = 0; i < 5; i++) say(`before ${i}`);
  await until('the first lines in the studio', () => lines().length === 5);

  relay.cut();
  await until('the studio to notice the drop', () => states.includes('reconnecting'));
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
  await until('every line in the studio', () => lines().length >= expected.length);
  await sleep(300);
  expect(relay.accepted).toBeGreaterThan(acceptedBefore); // it came back through the relay
  expect(lines()).toEqual(expected);
  const stored = () =>
    (
      studio.storage.db.prepare('SELECT COUNT(*) AS c FROM chat_messages WHERE user_id = ?').get(fan.userId) as {
        c: number;
      }
    ).c;
  await until('every line in SQLite', () => stored() >= expected.length);
  expect(stored()).toBe(expected.length);
  v.close();
});
