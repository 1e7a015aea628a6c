// The beauty stage: Tencent's 0–9 levels turned into one lut2 pass over the luma (smoothing, sharpness,
// whitening) against a quarter-resolution blur, one small lut over Cr (ruddiness), plus a mirror that is
// switched by command.
//
// Why this shape: a full-resolution blur (hqdn3d, gblur, bilateral) costs ~1.8x the CPU of no filter at
// 1080p (MEDIA.md). Blurring at quarter size costs a sixteenth of that, and lut2 compares each pixel with
// the blurred one: small differences (skin texture) are pulled toward the blur, large ones (edges) are
// kept, or pushed away for sharpness. Whitening is folded into the same table, so the luma is one pass.
// The planes are taken apart first: the blur, its upscale and the two-input table then touch the luma
// only, and Cb is never read (lut2 over all three planes, Cb unchanged, cost about 8 % more in all).
// Every level change is one runtime command to one table; hflip has no commands, but every timeline
// filter accepts `enable`, so the mirror is an `hflip` that is enabled or disabled live (free when off).
import type { Beauty } from '../contract/media';

export const neutralBeauty: Beauty = { smoothing: 0, whitening: 0, ruddiness: 0, sharpness: 0, mirror: false };

const f = (n: number) => (Math.round(n * 1000) / 1000).toString();

/** Luma table: x = pixel, y = blurred pixel. Kept under 255 characters (ffmpeg's stdin command limit). */
export function lumaExpression(b: Beauty): string {
  const k = (b.smoothing / 9) * 0.9; // how far small differences move toward the blur
  const t = 6 + b.smoothing * 2.2; // what counts as "small" (texture) rather than an edge
  const s = (b.sharpness / 9) * 0.8;
  const w = (b.whitening / 9) * 0.45;
  if (k === 0 && s === 0 && w === 0) return 'x';
  const smooth = k > 0 ? `+${f(k)}*ld(0)*max(0,1-abs(ld(0))/${f(t)})` : '';
  const sharp = s > 0 ? `-${f(s)}*ld(0)*min(1,abs(ld(0))/${f(t)})` : '';
  const white = w > 0 ? `+${f(w)}*(255-ld(1))*ld(1)/255` : '';
  return `st(0,y-x);st(1,x${smooth}${sharp});clip(ld(1)${white},16,235)`;
}

/** Cr table: ruddiness warms the skin by moving Cr toward red. */
export function crExpression(b: Beauty): string {
  if (b.ruddiness === 0) return 'val';
  return `clip(val+${f(b.ruddiness * 1.6)},16,240)`;
}

export interface BeautyTargets {
  lut: string;
  cr: string;
  mirror: string;
}

export function beautyTargets(itemIndex: number): BeautyTargets {
  return { lut: `lut2@beauty${itemIndex}`, cr: `lut@ruddy${itemIndex}`, mirror: `hflip@mirror${itemIndex}` };
}

/**
 * The filter chain for one yuv420p item of size w×h, from the label `input` to the label `output`.
 * Uses labels `bt<index>…`.
 */
export function beautyChain(input: string, output: string, w: number, h: number, b: Beauty, itemIndex: number): string {
  const t = beautyTargets(itemIndex);
  const p = `bt${itemIndex}`;
  const qw = Math.max(2, Math.round(w / 8) * 2);
  const qh = Math.max(2, Math.round(h / 8) * 2);
  return (
    `[${input}]extractplanes=y+u+v[${p}y][${p}u][${p}v];` +
    `[${p}y]split=2[${p}m][${p}b];` +
    `[${p}b]scale=${qw}:${qh}:flags=fast_bilinear,gblur=sigma=2,scale=${w}:${h}:flags=fast_bilinear[${p}l];` +
    `[${p}m][${p}l]${t.lut}=c0='${lumaExpression(b)}'[${p}y2];` +
    `[${p}v]${t.cr}=c0='${crExpression(b)}'[${p}v2];` +
    `[${p}y2][${p}u][${p}v2]mergeplanes=0x001020:yuv420p,` +
    `${t.mirror}=enable=${b.mirror ? 1 : 0}[${output}]`
  );
}

export interface FilterCommand {
  target: string;
  command: string;
  arg: string;
}

/** The runtime commands that take a running beauty stage from `from` to `to`: only what changed. */
export function beautyCommands(itemIndex: number, from: Beauty, to: Beauty): FilterCommand[] {
  const t = beautyTargets(itemIndex);
  const out: FilterCommand[] = [];
  const luma = lumaExpression(to);
  if (luma !== lumaExpression(from)) out.push({ target: t.lut, command: 'c0', arg: luma });
  const cr = crExpression(to);
  if (cr !== crExpression(from)) out.push({ target: t.cr, command: 'c0', arg: cr });
  if (to.mirror !== from.mirror) out.push({ target: t.mirror, command: 'enable', arg: to.mirror ? '1' : '0' });
  return out;
}
