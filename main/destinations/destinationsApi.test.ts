// Destinations through the real wire (the headless host's WebSocket), with the caller as the hostile party:
// a key goes in and never comes back out (replies, events, settings), a saved key cannot be pointed at
// another server without giving it again, bad input is refused in plain words, the list is bounded, and
// the keys rest in a 0600 file that a new studio reads back.
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createStudio, type Studio } from '../app';
import { MAX_DESTINATIONS, MAX_VERTICAL_LAYOUTS } from '../contract/destinations';
import { startHeadlessHost, type HeadlessHost } from '../headless/host';

const dataDir = mkdtempSync(join(tmpdir(), 'studio-destinations-'));
const rendererDir = mkdtempSync(join(tmpdir(), 'studio-renderer-'));
mkdirSync(join(rendererDir, 'assets'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>VJ Studio</title>');
const TWITCH_KEY = 'live_123456_SecretTwitchKey';
const CUSTOM_KEY = 'custom-secret-key-9876';

let studio: Studio;
let host: HeadlessHost;
let ws: WebSocket;
const received: string[] = [];
let nextId = 1;

type Reply = { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string; zh?: string } };

function call(name: string, input: unknown): Promise<Reply> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const m = JSON.parse(data.toString()) as Reply & { id?: number };
      if (m.id !== id) return;
      ws.off('message', onMessage);
      resolve(m);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, call: name, input }));
  });
}

beforeAll(async () => {
  studio = await createStudio({ dataDir, runtime: 'headless', appVersion: '0.0.1', log: () => {} });
  host = await startHeadlessHost({ studio, rendererDir, port: 0 });
  ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
  ws.on('message', (d) => received.push(d.toString()));
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
});
afterAll(async () => {
  ws?.close();
  await host?.close();
  await studio?.close();
});

