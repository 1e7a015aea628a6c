// Prepared overlay slots: boxes, tiles and text layers placed once in every compositor graph, above the scene and
// under the safety mask, then switched and moved by runtime commands (enable, geometry, colour) while their
// text comes from files drawtext reloads. Alerts, the goal bar, the chat box (and a PK score bar) change this
// way: one graph for the whole show, never a new graph per event.
import type { FilterCommand } from './beautyFilter';
import { escapeFilterValue } from './filterEscape';

export interface BoxLayer {
  kind: 'box';
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** ffmpeg's colour syntax, alpha included: 0xff3b5c@0.9. */
  color: string;
  enabled: boolean;
}

export interface TextLayer {
  kind: 'text';
  id: string;
  /** The file drawtext reloads every frame while enabled; written atomically by its owner. */
  file: string;
  x: number;
  y: number;
  fontSize: number;
  color: string;
  fontFile?: string;
  enabled: boolean;
}

/**
 * A box that keeps its place and colour and is only switched on and off (an alert card in one of its colours),
 * drawn as drawtext boxes side by side: drawtext blends its box in integers, drawbox each pixel in floating point.
 */
export interface TileLayer extends Omit<BoxLayer, 'kind'> {
  kind: 'tiles';
  /** The font of the tiles' 1 px space; drawtext's default where none is given. */
  fontFile?: string;
}

export type OverlayLayer = BoxLayer | TextLayer | TileLayer;

/** The filter instance a layer is, as commands name it (a tile layer's tiles: this name and their number). */
export function overlayTarget(layer: OverlayLayer): string {
  const name = `ol_${layer.id.replace(/[^A-Za-z0-9_]/g, '_')}`;
  return layer.kind === 'box' ? `drawbox@${name}` : `drawtext@${name}`;
}

/**
 * The filter instances a layer's `enable` reaches: each tile of a tile layer by its own name (the zmq filter
 * gives a command to the first instance of a name only; the commands sent together all act on the next frame).
 */
function switchTargets(layer: OverlayLayer): string[] {
  const target = overlayTarget(layer);
  return layer.kind === 'tiles' ? boxTiles(layer).map((_, k) => `${target}_t${k}`) : [target];
}

const switchCommands = (l: OverlayLayer): FilterCommand[] =>
  switchTargets(l).map((target) => ({ target, command: 'enable', arg: l.enabled ? '1' : '0' }));

/**
 * What a tile draws: a space on two lines (escaped for the option and the graph), at 1 px no glyph and no width,
 * so a tile's box is exactly twice its border wide and its line spacing plus twice its border high.
 */
const TILE_TEXT = '\\\\ \n\\\\ ';

/** One tile of a box: drawtext's box around nothing, `b` its border, `spacing` the line spacing that makes its height. */
export interface BoxTile {
  x: number;
  y: number;
  b: number;
  spacing: number;
}

/** A box as tiles side by side, each as wide as it may be and no wider than high (an even width: twice a border). */
export function boxTiles(l: Pick<TileLayer, 'x' | 'y' | 'w' | 'h'>): BoxTile[] {
  const [x, y, h] = [Math.round(l.x), Math.round(l.y), Math.max(2, Math.round(l.h))];
  const w = Math.max(2, Math.round(l.w) - (Math.round(l.w) % 2));
  const widest = Math.min(w, h - (h % 2));
  const tiles: BoxTile[] = [];
  for (let left = 0; left < w; left += widest) {
    const tw = Math.min(widest, w - left);
    tiles.push({ x: x + left + tw / 2, y: y + tw / 2, b: tw / 2, spacing: h - tw });
  }
  return tiles;
}

function tileChain(l: TileLayer): string {
  const font = l.fontFile ? `:fontfile=${escapeFilterValue(l.fontFile)}` : '';
  const names = switchTargets(l);
  return boxTiles(l)
    .map(
      (t, k) =>
        `${names[k]}=text=${TILE_TEXT}:expansion=none:fontsize=1${font}:x=${t.x}:y=${t.y}:` +
        `line_spacing=${t.spacing}:box=1:boxborderw=${t.b}:boxcolor=${l.color}:enable=${l.enabled ? 1 : 0}`,
    )
    .join(',');
}

function textOptions(l: TextLayer): string {
  return (
    `x=${Math.round(l.x)}:y=${Math.round(l.y)}:fontsize=${l.fontSize}:fontcolor=${l.color}:line_spacing=6` +
    (l.fontFile ? `:fontfile=${escapeFilterValue(l.fontFile)}` : '')
  );
}

/** The layers as one comma-separated chain of timeline filters (a disabled one costs nothing per frame). */
export function overlayChain(layers: readonly OverlayLayer[]): string {
  return layers
    .map((l) =>
      l.kind === 'box'
        ? `${overlayTarget(l)}=x=${Math.round(l.x)}:y=${Math.round(l.y)}:w=${Math.round(l.w)}:h=${Math.round(l.h)}:c=${l.color}:t=fill:enable=${l.enabled ? 1 : 0}`
        : l.kind === 'tiles'
          ? tileChain(l)
          : `${overlayTarget(l)}=textfile=${escapeFilterValue(l.file)}:reload=1:expansion=none:${textOptions(l)}:enable=${l.enabled ? 1 : 0}`,
    )
    .join(',');
}

/** The commands that take a layer from `from` to `to` (same id and kind; a text or tile layer only switches). */
export function layerCommands(from: OverlayLayer, to: OverlayLayer): FilterCommand[] {
  const target = overlayTarget(to);
  const out: FilterCommand[] = [];
  if (to.kind === 'box' && from.kind === 'box') {
    for (const k of ['x', 'y', 'w', 'h'] as const)
      if (Math.round(from[k]) !== Math.round(to[k])) out.push({ target, command: k, arg: String(Math.round(to[k])) });
    if (from.color !== to.color) out.push({ target, command: 'color', arg: to.color });
  }
  if (from.enabled !== to.enabled) out.push(...switchCommands(to));
  return out;
}

/** Every runtime value of a layer as commands, whatever the graph was built with. */
export function layerState(l: OverlayLayer): FilterCommand[] {
  const target = overlayTarget(l);
  const out: FilterCommand[] = [];
  if (l.kind === 'box') {
    for (const k of ['x', 'y', 'w', 'h'] as const) out.push({ target, command: k, arg: String(Math.round(l[k])) });
    out.push({ target, command: 'color', arg: l.color });
  }
  out.push(...switchCommands(l));
  return out;
}

/**
 * The shape of a set of layers: when it changes, the graph is rebuilt (a settings change, never an event). A
 * text or tile layer's place and style are part of it: drawtext takes no runtime command but `enable` here.
 */
export function overlayShape(layers: readonly OverlayLayer[]): string {
  return layers
    .map((l) =>
      l.kind === 'box'
        ? `box:${l.id}`
        : l.kind === 'tiles'
          ? `tiles:${l.id}:${l.x},${l.y},${l.w},${l.h}:${l.color}:${l.fontFile ?? ''}`
          : `text:${l.id}:${l.file}:${textOptions(l)}`,
    )
    .join('|');
}
