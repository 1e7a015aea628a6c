// Destinations: the platforms the one encode is pushed to beside the room's own push, their keys at rest.
export { DestinationBook, type DestinationRecord, type NewDestination } from './destinationBook';
export { DestinationsService, KEY_REFUSALS_BEFORE_FAILING } from './destinationsService';
export { destinationsHandlers } from './destinationsHandlers';
export { destinationServices, findService } from './serviceCatalog';
export { ingestTarget, withoutKey } from './ingestTarget';
export { EncodePool, MAIN_ENCODE, VERTICAL_ENCODE, VERTICAL_KBPS } from './encodePool';
export { engineEncodes } from './engineEncodes';