describe('destinations over the API', () => {
  it('lists the services from the data file with their own words in English and Chinese', async () => {
    const r = await call('destinations.services', {});
    const services = (r.value?.services ?? []) as { id: string; kind: string; servers: unknown[]; words: never }[];
    const byId = new Map(services.map((s) => [s.id, s]));
    for (const id of ['twitch', 'youtube', 'facebook', 'bilibili']) {
      expect(byId.get(id)?.kind).toBe('fixed');
      expect(byId.get(id)?.servers.length).toBeGreaterThan(0);
    }
    for (const id of ['douyin', 'kuaishou', 'huya', 'douyu']) expect(byId.get(id)?.kind).toBe('perShow');
    expect(byId.get('douyu')?.words).toMatchObject({ key: { zh: '直播码' }, server: { zh: 'rtmp地址' } });
  });

  it('takes a key and never gives it back; a saved key cannot be pointed at another server', async () => {
    const twitch = await call('destinations.add', {
      service: 'twitch',
      server: 'rtmp://ingest.global-contribute.live-video.net/app',
      key: TWITCH_KEY,
    });
    expect(twitch.ok).toBe(true);
    expect(twitch.value).toMatchObject({ name: 'Twitch', hasKey: true, paused: false, output: { state: 'off' } });
    const custom = await call('destinations.add', {
      service: 'custom',
      name: 'My relay',
      server: 'rtmp://127.0.0.1:1/live',
      key: CUSTOM_KEY,
    });
    const customId = custom.value?.id as string;

    // Hostile: move Twitch's key to a server of the caller's choosing, or a custom key without giving it again.
    const moved = await call('destinations.update', { id: twitch.value?.id, server: 'rtmp://evil.example/app' });
    expect(moved.error).toMatchObject({ code: 'invalid_input', message: "Choose one of Twitch's own servers." });
    expect(moved.error?.zh).toContain('Twitch');
    const stolen = await call('destinations.update', { id: customId, server: 'rtmp://evil.example/live' });
    expect(stolen.error?.code).toBe('invalid_input');
    expect(stolen.error?.message).toMatch(/needs its stream key again/);
    const given = await call('destinations.update', {
      id: customId,
      server: 'rtmp://127.0.0.1:2/live',
      key: 'new-key-1',
    });
    expect(given.value).toMatchObject({ server: 'rtmp://127.0.0.1:2/live', hasKey: true });

    // Hostile: read it back through every door.
    const list = await call('destinations.list', {});
    expect(list.value?.destinations).toHaveLength(2);
    for (const key of ['destinations', 'destinationKeys', 'streamKeys'])
      expect((await call('settings.get', { key })).value?.value).toBeNull();
    expect((await call('system.describe', {})).ok).toBe(true);
    for (const text of received) {
      expect(text).not.toContain(TWITCH_KEY);
      expect(text).not.toContain('new-key-1');
    }
    expect(received.some((t) => t.includes('"destinations.state"'))).toBe(true);

    const file = join(dataDir, 'destinations');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(TWITCH_KEY);
  });

  it('refuses bad input in plain words and changes nothing', async () => {
    const before = JSON.stringify((await call('destinations.list', {})).value);
    const noKey = await call('destinations.add', { service: 'douyin', server: 'rtmp://push.example.com/third' });
    expect(noKey.error).toMatchObject({ code: 'invalid_input', message: 'Fill in the stream code from Douyin 抖音.' });
    expect(noKey.error?.zh).toContain('推流码');
    const spaces = await call('destinations.add', { service: 'custom', server: 'rtmp://h/live', key: 'a b' });
    expect(spaces.error?.message).toMatch(/without spaces/);
    const http = await call('destinations.add', { service: 'custom', server: 'http://h/live', key: 'k' });
    expect(http.error?.message).toMatch(/rtmp:\/\/ or rtmps:\/\//);
    const unknown = await call('destinations.add', { service: 'myspace', server: 'rtmp://h/live', key: 'k' });
    expect(unknown.error?.message).toMatch(/not a streaming service/);
    // A second encode of an odd width, or at a bitrate no platform takes, is refused.
    for (const encode of [
      { width: 641, height: 360, videoKbps: 1000 },
      { width: 640, height: 360, videoKbps: 900000 },
    ]) {
      const refused = await call('destinations.add', { service: 'custom', server: 'rtmp://h/live', key: 'k', encode });
      expect(refused.error?.code).toBe('invalid_input');
    }
    const gone = await call('destinations.remove', { id: 'no-such-id' });
    expect(gone.error?.code).toBe('not_found');
    expect(JSON.stringify((await call('destinations.list', {})).value)).toBe(before);
  });

  it('turns the vertical canvas on and off, kept for the next start; its cost unknown until the encoder runs', async () => {
    const on = await call('destinations.setVertical', { on: true });
    expect(on.value).toEqual({ on: true, width: 720, height: 1280, videoKbps: 3000, estimatedCpuPercent: null });
    const tall = await call('destinations.add', {
      service: 'custom',
      server: 'rtmp://127.0.0.1:3/live',
      key: 'tall-key',
      encode: 'vertical',
    });
    expect(tall.value).toMatchObject({ encode: 'vertical', output: { state: 'off' } });
    expect((await call('destinations.list', {})).value?.vertical).toMatchObject({ on: true });
    expect((await call('destinations.setVertical', { on: false })).value).toMatchObject({ on: false });
    expect((await call('destinations.remove', { id: tall.value?.id })).ok).toBe(true);
  });

  it(`keeps a vertical layout for at most ${MAX_VERTICAL_LAYOUTS} scenes, and refuses a bad one changing nothing`, async () => {
    const items = [{ itemId: 'cam', rect: { x: 0, y: 0, width: 720, height: 640 } }];
    for (let i = 0; i < MAX_VERTICAL_LAYOUTS; i++)
      expect((await call('destinations.setVerticalLayout', { sceneId: `scene-${i}`, items })).ok).toBe(true);
    const over = await call('destinations.setVerticalLayout', { sceneId: 'one-more', items });
    expect(over.error).toMatchObject({ code: 'conflict' });
    expect(over.error?.message).toMatch(new RegExp(`At most ${MAX_VERTICAL_LAYOUTS} scenes`));
    expect(over.error?.zh).toContain('竖屏布局');
    // Replacing a scene's layout or resetting one is always possible.
    expect((await call('destinations.setVerticalLayout', { sceneId: 'scene-0', items: [] })).ok).toBe(true);
    expect((await call('destinations.setVerticalLayout', { sceneId: 'scene-1', items: null })).ok).toBe(true);
    expect((await call('destinations.setVerticalLayout', { sceneId: 'one-more', items })).ok).toBe(true);
    const tooMany = Array.from({ length: 33 }, (_, i) => ({ ...items[0], itemId: `i${i}` }));
    const bad = [
      { sceneId: 'scene-2', items: tooMany },
      { sceneId: 'scene-2', items: [{ itemId: 'cam', rect: { x: 0, y: 0, width: 0, height: 640 } }] },
      { sceneId: 'scene-2', items: [{ itemId: 'cam', rect: { x: 0.5, y: 0, width: 10, height: 10 } }] },
    ];
    for (const input of bad)
      expect((await call('destinations.setVerticalLayout', input)).error?.code).toBe('invalid_input');
    const saved = readFileSync(join(dataDir, 'destinations'), 'utf8');
    expect(saved).toContain('"scene-2":[{"itemId":"cam","rect":{"x":0,"y":0,"width":720,"height":640}}]');
    expect(saved).not.toContain('"scene-1"');
  });

  it(`keeps at most ${MAX_DESTINATIONS} destinations`, async () => {
    const have = ((await call('destinations.list', {})).value?.destinations as unknown[]).length;
    for (let i = have; i < MAX_DESTINATIONS; i++)
      expect((await call('destinations.add', { service: 'custom', server: `rtmp://h/live/s${i}` })).ok).toBe(true);
    const over = await call('destinations.add', { service: 'custom', server: 'rtmp://h/live/one-more' });
    expect(over.error).toMatchObject({ code: 'conflict' });
    expect(over.error?.message).toMatch(new RegExp(`At most ${MAX_DESTINATIONS} destinations`));
    expect((await call('destinations.list', {})).value?.destinations).toHaveLength(MAX_DESTINATIONS);
  });

  it('reads the same destinations back in a new studio on the same folder', async () => {
    const again = await createStudio({ dataDir, runtime: 'headless', appVersion: '0.0.1', log: () => {} });
    try {
      const before = (await call('destinations.list', {})).value;
      const reply = await again.router.dispatch('destinations.list', {}, { transport: 'internal', peer: 'test' });
      expect(JSON.stringify(reply)).toContain(JSON.stringify(before?.destinations));
    } finally {
      await again.close();
    }
  });
});
