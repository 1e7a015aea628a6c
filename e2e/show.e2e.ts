// The VJ's whole show on the headless host with the embedded platform and the test pattern: create an
// account, set beauty, go live, a viewer in a second browser context watches, chats, likes and sends a
// gift, the studio shows them live, the end page's figures equal what happened, History has it; then a
// SIGKILL while live and a restart that shows the interrupted broadcast and its playable recording; and
// every session screen in both languages.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { defaultFfmpegLocation } from '../main/system';
import { launchChromium, shot, startHost, untranslatedKeys, type RunningHost } from './harness';

let host: RunningHost;
let browser: Browser;
let page: Page;

const figure = (p: Page, id: string) => p.locator(`[data-testid=report] [data-figure=${id}] b`);
const stat = (p: Page, id: string) => p.locator(`[data-testid=live-bar] [data-stat=${id}] b`);

async function startPreviewAndGoLive(p: Page, title: string): Promise<string> {
  await p.getByTestId('setup').waitFor({ timeout: 30_000 });
  await p.locator('[data-testid=media-panel]').waitFor({ timeout: 30_000 });
  if ((await p.getByTestId('media-panel').getAttribute('data-running')) !== 'true')
    await p.getByTestId('media-start').click();
  await p.getByTestId('media-preview-frame').waitFor({ timeout: 60_000 });
  await p.getByTestId('broadcast-title').fill(title);
  await p.getByTestId('go-live').click();
  await p
    .locator('[data-testid=studio][data-phase=live], [data-testid=go-live-error]')
    .first()
    .waitFor({ timeout: 90_000 });
  if (await p.getByTestId('go-live-error').isVisible())
    throw new Error(`Go live failed: ${await p.getByTestId('go-live-error').innerText()}`);
  return (await p.getByTestId('live').getAttribute('data-room-id')) ?? '';
}

