// Joint broadcasting: the state machine and its signalling messages.
export { CohostController, CohostError, defaultLimits } from './cohostController';
export type { CohostDeps, CohostLimits, Guest, GuestState, EndReason } from './cohostController';
export { parseGuestSignal, parseHostSignal, guestToHostSchema, hostToGuestSchema, roomNoticeSchema } from './signals';
export type { GuestToHost, HostToGuest, RoomNotice } from './signals';
