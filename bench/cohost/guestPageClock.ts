// What the co-host benchmark adds to the real viewer page in Chromium: a camera that shows the wall clock
// (a canvas stream drawing the clock blocks ~30 times a second, the browser's own fake microphone beside it),
// and a reader of the return feed's <video> that decodes the clock blocks of every frame as it is shown.
import type { Page } from 'playwright-core';
import { clockBlocksCodec } from './clockBlocks';

/** A box of the return feed's picture, as fractions of its width and height. */
export interface FractionRect {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A clock read on the page: which box, the time its frame carried, when the page showed it. */
export interface PageReading {
  name: string;
  ms32: number;
  at: number;
}

/**
 * The codec on the page (window.__clockCodec) and window.__drawClock(canvas), which draws the wall clock on the
 * canvas ~30 times a second. esbuild may name functions through a __name helper that a page does not have.
 */
export function clockDrawingScript(): string {
  return `(() => {
  const __name = (f) => f;
  const codec = (${clockBlocksCodec.toString()})();
  window.__clockCodec = codec;
  window.__drawClock = (canvas) => {
    const g = canvas.getContext('2d');
    const W = canvas.width, H = canvas.height;
    const draw = () => {
      const bits = codec.encode(Date.now());
      for (let r = 0; r < codec.rows; r++)
        for (let c = 0; c < codec.cols; c++) {
          g.fillStyle = bits[r * codec.cols + c] ? '#fff' : '#000';
          g.fillRect((c * W) / codec.cols, (r * H) / codec.rows, W / codec.cols, H / codec.rows);
        }
    };
    draw();
    setInterval(draw, 1000 / 30);
  };
})();`;
}

/** The guest's camera is a canvas stream of the clock; the return feed's frames are read as they are shown. */
const guestScript = `(() => {
  const codec = window.__clockCodec;
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    if (!constraints || !constraints.video) return original(constraints);
    const sound = constraints.audio ? await original({ audio: constraints.audio }) : null;
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 360;
    window.__drawClock(canvas);
    const stream = canvas.captureStream(30);
    if (sound) for (const t of sound.getAudioTracks()) stream.addTrack(t);
    return stream;
  };
  window.__clockReadings = [];
  window.__watchReturnFeed = (rects) => {
    const video = document.getElementById('returnFeed');
    // Each box is drawn small on a canvas of its own: 16×12 pixels a block is plenty, and cheap to read.
    const boxes = rects.map((r) => {
      const canvas = document.createElement('canvas');
      canvas.width = codec.cols * 16;
      canvas.height = codec.rows * 12;
      return { r, canvas, g: canvas.getContext('2d', { willReadFrequently: true }) };
    });
    const onFrame = () => {
      const at = Date.now();
      const w = video.videoWidth, h = video.videoHeight;
      if (w > 0 && h > 0)
        for (const { r, canvas, g } of boxes) {
          g.drawImage(video, r.x * w, r.y * h, r.width * w, r.height * h, 0, 0, canvas.width, canvas.height);
          const px = g.getImageData(0, 0, canvas.width, canvas.height).data;
          const ms32 = codec.decode(codec.sample(px, canvas.width, 4, { x: 0, y: 0, width: canvas.width, height: canvas.height }));
          if (ms32 !== null) window.__clockReadings.push({ name: r.name, ms32, at });
        }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
})();`;

/** Installs the clock camera and the return-feed reader on every page of the context to come. */
export async function installGuestClock(page: Page): Promise<void> {
  await page.addInitScript({ content: clockDrawingScript() + guestScript });
}

/** Starts reading the clock boxes from every frame the return feed shows. */
export async function watchReturnFeed(page: Page, rects: FractionRect[]): Promise<void> {
  await page.evaluate(
    (r) => (window as unknown as { __watchReturnFeed(r: FractionRect[]): void }).__watchReturnFeed(r),
    rects,
  );
}

/** The readings made since the last call. */
export function takeReadings(page: Page): Promise<PageReading[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __clockReadings: PageReading[] };
    const out = w.__clockReadings;
    w.__clockReadings = [];
    return out;
  });
}
