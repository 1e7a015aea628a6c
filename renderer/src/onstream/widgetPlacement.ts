// Where a widget of each kind goes on the canvas when the VJ picks a placement in Settings (the scene editor
// places it anywhere): a size per kind, a margin from the canvas's edges.
import type { AlertPosition } from '../../../main/contract/onstream';
import type { SceneItem } from '../../../main/contract/scene';

export const widgetKinds = ['goalBar', 'chatOverlay', 'topGifters', 'viewerCount'] as const;
export type WidgetKind = (typeof widgetKinds)[number];

/** Width and height of each kind, as shares of the canvas. */
const sizes: Record<WidgetKind, [number, number]> = {
  goalBar: [0.36, 0.07],
  chatOverlay: [0.36, 0.38],
  topGifters: [0.22, 0.25],
  viewerCount: [0.18, 0.06],
};
const MARGIN = 0.03;

export function placedRect(kind: WidgetKind, at: AlertPosition, canvas: { width: number; height: number }) {
  const width = Math.round(canvas.width * sizes[kind][0]);
  const height = Math.round(canvas.height * sizes[kind][1]);
  const mx = Math.round(canvas.width * MARGIN);
  const my = Math.round(canvas.height * MARGIN);
  const x = at.endsWith('Left')
    ? mx
    : at.endsWith('Right')
      ? canvas.width - width - mx
      : Math.round((canvas.width - width) / 2);
  const y = at.startsWith('top')
    ? my
    : at.startsWith('bottom')
      ? canvas.height - height - my
      : Math.round((canvas.height - height) / 2);
  return { x, y, width, height };
}

/** The placement a widget's rect matches, or null when the VJ placed it by hand. */
export function placementOf(
  item: SceneItem,
  kind: WidgetKind,
  canvas: { width: number; height: number },
  positions: readonly AlertPosition[],
): AlertPosition | null {
  const r = item.rect;
  return (
    positions.find((p) => {
      const q = placedRect(kind, p, canvas);
      return q.x === r.x && q.y === r.y && q.width === r.width && q.height === r.height;
    }) ?? null
  );
}
