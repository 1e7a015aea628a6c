// What a compositor's death says about its sources: a sound device that failed to open leaves the mix, and a
// vanished camera, file or guest becomes a placeholder, so the next compositor starts without it and the show
// goes on. The engine's placeholder and guest maps are updated in place.
import type { Scene } from '../contract/scene';
import type { MediaError } from './ffmpegErrors';

export interface LostSourceState {
  scene: Scene;
  error: MediaError;
  /** The dead compositor's last stderr lines. */
  lines: string[];
  guestUrls: Record<string, string | null>;
  placeholders: Record<string, string>;
  /** The microphone a scene's microphone without a device of its own uses. */
  microphone: string | null;
}

export function markLostSources({ scene, error, lines, guestUrls, placeholders, microphone }: LostSourceState): void {
  for (const a of scene.audio ?? []) {
    const device = (
      a.device || (a.kind === 'microphone' ? (microphone ?? '') : a.kind === 'desktop' ? 'pulse:@DEFAULT_MONITOR@' : '')
    ).replace(/^[^:]+:/, '');
    if (device && lines.some((l) => l.includes(device))) placeholders[a.id] = 'Device unavailable';
  }
  for (const item of scene.items) {
    const s = item.source;
    const id =
      s.kind === 'camera'
        ? s.deviceId.replace(/^[^:]+:/, '')
        : s.kind === 'cohost'
          ? (guestUrls[s.guestUserId] ?? '')
          : s.kind === 'image' || s.kind === 'mediaFile'
            ? s.path
            : '';
    if (!id || !error.line.includes(id)) continue;
    if (s.kind === 'cohost') guestUrls[s.guestUserId] = null;
    else placeholders[item.id] = s.kind === 'camera' ? 'Camera lost' : 'Source unavailable';
  }
}
