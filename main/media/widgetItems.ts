// Widget scene items (the chat box, a gift goal bar, top gifters, the viewer count) drawn in place on the
// canvas at their item's place in the order: a translucent box and one drawtext per line, each line from a
// file drawtext reloads, so names and words line up and are styled apart. A goal bar's fill is a box whose
// width changes by command. No extra picture, no overlay blend: the cheapest way to put live data on air.
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
}

/** The in-place filters that draw `item` (already scaled to the canvas), as one comma-separated chain. */
export function widgetChain(item: SceneItem & { source: WidgetSource }, o: WidgetDrawOptions): string {
  const s = item.source;
  const { x, y, width: w, height: h } = item.rect;
  const on = item.visible ? 1 : 0;
  const font = o.fontFile ? `:fontfile=${escapeFilterValue(o.fontFile)}` : '';
  const fs = s.fontSize;
  const lineH = Math.round(fs * 1.35);
  const text = (part: string, tx: number, ty: number, color: string) =>
    `drawtext=textfile=${escapeFilterValue(widgetFile(o.textDir, item.id, part))}:reload=1:expansion=none:` +
    `fontsize=${fs}:fontcolor=${color}:x=${Math.round(tx)}:y=${Math.round(ty)}${font}:enable=${on}`;
  const box = (bx: number, by: number, bw: number, bh: number, color: string, name = '') =>
    `drawbox${name}=x=${Math.round(bx)}:y=${Math.round(by)}:w=${Math.max(1, Math.round(bw))}:h=${Math.max(1, Math.round(bh))}:c=${color}:t=fill:enable=${on}`;
  const filters = [box(x, y, w, h, `${ffColor(s.background)}@${s.backgroundOpacity}`)];
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
      // The fill starts disabled at zero width (drawbox reads w=0 as the whole frame) and grows by command.
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
