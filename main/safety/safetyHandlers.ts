// safety.* handlers: thin lines into the SafetyService.
import type { HandlersFor } from '../api';
import type { SafetyService } from './safetyService';

export function safetyHandlers(
  safety: SafetyService,
): HandlersFor<'safety.getPolicy' | 'safety.setPolicy' | 'safety.state' | 'safety.listEvents' | 'safety.override'> {
  return {
    'safety.getPolicy': () => safety.getPolicy(),
    'safety.setPolicy': (input) => safety.setPolicy(input),
    'safety.state': () => safety.state(),
    'safety.listEvents': (input) => ({ events: safety.listEvents(input.limit, input.beforeId) }),
    'safety.override': (input) => safety.override(input.sourceId),
  };
}
