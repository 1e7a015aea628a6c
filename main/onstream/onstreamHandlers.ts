// onstream.* calls: thin lines into the OnstreamService.
import type { Handlers } from '../api';
import type { OnstreamService } from './onstreamService';

type OnstreamHandlerNames = Extract<keyof Handlers, `onstream.${string}`>;

export function onstreamHandlers(s: OnstreamService): Pick<Handlers, OnstreamHandlerNames> {
  return {
    'onstream.alerts': () => s.state(),
    'onstream.setAlertSettings': (input) => s.setSettings(input),
    'onstream.testAlert': (input) => (s.testAlert(input.type), { ok: true as const }),
    'onstream.setPaused': (input) => s.setPaused(input.paused),
    'onstream.skipAlert': () => s.skip(),
  };
}
