// One preview of a scene: drawn on a canvas, and (when editable) items dragged and resized with the mouse,
// snapping to the canvas edges and centre and to the other items. A fade draws the two scenes blended.
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { Scene } from '../../../main/contract/scene';
import type { LiveFigures } from '../../../main/contract/scenes';
import { clearStage, drawScene } from './drawScene';
import {
  cursorFor,
  hitTest,
  moveRect,
  resizeRect,
  snapMove,
  snapResize,
  snapTargets,
  type Guide,
  type Handle,
  type Rect,
} from './geometry';

export interface FadeRequest {
  from: Scene | undefined;
  durationMs: number;
  /** Changes for every new transition (its time stamp). */
  key: number;
}

interface Props {
  scene: Scene | undefined;
  canvas: { width: number; height: number };
  label: string;
  testId: string;
  editable: boolean;
  selectedId: string | null;
  onSelect?: (id: string | null) => void;
  onEdit?: (scene: Scene) => void;
  fade?: FadeRequest | null;
  background?: CanvasImageSource | null;
  figures?: LiveFigures | null;
}

interface Drag {
  id: string;
  handle: Handle | null;
  start: { x: number; y: number };
  startRect: Rect;
  targets: ReturnType<typeof snapTargets>;
}

/** The drawing buffer follows the element's size on screen, so names and handles stay readable at any size. */
function bufferWidthFor(el: HTMLCanvasElement): number {
  return Math.max(320, Math.min(1920, Math.round(el.clientWidth * (window.devicePixelRatio || 1))));
}
/** How near (in screen pixels) an edge must come to snap, and a handle to be grabbed. */
const SNAP_PX = 8;

export function SceneCanvas(props: Props) {
  const { scene, canvas, editable, selectedId, fade, background = null, figures = null } = props;
  const ref = useRef<HTMLCanvasElement>(null);
  const drag = useRef<Drag | null>(null);
  const [guides, setGuides] = useState<Guide[]>([]);
  const [fading, setFading] = useState(false);
  const fadeStart = useRef<{ key: number; at: number } | null>(null);
  const [bufferWidth, setBufferWidth] = useState(960);
  const bufferHeight = Math.round((bufferWidth * canvas.height) / canvas.width);
  const scale = bufferWidth / canvas.width;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => setBufferWidth(bufferWidthFor(el));
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Draw on every change; during a fade, on every animation frame until it ends.
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    let frame = 0;
    if (fade && fade.durationMs > 0 && fadeStart.current?.key !== fade.key) {
      fadeStart.current = { key: fade.key, at: performance.now() };
      setFading(true);
    }
    const paint = () => {
      const started = fadeStart.current;
      const t =
        fade && started && started.key === fade.key && fade.durationMs > 0
          ? Math.min(1, (performance.now() - started.at) / fade.durationMs)
          : 1;
      clearStage(ctx, bufferWidth, bufferHeight, background);
      const common = { scale, selectedId, guides, background, figures };
      if (t < 1 && fade?.from) drawScene(ctx, fade.from, { ...common, selectedId: null, guides: [], alpha: 1 - t });
      if (scene) drawScene(ctx, scene, { ...common, alpha: t });
      if (t < 1) frame = requestAnimationFrame(paint);
      else setFading(false);
    };
    paint();
    return () => cancelAnimationFrame(frame);
  }, [scene, fade, selectedId, guides, background, figures, bufferWidth, bufferHeight, scale]);

  const toCanvas = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const k = canvas.width / r.width;
    return { x: (e.clientX - r.left) * k, y: (e.clientY - r.top) * k, k };
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!editable || !scene || e.button !== 0) return;
    const p = toCanvas(e);
    const hit = hitTest(scene.items, p, selectedId, SNAP_PX * p.k);
    props.onSelect?.(hit?.id ?? null);
    const item = hit && scene.items.find((i) => i.id === hit.id);
    if (!item || item.locked) return;
    const others = scene.items.filter((i) => i.visible && i.id !== item.id).map((i) => i.rect);
    drag.current = {
      id: item.id,
      handle: hit.handle,
      start: p,
      startRect: item.rect,
      targets: snapTargets(canvas, others),
    };
    e.currentTarget.setPointerCapture(e.pointerId);
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!editable || !scene) return;
    const p = toCanvas(e);
    const d = drag.current;
    if (!d) {
      const hit = hitTest(scene.items, p, selectedId, SNAP_PX * p.k);
      const item = hit && scene.items.find((i) => i.id === hit.id);
      e.currentTarget.style.cursor = item ? cursorFor(hit.handle, item.locked) : 'default';
      return;
    }
    const dx = p.x - d.start.x;
    const dy = p.y - d.start.y;
    const threshold = SNAP_PX * p.k;
    // Shift held: no snapping, for fine placement.
    const snapped = d.handle
      ? e.shiftKey
        ? { rect: resizeRect(d.startRect, d.handle, dx, dy), guides: [] }
        : snapResize(resizeRect(d.startRect, d.handle, dx, dy), d.handle, d.targets, threshold)
      : e.shiftKey
        ? { rect: moveRect(d.startRect, dx, dy), guides: [] }
        : snapMove(moveRect(d.startRect, dx, dy), d.targets, threshold);
    const rect = {
      x: Math.round(snapped.rect.x),
      y: Math.round(snapped.rect.y),
      width: Math.round(snapped.rect.width),
      height: Math.round(snapped.rect.height),
    };
    setGuides(snapped.guides);
    const current = scene.items.find((i) => i.id === d.id)?.rect;
    if (
      current &&
      current.x === rect.x &&
      current.y === rect.y &&
      current.width === rect.width &&
      current.height === rect.height
    )
      return;
    props.onEdit?.({ ...scene, items: scene.items.map((i) => (i.id === d.id ? { ...i, rect } : i)) });
  };

  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drag.current) return;
    drag.current = null;
    setGuides([]);
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };

  return (
    <figure
      className={`scene-canvas${editable ? ' editable' : ''}`}
      data-testid={props.testId}
      data-scene={scene?.name ?? ''}
      data-fading={fading ? 'true' : 'false'}
    >
      <figcaption>{props.label}</figcaption>
      <canvas
        ref={ref}
        width={bufferWidth}
        height={bufferHeight}
        aria-label={props.label}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      />
    </figure>
  );
}
