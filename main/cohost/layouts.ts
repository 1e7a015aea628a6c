// Where guests sit in the program: the VJ's scene stays as it is, the guests' items are added on top.
// Picture-in-picture (default): small boxes along the bottom right. Side by side: the VJ's scene in the
// left half, one guest in the right half. Grid: the VJ's scene and up to 3 guests in a 2×2 grid. Pure.
import type { Scene, SceneItem } from '../contract/scene';

export type CohostLayout = 'pip' | 'sideBySide' | 'grid';
export const cohostLayouts: CohostLayout[] = ['pip', 'sideBySide', 'grid'];

export interface GuestSlot {
  userId: string;
  nickname: string;
  muted: boolean;
}

/** Co-host items carry this id prefix, so the program scene can be told apart from the guests on it. */
export const GUEST_ITEM_PREFIX = 'cohost-';

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

export function guestItemId(userId: string): string {
  return `${GUEST_ITEM_PREFIX}${userId.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 64);
}

/** The program scene without any guest items (what the scenes area owns). */
export function withoutGuests(scene: Scene): Scene {
  return { ...scene, items: scene.items.filter((i) => !i.id.startsWith(GUEST_ITEM_PREFIX)) };
}

/** Each guest's box on a W×H canvas, in guest order. */
export function guestRects(layout: CohostLayout, count: number, W: number, H: number): SceneItem['rect'][] {
  const rects: SceneItem['rect'][] = [];
  if (layout === 'pip' || (layout === 'sideBySide' && count > 1)) {
    const w = even(W / 4);
    const h = even((w * H) / W);
    const m = even(W / 40);
    for (let i = 0; i < count; i++) rects.push({ x: W - m - w - i * (w + m), y: H - m - h, width: w, height: h });
    return rects;
  }
  const w = even(W / 2);
  const h = even(H / 2);
  if (layout === 'sideBySide') return [{ x: w, y: even(H / 4), width: w, height: h }];
  const cells = [
    { x: w, y: 0 },
    { x: 0, y: h },
    { x: w, y: h },
  ];
  for (let i = 0; i < count && i < cells.length; i++) rects.push({ ...cells[i]!, width: w, height: h });
  return rects;
}

/** Where the VJ's own scene goes: all of it in picture-in-picture, a half-size box otherwise. */
function hostBox(layout: CohostLayout, count: number, W: number, H: number): { x: number; y: number; scale: number } {
  if (count === 0 || layout === 'pip' || (layout === 'sideBySide' && count > 1)) return { x: 0, y: 0, scale: 1 };
  return layout === 'sideBySide' ? { x: 0, y: even(H / 4), scale: 0.5 } : { x: 0, y: 0, scale: 0.5 };
}

/** The program scene the compositor shows: the VJ's scene placed per layout, then one item per guest. */
export function composeProgram(base: Scene, guests: GuestSlot[], layout: CohostLayout, W: number, H: number): Scene {
  const own = withoutGuests(base);
  const box = hostBox(layout, guests.length, W, H);
  const placed =
    box.scale === 1
      ? own.items
      : own.items.map((i) => ({
          ...i,
          rect: {
            x: box.x + Math.round(i.rect.x * box.scale),
            y: box.y + Math.round(i.rect.y * box.scale),
            width: even(i.rect.width * box.scale),
            height: even(i.rect.height * box.scale),
          },
        }));
  const rects = guestRects(layout, guests.length, W, H);
  const items: SceneItem[] = guests.slice(0, rects.length).map((g, k) => ({
    id: guestItemId(g.userId),
    name: g.nickname.slice(0, 200) || g.userId,
    source: { kind: 'cohost', guestUserId: g.userId },
    rect: rects[k]!,
    crop: { top: 0, right: 0, bottom: 0, left: 0 },
    opacity: 1,
    visible: true,
    locked: true,
    audio: { gainDb: 0, muted: g.muted, noiseSuppression: false },
  }));
  // The scene holds at most 32 items; guests win over the VJ's last items if it is full.
  const room = Math.max(0, 32 - items.length);
  return { ...own, items: [...placed.slice(0, room), ...items] };
}
