// media.* and recordings.* calls: thin lines into the MediaService.
import type { Handlers } from '../api';
import { presets } from './presets';
import type { MediaService } from './mediaService';

type MediaHandlerNames = Extract<keyof Handlers, `media.${string}` | `recordings.${string}`>;

export function mediaHandlers(m: MediaService): Pick<Handlers, MediaHandlerNames> {
  const ok = { ok: true as const };
  return {
    'media.devices': async () => ({ devices: await m.devices() }),
    'media.encoders': async () => ({ encoders: await m.encoders() }),
    'media.presets': () => ({ presets: Object.values(presets) }),
    'media.status': () => m.engine.status(),
    'media.start': (input) => m.start(input),
    'media.stop': async () => (await m.engine.stop(), ok),
    'media.setPreview': (input) => (m.setPreview(input.on), ok),
    'media.setScene': async (input) => ({ applied: await m.setScene(input.scene, input.transition) }),
    'media.setBeauty': (input) => m.setBeauty(input),
    'media.setSafetyMask': (input) => (m.setSafetyMask(input.mask), ok),
    'media.startPush': (input) => (m.startPush(input.url), ok),
    'media.stopPush': async () => (await m.engine.stopPush(), ok),
    'media.startRecording': (input) => (m.startRecording(input.segmentMinutes), ok),
    'media.stopRecording': async () => (await m.engine.stopRecording(), ok),
    'recordings.list': () => m.listRecordings(),
    'recordings.delete': (input) => (m.library.delete(input.name), ok),
    'recordings.reveal': (input) => ({ path: m.library.reveal(input.name) }),
    'recordings.export': (input) => m.exportRecording(input.name),
  };
}
