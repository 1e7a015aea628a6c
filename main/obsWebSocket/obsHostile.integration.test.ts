// A hostile party on the obs-websocket port, through the real wire: malformed JSON and MessagePack, huge
// messages, requests before Identify, wrong op codes and fields, oversized batches and too many clients.
// Each is closed with the protocol's close code, and a real client connected meanwhile is not affected.
import { decode as decodeMsgpack, encode } from '@msgpack/msgpack';
import OBSWebSocket from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { authenticationString } from './auth';
import { MAX_BATCH_REQUESTS, MAX_MESSAGE_BYTES, MAX_SESSIONS } from './protocol';
import { obsTestStudio, type ObsTestStudio } from '../../testSupport/obsTestStudio';

let t: ObsTestStudio;
let bystander: OBSWebSocket;
let programBefore: string | null;

beforeAll(async () => {
  t = await obsTestStudio('obs-hostile');
  bystander = new OBSWebSocket();
  await bystander.connect(t.url, t.password);
  programBefore = (await t.call('scenes.state', {})).programSceneId;
}, 60_000);
afterAll(async () => {
  await bystander?.disconnect();
  await t?.cleanup();
}, 60_000);

type Hello = { op: number; d: { authentication: { salt: string; challenge: string } } };

interface Raw {
  ws: WebSocket;
  hello: Hello;
  closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
}

async function raw(protocol: 'obswebsocket.json' | 'obswebsocket.msgpack' = 'obswebsocket.json'): Promise<Raw> {
  const ws = new WebSocket(t.url, protocol);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => {});
  const hello = await new Promise<Hello>((resolve, reject) => {
    ws.once('message', (data) =>
      resolve(
        protocol === 'obswebsocket.json'
          ? (JSON.parse(data.toString()) as Hello)
          : (JSON.parse(JSON.stringify(decodeMsgpack(data as Buffer))) as Hello),
      ),
    );
    ws.once('close', () => reject(new Error('closed before Hello')));
  });
  const send = (m: unknown) => ws.send(protocol === 'obswebsocket.json' ? JSON.stringify(m) : encode(m));
  return { ws, hello, closed, send };
}

function identify(r: Raw, extra: Record<string, unknown> = {}) {
  r.send({
    op: 1,
    d: { rpcVersion: 1, authentication: authenticationString(t.password, r.hello.d.authentication), ...extra },
  });
}

async function identified(protocol?: 'obswebsocket.json' | 'obswebsocket.msgpack'): Promise<Raw> {
  const r = await raw(protocol);
  const reply = new Promise((resolve) => r.ws.once('message', resolve));
  identify(r);
  await reply;
  return r;
}

async function expectUnaffected(): Promise<void> {
  expect(bystander.identified).toBe(true);
  expect((await bystander.call('GetCurrentProgramScene')).sceneUuid).toBe(programBefore);
  expect((await t.call('system.ping', { echo: 'still here' })).echo).toBe('still here');
}

