// Joint broadcasting: the state machine, its signalling messages, and the service that wires it to the
// chat (signals), the platform (guest stream URLs) and the media engine (the guests' place in the program).
export { CohostController, CohostError, defaultLimits, notLiveWords } from './cohostController';
export type { CohostDeps, CohostLimits, Guest, GuestState, EndReason } from './cohostController';
export { parseGuestSignal, parseHostSignal, guestToHostSchema, hostToGuestSchema, roomNoticeSchema } from './signals';
export type { GuestToHost, HostToGuest, RoomNotice } from './signals';
export { CohostService } from './cohostService';
export type {
  CohostChatPort,
  CohostMediaPort,
  CohostServiceOptions,
  CohostStateView,
  CohostGuestView,
} from './cohostService';
export { composeProgram, withoutGuests, cohostLayouts } from './layouts';
export type { CohostLayout } from './layouts';
