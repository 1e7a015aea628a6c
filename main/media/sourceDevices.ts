// What the VJ has set about the scene's capture devices: camera off, the microphone chosen (and the one a
// scene's microphone without a device of its own captures), mute, and the placeholders shown for sources
// switched off or lost. The engine asks it how to build a plan and whether a change needs a new compositor.
import type { Scene } from '../contract/scene';
import { holdsDevice } from './defaultScene';
import { capturedAudioDevice, muteMicrophones } from './sceneAudio';

export const CAMERA_OFF = 'Camera off';

export class SourceDevices {
  /** Items drawn as a placeholder (camera off, lost camera, missing file), with the words to show. */
  placeholders: Record<string, string> = {};
  microphone: string | null = null;
  /** The device a scene's microphone source without one of its own captures (the first one found). */
  defaultMicrophone: string | null = null;
  micMuted = false;

  /** The scene as the compositor should hear it: a muted microphone leaves the mix (its device is released). */
  audible(scene: Scene): Scene {
    return this.micMuted ? muteMicrophones(scene) : scene;
  }

  /** The device fields of a compositor plan for `scene`. */
  planFields(scene: Scene) {
    return {
      scene: this.audible(scene),
      placeholders: this.placeholders,
      microphone: this.micMuted ? null : this.microphone,
      defaultMicrophone: this.defaultMicrophone,
    };
  }

  /** The scene captures a device: its compositor must stop the previous one first (a camera opens once). */
  holdsDevice(scene: Scene): boolean {
    return holdsDevice(scene, this.microphone ?? capturedAudioDevice(scene, this.defaultMicrophone));
  }

  /** The microphone a failing compositor may have lost (for the lost-source rules). */
  get capturedMicrophone(): string | null {
    return this.defaultMicrophone ?? this.microphone;
  }

  /** Placeholders of sources the scene no longer has are forgotten. */
  keepFor(scene: Scene): void {
    for (const k of Object.keys(this.placeholders))
      if (!scene.items.some((i) => i.id === k) && !scene.audio?.some((a) => a.id === k)) delete this.placeholders[k];
  }

  /** Camera off: every camera item shows a "camera off" card (the device is released). */
  setCameraOff(scene: Scene, off: boolean): void {
    for (const item of scene.items) {
      if (item.source.kind !== 'camera') continue;
      if (off) this.placeholders[item.id] = CAMERA_OFF;
      else if (this.placeholders[item.id] === CAMERA_OFF) delete this.placeholders[item.id];
    }
  }

  /** Mute or unmute; true when the scene's sound changes (a new compositor). */
  setMicMuted(scene: Scene, muted: boolean): boolean {
    this.micMuted = muted;
    return Boolean(this.microphone || scene.audio?.some((a) => a.kind === 'microphone'));
  }

  /** True when the scene's sound changes (a microphone source without a device of its own). */
  setDefaultMicrophone(scene: Scene, deviceId: string | null): boolean {
    if (deviceId === this.defaultMicrophone) return false;
    this.defaultMicrophone = deviceId;
    return Boolean(scene.audio?.some((a) => a.kind === 'microphone' && !a.device));
  }

  /** Tries the devices again: every placeholder goes, and a device found again is shown. */
  retry(): void {
    this.placeholders = {};
  }
}
