// A host back after a dropped socket catches up by sequence number through the real hub on loopback; a viewer
// cannot make the hub replay the room; the log that holds what was missed is bounded and paces its readers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { HISTORY_SIZE } from '../../common/chatHub/protocol';
import { createdRoomSchema } from '../../common/platformApi/schemas';
import { api, ChatClient, signUp, sleep, tempPlatform } from '../../testSupport/platform';
import { CATCH_UP_WINDOW_BYTES, CatchUpLog, type CatchUpReader } from './catchUp';

let p: Awaited<ReturnType<typeof tempPlatform>>;
beforeAll(async () => {
  p = await tempPlatform({ chat: { messagesPerSecond: 10_000, userBurst: 5000, userPerSecond: 5000 } });
});
afterAll(() => p.cleanup());

const text = (t: string) => ({ type: 'TIMTextElem' as const, payload: { text: t } });
const texts = (c: ChatClient) => c.messages().map((m) => (m.payload as { text: string }).text);

async function until(what: string, ok: () => boolean, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (ok()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

let n = 0;
async function roomWithViewer() {
  const vj = await signUp(p.httpUrl, `vj_catchup_${++n}`, `VJ ${n}`);
  const r = createdRoomSchema.parse(
    (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: `C ${n}` }, vj.token)).body,
  );
  const viewer = await signUp(p.httpUrl, `viewer_catchup_${n}`, `Viewer ${n}`);
  const v = await ChatClient.connect(p.imUrl, viewer.token);
  expect((await v.request({ type: 'join', groupId: r.groupId })).type).toBe('joined');
  return { groupId: r.groupId, vjToken: vj.token, v, viewerToken: viewer.token };
}

