// Co-hosting in the studio UI on the headless host with the embedded platform: the VJ goes live, a scripted
// guest (a real chat client on the platform's hub + a real ffmpeg publishing red) accepts an invitation
// from the co-host panel and appears in the composited preview; a second invitation counts down; then the
// VJ ends the show with the guest on, and the guest is told first. Screenshots of the panel and preview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ScriptedGuest } from '../testSupport/scriptedGuest';
import { defaultFfmpegLocation } from '../main/system';
import { signUp } from '../testSupport/platform';
import { launchChromium, shot, startHost, untranslatedKeys, type RunningHost } from './harness';
import { goLive, signInAsVj, startPreview } from './support/studioPages';

let host: RunningHost;
let browser: Browser;
let page: Page;
const guests: ScriptedGuest[] = [];
const loc = defaultFfmpegLocation();
const ffmpeg = loc.found ? loc.path : 'ffmpeg';

beforeAll(async () => {
  host = await startHost();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
});
afterAll(async () => {
  for (const g of guests) g.close();
  await browser?.close();
  await host?.stop();
});

describe('co-hosting from the studio', () => {
  it('invites a guest from the panel, shows them in the preview, and ends the show with them on', async () => {
    await signInAsVj(page, host.url, { userId: 'vj_duo', nickname: 'DJ Duo' });
    await startPreview(page);
    const { roomId, viewerUrl } = await goLive(page, 'Duo night');
    const base = viewerUrl.origin;
    const imUrl = `ws://${viewerUrl.host}/im`;

    const join = async (userId: string, answer: 'accept' | 'ignore') => {
      const s = await signUp(base, userId, userId === 'ada_guest' ? 'Ada' : 'Bo');
      const g = await ScriptedGuest.join({
        imUrl,
        token: s.token,
        userId,
        hostId: 'vj_duo',
        groupId: `live_${roomId}`,
        ffmpegPath: ffmpeg,
        color: 'red',
        answer,
      });
      guests.push(g);
      return g;
    };
    const ada = await join('ada_guest', 'accept');
    const bo = await join('bo_guest', 'ignore');

    const panel = page.getByTestId('cohost-panel');
    await panel.waitFor();
    await page.getByTestId('cohost-invite-id').fill('ada_guest');
    await page.getByTestId('cohost-invite').click();
    await page.locator('[data-testid=cohost-guest-ada_guest][data-state=live]').waitFor({ timeout: 30_000 });
    await ada.waitFor((m) => m.type === 'cohost.start');
    await page.getByTestId('cohost-invite-id').fill('bo_guest');
    await page.getByTestId('cohost-invite').click();
    await page.locator('[data-testid=cohost-guest-bo_guest][data-state=invited]').waitFor();
    await expect
      .poll(() => page.getByTestId('cohost-guest-ada_guest').innerText(), { timeout: 10_000 })
      .toMatch(/-?\d+ dB/);
    await page.waitForTimeout(1500);
    await shot(page, 'cohost-1-panel-and-preview');
    await panel.screenshot({ path: 'test-output/e2e/cohost-2-panel.png' });
    await page
      .getByTestId('media-preview-frame')
      .screenshot({ path: 'test-output/e2e/cohost-3-composited-preview.png' });
    expect(await page.getByTestId('cohost-guest-bo_guest').innerText()).toMatch(/answer within \d+ s/);
    expect(await untranslatedKeys(page)).toEqual([]);

    // The VJ ends the show with Ada on video: she is told, the room hears "left", then the show ends.
    await page.getByTestId('end').click();
    await page.getByTestId('end-confirm-yes').click();
    await page.getByTestId('end-page').waitFor({ timeout: 60_000 });
    await ada.waitFor((m) => m.type === 'cohost.end' && m.reason === 'show_ended');
    expect(ada.roomNotices.map((n) => n.type)).toEqual(['cohost.joined', 'cohost.left']);
    expect(bo.received.map((m) => m.type)).toEqual(['cohost.invite', 'cohost.cancel']);
  }, 150_000);

  it('shows the co-host panel in Simplified Chinese', async () => {
    await page.locator('[data-nav=studio]').click();
    await page.goto(`${host.url}&lang=zh-CN`);
    await page
      .getByTestId('back-to-setup')
      .click({ timeout: 10_000 })
      .catch(() => {});
    await page.getByTestId('cohost-panel').waitFor({ timeout: 30_000 });
    expect(await untranslatedKeys(page)).toEqual([]);
    expect(await page.getByTestId('cohost-invite').innerText()).toBe('邀请连麦');
    await page.getByTestId('cohost-panel').screenshot({ path: 'test-output/e2e/cohost-4-panel-zh.png' });
  }, 60_000);
});
