// A frame that carries the time it was made: the wall clock (ms) drawn as an 8×6 grid of black and white
// blocks that survive scaling and H.264, read back from any picture of the frame. The codec is one
// self-contained function so that the very same code runs in Node and, as its source text, in a browser page.

/** Where the grid sits in a picture, in pixels. */
export interface ClockRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ClockBlocksCodec {
  cols: number;
  rows: number;
  /** The 48 blocks of a time (0 black, 1 white), row by row: 8 sync bits, the ms (mod 2^32), a CRC-8. */
  encode(ms: number): number[];
  /** The mean luma (0..255) of the middle of each block of `rect` in a picture of `channels` bytes a pixel. */
  sample(pixels: ArrayLike<number>, width: number, channels: number, rect: ClockRect): number[];
  /** The ms (mod 2^32) the blocks carry, or null for a picture that is not one whole clean frame of the code. */
  decode(lumas: number[]): number | null;
  /** The full wall-clock time of a decoded value: the one nearest `nearMs`. */
  unwrap(ms32: number, nearMs: number): number;
}

/**
 * The codec. Nothing outside its body is referenced: the browser gets `(${clockBlocksCodec})()`.
 * A damaged frame (two frames blended, a block smeared to grey, a picture of something else) is refused
 * three ways: a block too near the middle between black and white, the sync bits, the CRC.
 */
export function clockBlocksCodec(): ClockBlocksCodec {
  const cols = 8;
  const rows = 6;
  const SYNC = [1, 0, 1, 1, 0, 0, 1, 0];
  const TWO32 = 4294967296;
  const crc8 = (bytes: number[]): number => {
    let c = 0;
    for (const b of bytes) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
    }
    return c;
  };
  const bytesOf = (v: number): number[] => [
    Math.floor(v / 16777216) % 256,
    Math.floor(v / 65536) % 256,
    Math.floor(v / 256) % 256,
    v % 256,
  ];
  const bitsOf = (v: number, n: number): number[] => {
    const out: number[] = [];
    for (let k = n - 1; k >= 0; k--) out.push(Math.floor(v / 2 ** k) % 2);
    return out;
  };
  return {
    cols,
    rows,
    encode(ms) {
      const v = ((Math.floor(ms) % TWO32) + TWO32) % TWO32;
      return [...SYNC, ...bitsOf(v, 32), ...bitsOf(crc8(bytesOf(v)), 8)];
    },
    sample(pixels, width, channels, rect) {
      const out: number[] = [];
      const bw = rect.width / cols;
      const bh = rect.height / rows;
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) {
          // The middle half of the block, on a 4×4 lattice: edges blur in scaling and in the codec.
          let sum = 0;
          for (let j = 0; j < 4; j++)
            for (let i = 0; i < 4; i++) {
              const x = Math.floor(rect.x + bw * (c + 0.25 + (i * 0.5) / 3));
              const y = Math.floor(rect.y + bh * (r + 0.25 + (j * 0.5) / 3));
              sum += pixels[(y * width + x) * channels]!;
            }
          out.push(sum / 16);
        }
      return out;
    },
    decode(lumas) {
      if (lumas.length !== cols * rows) return null;
      const lo = Math.min(...lumas);
      const hi = Math.max(...lumas);
      if (hi - lo < 80) return null;
      const mid = (hi + lo) / 2;
      const margin = (hi - lo) * 0.25;
      if (lumas.some((l) => Math.abs(l - mid) < margin)) return null;
      const bits = lumas.map((l) => (l > mid ? 1 : 0));
      if (SYNC.some((b, k) => bits[k] !== b)) return null;
      let v = 0;
      for (let k = 8; k < 40; k++) v = v * 2 + bits[k]!;
      let crc = 0;
      for (let k = 40; k < 48; k++) crc = crc * 2 + bits[k]!;
      return crc === crc8(bytesOf(v)) ? v : null;
    },
    unwrap(ms32, nearMs) {
      const base = nearMs - (((nearMs % TWO32) + TWO32) % TWO32);
      let best = base + ms32;
      for (const t of [best - TWO32, best + TWO32]) if (Math.abs(t - nearMs) < Math.abs(best - nearMs)) best = t;
      return best;
    },
  };
}

/** The grid's luma plane: `width`×`height` bytes, black 16 and white 235 (video range). */
export function clockLumaPlane(codec: ClockBlocksCodec, ms: number, width: number, height: number): Buffer {
  const bits = codec.encode(ms);
  const plane = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    const r = Math.min(codec.rows - 1, Math.floor((y * codec.rows) / height));
    for (let x = 0; x < width; x++) {
      const c = Math.min(codec.cols - 1, Math.floor((x * codec.cols) / width));
      plane[y * width + x] = bits[r * codec.cols + c] ? 235 : 16;
    }
  }
  return plane;
}
