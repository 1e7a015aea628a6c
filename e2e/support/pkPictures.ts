// Test support for PK: reading the two studios' pictures, from the viewer stream pulled at the ingest (frames
// of W x H RGB) and from a studio's own program preview in its page, by the regions of the side-by-side layout.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { FramePuller } from '../../testSupport/media';
import { screenshotDir } from '../harness';

/** A studio in the battle as the pictures see it: its colour, its page and its viewer stream's frames. */
export interface PkPictureSide {
  colour: string;
  page: Page;
  puller: FramePuller;
}

export const W = 320;
export const H = 180;
export type Rgb = [number, number, number];
export const near = (hex: string) => (c: Rgb) =>
  [1, 3, 5].every((k, i) => Math.abs(parseInt(hex.slice(k, k + 2), 16) - c[i]!) < 50);
export const RED = '#ff2020';
export const GREEN = '#20ff20';

export const latest = (v: PkPictureSide) => v.puller.frames.at(-1)!;
export const colourAt = (v: PkPictureSide, x: number, y: number, w: number, h: number, f = latest(v)) =>
  FramePuller.mean(f, W, x, y, w, h) as Rgb;
/**
 * Side by side: the room's own VJ in the left half's middle, the partner's program in the right half's; the
 * partner's own picture is the middle band of that program's left half (their program has us on its right).
 */
export const regions = (v: PkPictureSide, f = latest(v)) => ({
  own: colourAt(v, 20, H / 4 + 10, W / 2 - 40, H / 2 - 20, f),
  partner: colourAt(v, W / 2 + 8, Math.round((3 * H) / 8) + 4, W / 4 - 16, H / 4 - 8, f),
  rightHalf: colourAt(v, W / 2 + 10, H / 4 + 10, W / 2 - 20, H / 2 - 20, f),
});
export const solo = (v: PkPictureSide, f = latest(v)) => {
  const r = regions(v, f);
  return near(v.colour)(r.own) && near(v.colour)(r.rightHalf);
};

/** Mean colours of the studio's own program preview (the compositor's frames, no viewer path) in the page. */
export function previewRegions(page: Page): Promise<{ own: Rgb; partner: Rgb; rightHalf: Rgb; result: Rgb } | null> {
  return page.evaluate(
    ({ w, h }) => {
      const img = document.querySelector<HTMLImageElement>('[data-testid=media-preview-frame]');
      if (!img || !img.complete || img.naturalWidth === 0) return null;
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0, w, h);
      const mean = (x: number, y: number, rw: number, rh: number) => {
        const d = ctx.getImageData(x, y, rw, rh).data;
        const sum = [0, 0, 0];
        for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) sum[k]! += d[i + k]!;
        return sum.map((v) => v / (d.length / 4));
      };
      return {
        own: mean(20, h / 4 + 10, w / 2 - 40, h / 2 - 20),
        partner: mean(w / 2 + 8, Math.round((3 * h) / 8) + 4, w / 4 - 16, h / 4 - 8),
        rightHalf: mean(w / 2 + 10, h / 4 + 10, w / 2 - 20, h / 2 - 20),
        result: mean(Math.round(w * 0.6), Math.round(h / 3) + 6, 16, 16),
      };
    },
    { w: W, h: H },
  ) as Promise<{ own: Rgb; partner: Rgb; rightHalf: Rgb; result: Rgb } | null>;
}

/** Polls the studio's preview until the program is solo: how long after `t0` that was, in ms. */
export async function programSoloAfter(v: PkPictureSide, t0: number, what: string): Promise<number> {
  let last: unknown;
  for (;;) {
    const r = await previewRegions(v.page);
    last = r;
    if (r && near(v.colour)(r.own) && near(v.colour)(r.rightHalf)) return Date.now() - t0;
    if (Date.now() - t0 > 30_000) throw new Error(`${what}: not solo after 30 s (${JSON.stringify(last)})`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * Saves a pulled frame as a PNG. ffmpeg runs asynchronously: the platform lives in the test's process, and a
 * blocked event loop stalls its ingest (both studios then lose each other's feed for a moment).
 */
export function savePulledFrame(v: PkPictureSide, name: string, frame = v.puller.frames.at(-1)!): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const args = ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${W}x${H}`, '-i', '-'];
  const ffmpeg = spawn('ffmpeg', [...args, '-vf', 'scale=960:540', '-y', join(screenshotDir, `${name}.png`)], {
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  ffmpeg.stdin.end(frame.rgb);
  return new Promise((done, fail) => {
    ffmpeg.once('error', fail);
    ffmpeg.once('exit', (code) => (code === 0 ? done() : fail(new Error(`ffmpeg could not save ${name} (${code})`))));
  });
}
