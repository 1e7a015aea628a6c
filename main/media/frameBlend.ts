// How a transition's frame is made from two raw yuv420p frames (the scene going out, the scene coming in)
// and, for a stinger, one yuva420p frame drawn over them. Pure byte arithmetic on whole frames, so the relay
// can run a transition without a second encoder or a new compositor graph.

/** A frame's slices as one contiguous buffer (a frame usually arrives in one or two chunks). */
export function contiguous(slices: Buffer[]): Buffer {
  return slices.length === 1 ? (slices[0] as Buffer) : Buffer.concat(slices);
}

/** A buffer's bytes as 32-bit words (copied once when the buffer does not start on a word boundary). */
function words(b: Buffer): { buf: Buffer; w: Uint32Array } {
  const buf = b.byteOffset % 4 === 0 ? b : Buffer.from(b);
  return { buf, w: new Uint32Array(buf.buffer, buf.byteOffset, buf.length >> 2) };
}

/**
 * out = a·(1−p) + b·p on every byte (Y, U and V alike), with p in [0, 1]. Four bytes a step: two lanes of
 * 16 bits each hold a byte times a weight of at most 256, so no lane overflows into the next.
 */
export function fadeFrames(a: Buffer, b: Buffer, p: number): Buffer {
  const k = Math.round(Math.min(1, Math.max(0, p)) * 256);
  const j = 256 - k;
  const out = Buffer.alloc(a.length);
  const wa = words(a).w;
  const wb = words(b).w;
  const wo = words(out).w;
  for (let i = 0; i < wo.length; i++) {
    const x = wa[i] as number;
    const y = wb[i] as number;
    const even = (((x & 0xff00ff) * j + (y & 0xff00ff) * k) >>> 8) & 0xff00ff;
    const odd = ((((x >>> 8) & 0xff00ff) * j + ((y >>> 8) & 0xff00ff) * k) >>> 0) & 0xff00ff00;
    wo[i] = even | odd;
  }
  for (let i = wo.length * 4; i < a.length; i++) out[i] = ((a[i] as number) * j + (b[i] as number) * k) >> 8;
  return out;
}

export type SlideDirection = 'left' | 'right' | 'up' | 'down';

/** The three planes of a yuv420p frame of w×h: offset, width and height of each. */
function planes(w: number, h: number): { offset: number; w: number; h: number }[] {
  const y = w * h;
  const c = (w / 2) * (h / 2);
  return [
    { offset: 0, w, h },
    { offset: y, w: w / 2, h: h / 2 },
    { offset: y + c, w: w / 2, h: h / 2 },
  ];
}

/**
 * The incoming frame pushes the outgoing one out, towards `direction`, p of the way (p in [0, 1]). Whole rows
 * or row segments are copied, so a slide costs about one frame copy.
 */
export function slideFrames(a: Buffer, b: Buffer, w: number, h: number, p: number, direction: SlideDirection): Buffer {
  const out = Buffer.allocUnsafe(a.length);
  const q = Math.min(1, Math.max(0, p));
  const horizontal = direction === 'left' || direction === 'right';
  // An even shift in luma pixels, so the chroma planes (half size) move by exactly half of it.
  const lumaShift = Math.round((q * (horizontal ? w : h)) / 2) * 2;
  for (const pl of planes(w, h)) {
    const d = pl.offset === 0 ? lumaShift : lumaShift / 2;
    for (let row = 0; row < pl.h; row++) {
      const at = pl.offset + row * pl.w;
      if (direction === 'left') {
        // The outgoing frame's right part moves to the left edge; the incoming frame's left part follows it.
        a.copy(out, at, at + d, at + pl.w);
        b.copy(out, at + pl.w - d, at, at + d);
      } else if (direction === 'right') {
        b.copy(out, at, at + pl.w - d, at + pl.w);
        a.copy(out, at + d, at, at + pl.w - d);
      } else {
        // Vertical: the output row comes whole from one frame.
        const fromOld = direction === 'up' ? row + d < pl.h : row >= d;
        const srcRow = direction === 'up' ? (fromOld ? row + d : row + d - pl.h) : fromOld ? row - d : row + pl.h - d;
        (fromOld ? a : b).copy(out, at, pl.offset + srcRow * pl.w, pl.offset + (srcRow + 1) * pl.w);
      }
    }
  }
  return out;
}

/**
 * Draws a yuva420p frame (`top`, w×h) over a yuv420p frame (`base`) by its alpha: an opaque pixel replaces,
 * a transparent one leaves the base, anything between blends. Chroma takes the alpha of its 2×2 block's
 * top-left pixel.
 */
export function overlayAlpha(base: Buffer, top: Buffer, w: number, h: number): Buffer {
  const ySize = w * h;
  const cw = w / 2;
  const cSize = cw * (h / 2);
  const alphaAt = ySize + 2 * cSize;
  // Buffer.alloc never hands out a slice of the shared pool: the word view below writes into `out` itself.
  const out = Buffer.alloc(base.length);
  // Stingers are mostly fully opaque or fully transparent: four pixels at a time where their alpha agrees.
  const alpha = words(top.subarray(alphaAt, alphaAt + ySize)).w;
  const topY = words(top.subarray(0, ySize)).w;
  const baseY = words(base.subarray(0, ySize)).w;
  const outY = words(out).w;
  for (let q = 0; q < alpha.length; q++) {
    const al4 = alpha[q] as number;
    if (al4 === 0xffffffff) outY[q] = topY[q] as number;
    else if (al4 === 0) outY[q] = baseY[q] as number;
    else
      for (let i = q * 4; i < q * 4 + 4; i++) {
        const al = top[alphaAt + i] as number;
        out[i] = ((top[i] as number) * al + (base[i] as number) * (255 - al) + 127) / 255;
      }
  }
  for (let i = alpha.length * 4; i < ySize; i++) {
    const al = top[alphaAt + i] as number;
    out[i] = ((top[i] as number) * al + (base[i] as number) * (255 - al) + 127) / 255;
  }
  for (let cy = 0; cy < h / 2; cy++)
    for (let cx = 0; cx < cw; cx++) {
      const al = top[alphaAt + cy * 2 * w + cx * 2] as number;
      const u = ySize + cy * cw + cx;
      const v = u + cSize;
      if (al === 255) {
        out[u] = top[u] as number;
        out[v] = top[v] as number;
      } else if (al === 0) {
        out[u] = base[u] as number;
        out[v] = base[v] as number;
      } else {
        out[u] = ((top[u] as number) * al + (base[u] as number) * (255 - al) + 127) / 255;
        out[v] = ((top[v] as number) * al + (base[v] as number) * (255 - al) + 127) / 255;
      }
    }
  return out;
}
