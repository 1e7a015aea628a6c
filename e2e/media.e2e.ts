// The media engine through the headless host in Chromium: the live preview (test pattern) with the beauty
// sliders, a short recording, and the recordings library with its thumbnail and an export with progress.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, shot, startHost, untranslatedKeys, type RunningHost } from './harness';

let host: RunningHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  host = await startHost();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('media in the studio', () => {
  it('shows the live preview with beauty sliders that change the picture', async () => {
    await page.goto(host.url);
    await page.getByTestId('user-id').fill('vj_media');
    await page.getByTestId('password').fill('secret-pass');
    await page.getByTestId('nickname').fill('Media VJ');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('media-panel').waitFor({ timeout: 30_000 });
    await page.getByTestId('media-start').click();
    const frame = page.getByTestId('media-preview-frame');
    await frame.waitFor({ timeout: 60_000 });
    const before = await frame.getAttribute('src');
    await page.getByTestId('beauty-whitening').fill('9');
    await page.getByTestId('beauty-smoothing').fill('6');
    await page.getByTestId('beauty-ruddiness').fill('4');
    await expect.poll(() => frame.getAttribute('src'), { timeout: 10_000 }).not.toBe(before);
    await expect
      .poll(
        async () =>
          (
            await page
              .getByTestId('media-stats')
              .innerText()
              .catch(() => '')
          ).length,
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    expect(await untranslatedKeys(page)).toEqual([]);
    await shot(page, 'media-preview-beauty');
  }, 120_000);

  it('records, then lists the recording with its picture and exports it with progress', async () => {
    await page.getByTestId('media-record').click();
    await expect
      .poll(() => page.getByTestId('media-record-state').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('live');
    await page.waitForTimeout(4000);
    await page.getByTestId('media-record').click();
    await expect
      .poll(() => page.getByTestId('media-record-state').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('off');
    await page.locator('[data-nav=recordings]').click();
    const row = page.getByTestId('recording-row').first();
    await row.waitFor({ timeout: 30_000 });
    await row.locator('img.recording-thumb').waitFor({ timeout: 30_000 });
    await row.getByTestId('recording-export').click();
    await expect
      .poll(
        () =>
          page
            .getByTestId('recordings-message')
            .innerText()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toMatch(/Exported to/);
    expect(await page.getByTestId('recording-row').count()).toBe(2);
    expect(await untranslatedKeys(page)).toEqual([]);
    await shot(page, 'media-recordings');
    await page.goto(`${host.url}&lang=zh-CN#/recordings`);
    await page.getByTestId('recording-row').first().waitFor({ timeout: 30_000 });
    await shot(page, 'media-recordings-zh');
  }, 120_000);
});
