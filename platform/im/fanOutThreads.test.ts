// The chat hub with its viewers' sockets written by fan-out threads: real WebSocket clients on the real platform.
import { connect, createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../common/chatHub/protocol';
import { createdRoomSchema } from '../../common/platformApi/schemas';
import { api, ChatClient, signUp, sleep, tempPlatform } from '../../testSupport/platform';
import { FanOutThreads } from './fanOutThreads';

let p: Awaited<ReturnType<typeof tempPlatform>>;
beforeAll(async () => {
  p = await tempPlatform({ chat: { messagesPerSecond: 2000, fanOutThreads: 2 } });
});
afterAll(() => p.cleanup());

let n = 0;
async function room(): Promise<{ groupId: string; host: ChatClient }> {
  const vj = await signUp(p.httpUrl, `vj_fan_${++n}`, `VJ ${n}`);
  const r = createdRoomSchema.parse(
    (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: `Fan ${n}` }, vj.token)).body,
  );
  const host = await ChatClient.connect(p.imUrl, vj.token);
  await host.request({ type: 'join', groupId: r.groupId });
  return { groupId: r.groupId, host };
}

/** Viewers that joined, each counting a broken stream (a frame ws cannot read closes the socket with an error). */
async function viewers(groupId: string, count: number, prefix: string): Promise<ChatClient[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const s = await api<{ token: string }>(p.httpUrl, 'POST', '/api/v1/sessions/guest', {
        nickname: `${prefix}${i}`,
      });
      const c = await ChatClient.connect(p.imUrl, s.body.token);
      c.ws.on('error', (e) => c.frames.push({ type: 'brokenStream', why: e.message } as unknown as ServerFrame));
      expect((await c.request({ type: 'join', groupId })).type).toBe('joined');
      return c;
    }),
  );
}

const text = (t: string) => ({ type: 'TIMTextElem' as const, payload: { text: t } });
const texts = (c: ChatClient) => c.messages().map((m) => (m.payload as { text: string }).text);

async function until(what: string, ok: () => boolean, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; !ok(); await sleep(50)) if (Date.now() > end) throw new Error(`never: ${what}`);
}

