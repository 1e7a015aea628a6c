// cockpit.*: thin lines into the cockpit service.
import type { HandlersFor } from '../api';
import type { CallName } from '../contract';
import type { CockpitService } from './cockpitService';

export function cockpitHandlers(cockpit: CockpitService): HandlersFor<Extract<CallName, `cockpit.${string}`>> {
  return {
    'cockpit.layout': () => cockpit.layout(),
    'cockpit.saveLayout': (i) => {
      cockpit.save(i.layout);
      return { ok: true as const };
    },
    'cockpit.popOut': (i) => cockpit.popOut(i.panel),
  };
}
