// Prepared overlay slots: boxes and text layers placed once in every compositor graph, above the scene and
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

export type OverlayLayer = BoxLayer | TextLayer;

/** The filter instance a layer is, as commands name it. */
export function overlayTarget(layer: OverlayLayer): string {
  const name = `ol_${layer.id.replace(/[^A-Za-z0-9_]/g, '_')}`;
  return layer.kind === 'box' ? `drawbox@${name}` : `drawtext@${name}`;
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
        : `${overlayTarget(l)}=textfile=${escapeFilterValue(l.file)}:reload=1:expansion=none:${textOptions(l)}:enable=${l.enabled ? 1 : 0}`,
    )
    .join(',');
}

/** The commands that take a layer from `from` to `to` (same id and kind; a text layer only switches). */
export function layerCommands(from: OverlayLayer, to: OverlayLayer): FilterCommand[] {
  const target = overlayTarget(to);
  const out: FilterCommand[] = [];
  if (to.kind === 'box' && from.kind === 'box') {
    for (const k of ['x', 'y', 'w', 'h'] as const)
      if (Math.round(from[k]) !== Math.round(to[k])) out.push({ target, command: k, arg: String(Math.round(to[k])) });
    if (from.color !== to.color) out.push({ target, command: 'color', arg: to.color });
  }
  if (from.enabled !== to.enabled) out.push({ target, command: 'enable', arg: to.enabled ? '1' : '0' });
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
  out.push({ target, command: 'enable', arg: l.enabled ? '1' : '0' });
  return out;
}

/**
 * The shape of a set of layers: when it changes, the graph is rebuilt (a settings change, never an event). A
 * text layer's place and style are part of it: drawtext takes no runtime command but `enable` here.
 */
export function overlayShape(layers: readonly OverlayLayer[]): string {
  return layers.map((l) => (l.kind === 'box' ? `box:${l.id}` : `text:${l.id}:${l.file}:${textOptions(l)}`)).join('|');
}
