// The destinations panel in Chromium against the headless host, live on the embedded platform, with real
// ingests on loopback: one that takes the stream, one that refuses the key, one that is down, and a Twitch
// destination paused; then in the live cockpit (#/live), a phone platform on the vertical canvas, its CPU
// estimated before the VJ turns it on and measured after. Screenshots of the mixed states on the Studio screen
// and in the cockpit, in English and Chinese; the keys never reach the page.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RtmpTestServer } from '../testSupport/rtmpTestServer';
import { launchChromium, shot, startHost, untranslatedKeys, type RunningHost } from './harness';

let host: RunningHost;
let browser: Browser;
let page: Page;
let ingest: RtmpTestServer;
let strict: RtmpTestServer;
let downPort = 0;
const KEYS = {
  backup: 'backup-key-51d2',
  strict: 'unsigned-key-77aa',
  down: 'down-key-03be',
  twitch: 'live_9_TwitchSecret',
  phone: 'phone-key-9c41',
};

beforeAll(async () => {
  // A port that was free a moment ago and has nothing listening: the "down" ingest.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  downPort = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  [host, ingest, strict] = await Promise.all([
    startHost(),
    RtmpTestServer.create(),
    RtmpTestServer.create({ publishSecret: 'only-signed' }),
  ]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await Promise.all([ingest?.kill(), strict?.kill()]);
});

async function addDestination(
  p: Page,
  o: { service: string; name: string; server?: string; key: string; picture?: string },
) {
  await p.getByTestId('destination-add').click();
  await p.getByTestId('destination-service').selectOption(o.service);
  if (o.server) await p.getByTestId('destination-server').fill(o.server);
  await p.getByTestId('destination-key').fill(o.key);
  await p.getByTestId('destination-name').fill(o.name);
  if (o.picture) await p.getByTestId('destination-picture').selectOption(o.picture);
  await p.getByTestId('destination-save').click();
  await p.getByTestId(`destination-${o.name}`).waitFor({ timeout: 10_000 });
}

const stateOf = (p: Page, name: string) => p.getByTestId(`destination-${name}`).getAttribute('data-state');

