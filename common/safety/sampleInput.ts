// Turns a sampled frame (raw yuv420p from the frame relay, raw RGB, or a JPEG) into the classifier's input:
// one 224×224 RGB picture, scaled once straight from the source. Each output pixel averages a small grid of
// source points inside its cell (at most 4×4), so a 1080p frame costs ~50k cells × 16 reads, not a pass over
// its two million pixels, and nothing is decoded or scaled twice.
import jpeg from 'jpeg-js';
import type { FrameInput } from './classifierProtocol';

export const MODEL_SIZE = 224;
const GRID = 4;

/** Source indices to average along one axis: `n` points spread inside each output cell (n ≤ grid). */
interface Axis {
  n: number;
  idx: Int32Array;
}
const axisCache = new Map<string, Axis>();
function axis(srcLen: number, outLen: number, grid: number): Axis {
  const key = `${srcLen}:${outLen}:${grid}`;
  const hit = axisCache.get(key);
  if (hit) return hit;
  const n = Math.min(grid, Math.max(1, Math.floor(srcLen / outLen)));
  const idx = new Int32Array(outLen * n);
  const cell = srcLen / outLen;
  for (let o = 0; o < outLen; o++) {
    for (let k = 0; k < n; k++) idx[o * n + k] = Math.min(srcLen - 1, Math.floor(o * cell + ((k + 0.5) * cell) / n));
  }
  const a = { n, idx };
  axisCache.set(key, a);
  return a;
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

/**
 * yuv420p (BT.601, limited range, as ffmpeg's compositor writes it) → 224×224 RGB24. Luma averages up to 4×4
 * points per cell, chroma (half resolution already) up to 2×2.
 */
export function yuv420pToModelRgb(data: Uint8Array, width: number, height: number, size = MODEL_SIZE): Uint8Array {
  if (width === size && height === size) return yuv420pToRgb(data, size);
  const cw = width >> 1;
  const ch = height >> 1;
  const uBase = width * height;
  const vBase = uBase + cw * ch;
  const xs = axis(width, size, GRID);
  const ys = axis(height, size, GRID);
  const cxs = axis(cw, size, 2);
  const cys = axis(ch, size, 2);
  const nY = xs.n * ys.n;
  const nC = cxs.n * cys.n;
  const out = new Uint8Array(size * size * 3);
  for (let oy = 0; oy < size; oy++) {
    for (let ox = 0; ox < size; ox++) {
      let sy = 0;
      for (let j = 0; j < ys.n; j++) {
        const row = (ys.idx[oy * ys.n + j] as number) * width;
        for (let i = 0; i < xs.n; i++) sy += data[row + (xs.idx[ox * xs.n + i] as number)] as number;
      }
      let su = 0;
      let sv = 0;
      for (let j = 0; j < cys.n; j++) {
        const row = (cys.idx[oy * cys.n + j] as number) * cw;
        for (let i = 0; i < cxs.n; i++) {
          const c = row + (cxs.idx[ox * cxs.n + i] as number);
          su += data[uBase + c] as number;
          sv += data[vBase + c] as number;
        }
      }
      const c = 1.164 * (sy / nY - 16);
      const d = su / nC - 128;
      const e = sv / nC - 128;
      const o = (oy * size + ox) * 3;
      out[o] = clamp(Math.round(c + 1.596 * e));
      out[o + 1] = clamp(Math.round(c - 0.392 * d - 0.813 * e));
      out[o + 2] = clamp(Math.round(c + 2.017 * d));
    }
  }
  return out;
}

/**
 * A yuv420p frame already at the model's size (the compositor's safety sample) → RGB24, pixel for pixel: what
 * the scaler above computes when each cell is one pixel, without its index tables (a quarter of the time).
 */
function yuv420pToRgb(data: Uint8Array, size: number): Uint8Array {
  const cw = size >> 1;
  const uBase = size * size;
  const vBase = uBase + cw * cw;
  const out = new Uint8Array(size * size * 3);
  for (let y = 0, o = 0; y < size; y++) {
    const row = y * size;
    const crow = (y >> 1) * cw;
    for (let x = 0; x < size; x++, o += 3) {
      const c = 1.164 * ((data[row + x] as number) - 16);
      const d = (data[uBase + crow + (x >> 1)] as number) - 128;
      const e = (data[vBase + crow + (x >> 1)] as number) - 128;
      out[o] = clamp(Math.round(c + 1.596 * e));
      out[o + 1] = clamp(Math.round(c - 0.392 * d - 0.813 * e));
      out[o + 2] = clamp(Math.round(c + 2.017 * d));
    }
  }
  return out;
}

/** Packed RGB24 or RGBA of any size → 224×224 RGB24 (a 224×224 RGB input is returned as is). */
export function rgbToModelRgb(
  data: Uint8Array,
  width: number,
  height: number,
  channels: 3 | 4,
  size = MODEL_SIZE,
): Uint8Array {
  if (channels === 3 && width === size && height === size) return data;
  const xs = axis(width, size, GRID);
  const ys = axis(height, size, GRID);
  const n = xs.n * ys.n;
  const out = new Uint8Array(size * size * 3);
  for (let oy = 0; oy < size; oy++) {
    for (let ox = 0; ox < size; ox++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let j = 0; j < ys.n; j++) {
        const row = (ys.idx[oy * ys.n + j] as number) * width;
        for (let i = 0; i < xs.n; i++) {
          const p = (row + (xs.idx[ox * xs.n + i] as number)) * channels;
          r += data[p] as number;
          g += data[p + 1] as number;
          b += data[p + 2] as number;
        }
      }
      const o = (oy * size + ox) * 3;
      out[o] = Math.round(r / n);
      out[o + 1] = Math.round(g / n);
      out[o + 2] = Math.round(b / n);
    }
  }
  return out;
}

