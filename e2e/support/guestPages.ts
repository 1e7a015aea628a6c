// Test support for guests on camera: a Chromium whose fake camera shows one flat colour (a y4m made with
// ffmpeg), viewer pages signed in as one-click guests, and colour probes of the VJ's outgoing pictures — a
// frame pulled from the viewer stream on the ingest, and the studio's own preview.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { lavfiInputArgs, quietArgs } from '../../common/ffmpeg/commandParts';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { ffmpegStdout } from '../../testSupport/ffmpegStdout';
import { streamToneLevels, toneLevelDb } from '../../testSupport/toneLevels';
import { CHROMIUM, chromiumArgs } from '../harness';

export { streamToneLevels, toneLevelDb };

export type Rgb = [number, number, number];

/** A y4m of one colour that Chromium loops as its camera. */
export function colourCamera(ffmpeg: string, hex: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'guest-cam-')), 'camera.y4m');
  const r = spawnSync(ffmpeg, [
    ...quietArgs(),
    ...lavfiInputArgs(`color=c=0x${hex}:s=640x360:r=30:d=1`),
    '-pix_fmt',
    'yuv420p',
    '-y',
    file,
  ]);
  if (r.status !== 0) throw new Error(`ffmpeg could not make the camera file: ${String(r.stderr)}`);
  return file;
}

/** A WAV of one steady tone that Chromium loops as its microphone. */
export function toneMicrophone(ffmpeg: string, hz: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'guest-mic-')), 'microphone.wav');
  const r = spawnSync(
    ffmpeg,
    [...quietArgs(), ...lavfiInputArgs(`sine=f=${hz}:r=48000:d=10`)].concat([
      '-af',
      'volume=3',
      '-ac',
      '1',
      '-y',
      file,
    ]),
  );
  if (r.status !== 0) throw new Error(`ffmpeg could not make the microphone file: ${String(r.stderr)}`);
  return file;
}

function guestArgs(cameraFile: string, microphoneFile?: string): string[] {
  return [
    ...chromiumArgs,
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${cameraFile}`,
    ...(microphoneFile ? [`--use-file-for-fake-audio-capture=${microphoneFile}`] : []),
    '--autoplay-policy=no-user-gesture-required',
  ];
}

export function launchGuestChromium(cameraFile: string, microphoneFile?: string): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: guestArgs(cameraFile, microphoneFile) });
}

/** A guest's Chromium that can die outright (SIGKILL), as a machine whose network drops says nothing. */
export async function launchDoomedGuestChromium(cameraFile: string): Promise<{ browser: Browser; kill(): void }> {
  const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: guestArgs(cameraFile) });
  const browser = await chromium.connect(server.wsEndpoint());
  return { browser, kill: () => server.process().kill('SIGKILL') };
}

/** A viewer page in its own context, signed in as a one-click guest, in the room. Returns its user ID. */
export async function guestInRoom(
  browser: Browser,
  base: string,
  roomId: string,
): Promise<{ page: Page; userId: string }> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await ctx.newPage();
  await page.goto(`${base}/#/room/${roomId}`);
  await page.locator('#guest').click();
  await page.locator('#messages li.system').first().waitFor({ timeout: 20_000 });
  const userId = await page.evaluate(() => JSON.parse(localStorage.getItem('vj.session') ?? '{}').userId as string);
  return { page, userId };
}

/** The guest asks to join on video and the VJ accepts; resolves once the studio shows the guest live. */
export async function askAndAccept(vj: Page, guest: Page, userId: string): Promise<void> {
  // A viewer may ask once every 10 s (the studio's cooldown): ask until the VJ's panel shows the request.
  const request = vj.getByTestId(`cohost-request-${userId}`);
  const end = Date.now() + 40_000;
  while (!(await request.isVisible())) {
    if (Date.now() > end) throw new Error(`no request from ${userId} reached the studio`);
    await guest.locator('#cohost').click();
    await request.waitFor({ timeout: 4_000 }).catch(() => {});
  }
  await request.getByRole('button', { name: 'Accept' }).click();
  await vj.locator(`[data-testid=cohost-guest-${userId}][data-state=live]`).waitFor({ timeout: 90_000 });
}

/** True when a colour is within `tolerance` of the wanted one on every channel. */
export function near(c: Rgb, want: Rgb, tolerance = 60): boolean {
  return c.every((v, i) => Math.abs(v - want[i]!) <= tolerance);
}

/**
 * The mean colour of a box of one frame pulled from a live stream (fractions of the picture: centre x, y).
 * A fresh pull starts at the stream's latest keyframe.
 */
export async function streamColour(ffmpeg: string, url: string, cx: number, cy: number): Promise<Rgb | null> {
  const crop = `crop=iw/20:ih/20:iw*${cx}-iw/40:ih*${cy}-ih/40,scale=1:1:flags=area`;
  const input = [...quietArgs(), '-rw_timeout', '5000000', '-i', url];
  const output = ['-vf', crop, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'];
  const b = await ffmpegStdout(ffmpeg, [...input, ...output], 15_000);
  return b.length >= 3 ? [b[0]!, b[1]!, b[2]!] : null;
}

/** The mean colour of a box of an element's picture (the studio's preview), from a JPEG screenshot. */
export async function elementColour(el: Locator, cx: number, cy: number): Promise<Rgb> {
  const img = jpeg.decode(await el.screenshot({ type: 'jpeg', quality: 90 }), { useTArray: true });
  const w = Math.max(2, Math.round(img.width / 40));
  const h = Math.max(2, Math.round(img.height / 40));
  const x0 = Math.round(img.width * cx - w / 2);
  const y0 = Math.round(img.height * cy - h / 2);
  const sum = [0, 0, 0];
  for (let y = y0; y < y0 + h; y++)
    for (let x = x0; x < x0 + w; x++)
      for (let k = 0; k < 3; k++) sum[k] = sum[k]! + img.data[(y * img.width + x) * 4 + k]!;
  return sum.map((v) => Math.round(v / (w * h))) as Rgb;
}

/** Largest step between consecutive video frames of a file, in seconds (a gap in a recording). */
export function largestVideoGap(ffprobe: string, file: string): { frames: number; gap: number } {
  const r = spawnSync(
    ffprobe,
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const t = r.stdout
    .split('\n')
    .map(Number)
    .filter((x) => Number.isFinite(x) && x > 0)
    .sort((a, b) => a - b);
  let gap = 0;
  for (let i = 1; i < t.length; i++) gap = Math.max(gap, t[i]! - t[i - 1]!);
  return { frames: t.length, gap };
}
