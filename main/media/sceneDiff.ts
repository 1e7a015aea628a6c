// Compares the running scene with a new one: what runtime commands can do (position, visibility, opacity,
// text) and what needs a new compositor (a source added or removed, a size, a crop, the order). Pure.
import type { Scene, SceneItem, Source } from '../contract/scene';
import type { FilterCommand } from './beautyFilter';
import { audioShape, mixCommands } from './sceneAudio';
import { baseItem, type ItemTargets } from './sceneGraph';

function sourceShape(s: Source): unknown {
  // Text content changes through its file, so it is not part of the shape.
  if (s.kind === 'text') return { ...s, text: undefined, live: undefined };
  return s;
}

export function shapeKey(scene: Scene, width: number, height: number): string {
  const base = baseItem(scene, width, height);
  return JSON.stringify({
    base: base?.id ?? null,
    // The scene's sound sources and noise suppression are part of the mix graph (gain and mute are commands).
    audio: audioShape(scene),
    items: scene.items.map((i) => ({
      id: i.id,
      source: sourceShape(i.source),
      w: i.rect.width,
      h: i.rect.height,
      crop: i.crop,
      alpha: i.opacity < 1,
      // The base item is the canvas itself: it cannot move or hide by command.
      fixed: i === base ? [i.rect.x, i.rect.y, i.visible] : null,
    })),
  });
}

export type SceneChange =
  { kind: 'unchanged' } | { kind: 'rebuild' } | { kind: 'commands'; commands: FilterCommand[]; texts: SceneItem[] };

export function diffScene(
  prev: Scene,
  next: Scene,
  targets: Record<string, ItemTargets>,
  width: number,
  height: number,
  meters: readonly string[] = [],
): SceneChange {
  if (shapeKey(prev, width, height) !== shapeKey(next, width, height)) return { kind: 'rebuild' };
  const commands: FilterCommand[] = [];
  const texts: SceneItem[] = [];
  next.items.forEach((item, i) => {
    const old = prev.items[i] as SceneItem;
    const t = targets[item.id];
    if (!t) return;
    if (t.overlay) {
      if (item.rect.x !== old.rect.x) commands.push({ target: t.overlay, command: 'x', arg: String(item.rect.x) });
      if (item.rect.y !== old.rect.y) commands.push({ target: t.overlay, command: 'y', arg: String(item.rect.y) });
      if (item.visible !== old.visible)
        commands.push({ target: t.overlay, command: 'enable', arg: item.visible ? '1' : '0' });
    }
    if (t.opacity && item.opacity !== old.opacity)
      commands.push({ target: t.opacity, command: 'a', arg: `val*${item.opacity}` });
    if (
      item.source.kind === 'text' &&
      old.source.kind === 'text' &&
      (item.source.text !== old.source.text || item.source.live !== old.source.live)
    )
      texts.push(item);
  });
  commands.push(...mixCommands(prev, next, meters));
  if (commands.length === 0 && texts.length === 0 && prev.id === next.id && prev.name === next.name)
    return { kind: 'unchanged' };
  return { kind: 'commands', commands, texts };
}