describe('catching up after a dropped socket', () => {
  it('the host rejoins after the last seq it got and receives every message it missed, a recall, then live ones', async () => {
    const r = await roomWithViewer();
    const host = await ChatClient.connect(p.imUrl, r.vjToken);
    await host.request({ type: 'join', groupId: r.groupId });
    const second = await ChatClient.connect(p.imUrl, r.vjToken); // the host's other socket, to watch and recall with
    await second.request({ type: 'join', groupId: r.groupId });
    for (let i = 0; i < 5; i++) r.v.send({ type: 'send', groupId: r.groupId, elem: text(`before ${i}`) });
    await until('the host to get the first five', () => host.messages().length === 5);
    const lastSeq = host.messages().at(-1)!.seq;
    host.ws.terminate();

    // Far more than a join's history while the host is away, and one of them recalled by a moderator's hand.
    const missed = HISTORY_SIZE * 3;
    for (let i = 0; i < missed; i++) r.v.send({ type: 'send', groupId: r.groupId, elem: text(`away ${i}`) });
    await until('the room to deliver them', () => second.messages().length === 5 + missed);
    const recalled = second.messages().at(-1)!;
    expect(recalled.payload).toEqual({ text: `away ${missed - 1}` });
    expect((await second.request({ type: 'revoke', groupId: r.groupId, msgId: recalled.id })).type).toBe('ack');
    second.close();

    const back = await ChatClient.connect(p.imUrl, r.vjToken);
    const joined = await back.request({ type: 'join', groupId: r.groupId, afterSeq: lastSeq });
    expect(joined).toMatchObject({ type: 'joined', history: [], catchUp: { afterSeq: lastSeq, complete: true } });
    await until('the host to catch up', () => back.messages().length >= missed);
    expect(texts(back).slice(0, missed)).toEqual(Array.from({ length: missed }, (_, i) => `away ${i}`));
    const seqs = back.messages().map((m) => m.seq);
    expect(seqs[0]).toBe(lastSeq + 1);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    await back.next('revoked', (f) => f.msgIds.includes(recalled.id));
    // Live again: the next line arrives once, after the replay.
    r.v.send({ type: 'send', groupId: r.groupId, elem: text('live') });
    await until('the live line', () => texts(back).includes('live'));
    await sleep(200);
    expect(texts(back).filter((t) => t === 'live')).toHaveLength(1);
    expect(texts(back).at(-1)).toBe('live');
    back.close();
    r.v.close();
  });

  it('a host that stops reading is paced from the log instead of being dropped, and then has every line in order', async () => {
    const r = await roomWithViewer();
    const host = await ChatClient.connect(p.imUrl, r.vjToken);
    await host.request({ type: 'join', groupId: r.groupId });
    const socket = (host.ws as unknown as { _socket: Socket })._socket;
    socket.pause(); // the studio's thread is busy elsewhere: nothing is read for a while
    // About 26 MB: past what the kernel's socket buffers and the hub's 8 MB slow-reader bound hold together.
    const count = 2600;
    const pad = 'x'.repeat(10_000);
    for (let i = 0; i < count; i++) r.v.send({ type: 'send', groupId: r.groupId, elem: text(`${i} ${pad}`) });
    await sleep(3000);
    let closed = false;
    host.ws.once('close', () => (closed = true));
    socket.resume();
    await until('the host to read every line', () => host.messages().length >= count, 30_000);
    expect(closed).toBe(false);
    expect(host.messages().map((m) => Number((m.payload as { text: string }).text.split(' ')[0]))).toEqual(
      Array.from({ length: count }, (_, i) => i),
    );
    host.close();
    r.v.close();
  });

  it('a viewer asking to catch up from seq 0 gets the usual short history, not a replay of the room', async () => {
    const r = await roomWithViewer();
    const host = await ChatClient.connect(p.imUrl, r.vjToken); // watches the room deliver
    await host.request({ type: 'join', groupId: r.groupId });
    const talker = r.v;
    for (let i = 0; i < HISTORY_SIZE * 2; i++) talker.send({ type: 'send', groupId: r.groupId, elem: text(`m ${i}`) });
    await until('the room to deliver them', () => host.messages().length === HISTORY_SIZE * 2);
    host.close();
    const other = await signUp(p.httpUrl, `viewer_greedy_${n}`, 'Greedy');
    const greedy = await ChatClient.connect(p.imUrl, other.token);
    const joined = await greedy.request({ type: 'join', groupId: r.groupId, afterSeq: 0 });
    if (joined.type !== 'joined') throw new Error(`join answered ${JSON.stringify(joined)}`);
    expect(joined.catchUp).toBeUndefined();
    expect(joined.history).toHaveLength(HISTORY_SIZE);
    await sleep(300);
    expect(greedy.messages()).toEqual([]);
    greedy.close();
    talker.close();
  });

  it('refuses a join whose afterSeq is not a whole non-negative number, in plain words', async () => {
    const r = await roomWithViewer();
    const ws = new WebSocket(`${p.imUrl}?token=${encodeURIComponent(r.vjToken)}`);
    const frames: { type: string; reqId?: string; code?: string; message?: string; zh?: string }[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(String(d))));
    await new Promise((done) => ws.once('open', done));
    for (const [i, bad] of [-1, 1.5, '7', 1e300].entries())
      ws.send(JSON.stringify({ type: 'join', reqId: `bad${i}`, groupId: r.groupId, afterSeq: bad }));
    await until('four answers', () => frames.filter((f) => f.reqId?.startsWith('bad')).length === 4);
    for (const f of frames.filter((x) => x.reqId?.startsWith('bad'))) {
      expect(f).toMatchObject({ type: 'error', code: 'bad_frame' });
      expect(f.message).toMatch(/\w/);
      expect(f.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    ws.terminate();
    r.v.close();
  });
});

/** A socket stand-in that buffers what it is sent until told it drained. */
function reader(): CatchUpReader & { got: string[]; drain(): void } {
  let unsent = 0;
  const got: string[] = [];
  return {
    got,
    send(frame) {
      got.push(frame.toString());
      unsent += frame.length;
    },
    get unsentBytes() {
      return unsent;
    },
    drain() {
      unsent = 0;
    },
  };
}

describe('CatchUpLog', () => {
  it('keeps at most its byte bound, and tells a reader from before what it lost that it is incomplete', () => {
    const log = new CatchUpLog(1000, 60_000);
    const frame = (i: number) => Buffer.from(`frame ${i}`.padEnd(100, '.'));
    for (let i = 1; i <= 30; i++) log.append(i, frame(i), 1000);
    const late = reader();
    expect(log.follow(late, 5)).toBe(false); // frames up to 20 are gone: 10 of 100 bytes fit in 1000
    const recent = reader();
    expect(log.follow(recent, 25)).toBe(true);
    log.pump();
    expect(late.got.map((g) => g.split('.')[0])).toEqual(Array.from({ length: 10 }, (_, i) => `frame ${21 + i}`));
    expect(recent.got.map((g) => g.split('.')[0])).toEqual([
      'frame 26',
      'frame 27',
      'frame 28',
      'frame 29',
      'frame 30',
    ]);
    expect(log.following).toBe(0);
  });

  it('forgets frames older than its age bound', () => {
    const log = new CatchUpLog(1 << 20, 60_000);
    log.append(1, Buffer.from('old'), 0);
    log.append(2, Buffer.from('new'), 61_000);
    const r = reader();
    expect(log.follow(r, 0)).toBe(false);
    log.pump();
    expect(r.got).toEqual(['new']);
  });

  it('writes a reader only while its unsent data is under the window, and resumes as it drains', () => {
    const log = new CatchUpLog(64 << 20, 60_000);
    const big = Buffer.alloc(CATCH_UP_WINDOW_BYTES / 4, 'x');
    for (let i = 1; i <= 12; i++) log.append(i, big, 0);
    const r = reader();
    log.follow(r, 0);
    log.pump();
    expect(r.got).toHaveLength(4);
    expect(log.isFollowing(r)).toBe(true);
    r.drain();
    log.pump();
    expect(r.got).toHaveLength(8);
    r.drain();
    log.pump();
    expect(r.got).toHaveLength(12);
    expect(log.isFollowing(r)).toBe(false);
  });

  it('a reader the log moved past while it was too slow skips to what is kept and counts the gap', () => {
    const log = new CatchUpLog(64 << 20, 60_000);
    const r = reader();
    log.append(1, Buffer.alloc(CATCH_UP_WINDOW_BYTES, '1'), 0);
    log.append(2, Buffer.alloc(CATCH_UP_WINDOW_BYTES, '2'), 0);
    log.follow(r, 0);
    log.pump(); // the first frame fills its window
    expect(r.got).toHaveLength(1);
    for (let i = 3; i <= 7; i++) log.append(i, Buffer.alloc(100, String(i)), 61_000); // the first two age out
    r.drain();
    log.pump();
    expect(log.gaps).toBe(1);
    expect(r.got.slice(1).map((g) => g[0])).toEqual(['3', '4', '5', '6', '7']);
  });
});
