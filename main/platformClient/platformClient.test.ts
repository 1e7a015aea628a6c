// The client's failure handling against a real HTTP server on loopback: each way a server can fail
// becomes a StudioError with a code and words that say what to do.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformClient } from './platformClient';

let server: Server;
let base: string;
const seen: { method: string; url: string; auth: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body });
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.url === '/api/v1/me')
        return send(401, { error: { code: 'unauthorized', message: 'The session has expired' } });
      if (req.url === '/api/v1/rooms' && req.method === 'POST')
        return send(201, {
          roomId: 'r1',
          groupId: 'g1',
          pushUrl: 'rtmp://x/live/r1?txSecret=a&txTime=B',
          playUrls: { flv: 'f', hls: 'h' },
        });
      if (req.url === '/api/v1/rooms/r1/end')
        return send(200, {
          stats: { durationSec: 5, peakViewers: 1, uniqueViewers: 1, likes: 3, gifts: 1, giftValue: 10, messages: 2 },
        });
      if (req.url === '/api/v1/rooms/r2/end')
        return send(403, { error: { code: 'forbidden', message: 'Only the room owner may end it' } });
      if (req.url === '/api/v1/rooms/slow/heartbeat') return void setTimeout(() => send(200, { ok: true }), 2000);
      if (req.url === '/api/v1/rooms' && req.method === 'GET') return send(200, { weird: true });
      send(500, 'not json');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('PlatformClient', () => {
  it('sends the token and parses a room', async () => {
    const c = new PlatformClient({ baseUrl: `${base}/`, token: 'tok' });
    const room = await c.createRoom('Friday set');
    expect(room).toMatchObject({ roomId: 'r1', groupId: 'g1', pushUrl: expect.stringContaining('txSecret') });
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ method: 'POST', url: '/api/v1/rooms', auth: 'Bearer tok' });
    expect(JSON.parse(last?.body ?? '')).toEqual({ title: 'Friday set' });
    expect((await c.endRoom('r1')).giftValue).toBe(10);
  });

  it('refuses to call an authenticated endpoint without a token, before any request', async () => {
    const before = seen.length;
    await expect(new PlatformClient({ baseUrl: base }).createRoom('x')).rejects.toMatchObject({
      code: 'unauthorized',
      message: /not signed in/,
    });
    expect(seen.length).toBe(before);
  });

  it("passes on the server's own words with advice", async () => {
    const c = new PlatformClient({ baseUrl: base, token: 't' });
    await expect(c.me()).rejects.toMatchObject({
      code: 'unauthorized',
      message: 'Could not read your account: The session has expired. Sign in again.',
    });
    await expect(c.endRoom('r2')).rejects.toMatchObject({
      code: 'forbidden',
      message: /Only the room owner may end it\. This account is not allowed/,
    });
    await expect(c.heartbeat('other')).rejects.toMatchObject({
      code: 'unavailable',
      message: /answered 500\. The server had a problem/,
    });
  });

  it('says when an answer has a shape it does not understand', async () => {
    await expect(new PlatformClient({ baseUrl: base }).liveRooms()).rejects.toMatchObject({
      code: 'platform_error',
      message: /does not understand/,
    });
  });

  it('times out in plain words', async () => {
    const c = new PlatformClient({ baseUrl: base, token: 't', timeoutMs: 300 });
    await expect(c.heartbeat('slow')).rejects.toMatchObject({
      code: 'unavailable',
      message: /did not answer within 0 s|did not answer within/,
    });
  });

  it('says when the server cannot be reached', async () => {
    const c = new PlatformClient({ baseUrl: 'http://127.0.0.1:9', token: 't' });
    await expect(c.me()).rejects.toMatchObject({
      code: 'unavailable',
      message: /cannot be reached\. Check the server address/,
    });
  });
});
