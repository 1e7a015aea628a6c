// Test support for the studio's own pages: sign in as a VJ, start the preview and go live through the UI, the
// way a VJ does, read back the room the platform gave, and select a chat line as a moderator does.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export interface VjAccount {
  userId: string;
  nickname: string;
  password?: string;
}

export interface LiveRoom {
  roomId: string;
  /** The platform's origin, as the viewer link the studio shows. */
  platform: string;
  /** The viewer link itself. */
  viewerUrl: URL;
}

/** Opens the studio in English and signs in (a new account is made on first sign-in); waits for the setup. */
export async function signInAsVj(page: Page, hostUrl: string, vj: VjAccount): Promise<void> {
  await page.goto(`${hostUrl}&lang=en`);
  await page.getByTestId('sign-in').waitFor();
  await page.getByTestId('user-id').fill(vj.userId);
  await page.getByTestId('password').fill(vj.password ?? 'secret-pw');
  await page.getByTestId('nickname').fill(vj.nickname);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('setup').waitFor({ timeout: 30_000 });
}

/** Starts the preview if it is not running, and waits for its first frame. */
export async function startPreview(page: Page): Promise<void> {
  if ((await page.getByTestId('media-panel').getAttribute('data-running')) !== 'true')
    await page.getByTestId('media-start').click();
  await page.getByTestId('media-preview-frame').waitFor({ timeout: 60_000 });
}

/** Goes live with this title; a refusal shown by the studio fails the test with its words. */
export async function goLive(page: Page, title: string): Promise<LiveRoom> {
  await page.getByTestId('broadcast-title').fill(title);
  await page.getByTestId('go-live').click();
  await page
    .locator('[data-testid=studio][data-phase=live], [data-testid=go-live-error]')
    .first()
    .waitFor({ timeout: 90_000 });
  if (await page.getByTestId('go-live-error').isVisible())
    throw new Error(`Go live failed: ${await page.getByTestId('go-live-error').innerText()}`);
  const roomId = (await page.getByTestId('live').getAttribute('data-room-id')) ?? '';
  const viewerUrl = new URL((await page.getByTestId('viewer-url').getAttribute('href')) ?? '');
  return { roomId, platform: viewerUrl.origin, viewerUrl };
}

/**
 * Selects a chat feed line (`.feed-row`) as a moderator does, by clicking it, and waits until the feed shows it
 * selected. Lines that arrive meanwhile can move it under the pointer, so the click is repeated until it lands.
 */
export async function selectFeedRow(row: Locator): Promise<void> {
  await expect
    .poll(
      async () => {
        await row.locator('.feed-time').click();
        return row.evaluate((el) => el.classList.contains('selected'));
      },
      { timeout: 10_000 },
    )
    .toBe(true);
}
