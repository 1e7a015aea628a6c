// Scenes are edited on their own canvas (e.g. 1920x1080); the engine draws them at the output's size.
import type { Scene } from '../contract/scene';
import { isWidget } from './widgetItems';

export function scaleScene(
  scene: Scene,
  from: { width: number; height: number },
  to: { width: number; height: number },
): Scene {
  if (from.width === to.width && from.height === to.height) return scene;
  const sx = to.width / from.width;
  const sy = to.height / from.height;
  const r = (v: number, s: number) => Math.round(v * s);
  return {
    ...scene,
    items: scene.items.map((i) => ({
      ...i,
      rect: {
        x: r(i.rect.x, sx),
        y: r(i.rect.y, sy),
        width: Math.max(2, r(i.rect.width, sx)),
        height: Math.max(2, r(i.rect.height, sy)),
      },
      source:
        i.source.kind === 'text' || isWidget(i.source)
          ? { ...i.source, fontSize: Math.max(8, r(i.source.fontSize, sy)) }
          : i.source,
    })),
  };
}
