// The scene shown before the VJ picks one: the first camera (or the test pattern with tone) on the canvas.
import type { Scene } from '../contract/scene';

export function defaultScene(width: number, height: number, cameraId = 'test'): Scene {
  return {
    id: 'default',
    name: 'Camera',
    items: [
      {
        id: 'camera',
        name: 'Camera',
        source:
          cameraId === 'test'
            ? { kind: 'camera', deviceId: 'test', beauty: true }
            : { kind: 'camera', deviceId: cameraId, beauty: true },
        rect: { x: 0, y: 0, width, height },
        crop: { top: 0, right: 0, bottom: 0, left: 0 },
        opacity: 1,
        visible: true,
        locked: false,
      },
    ],
  };
}

/** Sources that hold a device exclusively: a new compositor can only open them after the old one let go. */
export function holdsDevice(scene: Scene, microphone: string | null): boolean {
  if (microphone) return true;
  return scene.items.some(
    (i) =>
      (i.source.kind === 'camera' && i.source.deviceId !== 'test') ||
      (i.source.kind === 'screen' && process.platform === 'darwin'),
  );
}