beforeAll(async () => {
  host = await startHost();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('the show', () => {
  it('goes from a new account to the end page and History with figures equal to what happened', async () => {
    await page.goto(`${host.url}&lang=en`);
    await page.getByTestId('sign-in').waitFor();
    await page.getByTestId('user-id').fill('vj_mira');
    await page.getByTestId('password').fill('secret-pw');
    await page.getByTestId('nickname').fill('DJ Mira');
    await shot(page, 'show-1-sign-in');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('account-bar').waitFor();
    expect(await page.getByTestId('signed-in-as').innerText()).toContain('DJ Mira');

    // Set-up: the preview runs; beauty changes as the slider moves.
    await page.getByTestId('media-start').click();
    await page.getByTestId('media-preview-frame').waitFor({ timeout: 60_000 });
    await page.getByTestId('beauty-smoothing').fill('5');
    await page.getByTestId('beauty-whitening').fill('3');
    await expect.poll(() => page.getByTestId('beauty-smoothing').inputValue()).toBe('5');
    await shot(page, 'show-2-setup-beauty');

    // The microphone check: the test microphone (a 1 kHz tone at 1/16 of full scale, mono, so -27.1 dBFS a
    // side in stereo) reads at its level on the set-up meter, measured by the compositor's ffmpeg.
    await page.getByTestId('mic-device').first().selectOption('test');
    const micPeak = async () => Number((await page.getByTestId('mic-meter').first().getAttribute('data-peak')) || -100);
    await expect.poll(micPeak, { timeout: 30_000 }).toBeGreaterThan(-40);
    expect(await micPeak()).toBeCloseTo(20 * Math.log10(1 / 16) + 20 * Math.log10(Math.SQRT1_2), 0);
    expect(await page.getByTestId('mic-meter').first().getAttribute('data-clipped')).toBe('false');
    await shot(page, 'show-2b-setup-mic-meter');
    await page.getByTestId('mic-device').first().selectOption('');

    // The bandwidth test against the embedded platform's ingest: progress while it runs, then the measure
    // and a suggestion within it.
    await page.getByTestId('bandwidth-run').click();
    await page.getByTestId('bandwidth-progress').waitFor({ timeout: 10_000 });
    await shot(page, 'show-2c-bandwidth-progress');
    const result = page.getByTestId('bandwidth-result');
    await result.waitFor({ timeout: 30_000 });
    const measured = Number(await result.getAttribute('data-measured'));
    expect(measured).toBeGreaterThan(0);
    expect(Number(await result.getAttribute('data-suggested'))).toBeLessThan(measured);
    await shot(page, 'show-2d-bandwidth-result');

    const roomId = await startPreviewAndGoLive(page, 'Friday night set');
    expect(roomId).toMatch(/^\d+$/);
    await shot(page, 'show-3-live');

    // A viewer in a second browser context: watches, chats twice, likes three times, sends a heart.
    const viewerUrl = (await page.getByTestId('viewer-url').getAttribute('href')) ?? '';
    const viewerContext = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const viewer = await viewerContext.newPage();
    await viewer.goto(viewerUrl);
    await viewer.getByRole('button', { name: 'Watch as a guest' }).click();
    await viewer.locator(`[data-room-id="${roomId}"]`).click({ timeout: 20_000 });
    await viewer.waitForFunction(
      () => {
        const v = document.querySelector('video');
        return !!v && v.readyState >= 2 && v.currentTime > 0.5 && v.videoWidth > 0;
      },
      undefined,
      { timeout: 60_000 },
    );
    await viewer.locator('.messages .system').first().waitFor();
    for (const text of ['hello Mira', 'great set!']) {
      await viewer.locator('#chatInput').fill(text);
      await viewer.locator('#chatForm button').click();
      await viewer.locator('.messages li', { hasText: text }).waitFor();
    }
    for (let i = 1; i <= 3; i++) {
      await viewer.locator('#like').click();
      await viewer.locator('#like', { hasText: `(${i})` }).waitFor();
    }
    const before = Number((await viewer.locator('#balance').innerText()).replace(/\D+/g, ''));
    await viewer.locator('[data-gift-id="heart"]').click();
    await viewer.waitForFunction(
      (b) => Number((document.querySelector('#balance')?.textContent ?? '').replace(/\D+/g, '')) < b,
      before,
    );
    const giftValue = before - Number((await viewer.locator('#balance').innerText()).replace(/\D+/g, ''));
    expect(giftValue).toBeGreaterThan(0);
    await shot(viewer, 'show-4-viewer');

    // The studio shows the audience live.
    await expect.poll(() => stat(page, 'viewers').innerText(), { timeout: 20_000 }).toBe('1');
    await expect.poll(() => stat(page, 'likes').innerText(), { timeout: 20_000 }).toBe('3');
    await expect.poll(() => stat(page, 'messages').innerText(), { timeout: 20_000 }).toBe('2');
    await expect.poll(() => stat(page, 'gifts').innerText(), { timeout: 15_000 }).toBe(`1 (worth ${giftValue})`);
    expect(
      Number(
        await stat(page, 'bitrate')
          .innerText()
          .then((t) => t.replace(/\D+/g, '')),
      ),
    ).toBeGreaterThan(0);
    await shot(page, 'show-5-live-audience');

    // End, with confirmation; the viewer is told.
    await page.getByTestId('end').click();
    await page.getByTestId('end-confirm').waitFor();
    await shot(page, 'show-6-end-confirm');
    await page.getByTestId('end-confirm-yes').click();
    await page.getByTestId('end-page').waitFor({ timeout: 60_000 });
    await page.getByTestId('report').waitFor();
    expect(await figure(page, 'uniqueViewers').innerText()).toBe('1');
    expect(await figure(page, 'peakViewers').innerText()).toBe('1');
    expect(await figure(page, 'likes').innerText()).toBe('3');
    expect(await figure(page, 'gifts').innerText()).toBe('1');
    expect(await figure(page, 'giftValue').innerText()).toBe(String(giftValue));
    expect(await figure(page, 'messages').innerText()).toBe('2');
    expect(await page.getByTestId('top-gifters').innerText()).toContain(`1 gifts, worth ${giftValue}`);
    expect(Number(await page.getByTestId('chart-viewers').getAttribute('data-points'))).toBeGreaterThan(3);
    await page.getByTestId('recording-size').first().waitFor();
    expect(await page.getByTestId('recording-size').first().innerText()).toMatch(/\d+(\.\d)? (KB|MB)/);
    await shot(page, 'show-7-end-page');
    await viewer
      .locator('#roomNotice, .messages .system', { hasText: /ended|结束/ })
      .first()
      .waitFor({ timeout: 15_000 });
    await viewerContext.close();

    // History has it, with the same figures.
    await page.locator('[data-nav=history]').click();
    const row = page.getByTestId('history-table').locator('tbody tr');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.first().innerText()).toContain('Friday night set');
    await row.first().click();
    await page.locator('.history-report [data-figure=giftValue] b', { hasText: String(giftValue) }).waitFor();
    await shot(page, 'show-8-history');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = await download.createReadStream().then(async (stream) => {
      let text = '';
      for await (const chunk of stream) text += String(chunk);
      return text;
    });
    expect(csv).toMatch(
      /^\ufeff?title,room,status,started,ended,duration_s,peak_viewers,unique_viewers,likes,gifts,gift_value,messages,recording_bytes\r\n/,
    );
    expect(csv).toContain(`Friday night set,${roomId},ended,`);
    expect(csv).toMatch(new RegExp(`,1,1,3,1,${giftValue},2,\\d+\\r\\n$`));
    await page.locator('[data-nav=studio]').click();
    await page.getByTestId('back-to-setup').click();
    await page.getByTestId('setup').waitFor();
  });

  it('shows every session screen in Simplified Chinese with no key left untranslated', async () => {
    for (const lang of ['zh-CN', 'en']) {
      await page.goto(`${host.url}&lang=${lang}`);
      await page.getByTestId('setup').waitFor();
      expect(await untranslatedKeys(page), `${lang} setup`).toEqual([]);
      await shot(page, `show-9-setup-${lang}`);
      await page.locator('[data-nav=history]').click();
      await page.getByTestId('history-table').locator('tbody tr').first().click();
      await page.getByTestId('report').waitFor();
      expect(await untranslatedKeys(page), `${lang} history`).toEqual([]);
      await shot(page, `show-9-history-${lang}`);
    }
    await page.goto(`${host.url}&lang=zh-CN`);
    expect(await page.getByTestId('go-live').innerText()).toBe('开始直播');
    await page.locator('[data-nav=history]').click();
    expect(await page.getByTestId('export-csv').innerText()).toBe('导出 CSV');
  });

  it('after a SIGKILL while live, a restart shows the interrupted broadcast and its playable recording', async () => {
    await page.goto(`${host.url}&lang=en`);
    const roomId = await startPreviewAndGoLive(page, 'Crash test');
    // Let the recording write a few fragments and the studio note its file.
    await expect.poll(() => stat(page, 'timer').innerText(), { timeout: 30_000 }).toMatch(/^0:(0[6-9]|[1-5]\d)$/);
    await host.stop('SIGKILL');

    host = await startHost({ dataDir: host.dataDir });
    await page.goto(`${host.url}&lang=en`);
    const recovery = page.getByTestId('recovery');
    await recovery.waitFor({ timeout: 30_000 });
    expect(await recovery.innerText()).toContain('Crash test');
    const playable = recovery.getByTestId('recording-playable').first();
    expect(await playable.innerText()).toBe('playable');
    await shot(page, 'show-10-recovery');
    const file = (await recovery.locator('code').first().innerText()).trim();
    const ffmpeg = defaultFfmpegLocation();
    if (!ffmpeg.found) throw new Error(ffmpeg.message);
    const decoded = spawnSync(ffmpeg.path, ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' });
    expect(decoded.status, decoded.stderr).toBe(0);
    const probe = spawnSync(ffmpeg.path, ['-hide_banner', '-i', file], { encoding: 'utf8' });
    expect(probe.stderr).toMatch(/Video: h264/);

    // Back on air in the same room the platform kept.
    await page.getByTestId('resume').click();
    await page.locator('[data-testid=studio][data-phase=live]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('live').getAttribute('data-room-id')).toBe(roomId);
    await page.getByTestId('end').click();
    await page.getByTestId('end-confirm-yes').click();
    await page.getByTestId('end-page').waitFor({ timeout: 60_000 });

    await page.locator('[data-nav=history]').click();
    const rows = page.getByTestId('history-table').locator('tbody tr', { hasText: 'Crash test' });
    await rows.first().waitFor();
    expect((await rows.allInnerTexts()).map((t) => /interrupted/.test(t))).toEqual([false, true]);
    await shot(page, 'show-11-history-interrupted');
  });
});
