// A new item of a given kind, placed in the middle of the canvas at a sensible size, ready for the editor.
import type { SceneItem, Source } from '../../../main/contract/scene';

export const sourceKinds = [
  'testPattern',
  'camera',
  'screen',
  'window',
  'image',
  'text',
  'mediaFile',
  'cohost',
  'chatOverlay',
  'goalBar',
  'topGifters',
  'viewerCount',
] as const;
export type SourceKind = (typeof sourceKinds)[number];

/** Kinds that need a value typed in (a path, a text, a device or a user). */
export const needsValue: ReadonlySet<SourceKind> = new Set([
  'camera',
  'window',
  'image',
  'text',
  'mediaFile',
  'cohost',
]);

/** A widget's box and words until the VJ styles them (the contract's defaults). */
const widgetLook = { textColor: '#ffffff', background: '#000000', backgroundOpacity: 0.45 };

export function sourceFor(kind: SourceKind, value: string): Source {
  switch (kind) {
    case 'testPattern':
      return { kind, pattern: 'testsrc2', tone: false };
    case 'camera':
      return { kind, deviceId: value, beauty: true };
    case 'screen':
      return { kind, display: value || ':0' };
    case 'window':
      return { kind, title: value };
    case 'image':
      return { kind, path: value };
    case 'text':
      return { kind, text: value, live: /\{(viewers|likes|latestGift)\}/.test(value), fontSize: 48, color: '#ffffff' };
    case 'mediaFile':
      return { kind, path: value, loop: true };
    case 'cohost':
      return { kind, guestUserId: value };
    case 'chatOverlay':
      return { kind, lines: 5, fontSize: 28, ...widgetLook, nameColor: '#ffd166' };
    case 'goalBar':
      return { kind, title: value || 'Gift goal', target: 1000, fontSize: 28, ...widgetLook, fillColor: '#f2994a' };
    case 'topGifters':
      return { kind, title: value || 'Top gifters', count: 3, fontSize: 26, ...widgetLook, titleColor: '#ffd166' };
    case 'viewerCount':
      return { kind, label: value || '{n} watching', fontSize: 32, ...widgetLook };
  }
}

export function newItem(
  kind: SourceKind,
  name: string,
  value: string,
  canvas: { width: number; height: number },
  taken: Set<string>,
): SceneItem {
  let n = taken.size + 1;
  while (taken.has(`item-${n}`)) n++;
  const full = kind === 'screen' || kind === 'testPattern';
  const width = full ? canvas.width : Math.round(canvas.width / 3);
  const height = full
    ? canvas.height
    : kind === 'text'
      ? Math.round(canvas.height / 10)
      : Math.round(canvas.height / 3);
  return {
    id: `item-${n}`,
    name,
    source: sourceFor(kind, value.trim()),
    rect: { x: Math.round((canvas.width - width) / 2), y: Math.round((canvas.height - height) / 2), width, height },
    crop: { top: 0, right: 0, bottom: 0, left: 0 },
    opacity: 1,
    visible: true,
    locked: false,
  };
}
