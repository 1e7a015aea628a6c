// The studio API, declared once. Every transport (Electron IPC, the headless WebSocket) and the renderer
// derive their types from these two lists. Areas add their own file and spread it in here.
import type { z } from 'zod';
import type { CallSpec, EventSpec } from './define';
import { scenesCalls, scenesEvents } from './scenes';
import { accountCalls, accountEvents } from './account';
import { historyCalls } from './history';
import { sessionCalls, sessionEvents } from './session';
import { chatCalls, chatEvents } from './chat';
import { systemCalls, systemEvents } from './system';
import { safetyCalls, safetyEvents } from './safety';
import { mediaCalls, mediaEvents } from './media';
import { recordingsCalls, recordingsEvents } from './recordings';
import { cohostCalls, cohostEvents } from './cohost';
import { pkCalls, pkEvents } from './pk';
import { cockpitCalls, cockpitEvents } from './cockpit';
import { destinationsCalls, destinationsEvents } from './destinations';
import { controlSurfaceCalls, controlSurfaceEvents } from './controlSurfaces';
import { onstreamCalls, onstreamEvents } from './onstream';

export const calls = {
  ...systemCalls,
  ...scenesCalls,
  ...accountCalls,
  ...sessionCalls,
  ...historyCalls,
  ...safetyCalls,
  ...chatCalls,
  ...mediaCalls,
  ...recordingsCalls,
  ...cohostCalls,
  ...pkCalls,
  ...cockpitCalls,
  ...destinationsCalls,
  ...controlSurfaceCalls,
  ...onstreamCalls,
} as const satisfies Record<string, CallSpec>;

export const events = {
  ...systemEvents,
  ...scenesEvents,
  ...accountEvents,
  ...sessionEvents,
  ...safetyEvents,
  ...chatEvents,
  ...mediaEvents,
  ...recordingsEvents,
  ...cohostEvents,
  ...pkEvents,
  ...cockpitEvents,
  ...destinationsEvents,
  ...controlSurfaceEvents,
  ...onstreamEvents,
} as const satisfies Record<string, EventSpec>;

export type Calls = typeof calls;
export type Events = typeof events;
export type CallName = keyof Calls;
export type EventName = keyof Events;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallParsedInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;
export type EventPayload<N extends EventName> = z.output<Events[N]['payload']>;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

export * from './errors';
export * from './define';
export type { SystemInfo } from './system';
export type { AccountState } from './account';
export type { LiveStats, Recovery, SessionState } from './session';
export type { BroadcastReport, BroadcastSummary } from './history';
export type { ChatItem, ChatStatus, ModerationEntry } from './chat';
export type { CohostState, CohostGuestInfo } from './cohost';
export type { PkStudioState, PkLiveVj } from './pk';
export type { CockpitLayout, CockpitPanel } from './cockpit';
export type { Destination, DestinationService, DestinationsState } from './destinations';
export type { HotkeyAction, HotkeysState, ObsWebSocketState } from './controlSurfaces';
export { hotkeyBindingsSchema } from './controlSurfaces';
