// Draws a scene on a 2D canvas as the editor shows it: the program picture behind (when there is one), each
// visible item as an outlined box with its name, the selected item's handles, and the snap guides.
import type { Scene, SceneItem } from '../../../main/contract/scene';
import type { LiveFigures } from '../../../main/contract/scenes';
import { handlePoint, handles, type Guide } from './geometry';

const kindColour: Record<SceneItem['source']['kind'], string> = {
  testPattern: '#6c5ce7',
  camera: '#00b894',
  screen: '#0984e3',
  window: '#74b9ff',
  image: '#fdcb6e',
  text: '#e17055',
  mediaFile: '#a29bfe',
  cohost: '#55efc4',
  chatOverlay: '#fab1a0',
  goalBar: '#f2994a',
  topGifters: '#ffd166',
  viewerCount: '#81ecec',
};

export interface DrawOptions {
  /** Canvas pixels → drawing-buffer pixels. */
  scale: number;
  selectedId: string | null;
  guides: readonly Guide[];
  background: CanvasImageSource | null;
  /** 0…1: how much of this scene shows (a fade draws two scenes). */
  alpha: number;
  /** The room's figures, shown in text items with live figures as the output shows them. */
  figures: LiveFigures | null;
}

/** The editor's copy of the studio's substitution (main/scenes/liveText.ts): a dash for a figure not yet known. */
export function liveTextPreview(template: string, f: LiveFigures | null): string {
  return template.replace(/\{(viewers|likes|latestGift)\}/g, (_, name: keyof LiveFigures) => {
    const v = f?.[name] ?? null;
    return v === null ? '–' : typeof v === 'number' ? v.toLocaleString('en-US') : v;
  });
}

export function clearStage(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  background: CanvasImageSource | null,
): void {
  ctx.globalAlpha = 1;
  ctx.fillStyle = '#05070a';
  ctx.fillRect(0, 0, width, height);
  if (background) ctx.drawImage(background, 0, 0, width, height);
}

export function drawScene(ctx: CanvasRenderingContext2D, scene: Scene, o: DrawOptions): void {
  ctx.save();
  ctx.scale(o.scale, o.scale);
  const px = 1 / o.scale; // one screen pixel, in canvas pixels
  for (const item of scene.items) {
    if (!item.visible) continue;
    const { x, y, width, height } = item.rect;
    const colour = kindColour[item.source.kind];
    ctx.globalAlpha = o.alpha * (o.background ? 0.25 : 0.35) * item.opacity;
    ctx.fillStyle = colour;
    ctx.fillRect(x, y, width, height);
    ctx.globalAlpha = o.alpha;
    ctx.lineWidth = 2 * px;
    ctx.strokeStyle = colour;
    ctx.strokeRect(x, y, width, height);
    if (item.source.kind === 'text') {
      ctx.fillStyle = item.source.color;
      ctx.font = `${item.source.fontSize}px system-ui, sans-serif`;
      ctx.textBaseline = 'middle';
      const text = item.source.live ? liveTextPreview(item.source.text, o.figures) : item.source.text;
      ctx.fillText(text, x + 8 * px, y + height / 2, Math.max(10, width - 16 * px));
    }
    ctx.font = `${12 * px}px system-ui, sans-serif`;
    ctx.textBaseline = 'top';
    const lockW = item.locked ? 14 * px : 0;
    const w = ctx.measureText(item.name).width + 8 * px + lockW;
    ctx.fillStyle = 'rgba(0,0,0,0.7)';
    ctx.fillRect(x, y, w, 18 * px);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(item.name, x + 4 * px + lockW, y + 3 * px);
    if (item.locked) drawLock(ctx, x + 4 * px, y + 4 * px, px);
  }
  ctx.globalAlpha = o.alpha;
  const sel = scene.items.find((i) => i.id === o.selectedId && i.visible);
  if (sel) {
    ctx.lineWidth = 2 * px;
    ctx.strokeStyle = '#ff3b5c';
    ctx.strokeRect(sel.rect.x, sel.rect.y, sel.rect.width, sel.rect.height);
    if (!sel.locked) {
      ctx.fillStyle = '#ffffff';
      for (const h of handles) {
        const p = handlePoint(sel.rect, h);
        ctx.fillRect(p.x - 4 * px, p.y - 4 * px, 8 * px, 8 * px);
        ctx.strokeRect(p.x - 4 * px, p.y - 4 * px, 8 * px, 8 * px);
      }
    }
  }
  ctx.strokeStyle = '#ff00d4';
  ctx.lineWidth = px;
  ctx.setLineDash([6 * px, 4 * px]);
  for (const g of o.guides) {
    ctx.beginPath();
    if (g.axis === 'x') {
      ctx.moveTo(g.at, -10000);
      ctx.lineTo(g.at, 10000);
    } else {
      ctx.moveTo(-10000, g.at);
      ctx.lineTo(10000, g.at);
    }
    ctx.stroke();
  }
  ctx.restore();
}

/** A small padlock (10×10 screen pixels) drawn with paths, so it looks the same without an emoji font. */
function drawLock(ctx: CanvasRenderingContext2D, x: number, y: number, px: number): void {
  ctx.save();
  ctx.strokeStyle = '#ffffff';
  ctx.fillStyle = '#ffffff';
  ctx.lineWidth = 1.4 * px;
  ctx.beginPath();
  ctx.arc(x + 5 * px, y + 4 * px, 2.6 * px, Math.PI, 0);
  ctx.stroke();
  ctx.fillRect(x + 1.5 * px, y + 4 * px, 7 * px, 6 * px);
  ctx.restore();
}
