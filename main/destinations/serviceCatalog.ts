// The streaming services a destination can be: one data file (services.json), checked against the contract
// when the studio starts, so a wrong entry fails the tests instead of reaching the VJ.
import { z } from 'zod';
import { destinationServiceSchema, type DestinationService } from '../contract/destinations';
import servicesData from './services.json';

export const destinationServices: readonly DestinationService[] = z.array(destinationServiceSchema).parse(servicesData);

export function findService(id: string): DestinationService | undefined {
  return destinationServices.find((s) => s.id === id);
}
