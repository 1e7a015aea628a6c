// The vertical canvas's picture (9:16, for the mobile platforms): the program scene's own items placed for a
// tall canvas, cut from the composed program frame. The sources are captured and decoded once, by the
// program's compositor; each item is cropped to its new shape and scaled once, straight into place. Pure.
import type { Scene } from '../contract/scene';

export interface Size {
  width: number;
  height: number;
}
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where one of the scene's items goes on the tall canvas. */
export interface VerticalPlacement {
  itemId: string;
  rect: Box;
}

export const VERTICAL_CANVAS: Size = { width: 720, height: 1280 };

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
const evenPos = (n: number) => Math.round(n / 2) * 2;

/** The part of an item the program frame shows: its rect cut to the program canvas (null when off it). */
export function shownRegion(rect: Box, program: Size): Box | null {
  const x = Math.max(0, rect.x);
  const y = Math.max(0, rect.y);
  const right = Math.min(program.width, rect.x + rect.width);
  const bottom = Math.min(program.height, rect.y + rect.height);
  if (right - x < 2 || bottom - y < 2) return null;
  return { x, y, width: right - x, height: bottom - y };
}

function shownItems(scene: Scene, program: Size) {
  return scene.items.flatMap((item) => {
    const region = item.visible && item.opacity > 0 ? shownRegion(item.rect, program) : null;
    return region ? [{ item, region }] : [];
  });
}

/**
 * The layout a scene gets until the VJ places its items: the largest item (the camera, usually) fills the
 * tall canvas, cropped around its centre; every other item keeps its size relative to the canvas width and
 * its place relative to the canvas height, so a logo in a corner stays in that corner.
 */
export function defaultVerticalLayout(
  scene: Scene,
  program: Size,
  canvas: Size = VERTICAL_CANVAS,
): VerticalPlacement[] {
  const shown = shownItems(scene, program);
  if (shown.length === 0) return [];
  const area = (b: Box) => b.width * b.height;
  const main = shown.reduce((a, b) => (area(b.region) > area(a.region) ? b : a));
  const s = canvas.width / program.width;
  return shown.map(({ item, region }) => {
    if (item === main.item) return { itemId: item.id, rect: { x: 0, y: 0, ...canvas } };
    const width = Math.min(canvas.width, region.width * s);
    const height = region.height * (width / region.width);
    const y = (region.y / program.height) * canvas.height;
    return {
      itemId: item.id,
      rect: { x: region.x * s, y: Math.min(y, canvas.height - height), width, height },
    };
  });
}

/** The centred part of `region` with the shape of `target` (what is cut so that nothing is stretched). */
function cropToShape(region: Box, target: Box): Box {
  const want = target.width / target.height;
  const width = region.width / region.height > want ? region.height * want : region.width;
  const height = width / want;
  const w = Math.min(even(width), region.width - (region.width % 2));
  const h = Math.min(even(height), region.height - (region.height % 2));
  return {
    x: evenPos(region.x + (region.width - w) / 2),
    y: evenPos(region.y + (region.height - h) / 2),
    width: w,
    height: h,
  };
}

/**
 * The filter (one input: the program frame; one output: the tall canvas) that draws `layout` in the scene's
 * order (first drawn first). Items the layout names that the program does not show are left out; with none
 * left, the whole program is fitted into the canvas so the tall stream never goes black.
 */
export function verticalFilter(
  scene: Scene,
  program: Size,
  layout: readonly VerticalPlacement[],
  canvas: Size,
): string {
  const byId = new Map(layout.map((p) => [p.itemId, p.rect]));
  const parts = shownItems(scene, program).flatMap(({ item, region }) => {
    const rect = byId.get(item.id);
    if (!rect || rect.width < 2 || rect.height < 2) return [];
    const target = { x: evenPos(rect.x), y: evenPos(rect.y), width: even(rect.width), height: even(rect.height) };
    const cut = cropToShape(region, target);
    return [
      { chain: `crop=${cut.width}:${cut.height}:${cut.x}:${cut.y},scale=${target.width}:${target.height}`, target },
    ];
  });
  const { width: W, height: H } = canvas;
  if (parts.length === 0)
    return `scale=${W}:${H}:force_original_aspect_ratio=decrease,pad=${W}:${H}:(ow-iw)/2:(oh-ih)/2:black`;
  const [first, ...rest] = parts as [(typeof parts)[0], ...typeof parts];
  const fills = first.target.x === 0 && first.target.y === 0 && first.target.width === W && first.target.height === H;
  // A first item that fills the canvas is the base; otherwise a black canvas is made from a 2x2 corner.
  const base = fills ? first.chain : `crop=2:2:0:0,scale=${W}:${H}:flags=neighbor,drawbox=c=black:t=fill`;
  const overlays = fills ? rest : parts;
  if (overlays.length === 0) return base;
  const labels = ['base', ...overlays.map((_, i) => `i${i}`)];
  const graph = [`split=${labels.length}${labels.map((l) => `[${l}]`).join('')}`, `[base]${base}[c0]`];
  overlays.forEach((p, i) => {
    const out = i === overlays.length - 1 ? '' : `[c${i + 1}]`;
    graph.push(`[i${i}]${p.chain}[p${i}]`, `[c${i}][p${i}]overlay=${p.target.x}:${p.target.y}${out}`);
  });
  return graph.join(';');
}
