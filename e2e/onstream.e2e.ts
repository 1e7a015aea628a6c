// What viewers see, set up from the studio's UI in Chromium on the headless host with its embedded platform: the
// alerts and widgets settings (a goal bar and a chat box put on the scene on air, the gift alert held longer),
// then live, a viewer on the platform's viewer page chats and sends a heart; the program decoded from the
// platform's ingest holds the alert card, the goal bar's fill and the chat box's lines. In English, then in
// Simplified Chinese (the words set from the Chinese UI). Screenshots test-output/e2e/onstream-*.png.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { FramePuller, type PulledFrame } from '../testSupport/media';
import { api } from '../testSupport/platform';
import { launchChromium, screenshotDir, shot, startHost, untranslatedKeys, type RunningHost } from './harness';

let host: RunningHost;
let browser: Browser;
let page: Page;
let pull: FramePuller | null = null;

// The program is 1280x720, pulled at half that; the scene's canvas is 1920x1080 (a third of it in pulled pixels).
const W = 640;
const H = 360;
/** How many pixels of a region, given in pulled pixels, pass `test`. */
function count(f: PulledFrame, r: { x: number; y: number; w: number; h: number }, test: (c: number[]) => boolean) {
  let n = 0;
  for (let j = r.y; j < r.y + r.h; j++)
    for (let i = r.x; i < r.x + r.w; i++) {
      const o = (j * W + i) * 3;
      if (test([f.rgb[o] as number, f.rgb[o + 1] as number, f.rgb[o + 2] as number])) n++;
    }
  return n;
}
const near = (hex: string, tolerance = 60) => {
  const want = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
  return (c: number[]) => c.every((v, i) => Math.abs(v - (want[i] as number)) < tolerance);
};
// The gift card ('top', a heart's tier colour), the goal bar (placed bottom right; its fill) and the chat box
// (placed bottom left; the names' colour), in pulled pixels.
const card = { x: Math.round(640 * 0.27) + 20, y: Math.round(360 * 0.05) + 4, w: Math.round(640 * 0.46) - 40, h: 24 };
const goal = {
  x: Math.round(640 * 0.61),
  y: Math.round(360 * 0.9),
  w: Math.round(640 * 0.36),
  h: Math.round(360 * 0.07),
};
const chatBox = {
  x: Math.round(640 * 0.03),
  y: Math.round(360 * 0.59),
  w: Math.round(640 * 0.36),
  h: Math.round(360 * 0.38),
};
const hasCard = (f: PulledFrame) => count(f, card, near('#2f80ed')) > card.w * card.h * 0.3;
const hasFill = (f: PulledFrame) => count(f, goal, near('#f2994a')) > 20;
const hasNames = (f: PulledFrame) => count(f, chatBox, near('#ffd166', 70)) > 10;

/**
 * Waits for a pulled program frame showing the card, the goal's fill and chat names, after a frame decoded since
 * `after` without the card (the pulled stream runs seconds behind: a card that left may still be coming in).
 * Saves it as a PNG.
 */
