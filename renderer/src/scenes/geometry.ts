// The editor's geometry, pure: which item and handle the pointer is on, moving and resizing a rectangle,
// and snapping its edges and centre to the canvas and to the other items. All in canvas pixels.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export type Handle = 'nw' | 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w';
export const handles: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

export const MIN_SIZE = 16;

/** Where a handle sits on a rectangle. */
export function handlePoint(r: Rect, h: Handle): Point {
  const x = h.includes('w') ? r.x : h.includes('e') ? r.x + r.width : r.x + r.width / 2;
  const y = h.startsWith('n') ? r.y : h.startsWith('s') ? r.y + r.height : r.y + r.height / 2;
  return { x, y };
}

export interface HitItem {
  id: string;
  rect: Rect;
  visible: boolean;
  locked: boolean;
}

export type Hit = { id: string; handle: Handle | null } | null;

/**
 * What is under the pointer: a handle of the selected item first (they poke outside it), then the topmost
 * visible item (last in the list is drawn on top). `tolerance` is how near a handle counts, in canvas pixels.
 */
export function hitTest(items: readonly HitItem[], p: Point, selectedId: string | null, tolerance: number): Hit {
  const selected = items.find((i) => i.id === selectedId && i.visible && !i.locked);
  if (selected) {
    for (const h of handles) {
      const hp = handlePoint(selected.rect, h);
      if (Math.abs(hp.x - p.x) <= tolerance && Math.abs(hp.y - p.y) <= tolerance) return { id: selected.id, handle: h };
    }
  }
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i];
    if (!it || !it.visible) continue;
    const r = it.rect;
    if (p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height) return { id: it.id, handle: null };
  }
  return null;
}

export function moveRect(start: Rect, dx: number, dy: number): Rect {
  return { ...start, x: start.x + dx, y: start.y + dy };
}

/** Drags one handle; the opposite side stays put, and the size never falls under MIN_SIZE. */
export function resizeRect(start: Rect, h: Handle, dx: number, dy: number): Rect {
  let { x, y, width, height } = start;
  if (h.includes('w')) {
    const nx = Math.min(x + dx, x + width - MIN_SIZE);
    width += x - nx;
    x = nx;
  } else if (h.includes('e')) {
    width = Math.max(MIN_SIZE, width + dx);
  }
  if (h.startsWith('n')) {
    const ny = Math.min(y + dy, y + height - MIN_SIZE);
    height += y - ny;
    y = ny;
  } else if (h.startsWith('s')) {
    height = Math.max(MIN_SIZE, height + dy);
  }
  return { x, y, width, height };
}

/** A line the rectangle snapped to, for the editor to draw while dragging. */
export interface Guide {
  axis: 'x' | 'y';
  at: number;
}

export interface SnapTargets {
  x: number[];
  y: number[];
}

/** Canvas edges and centre, and the edges and centres of the other visible items. */
export function snapTargets(canvas: { width: number; height: number }, others: readonly Rect[]): SnapTargets {
  const x = [0, canvas.width / 2, canvas.width];
  const y = [0, canvas.height / 2, canvas.height];
  for (const r of others) {
    x.push(r.x, r.x + r.width / 2, r.x + r.width);
    y.push(r.y, r.y + r.height / 2, r.y + r.height);
  }
  return { x, y };
}

/** The smallest move (within `threshold`) that puts one of `edges` on one of `targets`. */
function nearest(edges: number[], targets: number[], threshold: number): { delta: number; at: number } | null {
  let best: { delta: number; at: number } | null = null;
  for (const e of edges) {
    for (const t of targets) {
      const d = t - e;
      if (Math.abs(d) <= threshold && (!best || Math.abs(d) < Math.abs(best.delta))) best = { delta: d, at: t };
    }
  }
  return best;
}

/** Snaps a moved rectangle: its left, centre or right to an x target, its top, middle or bottom to a y target. */
export function snapMove(r: Rect, targets: SnapTargets, threshold: number): { rect: Rect; guides: Guide[] } {
  const sx = nearest([r.x, r.x + r.width / 2, r.x + r.width], targets.x, threshold);
  const sy = nearest([r.y, r.y + r.height / 2, r.y + r.height], targets.y, threshold);
  const guides: Guide[] = [];
  if (sx) guides.push({ axis: 'x', at: sx.at });
  if (sy) guides.push({ axis: 'y', at: sy.at });
  return { rect: roundRect({ ...r, x: r.x + (sx?.delta ?? 0), y: r.y + (sy?.delta ?? 0) }), guides };
}

/** Snaps a resized rectangle: only the edges the handle moves, so the opposite side never shifts. */
export function snapResize(
  r: Rect,
  h: Handle,
  targets: SnapTargets,
  threshold: number,
): { rect: Rect; guides: Guide[] } {
  let { x, y, width, height } = r;
  const guides: Guide[] = [];
  if (h.includes('w')) {
    const s = nearest([x], targets.x, threshold);
    if (s && width - s.delta >= MIN_SIZE) {
      x += s.delta;
      width -= s.delta;
      guides.push({ axis: 'x', at: s.at });
    }
  } else if (h.includes('e')) {
    const s = nearest([x + width], targets.x, threshold);
    if (s && width + s.delta >= MIN_SIZE) {
      width += s.delta;
      guides.push({ axis: 'x', at: s.at });
    }
  }
  if (h.startsWith('n')) {
    const s = nearest([y], targets.y, threshold);
    if (s && height - s.delta >= MIN_SIZE) {
      y += s.delta;
      height -= s.delta;
      guides.push({ axis: 'y', at: s.at });
    }
  } else if (h.startsWith('s')) {
    const s = nearest([y + height], targets.y, threshold);
    if (s && height + s.delta >= MIN_SIZE) {
      height += s.delta;
      guides.push({ axis: 'y', at: s.at });
    }
  }
  return { rect: roundRect({ x, y, width, height }), guides };
}

/** Scene rectangles are whole pixels. */
export function roundRect(r: Rect): Rect {
  return {
    x: Math.round(r.x),
    y: Math.round(r.y),
    width: Math.max(2, Math.round(r.width)),
    height: Math.max(2, Math.round(r.height)),
  };
}

/** The cursor a handle shows. */
export function cursorFor(h: Handle | null, locked: boolean): string {
  if (locked) return 'not-allowed';
  if (!h) return 'move';
  return h === 'n' || h === 's'
    ? 'ns-resize'
    : h === 'e' || h === 'w'
      ? 'ew-resize'
      : h === 'nw' || h === 'se'
        ? 'nwse-resize'
        : 'nesw-resize';
}
