// Content safety end to end: the headless host with the scripted classifier handed to createStudio
// (testSupport/scriptedSafetyHost.ts) (explicit pictures
// cannot live in a repository), driven in Chromium. The VJ sees the banner with the reason and overrides it in
// one click (logged); a moderator's tab shows the alert in its feed with a pixelated thumbnail only.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, shot, startHost, untranslatedKeys, type RunningHost } from './harness';

let host: RunningHost;
let browser: Browser;

const clean = { drawing: 0.01, hentai: 0.001, neutral: 0.985, porn: 0.002, sexy: 0.002 };
const explicit = { drawing: 0.01, hentai: 0.02, neutral: 0.03, porn: 0.93, sexy: 0.01 };

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'safety-e2e-'));
  const script = join(dir, 'scores.json');
  // Two clean samples, then explicit for good: the flag stays until the VJ overrides it.
  writeFileSync(script, JSON.stringify({ scores: [clean, clean, explicit] }));
  host = await startHost({ safetyScript: script });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('content safety in the studio', () => {
  it('shows the banner with the reason, and the override lifts it and is logged', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    const banner = page.getByTestId('safety-banner');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.getByTestId('safety-reason').innerText()).toMatch(
      /Your output looks like Porn \(93%\)\. The output is cut to the slate\./,
    );
    await shot(page, 'safety-banner');
    await page.getByTestId('safety-override').click();
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('[data-nav=settings]').click();
    const log = page.getByTestId('safety-events');
    await expect.poll(() => log.locator('[data-kind=override]').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(await log.locator('[data-kind=alert]').count()).toBeGreaterThanOrEqual(1);
    expect(await untranslatedKeys(page)).toEqual([]);
    await shot(page, 'safety-settings-log');
    await page.close();
  });

  it('shows the alert in a moderator feed, with a 16×9 pixelated thumbnail only', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.url}&lang=zh-CN#/chat`);
    const feed = page.getByTestId('safety-feed');
    await feed.waitFor({ timeout: 15_000 });
    const item = feed.locator('[data-kind=alert]').first();
    expect(await item.innerText()).toMatch(/色情/);
    const size = await item
      .locator('img.safety-thumb')
      .evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
    expect(size).toEqual([16, 9]);
    expect(await untranslatedKeys(page)).toEqual([]);
    await shot(page, 'safety-moderator-feed-zh');
    await page.close();
  });
});

describe('the platform safety console', () => {
  it('lists the flagged room for an operator, who ends it', async () => {
    const { api, signUp, tempPlatform } = await import('../testSupport/platform');
    const platform = await tempPlatform({ operators: [{ userId: 'op_console', password: 'secret-pw' }] });
    const page = await browser.newPage();
    try {
      const vj = await signUp(platform.httpUrl, 'vj_console', 'Night VJ');
      const room = await api<{ roomId: string }>(
        platform.httpUrl,
        'POST',
        '/api/v1/rooms',
        { title: 'Late set' },
        vj.token,
      );
      const roomId = room.body.roomId;
      // What the studio posts when its classifier flags the output while live (main/safety/platformSink.ts).
      const report = {
        roomId,
        at: Date.now(),
        origin: 'studio',
        sourceId: 'program',
        className: 'porn',
        score: 0.93,
        action: 'slate',
        message: 'Your output looks like porn (93%).',
      };
      expect((await api(platform.httpUrl, 'POST', '/api/v1/safety/events', report, vj.token)).status).toBe(200);

      await page.goto(`${platform.httpUrl}/safety?lang=en`);
      await page.locator('#signin input[name=userId]').fill('op_console');
      await page.locator('#signin input[name=password]').fill('secret-pw');
      await page.locator('#signin button').click();
      const row = page.locator(`tr[data-room="${roomId}"]`);
      await row.waitFor({ timeout: 15_000 });
      expect(await page.locator('#signin').isVisible()).toBe(false);
      expect(await row.getAttribute('data-level')).toBe('flagged');
      expect(await row.innerText()).toMatch(/Flagged[\s\S]*studio · porn 93%/);
      await shot(page, 'safety-platform-console');

      page.once('dialog', (d) => void d.accept());
      await row.locator('button.end').click();
      await row.waitFor({ state: 'detached', timeout: 10_000 });
      const live = await api<{ rooms: { roomId: string }[] }>(platform.httpUrl, 'GET', '/api/v1/rooms');
      expect(live.body.rooms.map((r) => r.roomId)).not.toContain(roomId);

      await page.goto(`${platform.httpUrl}/safety?lang=zh`);
      await page.locator('h1').waitFor();
      expect(await page.locator('h1').innerText()).toBe('内容安全控制台');
    } finally {
      await page.close();
      await platform.cleanup();
    }
  });
});
