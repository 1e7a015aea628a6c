// A real viewer goes on camera: viewer pages in Chromium with a fake camera of one flat colour publish over
// WebRTC (WHIP) to the embedded platform; the VJ accepts a request, and invites from the studio's co-host
// panel (one accepted on the page, one declined, one left to time out). The colour must show in the guest's
// box of the VJ's viewer stream pulled from the ingest, "joined" only once the program shows it, and it goes
// when the guest leaves; the VJ's push never reconnects and the recording has no gap.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { defaultFfmpegLocation } from '../main/system';
import { launchChromium, shot, startHost, type RunningHost } from './harness';
import { goLive, signInAsVj, startPreview } from './support/studioPages';
import {
  colourCamera,
  elementColour,
  guestInRoom,
  largestVideoGap,
  launchDoomedGuestChromium,
  launchGuestChromium,
  near,
  streamColour,
  type Rgb,
} from './support/guestPages';

const loc = defaultFfmpegLocation();
const ffmpeg = loc.found ? loc.path : 'ffmpeg';
const MAGENTA: Rgb = [255, 0, 255];
// The first guest's box in the picture-in-picture layout, as fractions of the program (layouts.ts).
const BOX = { x: 0.85, y: 0.83 };

let host: RunningHost;
let vjBrowser: Browser;
let guestBrowser: Browser;
let vj: Page;

/** The host's last words, kept flat (its whole output, appended chunk by chunk, is too deep a string to slice). */
let hostTail = '';

beforeAll(async () => {
  host = await startHost();
  const keep = (d: Buffer) => (hostTail = (hostTail + d.toString()).slice(-4000));
  host.process.stdout?.on('data', keep);
  host.process.stderr?.on('data', keep);
  vjBrowser = await launchChromium();
  guestBrowser = await launchGuestChromium(colourCamera(ffmpeg, 'ff00ff'));
  vj = await vjBrowser.newPage({ viewport: { width: 1280, height: 1000 } });
});
afterAll(async () => {
  await guestBrowser?.close();
  await vjBrowser?.close();
  await host?.stop();
});

async function poll<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const end = Date.now() + ms;
  let last: T = await fn();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(last)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 300));
    last = await fn();
  }
  return last;
}

/** A step with a bound: a failure says what the guest's page, the co-host panel and the host said last. */
async function step<T>(what: string, guest: Page, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const text = (sel: string) =>
      guest
        .locator(sel)
        .innerText({ timeout: 2000 })
        .catch(() => '?');
    const panel = await vj
      .getByTestId('cohost-panel')
      .innerText({ timeout: 2000 })
      .catch(() => '?');
    throw new Error(
      `${what}: ${(e as Error).message}\nguest page: ${await text('#cohostStatus')} / ${await text('#cameraError')}\n` +
        `panel: ${panel}\nhost: ${hostTail}`,
      { cause: e },
    );
  }
}

async function waitLive(userId: string, guest: Page): Promise<void> {
  await step('the guest live in the studio', guest, () =>
    vj.locator(`[data-testid=cohost-guest-${userId}][data-state=live]`).waitFor({ timeout: 60_000 }),
  );
}

