// The alerts' prepared slots in the program: per alert type a card in each colour its alerts can take (tile
// layers) and its words (a text layer) at the type's position, all in the graph from the start and switched by
// `enable` commands only (one command a frame reaches the ffmpeg: a card on in its colour is one command, and a
// recolour by drawtext's reinit reloads the font of every tile); the words come from a file written before the
// card shows.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alertTypes, type AlertSettings, type AlertType, type AlertPosition } from '../contract/onstream';
import type { OverlayLayer } from '../media/overlaySlots';
import { cleanOverlayText } from '../scenes/drawtextEscape';
import type { QueuedAlert } from './alertQueue';

export interface CardRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where a card of an alert type sits on a canvas of w×h. */
export function cardRect(position: AlertPosition, w: number, h: number): CardRect {
  const cw = Math.round(w * 0.46);
  const ch = Math.round(h * 0.11);
  const left = Math.round(w * 0.03);
  const right = w - cw - left;
  const centre = Math.round((w - cw) / 2);
  const top = Math.round(h * 0.05);
  const bottom = h - ch - Math.round(h * 0.08);
  const x = position.endsWith('Left') ? left : position.endsWith('Right') ? right : centre;
  const y = position.startsWith('top') ? top : position.startsWith('bottom') ? bottom : Math.round((h - ch) / 2);
  return { x, y, w: cw, h: ch };
}

export function ffHex(hex: string, alpha = 0.92): string {
  return `0x${hex.replace('#', '')}@${alpha}`;
}

/**
 * The colours a card of `type` can take with these settings (a gift's tiers, the milestones' colour), lower case,
 * and the one showing if a settings change left it out (then the graph is rebuilt, as for any settings change).
 */
export function cardColours(s: AlertSettings, type: AlertType, showing: string | null): string[] {
  const colours = [...(type === 'gift' ? s.tiers.map((t) => t.color) : [s.color]), ...(showing ? [showing] : [])];
  return [...new Set(colours.map((c) => c.toLowerCase()))];
}

export class AlertSlots {
  constructor(
    private readonly dir: string,
    private readonly fontFile: string | undefined,
  ) {}

  textFile(type: AlertType): string {
    return join(this.dir, `alert-${type}.txt`);
  }

  /** The layers for these settings on a w×h canvas, `showing` (if any) switched on in its colour. */
  layers(s: AlertSettings, w: number, h: number, showing: QueuedAlert | null): OverlayLayer[] {
    return alertTypes.flatMap((type): OverlayLayer[] => {
      const r = cardRect(s.styles[type].position, w, h);
      const on = showing?.type === type;
      const fontSize = Math.max(10, Math.round(r.h * 0.4));
      const font = this.fontFile ? { fontFile: this.fontFile } : {};
      const shown = on ? showing.color.toLowerCase() : null;
      const cards = cardColours(s, type, shown).map((c, k): OverlayLayer => ({
        kind: 'tiles',
        id: `alert_${type}_card${k}`,
        ...r,
        color: ffHex(c),
        ...font,
        enabled: c === shown,
      }));
      return [
        ...cards,
        {
          kind: 'text',
          id: `alert_${type}_text`,
          file: this.textFile(type),
          x: r.x + Math.round(r.h * 0.3),
          y: r.y + Math.round((r.h - fontSize) / 2),
          fontSize,
          color: 'white',
          ...font,
          enabled: on,
        },
      ];
    });
  }

  /** The words of an alert, written where its type's text layer reads them (before the card shows). */
  write(type: AlertType, text: string): void {
    const file = this.textFile(type);
    const tmp = `${file}.tmp`;
    // drawtext cannot draw an empty file; a space is nothing on screen.
    writeFileSync(tmp, cleanOverlayText(text).replace(/\n/g, ' ').slice(0, 200) || ' ');
    renameSync(tmp, file);
  }

  /** Every text file the layers name exists before a graph reads it. */
  prepare(): void {
    for (const t of alertTypes) this.write(t, ' ');
  }
}
