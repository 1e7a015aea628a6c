// One handler per call of the contract, each a thin line into a service. The type forces completeness.
import type { Handlers } from '../api';
import { describeApi } from '../api';
import { safetyHandlers } from '../safety/safetyHandlers';
import { scenesHandlers } from '../scenes/scenesHandlers';
import { sessionHandlers } from '../session/sessionHandlers';
import type { StudioServices } from './studio';
import { chatHandlers } from '../chat/chatHandlers';
import { mediaHandlers } from '../media';
import { cohostHandlers } from '../cohost/cohostHandlers';
import { pkHandlers } from '../pk/pkHandlers';
import { cockpitHandlers } from '../cockpit';
import { destinationsHandlers } from '../destinations';
import { onstreamHandlers } from '../onstream/onstreamHandlers';

export function buildHandlers(s: StudioServices): Handlers {
  return {
    ...scenesHandlers(s.scenes),
    ...chatHandlers(s),
    'system.info': () => s.system.info(),
    'system.describe': () => describeApi(),
    'system.ping': (input) => ({ echo: input.echo, at: Date.now() }),
    'system.openLogsFolder': () => s.system.openLogsFolder(),
    'settings.get': (input) => ({ value: s.storage.settings.get(input.key) ?? null }),
    'settings.set': (input) => {
      s.storage.settings.set(input.key, input.value);
      return { ok: true as const };
    },
    ...sessionHandlers(s),
    ...safetyHandlers(s.safety),
    ...mediaHandlers(s.media),
    ...cohostHandlers(s.cohost),
    ...pkHandlers(s.pk),
    ...cockpitHandlers(s.cockpit),
    ...destinationsHandlers(s.destinations),
    ...onstreamHandlers(s.onstream),
    'obsWebSocket.state': () => s.obsWebSocket.state(),
    'obsWebSocket.configure': (input) => s.obsWebSocket.configure(input),
    'obsWebSocket.newPassword': () => s.obsWebSocket.newPassword(),
    'hotkeys.state': () => s.hotkeys.state(),
    'hotkeys.set': (input) => s.hotkeys.set(input.bindings),
  };
}
