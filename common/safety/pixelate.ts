// Turns any decoded frame into 16×9 block averages, and those into a tiny JPEG data: URL. A stored or shown
// safety thumbnail is only ever this: 144 coloured blocks, never a clear picture.
import jpeg from 'jpeg-js';
import type { PixelatedThumb } from './classifierProtocol';

export const THUMB_WIDTH = 16;
export const THUMB_HEIGHT = 9;

/** Averages `channels`-per-pixel data (3 = RGB, 4 = RGBA) into 16×9 blocks of RGB. */
export function pixelate(data: Uint8Array, width: number, height: number, channels: 3 | 4): PixelatedThumb {
  const rgb = new Uint8Array(THUMB_WIDTH * THUMB_HEIGHT * 3);
  for (let by = 0; by < THUMB_HEIGHT; by++) {
    const y0 = Math.floor((by * height) / THUMB_HEIGHT);
    const y1 = Math.max(y0 + 1, Math.floor(((by + 1) * height) / THUMB_HEIGHT));
    for (let bx = 0; bx < THUMB_WIDTH; bx++) {
      const x0 = Math.floor((bx * width) / THUMB_WIDTH);
      const x1 = Math.max(x0 + 1, Math.floor(((bx + 1) * width) / THUMB_WIDTH));
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      // Every other pixel each way is plenty for an average and halves the cost on big frames.
      for (let y = y0; y < y1 && y < height; y += 2) {
        for (let x = x0; x < x1 && x < width; x += 2) {
          const i = (y * width + x) * channels;
          r += data[i] ?? 0;
          g += data[i + 1] ?? 0;
          b += data[i + 2] ?? 0;
          n++;
        }
      }
      const o = (by * THUMB_WIDTH + bx) * 3;
      rgb[o] = n ? Math.round(r / n) : 0;
      rgb[o + 1] = n ? Math.round(g / n) : 0;
      rgb[o + 2] = n ? Math.round(b / n) : 0;
    }
  }
  return { width: THUMB_WIDTH, height: THUMB_HEIGHT, rgb };
}

/** Encodes a 16×9 thumbnail as a JPEG data: URL. Refuses anything bigger, so a clear frame can never slip in. */
export function thumbToDataUrl(thumb: PixelatedThumb): string {
  if (thumb.width > THUMB_WIDTH || thumb.height > THUMB_HEIGHT)
    throw new Error('A safety thumbnail is at most 16×9 blocks.');
  const rgba = Buffer.alloc(thumb.width * thumb.height * 4);
  for (let i = 0, j = 0; i < thumb.rgb.length; i += 3, j += 4) {
    rgba[j] = thumb.rgb[i] ?? 0;
    rgba[j + 1] = thumb.rgb[i + 1] ?? 0;
    rgba[j + 2] = thumb.rgb[i + 2] ?? 0;
    rgba[j + 3] = 255;
  }
  const encoded = jpeg.encode({ width: thumb.width, height: thumb.height, data: rgba }, 90);
  return `data:image/jpeg;base64,${encoded.data.toString('base64')}`;
}
