// The scene editor in Chromium against the real headless host: drag an item (snapping to the centre), switch
// scenes with Ctrl+1…9, fade in studio mode, and import a malformed scene file and read the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, shot, startHost, untranslatedKeys, type RunningHost } from './harness';

let host: RunningHost;
let browser: Browser;
let page: Page;

const program = () => page.getByTestId('program-canvas');

/** Screen coordinates of a point given in canvas (1920×1080) pixels. */
async function at(testId: string, x: number, y: number) {
  const box = await page.getByTestId(testId).locator('canvas').boundingBox();
  if (!box) throw new Error(`${testId} is not on screen`);
  return { x: box.x + (x * box.width) / 1920, y: box.y + (y * box.height) / 1080 };
}

async function field(name: string): Promise<number> {
  return Number(await page.getByTestId('item-properties').locator(`[data-field=${name}]`).inputValue());
}

beforeAll(async () => {
  host = await startHost();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
  await page.goto(`${host.url}&lang=en#/scenes`);
  await page.locator('[data-testid=program-canvas][data-scene=Camera]').waitFor({ timeout: 15_000 });
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('scene editor', () => {
  it('starts with the default scenes, the test pattern on air', async () => {
    await expect
      .poll(() => page.getByTestId('scene-list').locator('.scene-name').allInnerTexts())
      .toEqual(['Camera', 'Screen + camera', 'Be right back']);
    expect(await page.getByTestId('source-list').innerText()).toContain('Test pattern');
    expect(await untranslatedKeys(page)).toEqual([]);
    await shot(page, 'scenes-default');
  });

  it('switches scenes with Ctrl+1…9', async () => {
    await page.keyboard.press('Control+3');
    await expect.poll(() => program().getAttribute('data-scene')).toBe('Be right back');
    await shot(page, 'scenes-hotkey-ctrl3');
    await page.keyboard.press('Control+2');
    await expect.poll(() => program().getAttribute('data-scene')).toBe('Screen + camera');
    expect(await page.locator('.scene-list li', { hasText: 'Screen + camera' }).locator('.badge.on-air').count()).toBe(
      1,
    );
  });

  it('switches scenes with Ctrl+1…9 from another screen too', async () => {
    await page.locator('[data-nav=chat]').click();
    await page.locator('main[data-route=chat]').waitFor();
    await page.getByTestId('scene-hotkeys-ready').waitFor({ state: 'attached' });
    await page.keyboard.press('Control+3');
    await page.locator('[data-nav=scenes]').click();
    await expect.poll(() => program().getAttribute('data-scene')).toBe('Be right back');
    await page.keyboard.press('Control+2');
    await expect.poll(() => program().getAttribute('data-scene')).toBe('Screen + camera');
  });

  it('drags the camera item with the mouse and snaps it to the centre; the studio keeps it', async () => {
    // The picture-in-picture camera: 480×270 at (1410, 780). Grab its middle, drop it 6 px off the centre.
    const from = await at('program-canvas', 1650, 915);
    const to = await at('program-canvas', 966, 546);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 12 });
    await expect.poll(() => field('x')).toBe(720); // snapped: centre on 960
    await shot(page, 'scenes-drag-snapping');
    await page.mouse.up();
    expect(await field('y')).toBe(405);
    // A fresh page reads it back from the studio: it was stored, not only drawn.
    await page.reload();
    await expect.poll(() => program().getAttribute('data-scene'), { timeout: 15_000 }).toBe('Screen + camera');
    await page.locator('[data-testid=source-list] li', { hasText: 'Test pattern' }).locator('.source-name').click();
    expect([await field('x'), await field('y'), await field('width'), await field('height')]).toEqual([
      720, 405, 480, 270,
    ]);
    await page.keyboard.press('Shift+ArrowRight'); // nudge by 10 px
    await expect.poll(() => field('x')).toBe(730);
    await shot(page, 'scenes-drag-stored');
  });

  it('mutes a source in the audio mixer', async () => {
    const mic = page.getByTestId('audio-mixer').locator('.channel', { hasText: 'Microphone' });
    await mic.getByRole('button', { name: 'Mute' }).click();
    await expect.poll(() => mic.getByRole('button').first().getAttribute('aria-pressed')).toBe('true');
    expect(await mic.getAttribute('class')).toContain('muted');
    const mixer = page.getByTestId('audio-mixer');
    await mixer.locator('select').selectOption('desktop');
    await mixer.getByRole('button', { name: 'Add audio source' }).click();
    await mixer.locator('.channel', { hasText: 'Desktop audio' }).waitFor();
    await shot(page, 'scenes-audio-mixer');
  });

  it('fades to the next scene in studio mode', async () => {
    await page.getByTestId('studio-mode').click(); // a controlled box: it turns on when the studio says so
    await page.getByTestId('preview-canvas').waitFor();
    await page.keyboard.press('Control+1'); // in studio mode the hotkeys choose the next scene
    await expect.poll(() => page.getByTestId('preview-canvas').getAttribute('data-scene')).toBe('Camera');
    expect(await program().getAttribute('data-scene')).toBe('Screen + camera');
    await page.locator('.transition-controls input').fill('2500');
    await page.getByTestId('fade').click();
    await expect.poll(() => program().getAttribute('data-fading')).toBe('true');
    expect(await program().getAttribute('data-scene')).toBe('Camera');
    await page.waitForTimeout(900);
    await shot(page, 'scenes-studio-mode-fading');
    await expect.poll(() => program().getAttribute('data-fading'), { timeout: 10_000 }).toBe('false');
    expect(await page.getByTestId('preview-canvas').getAttribute('data-scene')).toBe('Screen + camera');
    await shot(page, 'scenes-studio-mode-after-fade');
    await page.getByTestId('studio-mode').click();
    await page.getByTestId('preview-canvas').waitFor({ state: 'detached' });
  });

  it('refuses a malformed scene file with the reason and changes nothing; a good one is added', async () => {
    const broken = {
      format: 'vj-studio.scenes',
      version: 1,
      scenes: [
        {
          id: 'b',
          name: 'Broken',
          items: [
            {
              id: 'logo',
              name: 'Logo',
              source: { kind: 'image', path: '/logo.png' },
              rect: { x: 0, y: 0, width: -5, height: 80 },
            },
          ],
        },
      ],
    };
    const input = page.getByTestId('scene-import');
    await input.setInputFiles({
      name: 'broken.scenes.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    const result = page.getByTestId('import-result');
    await expect
      .poll(() => result.innerText())
      .toMatch(
        /^Import refused: This scene file cannot be imported: scene 1 \("Broken"\) › item 1 \("Logo"\) › rect\.width: .+Nothing was changed\.$/,
      );
    expect(await result.getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('scene-list').locator('li').count()).toBe(3);
    await shot(page, 'scenes-import-refused');
    broken.scenes[0]!.items[0]!.rect.width = 200;
    await input.setInputFiles({
      name: 'good.scenes.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await expect.poll(() => result.innerText()).toBe('Imported 1 scene(s): Broken.');
    expect(await page.getByTestId('scene-list').locator('li').count()).toBe(4);
  });

  it('speaks Simplified Chinese', async () => {
    await page.goto(`${host.url}&lang=zh-CN#/scenes`);
    await expect.poll(() => page.locator('.scenes-header h1').innerText(), { timeout: 15_000 }).toBe('场景');
    expect(await untranslatedKeys(page)).toEqual([]);
    await shot(page, 'scenes-zh');
    // A refusal made deep in the studio reaches a Chinese screen in Chinese.
    const bad = { format: 'vj-studio.scenes', version: 99, scenes: [] };
    await page.getByTestId('scene-import').setInputFiles({
      name: 'new.scenes.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    await expect
      .poll(() => page.getByTestId('import-result').innerText())
      .toBe('导入被拒绝：无法导入此场景文件：它由更新或未知的版本写出（99），本工作室读取版本 1。未做任何更改。');
    await shot(page, 'scenes-zh-import-refused');
  });
});
