import { describe, expect, it } from 'vitest';
import { hitTest, moveRect, resizeRect, snapMove, snapResize, snapTargets, type HitItem } from './geometry';

const canvas = { width: 1920, height: 1080 };
const item = (id: string, x: number, y: number, w: number, h: number, extra: Partial<HitItem> = {}): HitItem => ({
  id,
  rect: { x, y, width: w, height: h },
  visible: true,
  locked: false,
  ...extra,
});

describe('hitTest', () => {
  const items = [
    item('back', 0, 0, 1920, 1080),
    item('cam', 1400, 760, 480, 270),
    item('hidden', 1500, 800, 100, 100, { visible: false }),
  ];
  it('finds the topmost visible item under the point', () => {
    expect(hitTest(items, { x: 1550, y: 850 }, null, 10)).toEqual({ id: 'cam', handle: null });
    expect(hitTest(items, { x: 100, y: 100 }, null, 10)).toEqual({ id: 'back', handle: null });
    expect(hitTest(items, { x: 2000, y: 100 }, null, 10)).toBeNull();
  });
  it('finds a handle of the selected item, even just outside it', () => {
    expect(hitTest(items, { x: 1886, y: 1034 }, 'cam', 10)).toEqual({ id: 'cam', handle: 'se' });
    expect(hitTest(items, { x: 1640, y: 755 }, 'cam', 10)).toEqual({ id: 'cam', handle: 'n' });
    expect(hitTest(items, { x: 1870, y: 1020 }, 'back', 10)).toEqual({ id: 'cam', handle: null });
  });
  it('offers no handle on a locked item', () => {
    const locked = [item('cam', 100, 100, 200, 100, { locked: true })];
    expect(hitTest(locked, { x: 300, y: 200 }, 'cam', 10)).toEqual({ id: 'cam', handle: null });
  });
});

describe('move and resize', () => {
  it('moves by the pointer delta', () => {
    expect(moveRect({ x: 10, y: 20, width: 100, height: 50 }, 5, -7)).toEqual({ x: 15, y: 13, width: 100, height: 50 });
  });
  it('keeps the opposite side still when resizing from any handle', () => {
    const r = { x: 100, y: 100, width: 200, height: 100 };
    expect(resizeRect(r, 'se', 50, 20)).toEqual({ x: 100, y: 100, width: 250, height: 120 });
    expect(resizeRect(r, 'nw', 50, 20)).toEqual({ x: 150, y: 120, width: 150, height: 80 });
    expect(resizeRect(r, 'e', 30, 99)).toEqual({ x: 100, y: 100, width: 230, height: 100 });
    expect(resizeRect(r, 'n', 99, -30)).toEqual({ x: 100, y: 70, width: 200, height: 130 });
  });
  it('never shrinks below the minimum size, even when dragged past the other side', () => {
    const r = { x: 100, y: 100, width: 200, height: 100 };
    expect(resizeRect(r, 'w', 500, 0)).toEqual({ x: 284, y: 100, width: 16, height: 100 });
    expect(resizeRect(r, 's', 0, -500)).toEqual({ x: 100, y: 100, width: 200, height: 16 });
  });
});

describe('snapping', () => {
  const targets = snapTargets(canvas, [{ x: 1400, y: 760, width: 480, height: 270 }]);
  it('snaps a moved item to the canvas edges', () => {
    expect(snapMove({ x: 7, y: -6, width: 300, height: 200 }, targets, 10)).toEqual({
      rect: { x: 0, y: 0, width: 300, height: 200 },
      guides: [
        { axis: 'x', at: 0 },
        { axis: 'y', at: 0 },
      ],
    });
    expect(snapMove({ x: 1615, y: 875, width: 300, height: 200 }, targets, 10).rect).toMatchObject({ x: 1620, y: 880 });
  });
  it('snaps the centre to the canvas centre', () => {
    const r = snapMove({ x: 806, y: 444, width: 300, height: 200 }, targets, 10);
    expect(r.rect).toMatchObject({ x: 810, y: 440 });
    expect(r.guides).toEqual([
      { axis: 'x', at: 960 },
      { axis: 'y', at: 540 },
    ]);
  });
  it('snaps to another item’s edge, and not beyond the threshold', () => {
    expect(snapMove({ x: 1090, y: 300, width: 304, height: 100 }, targets, 10).rect.x).toBe(1096); // right edge to 1400
    expect(snapMove({ x: 500, y: 300, width: 100, height: 100 }, targets, 10)).toEqual({
      rect: { x: 500, y: 300, width: 100, height: 100 },
      guides: [],
    });
  });
  it('snaps only the edges a resize moves', () => {
    const r = snapResize({ x: 100, y: 100, width: 855, height: 300 }, 'e', targets, 10);
    expect(r.rect).toEqual({ x: 100, y: 100, width: 860, height: 300 }); // right edge to the centre line 960
    expect(r.guides).toEqual([{ axis: 'x', at: 960 }]);
    const nw = snapResize({ x: 8, y: 4, width: 300, height: 300 }, 'nw', targets, 10);
    expect(nw.rect).toEqual({ x: 0, y: 0, width: 308, height: 304 });
  });
});
