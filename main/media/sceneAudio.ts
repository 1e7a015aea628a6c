// The sound-only sources of a scene (microphone, desktop, application audio) as compositor inputs, and
// whether a media file has sound at all (a graph that names a missing audio stream fails to start).
import { execFile } from 'node:child_process';
import type { AudioMix, AudioSource, Scene } from '../contract/scene';
import { volumeArg, volumeTarget } from './audioLevels';
import type { FilterCommand } from './beautyFilter';
import { microphoneInput, UnsupportedSourceError, type InputArgs } from './sourceInputs';

/** The test microphone ("test", as the test pattern is the test camera): a 1 kHz tone at a known level. */
export const TEST_MIC_ID = 'test';
export const TEST_MIC_TONE = { frequency: 1000, volume: 0.5 };
/** ffmpeg's sine source writes at 1/8 of full scale. */
export const SINE_AMPLITUDE = 1 / 8;

export interface SceneAudioContext {
  platform: NodeJS.Platform;
  /** The studio's default microphone (the first one found), used by sources that name no device. */
  microphone: string | null;
  rate: number;
  addInput: (args: InputArgs) => number;
}

/** The device a sound-only source captures, or why it cannot be captured here. */
export function audioDevice(a: AudioSource, platform: NodeJS.Platform, microphone: string | null): string {
  if (a.device) return a.device;
  switch (a.kind) {
    case 'microphone':
      if (!microphone) throw new UnsupportedSourceError('no microphone was found');
      return microphone;
    case 'desktop':
      // PulseAudio (and PipeWire's pulse server) expose what the speakers play as the default sink's monitor.
      if (platform === 'linux') return 'pulse:@DEFAULT_MONITOR@';
      throw new UnsupportedSourceError(
        'desktop audio needs a loopback device here (Stereo Mix or VB-Cable on Windows, BlackHole on macOS): choose it as the device',
      );
    case 'application':
      throw new UnsupportedSourceError(
        "one application's sound cannot be captured by itself here: route it to a loopback device and choose that device",
      );
  }
}

/** The source's chain up to the mix (without gain or meter), adding its capture input when it has one. */
export function audioSourceChain(a: AudioSource, c: SceneAudioContext): string {
  const device = audioDevice(a, c.platform, c.microphone);
  if (device === TEST_MIC_ID) return `sine=f=${TEST_MIC_TONE.frequency}:r=${c.rate},volume=${TEST_MIC_TONE.volume}`;
  const k = c.addInput(microphoneInput(device));
  return `[${k}:a]aresample=${c.rate}:async=1000`;
}

/** Whether a media file has an audio stream (ffmpeg -i lists it on stderr). */
export function hasAudioStream(ffmpeg: string, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(
      ffmpeg,
      ['-hide_banner', '-protocol_whitelist', 'file', '-i', path],
      { timeout: 10_000, windowsHide: true },
      (_e, _out, stderr) => resolve(/Stream #\d+:\d+.*: Audio:/.test(String(stderr))),
    );
  });
}

/** Every channel of a scene that makes sound (as the mixer lists them): its audio sources, then items. */
export function soundChannels(scene: Scene): string[] {
  const ids = (scene.audio ?? []).map((a) => a.id);
  for (const item of scene.items) {
    const s = item.source;
    if (s.kind === 'mediaFile' || s.kind === 'cohost' || (s.kind === 'testPattern' && s.tone)) ids.push(item.id);
  }
  return ids;
}

/** The scene with every microphone muted (the VJ's mute hotkey): the device stays open, the mix gets silence. */
export function muteMicrophones(scene: Scene): Scene {
  if (!scene.audio?.some((a) => a.kind === 'microphone')) return scene;
  return {
    ...scene,
    audio: scene.audio.map((a) => (a.kind === 'microphone' ? { ...a, mix: { ...a.mix, muted: true } } : a)),
  };
}

/** A capture device the scene's sound sources open (a new compositor must wait for the old one to let go). */
export function capturedAudioDevice(scene: Scene, defaultMicrophone: string | null): string | null {
  for (const a of scene.audio ?? []) {
    const device = a.device || (a.kind === 'microphone' ? defaultMicrophone : null);
    if (device && device !== TEST_MIC_ID) return device;
  }
  return null;
}

/**
 * What of the scene's sound needs a new graph: devices, noise suppression (a filter in or out) and a co-host
 * guest's mute (their input leaves the mix). Gain and mute of everything else change by command.
 */
export function audioShape(scene: Scene): unknown {
  return {
    sources: (scene.audio ?? []).map((a) => ({ ...a, mix: { noiseSuppression: a.mix.noiseSuppression } })),
    items: scene.items.map((i) =>
      i.audio
        ? {
            noiseSuppression: i.audio.noiseSuppression,
            ...(i.source.kind === 'cohost' ? { muted: i.audio.muted } : {}),
          }
        : null,
    ),
  };
}

/** The volume commands that take the running graph from one scene's gains and mutes to the next's. */
export function mixCommands(prev: Scene, next: Scene, meters: readonly string[]): FilterCommand[] {
  const mixes = (s: Scene) =>
    new Map<string, AudioMix | undefined>([
      ...(s.audio ?? []).map((a) => [a.id, a.mix] as const),
      ...s.items.map((i) => [i.id, i.audio] as const),
    ]);
  const before = mixes(prev);
  const after = mixes(next);
  const out: FilterCommand[] = [];
  meters.forEach((id, index) => {
    const arg = volumeArg(after.get(id));
    if (arg !== volumeArg(before.get(id))) out.push({ target: volumeTarget(index), command: 'volume', arg });
  });
  return out;
}
