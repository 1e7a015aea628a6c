// scenes.* handlers: one thin line each into the ScenesService.
import type { HandlersFor } from '../api';
import type { scenesCalls } from '../contract/scenes';
import type { ScenesService } from './scenesService';

export function scenesHandlers(s: ScenesService): HandlersFor<keyof typeof scenesCalls> {
  return {
    'scenes.state': () => s.state(),
    'scenes.create': (input) => s.create(input.name, input.copyFromId),
    'scenes.update': (input) => s.update(input.scene),
    'scenes.remove': (input) => (s.remove(input.id), { ok: true as const }),
    'scenes.reorder': (input) => (s.reorder(input.ids), { ok: true as const }),
    'scenes.activate': (input) => s.activate(input.id, input.transition),
    'scenes.setPreview': (input) => s.setPreview(input.id),
    'scenes.setStudioMode': (input) => s.setStudioMode(input.enabled),
    'scenes.transition': (input) => s.transition(input),
    'scenes.export': (input) => s.export(input.ids),
    'scenes.import': (input) => s.import(input.json),
    'scenes.createProfile': (input) => s.createProfile(input.name),
    'scenes.selectProfile': (input) => s.selectProfile(input.id),
  };
}
