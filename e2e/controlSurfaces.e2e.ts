// Control surfaces end to end: the VJ turns the obs-websocket server on in Settings (Chromium, the built
// headless host), reads the address and password there, and a real obs-websocket-js client signs in with
// exactly those and switches the program scene; the screen counts it. English and Simplified Chinese.
import OBSWebSocket from 'obs-websocket-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot, startHost, untranslatedKeys, type RunningHost } from './harness';

let host: RunningHost;
let browser: Browser;
const deck = new OBSWebSocket();

beforeAll(async () => {
  // The server's port is a free one here (the product's default is 4455).
  host = await startHost({ args: ['--obs-websocket-port', '0'] });
  browser = await launchChromium();
});
afterAll(async () => {
  await deck.disconnect().catch(() => {});
  await browser?.close();
  await host?.stop();
});

async function openSettings(page: Page, query = ''): Promise<void> {
  await page.goto(`${host.url}${query}`);
  await page.locator('[data-nav=settings]').click();
  await page.getByTestId('obs-websocket').waitFor({ timeout: 20_000 });
}

describe('Settings → control surfaces', () => {
  it('turns the server on and shows the address and password a Stream Deck signs in with', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openSettings(page);
    const section = page.getByTestId('obs-websocket');
    expect(await section.innerText()).toMatch(/Off: nothing listens\./);
    await page.getByTestId('obs-enabled').check();
    const address = await page.getByTestId('obs-address').first().innerText({ timeout: 10_000 });
    const password = await page.getByTestId('obs-password').innerText();
    expect(address).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);

    // A real client with what the screen shows, as a VJ pastes it.
    const hello = await deck.connect(address, password);
    expect(hello.negotiatedRpcVersion).toBe(1);
    await expect.poll(() => page.getByTestId('obs-clients').innerText(), { timeout: 10_000 }).toBe('Connected now: 1');
    const { scenes, currentProgramSceneName } = await deck.call('GetSceneList');
    const other = scenes.map((s) => s.sceneName as string).find((n) => n !== currentProgramSceneName)!;
    await deck.call('SetCurrentProgramScene', { sceneName: other });
    expect((await deck.call('GetCurrentProgramScene')).sceneName).toBe(other);
    expect(await untranslatedKeys(page)).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'control-surfaces-settings');

    // A shortcut without a modifier is refused in plain words and nothing is saved.
    const mic = page.getByTestId('hotkey-toggleMic');
    await mic.fill('M');
    await page.getByTestId('hotkeys-save').click();
    expect(await page.getByTestId('hotkeys-error').innerText({ timeout: 10_000 })).toMatch(/with a modifier/);
    await page.getByTestId('hotkeys').scrollIntoViewIfNeeded();
    await shot(page, 'control-surfaces-hotkeys');
    await page.close();
  });

  it('reads in Simplified Chinese', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openSettings(page, '&lang=zh-CN');
    const section = page.getByTestId('obs-websocket');
    await page.getByTestId('obs-address').first().waitFor({ timeout: 10_000 });
    // The deck signed in by the first test is still connected.
    await expect
      .poll(() => section.innerText(), { timeout: 10_000 })
      .toMatch(/要粘贴的地址[\s\S]*密码[\s\S]*当前连接数：1/);
    expect(await untranslatedKeys(page)).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'control-surfaces-settings-zh');
    await page.close();
  });
});
