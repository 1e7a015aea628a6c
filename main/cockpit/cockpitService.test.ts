// The cockpit's arrangement through the real headless host's WebSocket, on a real studio and SQLite file:
// remembered per scene profile across a restart, told to every other window, and hostile input refused.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createStudio, type Studio } from '../app';
import { cockpitPanelIds, MAX_COCKPIT_DOCK_BYTES, type CockpitLayout } from '../contract/cockpit';
import { startHeadlessHost, type HeadlessHost } from '../headless/host';

const rendererDir = mkdtempSync(join(tmpdir(), 'cockpit-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>VJ Studio</title>');
const running: { studio: Studio; host: HeadlessHost; sockets: WebSocket[] }[] = [];

async function start(dataDir: string, openPanelWindow?: (panel: string) => void) {
  const studio = await createStudio({
    dataDir,
    runtime: 'headless',
    appVersion: '0.0.1',
    log: () => {},
    ...(openPanelWindow ? { openPanelWindow } : {}),
  });
  const host = await startHeadlessHost({ studio, rendererDir, port: 0 });
  const entry = { studio, host, sockets: [] as WebSocket[] };
  running.push(entry);
  const connect = async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    entry.sockets.push(ws);
    const events: { event: string; payload: unknown }[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { event?: string; payload?: unknown };
      if (m.event) events.push({ event: m.event, payload: m.payload });
    });
    let id = 0;
    const call = (name: string, input: unknown) =>
      new Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; zh?: string } }>(
        (resolve) => {
          const mine = ++id;
          const onMessage = (d: WebSocket.RawData) => {
            const { id: answered, ...reply } = JSON.parse(d.toString()) as { id?: number };
            if (answered !== mine) return;
            ws.off('message', onMessage);
            resolve(reply as never);
          };
          ws.on('message', onMessage);
          ws.send(JSON.stringify({ id: mine, call: name, input }));
        },
      );
    return { ws, call, events };
  };
  return { studio, host, connect };
}

afterEach(async () => {
  for (const r of running.splice(0)) {
    for (const ws of r.sockets) ws.terminate();
    await r.host.close();
    await r.studio.close();
  }
});

const chatBesidePreview: CockpitLayout = {
  preset: 'custom',
  dock: { grid: { root: { type: 'branch', data: [] }, width: 1200, height: 800, orientation: 'HORIZONTAL' } },
  hidden: ['cohost'],
  poppedOut: ['chat'],
};

describe('the cockpit layout', () => {
  it('is remembered per scene profile across a restart and told to every other window', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-'));
    const first = await start(dataDir);
    const a = await first.connect();
    const b = await first.connect();
    const before = (await a.call('cockpit.layout', {})) as { value: { profileId: string; layout: unknown } };
    expect(before.value.layout).toBeNull();
    const profileId = before.value.profileId;
    expect(await a.call('cockpit.saveLayout', { layout: chatBesidePreview })).toEqual({
      ok: true,
      value: { ok: true },
    });
    await expect
      .poll(() => b.events.find((e) => e.event === 'cockpit.layoutChanged')?.payload, { timeout: 5000 })
      .toEqual({ profileId, layout: chatBesidePreview });

    // Another profile has its own arrangement (none yet); going back finds the first one.
    const created = await a.call('scenes.createProfile', { name: 'Second stage' });
    expect(created.ok).toBe(true);
    const other = (await a.call('cockpit.layout', {})) as { value: { profileId: string; layout: unknown } };
    expect(other.value.profileId).not.toBe(profileId);
    expect(other.value.layout).toBeNull();
    expect((await a.call('scenes.selectProfile', { id: profileId })).ok).toBe(true);

    running.splice(0).forEach((r) => r.sockets.forEach((ws) => ws.terminate()));
    await first.host.close();
    await first.studio.close();
    const second = await start(dataDir);
    const c = await second.connect();
    expect(await c.call('cockpit.layout', {})).toEqual({ ok: true, value: { profileId, layout: chatBesidePreview } });
  });

  it('refuses a hostile arrangement in plain words and keeps the one it had', async () => {
    const studio = await start(mkdtempSync(join(tmpdir(), 'cockpit-')));
    const a = await studio.connect();
    expect((await a.call('cockpit.saveLayout', { layout: chatBesidePreview })).ok).toBe(true);
    const refusals = [
      { ...chatBesidePreview, hidden: ['chat', 'keylogger'] },
      { ...chatBesidePreview, poppedOut: Array(cockpitPanelIds.length + 1).fill('chat') },
      { ...chatBesidePreview, dock: { blob: 'x'.repeat(MAX_COCKPIT_DOCK_BYTES) } },
      { ...chatBesidePreview, preset: '<img src=x onerror=alert(1)>' },
      { ...chatBesidePreview, extra: true },
      { ...chatBesidePreview, dock: 'not an object' },
    ];
    for (const layout of refusals) {
      const reply = await a.call('cockpit.saveLayout', { layout });
      expect(reply.ok).toBe(false);
      expect(reply.error?.code).toBe('invalid_input');
      expect(reply.error?.message).toMatch(/^The input to cockpit\.saveLayout is not valid: layout[.:]/);
      expect(reply.error?.zh).toMatch(/输入无效/);
    }
    const big = await a.call('cockpit.saveLayout', { layout: refusals[2] });
    expect(big.error?.message).toContain('larger than 64 KB');
    expect((await a.call('cockpit.layout', {})) as { value: { layout: unknown } }).toMatchObject({
      value: { layout: chatBesidePreview },
    });
  });

  it('opens a pop-out window only where the shell has windows', async () => {
    const headless = await start(mkdtempSync(join(tmpdir(), 'cockpit-')));
    const a = await headless.connect();
    expect(await a.call('cockpit.popOut', { panel: 'chat' })).toEqual({ ok: true, value: { window: 'none' } });
    const opened: string[] = [];
    const windowed = await start(mkdtempSync(join(tmpdir(), 'cockpit-')), (panel) => opened.push(panel));
    const b = await windowed.connect();
    expect(await b.call('cockpit.popOut', { panel: 'chat' })).toEqual({ ok: true, value: { window: 'opened' } });
    expect((await b.call('cockpit.popOut', { panel: 'devtools' })).ok).toBe(false);
    expect(opened).toEqual(['chat']);
  });
});