/** Any frame the studio samples → the model's 224×224 RGB24. Throws plain words on a frame it cannot read. */
export function toModelRgb(frame: FrameInput): Uint8Array {
  if (frame.format === 'jpeg') {
    const img = jpeg.decode(frame.data, {
      useTArray: true,
      formatAsRGBA: false,
      maxResolutionInMP: 40,
      maxMemoryUsageInMB: 512,
    });
    if (img.width < 8 || img.height < 8) throw new Error(`a ${img.width}×${img.height} picture is too small to judge`);
    return rgbToModelRgb(img.data, img.width, img.height, 3);
  }
  if (!Number.isInteger(frame.width) || !Number.isInteger(frame.height) || frame.width < 8 || frame.height < 8) {
    throw new Error(`a raw frame of ${frame.width}×${frame.height} is too small to judge`);
  }
  if (frame.format === 'rgb') {
    const need = frame.width * frame.height * 3;
    if (frame.data.length !== need)
      throw new Error(
        `a raw ${frame.width}×${frame.height} RGB frame needs ${need} bytes, it had ${frame.data.length}`,
      );
    return rgbToModelRgb(frame.data, frame.width, frame.height, 3);
  }
  if (frame.width % 2 || frame.height % 2)
    throw new Error(`a yuv420p frame needs even sides, not ${frame.width}×${frame.height}`);
  const need = (frame.width * frame.height * 3) / 2;
  if (frame.data.length !== need)
    throw new Error(
      `a raw ${frame.width}×${frame.height} yuv420p frame needs ${need} bytes, it had ${frame.data.length}`,
    );
  return yuv420pToModelRgb(frame.data, frame.width, frame.height);
}

/** 224×224 RGB24 → the model's input: floats in 0..1, as nsfwjs normalises (÷255). */
export function toModelFloats(rgb: Uint8Array): Float32Array {
  const out = new Float32Array(rgb.length);
  for (let i = 0; i < rgb.length; i++) out[i] = (rgb[i] ?? 0) / 255;
  return out;
}

/** 224×224 RGB24 → ONNX Runtime's input: the same floats (÷255), planar (all red, then green, then blue). */
export function toModelPlanarFloats(rgb: Uint8Array): Float32Array {
  const pixels = rgb.length / 3;
  const out = new Float32Array(rgb.length);
  for (let p = 0, i = 0; p < pixels; p++, i += 3) {
    out[p] = (rgb[i] ?? 0) / 255;
    out[pixels + p] = (rgb[i + 1] ?? 0) / 255;
    out[2 * pixels + p] = (rgb[i + 2] ?? 0) / 255;
  }
  return out;
}
