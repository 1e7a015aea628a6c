// The alert types and positions the settings offer, as values (the renderer imports only types from main): a
// record keyed by the contract's type, so a type or position added there and missing here does not compile.
import type { AlertPosition, AlertType } from '../../../main/contract/onstream';

const types: Record<AlertType, true> = { gift: true, likes: true, viewers: true, cohost: true };
const places: Record<AlertPosition, true> = {
  top: true,
  center: true,
  bottom: true,
  topLeft: true,
  topRight: true,
  bottomLeft: true,
  bottomRight: true,
};

export const alertTypes = Object.keys(types) as AlertType[];
export const alertPositions = Object.keys(places) as AlertPosition[];
