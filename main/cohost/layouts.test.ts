import { describe, expect, it } from 'vitest';
import type { Scene } from '../contract/scene';
import { composeProgram, guestItemId, guestRects, withoutGuests } from './layouts';

const base: Scene = {
  id: 's',
  name: 'S',
  items: [
    {
      id: 'cam',
      name: 'Cam',
      source: { kind: 'camera', deviceId: 'test', beauty: true },
      rect: { x: 0, y: 0, width: 1280, height: 720 },
      crop: { top: 0, right: 0, bottom: 0, left: 0 },
      opacity: 1,
      visible: true,
      locked: false,
    },
  ],
};
const g = (userId: string) => ({ userId, nickname: userId, muted: false });

describe('co-host layouts', () => {
  it('picture-in-picture keeps the VJ full size and puts guests in a row of boxes at the bottom right', () => {
    const s = composeProgram(base, [g('a'), g('b')], 'pip', 1280, 720);
    expect(s.items[0]?.rect).toEqual(base.items[0]?.rect);
    const [a, b] = s.items.slice(1).map((i) => i.rect);
    expect(a).toEqual({ x: 1280 - 32 - 320, y: 720 - 32 - 180, width: 320, height: 180 });
    expect(b!.x + b!.width).toBeLessThan(a!.x);
    expect(s.items[1]).toMatchObject({ id: guestItemId('a'), source: { kind: 'cohost', guestUserId: 'a' } });
  });

  it('side by side halves the VJ on the left; the grid holds the VJ and three guests in quadrants', () => {
    const side = composeProgram(base, [g('a')], 'sideBySide', 1280, 720);
    expect(side.items.map((i) => i.rect)).toEqual([
      { x: 0, y: 180, width: 640, height: 360 },
      { x: 640, y: 180, width: 640, height: 360 },
    ]);
    const grid = composeProgram(base, [g('a'), g('b'), g('c')], 'grid', 1280, 720);
    expect(grid.items.map((i) => [i.rect.x, i.rect.y])).toEqual([
      [0, 0],
      [640, 0],
      [0, 360],
      [640, 360],
    ]);
    expect(guestRects('grid', 4, 1280, 720)).toHaveLength(3);
  });

  it('a muted guest is marked in the mix, and composing again starts from the VJ scene without guests', () => {
    const s = composeProgram(base, [{ ...g('a'), muted: true }], 'pip', 1280, 720);
    expect(s.items[1]?.audio?.muted).toBe(true);
    expect(withoutGuests(s)).toEqual(base);
    expect(composeProgram(base, [], 'grid', 1280, 720)).toEqual(base);
  });
});
