// A guest on camera hears and sees the show over the return feed, without their own voice: the VJ's
// microphone is the test tone (1 kHz), the guest's Chromium microphone a steady 2.5 kHz tone and its camera
// magenta. The program on the ingest carries both tones (so the guest's voice did reach the show); the sound
// the guest's page receives over WHEP, captured on the page, holds the VJ's tone and not the guest's; its
// picture is the program (the guest's own box in it). The guest then leaves and rejoins the same room, and
// the return feed plays again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { defaultFfmpegLocation } from '../main/system';
import { launchChromium, shot, startHost, type RunningHost } from './harness';
import { goLive, signInAsVj, startPreview } from './support/studioPages';
import {
  askAndAccept,
  colourCamera,
  guestInRoom,
  launchGuestChromium,
  near,
  streamToneLevels,
  toneLevelDb,
  toneMicrophone,
  type Rgb,
} from './support/guestPages';

const loc = defaultFfmpegLocation();
const ffmpeg = loc.found ? loc.path : 'ffmpeg';
const MAGENTA: Rgb = [255, 0, 255];
const VJ_HZ = 1000; // the studio's test microphone (sceneAudio.ts)
const GUEST_HZ = 2500;
// The first guest's box in the picture-in-picture layout, as fractions of the program (layouts.ts).
const BOX = { x: 0.85, y: 0.83 };

let host: RunningHost;
let vjBrowser: Browser;
let guestBrowser: Browser;
let vj: Page;

beforeAll(async () => {
  host = await startHost();
  vjBrowser = await launchChromium();
  guestBrowser = await launchGuestChromium(colourCamera(ffmpeg, 'ff00ff'), toneMicrophone(ffmpeg, GUEST_HZ));
  vj = await vjBrowser.newPage({ viewport: { width: 1280, height: 1000 } });
});
afterAll(async () => {
  // What the platform and the studio said of the feeds, for a failure's reader.
  const said = host
    ?.output()
    .split('\n')
    .filter((l) => /whep|whip|return feed|cohost|ingest/i.test(l));
  console.log(said?.slice(-60).join('\n'));
  await guestBrowser?.close();
  await vjBrowser?.close();
  await host?.stop();
});

/**
 * Three seconds of what the page's return feed plays, captured on the page (Web Audio), as tone levels. The
 * sound may start a little after the picture (the relay's first Opus packets, the page's audio graph, the
 * feed's silence while the compositor takes the guest in): a capture that is silent (below -90 dBFS) is taken
 * again, up to 30 s.
 */
async function returnFeedTones(guest: Page): Promise<{ vj: number; guest: number }> {
  const end = Date.now() + 30_000;
  let pcm = await captureReturnFeed(guest);
  while (nearSilence(pcm) && Date.now() < end) pcm = await captureReturnFeed(guest);
  expect(pcm.length, 'samples captured on the page').toBeGreaterThan(48000);
  return { vj: toneLevelDb(pcm, 48000, VJ_HZ), guest: toneLevelDb(pcm, 48000, GUEST_HZ) };
}

/** Below -90 dBFS RMS: the feed's silence while the compositor takes the guest in (or decoder noise). */
function nearSilence(pcm: Float32Array): boolean {
  let sum = 0;
  for (const x of pcm) sum += x * x;
  return pcm.length === 0 || 10 * Math.log10(sum / pcm.length + 1e-30) < -90;
}

async function captureReturnFeed(guest: Page): Promise<Float32Array> {
  const samples = await guest.evaluate(async () => {
    const video = document.getElementById('returnFeed') as HTMLVideoElement;
    const ctx = new AudioContext({ sampleRate: 48000 });
    await ctx.resume();
    const source = ctx.createMediaStreamSource(video.srcObject as MediaStream);
    const tap = ctx.createScriptProcessor(4096, 1, 1);
    const got: number[] = [];
    tap.onaudioprocess = (e) => got.push(...e.inputBuffer.getChannelData(0));
    source.connect(tap);
    tap.connect(ctx.destination);
    await new Promise((r) => setTimeout(r, 3000));
    tap.disconnect();
    await ctx.close();
    return got;
  });
  return Float32Array.from(samples);
}

/** The colour of the return feed's picture at a point (fractions), drawn from the page's video element. */
function returnFeedColour(guest: Page, cx: number, cy: number): Promise<Rgb> {
  return guest.evaluate(
    ({ cx, cy }) => {
      const v = document.getElementById('returnFeed') as HTMLVideoElement;
      const c = document.createElement('canvas');
      c.width = v.videoWidth;
      c.height = v.videoHeight;
      const g = c.getContext('2d')!;
      g.drawImage(v, 0, 0);
      const d = g.getImageData(Math.round(cx * c.width) - 4, Math.round(cy * c.height) - 4, 8, 8).data;
      const sum = [0, 0, 0];
      for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) sum[k]! += d[i + k]!;
      return sum.map((s) => Math.round(s / 64)) as [number, number, number];
    },
    { cx, cy },
  );
}