async function programFrame(name: string, after: number): Promise<PulledFrame> {
  const puller = pull as FramePuller;
  const end = Date.now() + 60_000;
  let clean: PulledFrame | undefined;
  for (;;) {
    clean ??= puller.frames.find((f) => f.at >= after && !hasCard(f));
    const from = clean ? puller.frames.indexOf(clean) : puller.frames.length;
    const found = puller.frames.slice(from).find((f) => hasCard(f) && hasFill(f) && hasNames(f));
    if (found) {
      spawnSync(
        'ffmpeg',
        [
          ...['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${W}x${H}`, '-i', 'pipe:0'],
          ...['-frames:v', '1', '-y', join(screenshotDir, `${name}.png`)],
        ],
        { input: found.rgb },
      );
      return found;
    }
    if (Date.now() > end) throw new Error(`no program frame with the alert, the goal's fill and the chat box`);
    // Frames are kept for a few seconds only (each is 0.7 MB), never the clean one found.
    puller.frames.splice(0, Math.max(0, Math.min(from, puller.frames.length - 150)));
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  host = await startHost();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  pull?.stop();
  await browser?.close();
  await host?.stop();
});

describe('alerts and widgets from the studio UI to the stream', () => {
  it('sets them up in both languages and shows an alert, a goal bar and the chat box in the program', async () => {
    await page.goto(`${host.url}&lang=en`);
    await page.getByTestId('user-id').fill('vj_onstream');
    await page.getByTestId('password').fill('secret-pw');
    await page.getByTestId('nickname').fill('DJ Onstream');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('account-bar').waitFor();

    // Settings: the goal bar (100 coins) and a chat box on the scene on air; the gift alert held 15 s.
    await page.locator('[data-nav=settings]').click();
    await page.getByTestId('widget-goalBar-show').check();
    await page.getByTestId('widget-goalBar-target').fill('100');
    await expect.poll(() => page.getByTestId('widget-goalBar-placement').inputValue()).toBe('topRight');
    await page.getByTestId('widget-goalBar-placement').selectOption('bottomRight');
    await page.getByTestId('widget-chatOverlay-show').check();
    await page.getByTestId('widget-chatOverlay-placement').selectOption('bottomLeft');
    await page.getByTestId('alert-gift-duration').fill('15');
    await expect.poll(() => page.getByTestId('widget-goalBar-placement').inputValue()).toBe('bottomRight');
    await expect.poll(() => page.getByTestId('alert-gift-duration').inputValue()).toBe('15');
    await page.getByTestId('alert-settings').scrollIntoViewIfNeeded();
    expect(await untranslatedKeys(page)).toEqual([]);
    await shot(page, 'onstream-settings-en');

    // Live; a viewer on the platform's viewer page chats and sends a heart.
    await page.locator('[data-nav=studio]').click();
    await page.getByTestId('media-start').click();
    await page.getByTestId('media-preview-frame').waitFor({ timeout: 60_000 });
    await page.getByTestId('broadcast-title').fill('On stream');
    await page.getByTestId('go-live').click();
    await page.locator('[data-testid=studio][data-phase=live]').waitFor({ timeout: 90_000 });
    const roomId = (await page.getByTestId('live').getAttribute('data-room-id')) ?? '';
    const viewerUrl = (await page.getByTestId('viewer-url').getAttribute('href')) ?? '';
    const room = await api<{ playUrls: { flv: string } }>(new URL(viewerUrl).origin, 'GET', `/api/v1/rooms/${roomId}`);
    pull = new FramePuller(room.body.playUrls.flv, W, H);
    const viewer = await (await browser.newContext({ viewport: { width: 1000, height: 700 } })).newPage();
    await viewer.goto(viewerUrl);
    await viewer.getByRole('button', { name: 'Watch as a guest' }).click();
    await viewer.locator(`[data-room-id="${roomId}"]`).click({ timeout: 20_000 });
    await viewer.locator('.messages .system').first().waitFor({ timeout: 30_000 });
    const chat = async (text: string) => {
      await viewer.locator('#chatInput').fill(text);
      await viewer.locator('#chatForm button').click();
      await viewer.locator('.messages li', { hasText: text }).waitFor();
    };
    const heart = async () => {
      const start = Date.now();
      await viewer.locator('[data-gift-id="heart"]').click();
      return start;
    };
    await chat('hello from the room');
    await chat('what a show!');
    await pull.waitFrames(10, 60_000);
    // Before the gift, no card: what is found after it is the alert.
    expect(hasCard(pull.frames.at(-1) as PulledFrame)).toBe(false);
    let at = await heart();
    const en = await programFrame('onstream-program-en', at);
    console.log(`English program frame: card, goal fill and chat names ${en.at - at} ms after the gift`);
    await shot(page, 'onstream-studio-en');

    // 简体中文: the settings in Chinese, the alert's words and the goal's title set from there.
    await page.goto(`${host.url}&lang=zh-CN#/settings`);
    await page.getByTestId('alert-gift').locator('input[aria-label="文字"]').fill('{nick} 送出 {gift} ×{n}');
    await page.getByTestId('widget-goalBar-text').fill('礼物目标');
    await expect.poll(() => page.getByTestId('widget-goalBar-text').inputValue()).toBe('礼物目标');
    expect(await untranslatedKeys(page)).toEqual([]);
    await shot(page, 'onstream-settings-zh');
    await chat('主播好厉害');
    // The English card leaves first (15 s on screen), so what shows next is the Chinese one.
    await page.getByTestId('alerts-queue').filter({ hasText: '正在显示：无' }).waitFor({ timeout: 30_000 });
    at = await heart();
    const zh = await programFrame('onstream-program-zh', at);
    await page.locator('[data-nav=studio]').click();
    expect(zh.at).toBeGreaterThan(en.at);
    await shot(page, 'onstream-studio-zh');
  }, 240_000);
});
