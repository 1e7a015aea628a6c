// The studio shell in Chromium against the real headless host: System panel over the API, every screen,
// both languages, and the token guard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, shot, startHost, untranslatedKeys, type RunningHost } from './harness';

let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  host = await startHost();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('studio shell', () => {
  it('prints one URL with a token on 127.0.0.1', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32,}$/);
  });

  it('shows the System panel filled in through the API', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    const panel = page.getByTestId('system-panel').first();
    await expect
      .poll(() => panel.locator('[data-field=ffmpeg] dd').innerText(), { timeout: 15_000 })
      .toMatch(/\d+\.\d+/);
    expect(await panel.locator('[data-field=schema] dd').innerText()).toMatch(/^[1-9]\d*$/);
    expect(await page.getByTestId('connection').innerText()).toBe('Connected');
    await shot(page, 'shell-system-panel');
    await page.close();
  });

  it('renders every screen in English and Simplified Chinese with no key left untranslated', async () => {
    const page = await browser.newPage();
    for (const lang of ['en', 'zh-CN']) {
      await page.goto(`${host.url}&lang=${lang}`);
      await page.getByTestId('system-panel').first().locator('[data-field=schema]').waitFor();
      for (const route of ['studio', 'chat', 'recordings', 'history', 'settings']) {
        await page.locator(`[data-nav=${route}]`).click();
        await page.locator(`main[data-route=${route}]`).waitFor();
        expect(await untranslatedKeys(page), `${lang} ${route}`).toEqual([]);
        await shot(page, `screen-${route}-${lang}`);
      }
    }
    await page.goto(`${host.url}&lang=zh-CN`);
    expect(await page.locator('[data-nav=settings]').innerText()).toBe('设置');
    await page.close();
  });

  it('refuses the page without the token', async () => {
    const page = await browser.newPage();
    const response = await page.goto(host.url.replace(/\?token=.*/, ''));
    expect(response?.status()).toBe(401);
    await page.close();
  });
});