describe('hostile input on the obs-websocket port', () => {
  it('malformed JSON: MessageDecodeError (4002)', async () => {
    const r = await raw();
    r.ws.send('{"op": 1, "d": {');
    expect((await r.closed).code).toBe(4002);
    await expectUnaffected();
  });

  it('a binary frame on a JSON session, and broken MessagePack: 4002', async () => {
    const a = await raw();
    a.ws.send(Buffer.from([0xc1, 0xc1, 0xc1]));
    expect((await a.closed).code).toBe(4002);
    const b = await raw('obswebsocket.msgpack');
    b.ws.send(Buffer.from([0xc1, 0xff, 0x00]));
    expect((await b.closed).code).toBe(4002);
    const c = await raw('obswebsocket.msgpack');
    c.ws.send('{"op":1,"d":{"rpcVersion":1}}');
    expect((await c.closed).code).toBe(4002);
    await expectUnaffected();
  });

  it(`a message over ${MAX_MESSAGE_BYTES} bytes: closed as too big (1009) before it is read`, async () => {
    const r = await identified();
    r.ws.send(
      JSON.stringify({ op: 6, d: { requestType: 'GetVersion', requestId: 'x', pad: 'a'.repeat(MAX_MESSAGE_BYTES) } }),
    );
    expect((await r.closed).code).toBe(1009);
    await expectUnaffected();
  });

  it('a request before Identify: NotIdentified (4007), and nothing runs', async () => {
    const r = await raw();
    r.send({ op: 6, d: { requestType: 'StartStream', requestId: 'early' } });
    expect((await r.closed).code).toBe(4007);
    expect((await t.call('session.state', {})).phase).toBe('idle');
    const b = await raw('obswebsocket.msgpack');
    b.send({
      op: 8,
      d: {
        requestId: 'b',
        requests: [{ requestType: 'SetStudioModeEnabled', requestData: { studioModeEnabled: true } }],
      },
    });
    expect((await b.closed).code).toBe(4007);
    expect((await t.call('scenes.state', {})).studioMode).toBe(false);
    await expectUnaffected();
  });

  it('wrong op codes and fields: UnknownOpCode, MissingDataField, InvalidDataFieldType', async () => {
    const cases: [unknown, number][] = [
      [{ op: 99, d: {} }, 4006],
      [{ op: 0, d: {} }, 4006], // Hello is the server's to send
      [{ op: 7, d: {} }, 4006],
      [{ d: {} }, 4003],
      [{ op: '1', d: {} }, 4004],
      [{ op: 1 }, 4003],
      [{ op: 1, d: [] }, 4004],
      [[1, 2, 3], 4002],
      [{ op: 1, d: { authentication: 'x' } }, 4003],
      [{ op: 1, d: { rpcVersion: 2 } }, 4010],
      [{ op: 1, d: { rpcVersion: 1, authentication: 'wrong' } }, 4009],
    ];
    for (const [message, code] of cases) {
      const r = await raw();
      r.send(message);
      expect({ message, code: (await r.closed).code }).toEqual({ message, code });
    }
    await expectUnaffected();
  });

  it('after Identify: a second Identify (4008), a request without requestId (4003), bad subscriptions (4004)', async () => {
    const a = await identified();
    identify(a);
    expect((await a.closed).code).toBe(4008);
    const b = await identified('obswebsocket.msgpack');
    b.send({ op: 6, d: { requestType: 'GetVersion' } });
    expect((await b.closed).code).toBe(4003);
    const c = await identified();
    c.send({ op: 3, d: { eventSubscriptions: 'all' } });
    expect((await c.closed).code).toBe(4004);
    await expectUnaffected();
  });

  it('a request with bad requestData is answered with a status, not a crash', async () => {
    const r = await identified();
    const answer = new Promise<{ d: { requestStatus: { code: number } } }>((resolve) =>
      r.ws.once('message', (data) => resolve(JSON.parse(data.toString()))),
    );
    r.send({ op: 6, d: { requestType: 'SetCurrentProgramScene', requestId: 'q', requestData: 'Camera' } });
    expect((await answer).d.requestStatus.code).toBe(401);
    const missing = new Promise<{ d: { requestStatus: { code: number } } }>((resolve) =>
      r.ws.once('message', (data) => resolve(JSON.parse(data.toString()))),
    );
    r.send({ op: 6, d: { requestType: 'SetCurrentProgramScene', requestId: 'r', requestData: { sceneName: 42 } } });
    expect((await missing).d.requestStatus.code).toBe(401);
    r.ws.close();
    await expectUnaffected();
  });

  it(`a batch of more than ${MAX_BATCH_REQUESTS} requests is refused whole (4005) before any runs`, async () => {
    const r = await identified();
    const requests = Array.from({ length: MAX_BATCH_REQUESTS + 1 }, () => ({
      requestType: 'SetStudioModeEnabled',
      requestData: { studioModeEnabled: true },
    }));
    r.send({ op: 8, d: { requestId: 'big', requests } });
    expect((await r.closed).code).toBe(4005);
    expect((await t.call('scenes.state', {})).studioMode).toBe(false);
    await expectUnaffected();
  });

  it(`more than ${MAX_SESSIONS} clients: the next is turned away at the handshake (503)`, async () => {
    const held: Raw[] = [];
    while (t.studio.obsWebSocket.state().clients < MAX_SESSIONS) held.push(await raw());
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(t.url, 'obswebsocket.json');
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => {});
    });
    expect(refused).toBe(503);
    for (const r of held) r.ws.close();
    await Promise.all(held.map((r) => r.closed));
    await expectUnaffected();
  });
});
