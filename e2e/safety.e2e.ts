// Content safety end to end: the built headless host with the TEST-ONLY scripted classifier (explicit pictures
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
  host = await startHost({ env: { STUDIO_SAFETY_TEST_ONLY_SCRIPT: script } });
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
    expect(await banner.getByTestId('safety-reason').innerText()).toMatch(/Your output looks like Porn \(93%\)\. The output is cut to the slate\./);
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
    const size = await item.locator('img.safety-thumb').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
    expect(size).toEqual([16, 9]);
    expect(await untranslatedKeys(page)).toEqual([]);
    await shot(page, 'safety-moderator-feed-zh');
    await page.close();
  });
});
