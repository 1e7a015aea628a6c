// A co-host guest's sound stays with their picture where viewers get the show: a viewer page in Chromium goes on
// camera (WHIP) with a fake camera and microphone cut from the sync clip (a white flash and a 3 kHz burst together
// every 2 s), the VJ accepts, and the VJ's stream pulled back from the ingest is read for the guest's flashes (in
// their box) and bursts. The median offset must be within 60 ms; a second guest whose burst is made 200 ms late
// must read about 200 ms, so the reading is the guest's and not the rig's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { defaultFfmpegLocation } from '../main/system';
import { guestRects } from '../main/cohost/layouts';
import { captureStream, makeSyncCaptureFiles, measureSync, type SyncMeasure } from '../bench/soak/syncClip';
import { launchChromium, startHost, type RunningHost } from './harness';
import { goLive, signInAsVj, startPreview } from './support/studioPages';
import { askAndAccept, guestInRoom, launchGuestChromium } from './support/guestPages';

const loc = defaultFfmpegLocation();
const ffmpeg = loc.found ? loc.path : 'ffmpeg';
const ffprobe = ffmpeg.replace(/ffmpeg(\.exe)?$/, 'ffprobe$1');
/** The second guest's burst, made late at the source. */
const LATE_MS = 200;
const TOLERANCE_MS = 60;
/** Seconds of the viewers' stream read per guest: 8 flashes. */
const CAPTURE_S = 16;

// Held through the platform's real ingest (bench/soak/relaySync.test.ts runs a guest's stream in CI), not yet from
// the viewer page: on a loaded machine (load 5-18) the page's fake camera plays its file slower than real time, so
// the guest's own stream on the ingest, before the studio, already drifts by 15-30 ms a second against its bursts
// (e.g. -80 … -409 ms over 16 s), and the readings are the rig's. Run with GUEST_SYNC=1 on a quiet machine.
const GUEST_SYNC = !!process.env.GUEST_SYNC;
if (!GUEST_SYNC)
  console.log("guestSync: skipped (the page's fake camera drifts on a busy machine; GUEST_SYNC=1 runs it)");

let dir = '';
let host: RunningHost;
let vjBrowser: Browser;
let inSync: Browser;
let late: Browser;
let vj: Page;

beforeAll(async () => {
  if (!GUEST_SYNC) return;
  dir = mkdtempSync(join(tmpdir(), 'guest-sync-'));
  host = await startHost();
  vjBrowser = await launchChromium();
  const a = await makeSyncCaptureFiles(ffmpeg, dir, 0);
  const b = await makeSyncCaptureFiles(ffmpeg, dir, LATE_MS);
  inSync = await launchGuestChromium(a.camera, a.microphone);
  late = await launchGuestChromium(b.camera, b.microphone);
  vj = await vjBrowser.newPage({ viewport: { width: 1280, height: 1000 } });
});
afterAll(async () => {
  const said = host
    ?.output()
    .split('\n')
    .filter((l) => /whip|cohost|ingest|relay|compositor/i.test(l));
  console.log(said?.slice(-40).join('\n'));
  await inSync?.close();
  await late?.close();
  await vjBrowser?.close();
  await host?.stop();
});

/** The program's size, from the captured file. */
function pictureSize(file: string): { width: number; height: number } {
  const r = spawnSync(
    ffprobe,
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file],
    { encoding: 'utf8' },
  );
  const [width, height] = r.stdout.trim().split(',').map(Number);
  if (!width || !height) throw new Error(`no picture size in ${file}: ${r.stderr}`);
  return { width, height };
}

/** A guest goes on camera, the viewers' stream is read for their flashes and bursts, and the guest leaves. */
async function guestSync(browser: Browser, base: string, roomId: string, flvUrl: string): Promise<SyncMeasure> {
  const { page, userId } = await guestInRoom(browser, base, roomId);
  await askAndAccept(vj, page, userId);
  // The guest's first seconds in the program are the compositor taking them in: read what follows.
  await new Promise((r) => setTimeout(r, 4000));
  const file = join(dir, `${userId}.flv`);
  // The guest's own stream on the ingest (as the bridge publishes it, before the studio), read at the same time:
  // what the program's reading owes to the page and the bridge.
  const own = join(dir, `${userId}-own.flv`);
  const [, ownSync] = await Promise.all([
    captureStream(ffmpeg, flvUrl, file, CAPTURE_S),
    captureStream(ffmpeg, flvUrl.replace(/\.flv$/, `-guest-${userId}.flv`), own, CAPTURE_S).then(() =>
      measureSync(ffmpeg, own, { x: 0, y: 0, width: 320, height: 180 }).catch((e: Error) => e.message),
    ),
  ]);
  console.log(`guest ${userId} on the ingest before the studio:`, ownSync);
  const { width, height } = pictureSize(file);
  const box = guestRects('pip', 1, width, height)[0]!;
  // The middle of the box: its edges may blend with the VJ's scene when scaled.
  const inset = { x: Math.round(box.width / 4), y: Math.round(box.height / 4) };
  const sync = await measureSync(ffmpeg, file, {
    x: box.x + inset.x,
    y: box.y + inset.y,
    width: box.width - 2 * inset.x,
    height: box.height - 2 * inset.y,
  });
  console.log(
    `guest ${userId}: sound ${sync.offsetMs} ms after picture (median of ${sync.pairs} pairs: ` +
      `${sync.offsetsMs.join(', ')}; ${sync.flashes} flashes, ${sync.bursts} bursts)`,
  );
  await page.locator('#leaveVideo').click();
  await vj.locator(`[data-testid=cohost-guest-${userId}][data-state=ended]`).waitFor({ timeout: 15_000 });
  await page.context().close();
  return sync;
}

describe.skipIf(!GUEST_SYNC)("a co-host guest's A/V sync in the viewers' stream", () => {
  let roomId = '';
  let base = '';
  let flvUrl = '';

  it('goes live as the VJ', async () => {
    await signInAsVj(vj, host.url, { userId: 'vj_sync', nickname: 'DJ Sync' });
    await startPreview(vj);
    ({ roomId, platform: base } = await goLive(vj, 'Guest sync'));
    const room = (await (await fetch(`${base}/api/v1/rooms/${roomId}`)).json()) as { playUrls: { flv: string } };
    flvUrl = room.playUrls.flv;
  }, 150_000);

  it('a guest whose camera flashes as their microphone beeps is heard with their picture (within 60 ms)', async () => {
    const sync = await guestSync(inSync, base, roomId, flvUrl);
    expect(sync.pairs).toBeGreaterThanOrEqual(4);
    expect(Math.abs(sync.offsetMs), `offsets ${sync.offsetsMs.join(', ')}`).toBeLessThan(TOLERANCE_MS);
  }, 180_000);

  it(`a guest whose burst is made ${LATE_MS} ms late reads ${LATE_MS} ms late`, async () => {
    const sync = await guestSync(late, base, roomId, flvUrl);
    expect(sync.pairs).toBeGreaterThanOrEqual(4);
    expect(Math.abs(sync.offsetMs - LATE_MS), `offsets ${sync.offsetsMs.join(', ')}`).toBeLessThan(TOLERANCE_MS);
  }, 180_000);
});
