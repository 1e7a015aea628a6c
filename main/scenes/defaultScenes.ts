// The scenes a new profile starts with: "Camera", "Screen + camera" and "Be right back".
import type { Scene, SceneItem, Source } from '../contract/scene';

export interface Canvas {
  width: number;
  height: number;
}

export const defaultCanvas: Canvas = { width: 1920, height: 1080 };

let counter = 0;
/** Short ids, unique within a studio: time plus a counter plus randomness. */
export function newId(prefix: string): string {
  counter = (counter + 1) % 1_000_000;
  return `${prefix}-${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A visible, unlocked, uncropped item of full opacity. */
export function plainItem(id: string, name: string, source: Source, rect: SceneItem['rect']): SceneItem {
  return {
    id,
    name,
    source,
    rect,
    crop: { top: 0, right: 0, bottom: 0, left: 0 },
    opacity: 1,
    visible: true,
    locked: false,
  };
}

function item(name: string, source: Source, rect: SceneItem['rect']): SceneItem {
  return plainItem(newId('item'), name, source, rect);
}

/** The camera where one exists, else the test pattern, so a fresh studio always shows a picture. */
function cameraSource(cameraDeviceId: string | null): Source {
  return cameraDeviceId
    ? { kind: 'camera', deviceId: cameraDeviceId, beauty: true }
    : { kind: 'testPattern', pattern: 'testsrc2', tone: true };
}

export function defaultScenes(canvas: Canvas, cameraDeviceId: string | null): Scene[] {
  const full = { x: 0, y: 0, width: canvas.width, height: canvas.height };
  const cameraName = cameraDeviceId ? 'Camera' : 'Test pattern';
  const pipW = Math.round(canvas.width / 4);
  const pipH = Math.round(canvas.height / 4);
  const margin = Math.round(canvas.width / 64);
  const microphone = {
    id: newId('audio'),
    name: 'Microphone',
    kind: 'microphone' as const,
    device: '',
    mix: { gainDb: 0, muted: false, noiseSuppression: false },
  };
  return [
    {
      id: newId('scene'),
      name: 'Camera',
      items: [item(cameraName, cameraSource(cameraDeviceId), full)],
      audio: [microphone],
    },
    {
      id: newId('scene'),
      name: 'Screen + camera',
      items: [
        item('Screen', { kind: 'screen', display: ':0' }, full),
        item(cameraName, cameraSource(cameraDeviceId), {
          x: canvas.width - pipW - margin,
          y: canvas.height - pipH - margin,
          width: pipW,
          height: pipH,
        }),
      ],
      audio: [{ ...microphone, id: newId('audio') }],
    },
    {
      id: newId('scene'),
      name: 'Be right back',
      items: [
        item('Background', { kind: 'testPattern', pattern: 'color', color: '#1d2b53', tone: false }, full),
        item(
          'Message',
          { kind: 'text', text: 'Be right back', live: false, fontSize: 96, color: '#ffffff' },
          {
            x: Math.round(canvas.width * 0.25),
            y: Math.round(canvas.height * 0.42),
            width: Math.round(canvas.width * 0.5),
            height: Math.round(canvas.height * 0.16),
          },
        ),
      ],
      audio: [],
    },
  ];
}