describe('fan-out threads', () => {
  it('start with the first socket handed over, and a room write right after it reaches that socket', async () => {
    const threads = new FanOutThreads(2);
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const accepted = new Promise<Socket>((r) => server.once('connection', r));
    const client = connect((server.address() as { port: number }).port, '127.0.0.1');
    try {
      const socket = await accepted;
      // A hub no viewer has joined runs no threads, and a room write then has no one to reach.
      threads.toRoom('r', Buffer.from('nobody'), []);
      expect(threads.running).toBe(0);
      const got: Buffer[] = [];
      client.on('data', (d: Buffer) => got.push(d));
      const seat = threads.adopt(socket, 'r', () => {});
      expect(seat).not.toBeNull();
      // Written before the adoption's message has even left for its thread: it must still arrive, after it.
      threads.toRoom('r', Buffer.from('hello'), []);
      await until('the room write arrives', () => Buffer.concat(got).toString() === 'hello');
      expect(threads.running).toBe(2);
      threads.release(seat!);
    } finally {
      client.destroy();
      await threads.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('deliver every batch, ack, count and notice to viewers in order, and stop at a kick', async () => {
    const r = await room();
    const vs = await viewers(r.groupId, 20, 'f');
    await sleep(300); // the viewers' sockets pass to the threads
    for (let k = 0; k < 30; k++) r.host.send({ type: 'send', groupId: r.groupId, elem: text(`m${k}`) });
    const sent = Array.from({ length: 30 }, (_, k) => `m${k}`);
    await until('every viewer has the 30 lines', () => vs.every((v) => texts(v).length >= 30));
    for (const v of vs) expect(texts(v)).toEqual(sent);

    // A viewer's own send: its ack comes through its thread, everyone else gets the line, it does not.
    const ack = await vs[0]!.request({ type: 'send', groupId: r.groupId, elem: text('from f0') });
    expect(ack.type).toBe('ack');
    await r.host.next('messages', (f) => f.messages.some((m) => m.sender.nickname === 'f0'));
    await until('the others have f0', () => vs.slice(1).every((v) => texts(v).includes('from f0')));
    expect(texts(vs[0]!)).not.toContain('from f0');
    await vs[5]!.next('members', (f) => f.joinedTotal >= 1);
    expect(await vs[5]!.request({ type: 'getOnlineCount', groupId: r.groupId } as never)).toMatchObject({ count: 21 });

    // A kicked viewer is told, then gets nothing more of the room; the mute notice reaches the others.
    const kicked = vs[3]!;
    expect((await r.host.request({ type: 'kick', groupId: r.groupId, userId: ackUser(vs[3]!) })).type).toBe('ack');
    await kicked.next('kicked');
    await r.host.request({ type: 'mute', groupId: r.groupId, userId: ackUser(vs[4]!), seconds: 60 });
    await vs[6]!.next('muted');
    r.host.send({ type: 'send', groupId: r.groupId, elem: text('after the kick') });
    await until('the rest have the last line', () => texts(vs[7]!).includes('after the kick'));
    await sleep(200);
    expect(texts(kicked)).not.toContain('after the kick');
    for (const v of vs) expect(v.frames.filter((f) => (f.type as string) === 'brokenStream')).toEqual([]);
    [r.host, ...vs].forEach((c) => c.close());
  });

  it("never write a room's chat to a socket of another room that took a closed viewer's descriptor", async () => {
    const a = await room();
    const b = await room();
    const leaving = await viewers(a.groupId, 40, 'a');
    const staying = await viewers(a.groupId, 5, 'as');
    await sleep(300);
    let k = 0;
    const talk = setInterval(() => a.host.send({ type: 'send', groupId: a.groupId, elem: text(`a${k++}`) }), 5);
    try {
      await sleep(200);
      // The platform reuses the lowest free descriptor numbers: these joins take the leavers' numbers.
      for (const v of leaving) v.ws.terminate();
      const others = await viewers(b.groupId, 40, 'b');
      await sleep(300);
      b.host.send({ type: 'send', groupId: b.groupId, elem: text('only b') });
      await until('b viewers have their line', () => others.every((v) => texts(v).includes('only b')));
      await sleep(300);
      for (const v of others) {
        const foreign = v.frames.filter((f) => 'groupId' in f && f.groupId !== b.groupId);
        expect(foreign).toEqual([]);
        expect(texts(v)).toEqual(['only b']);
        expect(v.frames.filter((f) => (f.type as string) === 'brokenStream')).toEqual([]);
      }
      expect(staying.every((v) => texts(v).length > 20)).toBe(true);
      others.forEach((c) => c.close());
    } finally {
      clearInterval(talk);
    }
    [a.host, b.host, ...staying].forEach((c) => c.close());
  });

  it('drop a viewer that stops reading once its thread holds 8 MB for it, and keep the others fed', async () => {
    const r = await room();
    const [slow, fast] = await viewers(r.groupId, 2, 's');
    await sleep(300);
    let closed = false;
    slow!.ws.on('close', () => (closed = true));
    const socket = (slow!.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    const big = 'x'.repeat(11_000);
    // Sent at the pace the reader still reading takes them (at most ~200 lines, 2.2 MB, ahead of it), so only the
    // stopped one builds a backlog past 8 MB, whatever this machine's load does to the test's own reading.
    for (let k = 0; k < 2500; k++) {
      r.host.send({ type: 'send', groupId: r.groupId, elem: text(`${k}|${big}`) });
      if (k % 100 === 99)
        await until('the reader still reading to keep up', () => texts(fast!).length >= k - 200, 30_000);
    }
    let online = 3;
    await until(
      'the reader that stopped is dropped',
      () => {
        void r.host.request({ type: 'getOnlineCount', groupId: r.groupId } as never).then((f) => {
          if (f.type === ('onlineCount' as string)) online = (f as unknown as { count: number }).count;
        });
        return online === 2;
      },
      30_000,
    );
    socket.resume();
    await until('its socket is closed', () => closed);
    await until('the other has every line', () => texts(fast!).length === 2500, 30_000);
    expect(texts(fast!).map((t) => Number(t.split('|')[0]))).toEqual(Array.from({ length: 2500 }, (_, k) => k));
    [r.host, fast!].forEach((c) => c.close());
  }, 60_000);

  it("answer a viewer's ping behind the frames its thread holds for it, never inside one of them", async () => {
    const r = await room();
    const [reader] = await viewers(r.groupId, 1, 'p');
    const raw = await rawViewer(r.groupId);
    await sleep(300); // both sockets pass to the threads
    raw.socket.pause();
    // More than the kernel buffers for a socket that does not read (the rest waits in its thread), under 8 MB.
    const big = 'x'.repeat(11_000);
    for (let k = 0; k < 600; k++) {
      r.host.send({ type: 'send', groupId: r.groupId, elem: text(`${k}|${big}`) });
      if (k % 100 === 99) await until('the reader to keep up', () => texts(reader!).length >= k - 200, 30_000);
    }
    await until('the reader has the 600 lines', () => texts(reader!).length === 600, 30_000);
    raw.socket.write(clientFrame(0x9, 'are you there'));
    await sleep(300);
    for (let k = 600; k < 610; k++) r.host.send({ type: 'send', groupId: r.groupId, elem: text(`${k}|`) });
    await until('the reader has the last lines', () => texts(reader!).length === 610);
    raw.socket.resume();
    const lines = (): number[] =>
      framesOf(raw.received())
        .filter((f) => f.opcode === 0x1)
        .map((f) => JSON.parse(f.payload.toString()) as ServerFrame)
        .flatMap((f) => (f.type === 'messages' ? f.messages : []))
        .map((m) => Number((m.payload as { text: string }).text.split('|')[0]));
    await until('the raw viewer has every line', () => lines().length === 610, 30_000);
    expect(lines()).toEqual(Array.from({ length: 610 }, (_, k) => k));
    const pongs = framesOf(raw.received()).filter((f) => f.opcode === 0xa);
    expect(pongs.map((f) => f.payload.toString())).toEqual(['are you there']);
    raw.socket.destroy();
    [r.host, reader!].forEach((c) => c.close());
  }, 60_000);
});

/** A viewer on a raw socket: every byte the hub sends it is kept, to be read frame by frame at the end. */
async function rawViewer(groupId: string): Promise<{ socket: Socket; received: () => Buffer }> {
  const s = await api<{ token: string }>(p.httpUrl, 'POST', '/api/v1/sessions/guest', { nickname: 'raw' });
  const { hostname, port } = new URL(p.imUrl);
  const socket = connect({ host: hostname, port: Number(port) });
  const chunks: Buffer[] = [];
  socket.on('data', (d: Buffer) => chunks.push(d));
  const received = () => Buffer.concat(chunks);
  await new Promise((ok) => socket.once('connect', ok));
  socket.write(
    `GET /im?token=${encodeURIComponent(s.body.token)} HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\n` +
      `Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  await until('the upgrade answer', () => received().includes('\r\n\r\n'));
  socket.write(clientFrame(0x1, JSON.stringify({ type: 'join', groupId })));
  await until('joined', () => received().includes('"type":"joined"'));
  return { socket, received };
}

/** A masked client frame (RFC 6455 §5.3; a zero key leaves the payload as it is). */
function clientFrame(opcode: number, text: string): Buffer {
  const payload = Buffer.from(text);
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length, 0, 0, 0, 0]), payload]);
}

/** The frames after the upgrade answer, read strictly: a header a hub must not send throws. */
function framesOf(bytes: Buffer): { opcode: number; payload: Buffer }[] {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let at = bytes.indexOf('\r\n\r\n') + 4;
  while (bytes.length - at >= 2) {
    const b0 = bytes[at]!;
    const b1 = bytes[at + 1]!;
    if ((b0 !== 0x81 && b0 !== 0x8a) || b1 & 0x80) throw new Error(`not a frame a hub sends: ${b0}, ${b1} at ${at}`);
    let len = b1 & 0x7f;
    let head = 2;
    if (len === 126) [len, head] = [bytes.readUInt16BE(at + 2), 4];
    else if (len === 127) [len, head] = [Number(bytes.readBigUInt64BE(at + 2)), 10];
    if (bytes.length - at < head + len) break;
    frames.push({ opcode: b0 & 0x0f, payload: bytes.subarray(at + head, at + head + len) });
    at += head + len;
  }
  return frames;
}

function ackUser(c: ChatClient): string {
  const hello = c.frames.find((f) => f.type === 'hello');
  if (hello?.type !== 'hello') throw new Error('no hello');
  return hello.userId;
}