async function waitForReturnFeed(guest: Page): Promise<void> {
  await guest.waitForFunction(
    () => {
      const v = document.getElementById('returnFeed') as HTMLVideoElement | null;
      const s = v?.srcObject as MediaStream | null;
      return !!v && !!s && s.getAudioTracks().length > 0 && v.readyState >= 2 && v.videoWidth > 0 && v.currentTime > 1;
    },
    undefined,
    { timeout: 45_000, polling: 300 },
  );
}

describe('the return feed', () => {
  let roomId = '';
  let base = '';
  let flvUrl = '';
  let guest: Page;
  let userId = '';

  it('goes live as the VJ with the test microphone', async () => {
    await signInAsVj(vj, host.url, { userId: 'vj_return', nickname: 'DJ Return' });
    await startPreview(vj);
    await vj.getByTestId('mic-device').first().selectOption('test');
    ({ roomId, platform: base } = await goLive(vj, 'Return feed'));
    const room = (await (await fetch(`${base}/api/v1/rooms/${roomId}`)).json()) as { playUrls: { flv: string } };
    flvUrl = room.playUrls.flv;
  }, 150_000);

  it("plays the guest the show with the VJ's voice and without their own", async () => {
    ({ page: guest, userId } = await guestInRoom(guestBrowser, base, roomId));
    await askAndAccept(vj, guest, userId);

    // The show did get the guest's voice: the program on the ingest holds both tones (the guest's once their
    // sound has come through the bridge and the compositor; a pull starts at the stream's last keyframe).
    let program: number[] | null;
    const end = Date.now() + 40_000;
    do program = await streamToneLevels(ffmpeg, flvUrl, [VJ_HZ, GUEST_HZ]);
    while ((!program || program[1]! < -65) && Date.now() < end);
    console.log(
      `program on the ingest: VJ tone ${program?.[0]?.toFixed(1)} dBFS, guest tone ${program?.[1]?.toFixed(1)} dBFS`,
    );
    expect(program![0]!).toBeGreaterThan(-75);
    expect(program![1]!).toBeGreaterThan(-75);

    await waitForReturnFeed(guest);
    expect(await guest.locator('#cohost').isHidden(), 'on camera, there is nothing to ask for').toBe(true);
    const heard = await returnFeedTones(guest);
    console.log(
      `return feed on the page: VJ tone ${heard.vj.toFixed(1)} dBFS, guest tone ${heard.guest.toFixed(1)} dBFS`,
    );
    expect(heard.vj, "the VJ's voice in the return feed").toBeGreaterThan(-75);
    expect(heard.vj - heard.guest, "the guest's own voice left out (dB below the VJ's)").toBeGreaterThan(30);
    expect(program![1]! - heard.guest, "the guest's own voice (dB below its level in the program)").toBeGreaterThan(30);

    // The picture is the program: the guest's own box shows their camera's colour.
    const colour = await returnFeedColour(guest, BOX.x, BOX.y);
    expect(colour, `the return feed's guest box: ${colour.join(',')}`).toSatisfy((c: Rgb) => near(c, MAGENTA));
    await shot(guest, 'guest-3-page-return-feed');
  }, 180_000);

  it('the guest leaves and rejoins the same room, and hears the show again', async () => {
    await guest.locator('#leaveVideo').click();
    await vj.locator(`[data-testid=cohost-guest-${userId}][data-state=ended]`).waitFor({ timeout: 15_000 });
    expect(await guest.locator('#onCamera').isHidden()).toBe(true);
    expect(await guest.locator('#cohost').isVisible(), 'off camera, the guest may ask again').toBe(true);
    expect(
      await guest.evaluate(() => (document.getElementById('returnFeed') as HTMLVideoElement).srcObject),
    ).toBeNull();

    await askAndAccept(vj, guest, userId);
    await guest.locator('#onCamera[data-state=live]').waitFor({ timeout: 20_000 });
    await waitForReturnFeed(guest);
    const heard = await returnFeedTones(guest);
    console.log(`after the rejoin: VJ tone ${heard.vj.toFixed(1)} dBFS, guest tone ${heard.guest.toFixed(1)} dBFS`);
    expect(heard.vj).toBeGreaterThan(-75);
    expect(heard.vj - heard.guest).toBeGreaterThan(30);
    await guest.locator('#leaveVideo').click();
    await vj.locator(`[data-testid=cohost-guest-${userId}][data-state=ended]`).waitFor({ timeout: 15_000 });
  }, 180_000);
});
