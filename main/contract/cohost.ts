// cohost.*: joint broadcasting — invite a viewer on video, accept their request, remove or mute a guest,
// choose the layout; one event with every guest's state and audio level for the co-host panel.
import { z } from 'zod';
import { defineCall, defineEvent, noInput, ok } from './define';

const userId = z.string().min(1).max(64);

export const cohostLayoutSchema = z.enum(['pip', 'sideBySide', 'grid']);

export const cohostGuestSchema = z.object({
  userId: z.string(),
  nickname: z.string(),
  state: z.enum(['requested', 'invited', 'accepted', 'arriving', 'live', 'leaving', 'ended']),
  since: z.number(),
  endReason: z
    .enum(['declined', 'timeout', 'cancelled', 'removed', 'left', 'lost', 'no_stream', 'show_ended', 'failed'])
    .nullable(),
  /** Invitations in flight: when they run out (ms since epoch). */
  expiresAt: z.number().nullable(),
  /** dBFS of the guest's voice while their stream is watched; null before it arrives. */
  audioLevel: z.number().nullable(),
  muted: z.boolean(),
});
export type CohostGuestInfo = z.infer<typeof cohostGuestSchema>;

export const cohostStateSchema = z.object({
  layout: cohostLayoutSchema,
  maxGuests: z.number().int(),
  guests: z.array(cohostGuestSchema),
});
export type CohostState = z.infer<typeof cohostStateSchema>;

const who = z.object({ userId }).strict();

export const cohostCalls = {
  'cohost.list': defineCall(
    noInput,
    cohostStateSchema,
    'Guests on video, invitations in flight and viewers asking to join.',
  ),
  'cohost.invite': defineCall(
    z.object({ userId, nickname: z.string().max(100).optional() }).strict(),
    cohostGuestSchema,
    'Invite a viewer of the room on video (a one-to-one message; it runs out after 30 s).',
  ),
  'cohost.cancel': defineCall(who, ok, 'Take back an invitation still in flight.'),
  'cohost.acceptRequest': defineCall(who, ok, "Accept a viewer's request to join on video."),
  'cohost.declineRequest': defineCall(who, ok, "Turn down a viewer's request to join."),
  'cohost.remove': defineCall(who, ok, 'Take a guest off video (the room hears it before their picture goes).'),
  'cohost.mute': defineCall(
    z.object({ userId, muted: z.boolean() }).strict(),
    ok,
    "Take a guest's voice out of the mix, or put it back.",
  ),
  'cohost.setLayout': defineCall(
    z.object({ layout: cohostLayoutSchema }).strict(),
    ok,
    'Picture-in-picture, side by side, or a grid for up to 3 guests.',
  ),
} as const;

export const cohostEvents = {
  'cohost.state': defineEvent(cohostStateSchema, "A guest's state or audio level changed, or the layout."),
} as const;
