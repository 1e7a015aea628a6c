// A studio cut off for longer than the hub keeps in memory still stores every line once: on the real platform
// (its catch-up memory made small), through a loopback relay that cuts the studio's socket and holds it off while
// a viewer floods the room, the hub reads the older frames back from disk when the studio rejoins.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sleep } from '../../../testSupport/platform';
import { callStudio } from '../../../testSupport/studioCalls';
import * as hubRoom from '../../../testSupport/studioHubRoom';
import type { TcpRelay } from '../../../testSupport/tcpRelay';
import type { Studio } from '../../app';
import type { ChatItem } from '../../contract/chat';

/** The hub's catch-up memory for this test: a few of the flood's frames (each carries up to ~1,000 lines). */
const MEMORY_BYTES = 64 * 1024;

let p: hubRoom.StudioBehindRelay['platform'];
let relay: TcpRelay;
let studio: Studio;
let setup: hubRoom.StudioBehindRelay;
beforeAll(async () => {
  setup = await hubRoom.studioBehindRelay({
    messagesPerSecond: 100_000,
    userBurst: 20_000,
    userPerSecond: 20_000,
    catchUpMemoryBytes: MEMORY_BYTES,
  });
  ({ platform: p, relay, studio } = setup);
});
afterAll(() => setup.close());

async function until(what: string, ok: () => boolean, ms: number, state: () => string): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (ok()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what} (${state()})`);
}

it('stores every line said while it was away once, though the hub kept most of them on disk', async () => {
  const call = (name: string, input: unknown) => callStudio(studio, name, input);
  let handed = 0;
  let fanId = '';
  studio.bus.on('chat.batch', (b) => {
    handed += b.items.filter((i) => i.userId === fanId && i.kind === 'text').length + (b.skipped ?? 0);
  });
  const room = { groupId: await hubRoom.hostRoomThroughRelay(setup, 'vj_disk') };
  const fan = await hubRoom.viewerInRoom(p, room.groupId, 'fan_disk');
  fanId = fan.userId;
  const say = fan.say;
  const stored = () => hubRoom.storedTextLines(studio, fan.userId);
  const state = () => `${stored()} stored, ${handed} handed to the feed`;

  say('disk#0 before the cut');
  await until('the first line in SQLite', () => stored() === 1, 20_000, state);
  relay.cut();
  const total = 4001; // ~900 KB of frames, about 14 times what the hub keeps in memory
  for (let i = 1; i < total; i++) say(`disk#${i}# said while the studio was away`);
  await sleep(2000); // the room delivers all of it meanwhile; the studio's reconnects are refused
  relay.resume();
  await until('every line in SQLite', () => stored() >= total, 40_000, state);
  await sleep(500);
  expect(stored()).toBe(total);
  expect(handed).toBe(total);
  const search = async (q: string) =>
    ((await call('chat.search', { query: q, roomId: room.groupId, limit: 5 })) as { items: ChatItem[] }).items;
  for (const n of [1, 37, 1500, 2999, total - 1])
    expect((await search(`disk#${n}#`)).map((i) => i.text)).toEqual([`disk#${n}# said while the studio was away`]);
  fan.client.close();
});
