// Widget scene items (the chat box, a gift goal bar, top gifters, the viewer count) drawn in place on the
// canvas at their item's place in the order: one drawtext per line, each line from a file drawtext re-reads a few
// times a second (not every frame), so names and words line up and are styled apart. A line's background is
// drawtext's own box behind its words (a blended rectangle, nearly free), not a drawbox over the whole widget
// (drawbox blends pixel by pixel in floating point: 2 ms a frame for a chat box at 1080p). The goal bar's track is
// its outline (four thin boxes: 0.55 ms a frame for a filled 700x80 track at 1080p, 0.18 for its outline), its title
// boxed like a line, its fill a box whose width changes by command. No extra picture, no overlay (an overlay copies
// the whole frame): the cheapest way to put live data on air.
import { join } from 'node:path';
import type { SceneItem, Source } from '../contract/scene';
import { escapeFilterValue, ffColor } from './filterEscape';

export type WidgetSource = Extract<Source, { kind: 'chatOverlay' | 'goalBar' | 'topGifters' | 'viewerCount' }>;

export function isWidget(s: Source): s is WidgetSource {
  return s.kind === 'chatOverlay' || s.kind === 'goalBar' || s.kind === 'topGifters' || s.kind === 'viewerCount';
}

const safe = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');

/** The file one line (or column) of a widget reads. */
export function widgetFile(textDir: string, itemId: string, part: string): string {
  return join(textDir, `widget-${safe(itemId)}-${part}.txt`);
}

/** The box that fills a goal bar, as commands name it. */
export function goalFillTarget(itemId: string): string {
  return `drawbox@w_${safe(itemId).replace(/-/g, '_')}_fill`;
}

/** How many lines a widget draws, and which parts each line has. */
export function widgetParts(s: WidgetSource): string[] {
  switch (s.kind) {
    case 'chatOverlay':
      return Array.from({ length: s.lines }, (_, k) => [`name${k}`, `text${k}`]).flat();
    case 'topGifters':
      return ['title', ...Array.from({ length: s.count }, (_, k) => `line${k}`)];
    case 'goalBar':
    case 'viewerCount':
      return ['line0'];
  }
}

/** The name column of a chat box: a share of its width, and how many characters fit each column. */
export function chatColumns(w: number, fontSize: number): { nameW: number; nameChars: number; textChars: number } {
  const nameW = Math.round(w * 0.3);
  const charW = fontSize * 0.6;
  return {
    nameW,
    nameChars: Math.max(2, Math.floor((nameW - 12) / charW)),
    textChars: Math.max(4, Math.floor((w - nameW - 16) / charW)),
  };
}

export interface WidgetDrawOptions {
  textDir: string;
  fontFile?: string;
  /** Frames between two reads of a line's file (1: every frame, for an ffmpeg that reads no other way). */
  reloadFrames?: number;
}

/** The thickness of a goal bar's outline. */
export function goalEdge(h: number): number {
  return Math.max(2, Math.round(h / 20));
}

/** How often widget lines are re-read: five times a second, whatever the frame rate. */
export function widgetReloadFrames(fps: number): number {
  return Math.max(1, Math.round(fps / 5));
}

/** The in-place filters that draw `item` (already scaled to the canvas), as one comma-separated chain. */
export function widgetChain(item: SceneItem & { source: WidgetSource }, o: WidgetDrawOptions): string {
  const s = item.source;
  const { x, y, width: w, height: h } = item.rect;
  const on = item.visible ? 1 : 0;
  const font = o.fontFile ? `:fontfile=${escapeFilterValue(o.fontFile)}` : '';
  const fs = s.fontSize;
  const lineH = Math.round(fs * 1.35);
  const reload = Math.max(1, Math.round(o.reloadFrames ?? 1));
  // A line's own background: drawtext's box around its words, no wider than the gap between two lines. A blank
  // line (only spaces: no glyph, a text height of 0) is moved off the frame, so it leaves no speck of box.
  const border = Math.max(1, Math.floor((lineH - fs) / 2));
  const lineBox = `:box=1:boxcolor=${ffColor(s.background)}@${s.backgroundOpacity}:boxborderw=${border}`;
  const text = (part: string, tx: number, ty: number, color: string) =>
    `drawtext=textfile=${escapeFilterValue(widgetFile(o.textDir, item.id, part))}:reload=${reload}:expansion=none:` +
    `fontsize=${fs}:fontcolor=${color}:x=if(eq(th\\,0)\\,-10000\\,${Math.round(tx)}):` +
    `y=${Math.round(ty)}${font}${lineBox}:enable=${on}`;
  const box = (bx: number, by: number, bw: number, bh: number, color: string, name = '') =>
    `drawbox${name}=x=${Math.round(bx)}:y=${Math.round(by)}:w=${Math.max(1, Math.round(bw))}:h=${Math.max(1, Math.round(bh))}:c=${color}:t=fill:enable=${on}`;
  const filters: string[] = [];
  const pad = Math.round(fs * 0.4);
  switch (s.kind) {
    case 'chatOverlay': {
      const { nameW } = chatColumns(w, fs);
      // Newest line at the bottom, like the feed.
      const top = y + h - pad - s.lines * lineH;
      for (let k = 0; k < s.lines; k++) {
        filters.push(text(`name${k}`, x + pad, top + k * lineH, ffColor(s.nameColor)));
        filters.push(text(`text${k}`, x + nameW, top + k * lineH, ffColor(s.textColor)));
      }
      break;
    }
    case 'topGifters':
      filters.push(text('title', x + pad, y + pad, ffColor(s.titleColor)));
      for (let k = 0; k < s.count; k++)
        filters.push(text(`line${k}`, x + pad, y + pad + (k + 1) * lineH, ffColor(s.textColor)));
      break;
    case 'viewerCount':
      filters.push(text('line0', x + pad, y + (h - fs) / 2, ffColor(s.textColor)));
      break;
    case 'goalBar': {
      // The track's outline shows how far the goal is (a filled track would blend every pixel of the bar every
      // frame); the fill starts disabled at zero width (drawbox reads w=0 as the whole frame) and grows by command.
      const edge = goalEdge(h);
      const track = `${ffColor(s.background)}@${s.backgroundOpacity}`;
      filters.push(box(x, y, w, edge, track), box(x, y + h - edge, w, edge, track));
      filters.push(box(x, y + edge, edge, h - 2 * edge, track), box(x + w - edge, y + edge, edge, h - 2 * edge, track));
      filters.push(
        box(x, y, 1, h, ffColor(s.fillColor), `@${goalFillTarget(item.id).split('@')[1]}`).replace(
          `enable=${on}`,
          'enable=0',
        ),
      );
      filters.push(text('line0', x + pad, y + (h - fs) / 2, ffColor(s.textColor)));
      break;
    }
  }
  return filters.join(',');
}