describe('destinations panel', () => {
  it('pushes to several platforms at once, each in its own state, and shows it', async () => {
    await page.goto(`${host.url}&lang=en`);
    await page.getByTestId('user-id').fill('vj_multi');
    await page.getByTestId('password').fill('secret-pass');
    await page.getByTestId('nickname').fill('Multi VJ');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('setup').waitFor({ timeout: 30_000 });
    await page.getByTestId('destinations-panel').waitFor();

    await addDestination(page, {
      service: 'custom',
      name: 'Backup ingest',
      server: ingest.url('live'),
      key: KEYS.backup,
    });
    await addDestination(page, {
      service: 'custom',
      name: 'Strict ingest',
      server: strict.url('live'),
      key: KEYS.strict,
    });
    await addDestination(page, {
      service: 'custom',
      name: 'Down ingest',
      server: `rtmp://127.0.0.1:${downPort}/live`,
      key: KEYS.down,
    });
    await addDestination(page, { service: 'twitch', name: 'Twitch', key: KEYS.twitch });
    await page.getByTestId('destination-Twitch').getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => stateOf(page, 'Twitch')).toBe('paused');
    // Refused in plain words, nothing added: Douyin needs its stream code.
    await page.getByTestId('destination-add').click();
    await page.getByTestId('destination-service').selectOption('douyin');
    await expect.poll(() => page.getByTestId('destination-form').innerText()).toContain('Stream code');
    await page.getByTestId('destination-server').fill('rtmp://push-rtmp.example.com/third');
    await page.getByTestId('destination-save').click();
    await expect.poll(() => page.getByRole('alert').innerText()).toBe('Fill in the stream code from Douyin 抖音.');
    await page.getByTestId('destination-form').getByRole('button', { name: 'Cancel' }).click();

    if ((await page.getByTestId('media-panel').getAttribute('data-running')) !== 'true')
      await page.getByTestId('media-start').click();
    await page.getByTestId('media-preview-frame').waitFor({ timeout: 60_000 });
    await page.getByTestId('broadcast-title').fill('Everywhere at once');
    await page.getByTestId('go-live').click();
    await page.locator('[data-testid=studio][data-phase=live]').waitFor({ timeout: 90_000 });

    await expect.poll(() => stateOf(page, 'room'), { timeout: 30_000 }).toBe('live');
    await expect.poll(() => stateOf(page, 'Backup ingest'), { timeout: 30_000 }).toBe('live');
    await expect.poll(() => stateOf(page, 'Strict ingest'), { timeout: 30_000 }).toBe('failed');
    await expect.poll(() => stateOf(page, 'Down ingest'), { timeout: 30_000 }).toBe('reconnecting');
    expect(await stateOf(page, 'Twitch')).toBe('paused');
    expect(await page.getByTestId('destination-Strict ingest').innerText()).toContain(
      'the server refused the stream key',
    );
    expect(await page.getByTestId('destination-Down ingest').innerText()).toMatch(
      /reconnecting \(attempt \d+\) · the streaming server refused the connection/,
    );
    await expect.poll(() => page.getByTestId('destination-Backup ingest').innerText()).toMatch(/[1-9]\d* kbit\/s/);
    expect(ingest.publishes).toBeGreaterThanOrEqual(1);
    const html = await page.content();
    for (const key of Object.values(KEYS)) expect(html).not.toContain(key);
    expect(await untranslatedKeys(page)).toEqual([]);
    await page.getByTestId('destinations-panel').scrollIntoViewIfNeeded();
    await shot(page, 'destinations-mixed');

    // The live cockpit's destinations panel (Alt+8): a phone platform on the vertical canvas waits for it,
    // its CPU estimated before it is turned on, then measured while it pushes.
    await page.locator('[data-nav=live]').click();
    await page.getByTestId('cockpit').waitFor();
    await page.keyboard.press('Alt+8');
    const panel = page.locator('.cockpit-panel-body[data-panel=destinations]');
    await panel.getByTestId('destinations-panel').waitFor();
    await addDestination(page, {
      service: 'custom',
      name: 'Phone',
      server: ingest.url('live'),
      key: KEYS.phone,
      picture: 'vertical',
    });
    expect(await page.getByTestId('destination-Phone').innerText()).toContain('waits for the vertical canvas');
    await expect
      .poll(() => panel.getByTestId('vertical-cost').innerText(), { timeout: 20_000 })
      .toMatch(/about \d+% of a core \(estimated\)/);
    // The switch follows the studio's state (it shows what the studio did, not the click).
    await panel.getByTestId('vertical-toggle').click();
    await expect.poll(() => panel.getByTestId('vertical-toggle').isChecked()).toBe(true);
    await expect.poll(() => stateOf(page, 'Phone'), { timeout: 30_000 }).toBe('live');
    await expect
      .poll(() => panel.getByTestId('vertical-cost').innerText(), { timeout: 20_000 })
      .toMatch(/CPU [1-9]\d*% of a core/);
    expect(await panel.getByTestId('encode-vertical').innerText()).toMatch(/720×1280 · 3000 kbit\/s · libx264/);
    expect(await panel.getByTestId('encode-main').innerText()).toMatch(/CPU \d+% of a core · \d+ destination/);
    expect(await stateOf(page, 'Backup ingest')).toBe('live');
    expect(await stateOf(page, 'Strict ingest')).toBe('failed');
    expect(await untranslatedKeys(page)).toEqual([]);
    expect(await page.content()).not.toContain(KEYS.phone);
    await shot(page, 'destinations-cockpit');

    // Removed while live: its row goes, the others go on.
    await page.getByTestId('destination-Down ingest').getByRole('button', { name: 'Remove' }).click();
    await page.getByTestId('destination-Down ingest').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await stateOf(page, 'Backup ingest')).toBe('live');
    expect(await stateOf(page, 'Phone')).toBe('live');
  }, 240_000);

  it('says the same in Chinese', async () => {
    await page.goto(`${host.url}&lang=zh-CN`);
    await page.getByTestId('destinations-panel').waitFor({ timeout: 30_000 });
    await expect.poll(() => stateOf(page, 'Backup ingest'), { timeout: 30_000 }).toBe('live');
    await expect.poll(() => page.getByTestId('destinations-panel').innerText()).toContain('多平台推流');
    expect(await page.getByTestId('destination-Twitch').innerText()).toContain('已暂停');
    expect(await untranslatedKeys(page)).toEqual([]);
    await page.getByTestId('destinations-panel').scrollIntoViewIfNeeded();
    await shot(page, 'destinations-mixed-zh');

    await page.locator('[data-nav=live]').click();
    await page.getByTestId('cockpit').waitFor();
    await page.keyboard.press('Alt+8');
    const panel = page.locator('.cockpit-panel-body[data-panel=destinations]');
    await expect.poll(() => stateOf(page, 'Phone'), { timeout: 30_000 }).toBe('live');
    await expect.poll(() => panel.getByTestId('vertical-cost').innerText()).toMatch(/CPU 占一个核心的 \d+%/);
    expect(await panel.getByTestId('destination-encodes').innerText()).toContain('竖屏画布 720×1280');
    expect(await untranslatedKeys(page)).toEqual([]);
    await shot(page, 'destinations-cockpit-zh');
  }, 90_000);
});
