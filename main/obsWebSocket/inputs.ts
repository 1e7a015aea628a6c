// The studio's sound channels seen as OBS inputs: a channel name (a scene's microphone, a media file, a
// co-host guest, the test tone) is one input across every scene of the profile, as OBS shares an input
// between scenes. Its mute and volume are read from the program scene when it has the channel.
import type { AudioMix, Scene } from '../contract/scene';
import type { ScenesState } from '../contract/scenes';
import { soundChannels } from '../media';

export interface InputView {
  name: string;
  /** The id of the channel that stands for the input (the program scene's, else the first scene's). */
  uuid: string;
  kind: string;
  muted: boolean;
  gainDb: number;
}

const silentMix: AudioMix = { gainDb: 0, muted: false, noiseSuppression: false };

interface Channel {
  id: string;
  name: string;
  kind: string;
  mix: AudioMix;
}

export function channelsOf(scene: Scene): Channel[] {
  const sound = new Set(soundChannels(scene));
  const out: Channel[] = [];
  for (const a of scene.audio ?? []) out.push({ id: a.id, name: a.name, kind: `vj_${a.kind}`, mix: a.mix });
  for (const i of scene.items)
    if (sound.has(i.id)) out.push({ id: i.id, name: i.name, kind: `vj_${i.source.kind}`, mix: i.audio ?? silentMix });
  return out;
}

/** Every input of the profile, in scene order, each once. */
export function listInputs(state: ScenesState): InputView[] {
  const program = state.scenes.find((s) => s.id === state.programSceneId);
  const ordered = program ? [program, ...state.scenes.filter((s) => s !== program)] : state.scenes;
  const byName = new Map<string, InputView>();
  for (const scene of ordered)
    for (const c of channelsOf(scene))
      if (!byName.has(c.name))
        byName.set(c.name, { name: c.name, uuid: c.id, kind: c.kind, muted: c.mix.muted, gainDb: c.mix.gainDb });
  // Listed in the scene list's order, whichever scene stands for them.
  const order = new Map<string, number>();
  state.scenes.forEach((s) => channelsOf(s).forEach((c) => order.has(c.name) || order.set(c.name, order.size)));
  return [...byName.values()].sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
}

/** The scenes with every channel of that input given a new mix. */
export function withInputMix(state: ScenesState, name: string, change: (mix: AudioMix) => AudioMix): Scene[] {
  const changed: Scene[] = [];
  for (const scene of state.scenes) {
    const ids = new Set(
      channelsOf(scene)
        .filter((c) => c.name === name)
        .map((c) => c.id),
    );
    if (ids.size === 0) continue;
    changed.push({
      ...scene,
      audio: scene.audio?.map((a) => (ids.has(a.id) ? { ...a, mix: change(a.mix) } : a)),
      items: scene.items.map((i) => (ids.has(i.id) ? { ...i, audio: change(i.audio ?? silentMix) } : i)),
    });
  }
  return changed;
}

export const dbToMul = (db: number) => Math.pow(10, db / 20);
export const mulToDb = (mul: number) => 20 * Math.log10(mul);
