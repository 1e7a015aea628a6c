// Live figures in text items: {viewers}, {likes}, {latestGift} replaced by the room's current figures.
import type { Scene } from '../contract/scene';
import type { LiveFigures } from '../contract/scenes';

export const emptyFigures: LiveFigures = { viewers: null, likes: null, latestGift: null };

/** What a figure shows before the room has reported it: a dash, so a layout never shows a raw {placeholder}. */
const UNKNOWN = '–';

function formatCount(n: number | null): string {
  return n === null ? UNKNOWN : n.toLocaleString('en-US');
}

export function renderLiveText(template: string, figures: LiveFigures): string {
  return template.replace(/\{(viewers|likes|latestGift)\}/g, (_, name: keyof LiveFigures) => {
    if (name === 'latestGift') return figures.latestGift ?? UNKNOWN;
    return formatCount(figures[name]);
  });
}

/** The scene as the compositor must draw it: live text items carry their figures, everything else as is. */
export function renderSceneForOutput(scene: Scene, figures: LiveFigures): Scene {
  let changed = false;
  const items = scene.items.map((item) => {
    if (item.source.kind !== 'text' || !item.source.live) return item;
    const text = renderLiveText(item.source.text, figures);
    if (text === item.source.text) return item;
    changed = true;
    return { ...item, source: { ...item.source, text } };
  });
  return changed ? { ...scene, items } : scene;
}

export function usesLiveFigures(scene: Scene): boolean {
  return scene.items.some(
    (i) => i.source.kind === 'text' && i.source.live && /\{(viewers|likes|latestGift)\}/.test(i.source.text),
  );
}
