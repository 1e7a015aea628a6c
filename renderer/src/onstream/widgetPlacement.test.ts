import { describe, expect, it } from 'vitest';
import { alertPositions } from './alertChoices';
import { placedRect, placementOf, widgetKinds } from './widgetPlacement';

const canvas = { width: 1920, height: 1080 };
const item = (rect: { x: number; y: number; width: number; height: number }) =>
  ({ rect }) as Parameters<typeof placementOf>[0];

describe('widget placement', () => {
  it('keeps every placement inside the canvas and reads it back from the rect', () => {
    for (const kind of widgetKinds)
      for (const at of alertPositions) {
        const r = placedRect(kind, at, canvas);
        expect(r.x).toBeGreaterThanOrEqual(0);
        expect(r.y).toBeGreaterThanOrEqual(0);
        expect(r.x + r.width).toBeLessThanOrEqual(canvas.width);
        expect(r.y + r.height).toBeLessThanOrEqual(canvas.height);
        expect(placementOf(item(r), kind, canvas, alertPositions)).toBe(at);
      }
  });
  it('puts corners in their corners, and a rect placed by hand is nobody’s placement', () => {
    const br = placedRect('chatOverlay', 'bottomRight', canvas);
    expect(br.x + br.width).toBe(canvas.width - Math.round(canvas.width * 0.03));
    expect(placedRect('goalBar', 'topLeft', canvas)).toMatchObject({ x: 58, y: 32 });
    expect(placementOf(item({ x: 1, y: 2, width: 3, height: 4 }), 'goalBar', canvas, alertPositions)).toBeNull();
  });
});