describe('a viewer on camera', () => {
  let roomId = '';
  let base = '';
  let flvUrl = '';

  it('goes live as the VJ, watching the push state from here on', async () => {
    await signInAsVj(vj, host.url, { userId: 'vj_cam', nickname: 'DJ Cam' });
    await startPreview(vj);
    ({ roomId, platform: base } = await goLive(vj, 'Guests on camera'));
    const room = (await (await fetch(`${base}/api/v1/rooms/${roomId}`)).json()) as { playUrls: { flv: string } };
    flvUrl = room.playUrls.flv;
    // Every state the push passes through from now on.
    await vj.getByTestId('media-push-state').waitFor();
    await vj.evaluate(() => {
      const el = document.querySelector('[data-testid=media-push-state]')!;
      const seen = [el.getAttribute('data-state')];
      (window as unknown as { pushStates: unknown }).pushStates = seen;
      new MutationObserver(() => seen.push(el.getAttribute('data-state'))).observe(el, { attributes: true });
    });
    expect(await vj.getByTestId('media-push-state').getAttribute('data-state')).toBe('live');
  }, 150_000);

  it('a viewer asks to join, the VJ accepts, and their camera shows in the viewer stream', async () => {
    const { page: guest, userId } = await guestInRoom(guestBrowser, base, roomId);
    await guest.locator('#cohost').click();
    await step('the request in the studio', guest, () =>
      vj.getByTestId(`cohost-request-${userId}`).getByRole('button', { name: 'Accept' }).click({ timeout: 20_000 }),
    );

    // "Joined" waits for the frames: when the panel says live, the program (the studio's preview) shows them.
    await waitLive(userId, guest);
    const atJoin = await elementColour(vj.getByTestId('media-preview-frame'), BOX.x, BOX.y);
    expect(atJoin, `the program at "joined": ${atJoin.join(',')}`).toSatisfy((c: Rgb) => near(c, MAGENTA));
    await guest.locator('#onCamera[data-state=live]').waitFor({ timeout: 15_000 });
    await guest.locator('#messages li.system', { hasText: 'joined on video' }).waitFor();

    // The VJ's viewer stream, pulled from the ingest, carries the guest's colour in their box.
    await poll(
      'the viewer stream in the guest box',
      () => streamColour(ffmpeg, flvUrl, BOX.x, BOX.y),
      (c) => !!c && near(c, MAGENTA),
      30_000,
    );

    await shot(guest, 'guest-1-page-on-camera');
    await vj.getByTestId('cohost-panel').screenshot({ path: 'test-output/e2e/guest-2-cohost-panel-live.png' });

    // The guest leaves: the room hears it, the panel ends them, and the colour goes from the viewer stream.
    await guest.locator('#leaveVideo').click();
    await vj.locator(`[data-testid=cohost-guest-${userId}][data-state=ended]`).waitFor({ timeout: 15_000 });
    await guest.locator('#messages li.system', { hasText: 'left the video' }).waitFor({ timeout: 10_000 });
    await poll(
      'the viewer stream after leaving',
      () => streamColour(ffmpeg, flvUrl, BOX.x, BOX.y),
      (c) => !!c && !near(c, MAGENTA),
      30_000,
    );
    expect(await guest.locator('#cohostStatus').innerText()).toBe('You left the video.');
    await guest.context().close();
  }, 150_000);

  it('an invitation from the studio: one accepted on the page, one declined, one timed out', async () => {
    const late = await guestInRoom(guestBrowser, base, roomId);
    const no = await guestInRoom(guestBrowser, base, roomId);
    const yes = await guestInRoom(guestBrowser, base, roomId);
    const invite = async (userId: string) => {
      await vj.getByTestId('cohost-invite-id').fill(userId);
      await vj.getByTestId('cohost-invite').click();
      await vj.locator(`[data-testid=cohost-guest-${userId}][data-state=invited]`).waitFor();
    };
    // The one left unanswered first, so its 30 s run out while the others play.
    await invite(late.userId);
    await late.page.locator('#invite').waitFor();
    expect(await late.page.locator('#inviteText').innerText()).toMatch(
      /DJ Cam invites you to join on video\. Answer within (30|29|28) s\./,
    );

    await invite(no.userId);
    await no.page.locator('#inviteDecline').click();
    await vj.locator(`[data-testid=cohost-guest-${no.userId}][data-state=ended]`).waitFor({ timeout: 10_000 });
    expect(await no.page.locator('#cohostStatus').innerText()).toBe('You declined the invitation.');
    expect(await no.page.locator('#onCamera').isHidden()).toBe(true);

    await invite(yes.userId);
    await yes.page.locator('#inviteAccept').click();
    await waitLive(yes.userId, yes.page);
    const atJoin = await elementColour(vj.getByTestId('media-preview-frame'), BOX.x, BOX.y);
    expect(atJoin, `the program at "joined": ${atJoin.join(',')}`).toSatisfy((c: Rgb) => near(c, MAGENTA));
    await poll(
      'the viewer stream in the guest box',
      () => streamColour(ffmpeg, flvUrl, BOX.x, BOX.y),
      (c) => !!c && near(c, MAGENTA),
      30_000,
    );
    await yes.page.locator('#leaveVideo').click();
    await vj.locator(`[data-testid=cohost-guest-${yes.userId}][data-state=ended]`).waitFor({ timeout: 15_000 });
    await poll(
      'the viewer stream after leaving',
      () => streamColour(ffmpeg, flvUrl, BOX.x, BOX.y),
      (c) => !!c && !near(c, MAGENTA),
      30_000,
    );

    // The unanswered invitation runs out on both sides.
    await vj.locator(`[data-testid=cohost-guest-${late.userId}][data-state=ended]`).waitFor({ timeout: 40_000 });
    await late.page.locator('#cohostStatus', { hasText: 'The invitation expired.' }).waitFor({ timeout: 5_000 });
    expect(await late.page.locator('#invite').isHidden()).toBe(true);
  }, 150_000);

  it('a guest whose machine drops off, and one who closes the tab, leave the program and the VJ is told', async () => {
    const onAir = async (browser: Browser) => {
      const g = await guestInRoom(browser, base, roomId);
      await g.page.locator('#cohost').click();
      await step('the request in the studio', g.page, () =>
        vj.getByTestId(`cohost-request-${g.userId}`).getByRole('button', { name: 'Accept' }).click({ timeout: 20_000 }),
      );
      await waitLive(g.userId, g.page);
      return g;
    };
    const gone = async (userId: string, started: number, why: string) => {
      const row = vj.locator(`[data-testid=cohost-guest-${userId}][data-state=ended]`);
      await row.waitFor({ timeout: 20_000 });
      console.log(`guest ${why}: the VJ was told after ${Date.now() - started} ms`);
      return row.innerText();
    };

    // The network drops: the guest's whole browser dies without a word (no goodbye, no DTLS close).
    const doomed = await launchDoomedGuestChromium(colourCamera(ffmpeg, 'ff00ff'));
    const dropped = await onAir(doomed.browser);
    const killedAt = Date.now();
    doomed.kill();
    expect(await gone(dropped.userId, killedAt, 'dropped off')).toMatch(/connection lost/);
    await poll(
      'the program after the drop',
      () => elementColour(vj.getByTestId('media-preview-frame'), BOX.x, BOX.y),
      (c) => !near(c, MAGENTA),
      15_000,
    );

    // The tab closes: the page says goodbye on its way out.
    const closing = await onAir(guestBrowser);
    const closedAt = Date.now();
    await closing.page.close({ runBeforeUnload: true });
    expect(await gone(closing.userId, closedAt, 'closed the tab')).toMatch(/\bleft\b|connection lost/);
    await poll(
      'the program after the tab closed',
      () => elementColour(vj.getByTestId('media-preview-frame'), BOX.x, BOX.y),
      (c) => !near(c, MAGENTA),
      15_000,
    );
  }, 180_000);

  it('through all of it the push never reconnected, and the recording has no gap', async () => {
    const states = await vj.evaluate(() => (window as unknown as { pushStates: string[] }).pushStates);
    expect(
      states.every((s) => s === 'live'),
      `push states: ${states.join(' → ')}`,
    ).toBe(true);
    await vj.getByTestId('end').click();
    await vj.getByTestId('end-confirm-yes').click();
    await vj.getByTestId('end-page').waitFor({ timeout: 60_000 });
    const dir = join(host.dataDir, 'recordings');
    const files = readdirSync(dir).filter((f) => f.endsWith('.mp4') && !f.startsWith('.'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const { frames, gap } = largestVideoGap('ffprobe', join(dir, f));
      expect(frames, f).toBeGreaterThan(30);
      expect(gap, `${f}: largest step between frames`).toBeLessThan(0.5);
    }
  }, 120_000);
});
