import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createStudio, type Studio } from '../app';
import { startHeadlessHost, type HeadlessHost } from './host';

let studio: Studio;
let host: HeadlessHost;
const rendererDir = mkdtempSync(join(tmpdir(), 'studio-renderer-'));
mkdirSync(join(rendererDir, 'assets'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>VJ Studio</title>');
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');

beforeAll(async () => {
  studio = await createStudio({
    dataDir: mkdtempSync(join(tmpdir(), 'studio-host-')),
    runtime: 'headless',
    appVersion: '0.0.1',
    log: () => {},
  });
  host = await startHeadlessHost({ studio, rendererDir, port: 0 });
});
afterAll(async () => {
  await host.close();
  await studio.close();
});

function open(
  query: string,
  headers: Record<string, string> = {},
): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api${query}`, { headers });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('error', reject);
  });
}

function request(ws: WebSocket, message: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const m = JSON.parse(data.toString()) as Record<string, unknown>;
      if ('event' in m) return;
      ws.off('message', onMessage);
      resolve(m);
    };
    ws.on('message', onMessage);
    ws.send(message);
  });
}

describe('headless host', () => {
  it('listens on loopback and prints a URL with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses HTTP without the token and serves with it, then by cookie', async () => {
    const base = `http://127.0.0.1:${host.port}`;
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(401);
    const ok = await fetch(host.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'none'");
    const cookie = ok.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^studio_token=/);
    expect((await fetch(`${base}/assets/app.js`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(401);
    const escape = await fetch(`${base}/..%2f..%2f..%2f..%2fetc%2fpasswd?token=${host.token}`);
    expect(await escape.text()).not.toContain('root:');
    expect((await fetch(`${base}/..%2f..%2fnothing.js?token=${host.token}`)).status).toBe(404);
  });

  it('closes a WebSocket without or with a wrong token with code 4401', async () => {
    const a = await open('');
    expect(await a.closed).toBe(4401);
    const b = await open('?token=nope');
    expect(await b.closed).toBe(4401);
    const c = await open(`?token=${host.token}`, { Origin: 'http://evil.example' });
    expect(await c.closed).toBe(4401);
  });

  it('answers calls, refuses bad input in plain words, and keeps serving', async () => {
    const { ws } = await open(`?token=${host.token}`);
    const info = await request(ws, JSON.stringify({ id: 1, call: 'system.info', input: {} }));
    expect(info).toMatchObject({ id: 1, ok: true, value: { runtime: 'headless', appVersion: '0.0.1' } });
    const bad = await request(ws, JSON.stringify({ id: 2, call: 'system.ping', input: { echo: ['x'] } }));
    expect(bad).toMatchObject({ id: 2, ok: false, error: { code: 'invalid_input' } });
    expect((bad.error as { message: string }).message).toMatch(/echo/);
    const garbage = await request(ws, '{not json');
    expect(garbage).toMatchObject({
      id: null,
      ok: false,
      error: { code: 'invalid_input', message: 'The message is not valid JSON.' },
    });
    const noCall = await request(ws, JSON.stringify({ id: 3 }));
    expect(noCall).toMatchObject({ id: 3, ok: false });
    const again = await request(ws, JSON.stringify({ id: 4, call: 'system.ping', input: { echo: 'still here' } }));
    expect(again).toMatchObject({ id: 4, ok: true, value: { echo: 'still here' } });
    ws.close();
  });

  it('pushes events to connected clients', async () => {
    const { ws } = await open(`?token=${host.token}`);
    const got = new Promise<unknown>((resolve) => ws.on('message', (d) => resolve(JSON.parse(d.toString()))));
    studio.bus.emit('system.notice', { level: 'info', code: 'test', message: 'hello' });
    expect(await got).toEqual({ event: 'system.notice', payload: { level: 'info', code: 'test', message: 'hello' } });
    ws.close();
  });

  it('closes while a page holds a connection half-way through a request', async () => {
    const second = await startHeadlessHost({ studio, rendererDir, port: 0 });
    const socket = connect(second.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // Headers begun, never finished: the server has a live request on this connection.
    socket.write(`GET /?token=${second.token} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await second.close();
    await ended;
    expect(socket.destroyed).toBe(true);
  });
});
