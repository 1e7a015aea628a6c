// destinations.* calls: thin lines into the DestinationsService.
import type { Handlers } from '../api';
import type { DestinationsService } from './destinationsService';
import { destinationServices } from './serviceCatalog';

type DestinationHandlerNames = Extract<keyof Handlers, `destinations.${string}`>;

export function destinationsHandlers(d: DestinationsService): Pick<Handlers, DestinationHandlerNames> {
  return {
    'destinations.services': () => ({ services: [...destinationServices] }),
    'destinations.list': () => d.state(),
    'destinations.add': (input) => d.add(input),
    'destinations.update': (input) => d.update(input.id, input),
    'destinations.remove': async (input) => (await d.remove(input.id), { ok: true as const }),
    'destinations.setPaused': (input) => d.setPaused(input.id, input.paused),
    'destinations.setVertical': (input) => d.setVertical(input.on),
    'destinations.setVerticalLayout': (input) => (
      d.setVerticalLayout(input.sceneId, input.items),
      { ok: true as const }
    ),
  };
}
