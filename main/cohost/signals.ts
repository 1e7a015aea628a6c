// The co-host signalling messages: one-to-one custom messages between the VJ and a guest, and the notices
// the room sees. Everything that arrives is validated; anything else is ignored.
import { z } from 'zod';

const id = z.string().min(1).max(64);

export const guestToHostSchema = z.discriminatedUnion('type', [
  /** A viewer asks to join on video. */
  z.object({ type: z.literal('cohost.request') }),
  z.object({ type: z.literal('cohost.accept'), inviteId: id }),
  z.object({ type: z.literal('cohost.decline'), inviteId: id }),
  /** The guest leaves by themselves. */
  z.object({ type: z.literal('cohost.leave'), inviteId: id.optional() }),
]);
export type GuestToHost = z.infer<typeof guestToHostSchema>;

export const hostToGuestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('cohost.invite'), inviteId: id, expiresInMs: z.number().int().positive() }),
  z.object({ type: z.literal('cohost.cancel'), inviteId: id, reason: z.enum(['cancelled', 'timeout', 'full']) }),
  /** After an accept: where the guest publishes. The URL is signed for this guest's stream only. */
  z.object({
    type: z.literal('cohost.start'),
    inviteId: id,
    pushUrl: z.string().url(),
    /** Where a browser publishes over WebRTC (WHIP, with the guest's own token), when the platform offers it. */
    whipUrl: z.string().url().optional(),
    /** Where the guest's page plays the show back (WHEP): the program without their own voice. */
    whepUrl: z.string().url().optional(),
  }),
  z.object({
    type: z.literal('cohost.end'),
    inviteId: id,
    reason: z.enum(['removed', 'show_ended', 'no_stream', 'lost']),
  }),
]);
export type HostToGuest = z.infer<typeof hostToGuestSchema>;

export const roomNoticeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('cohost.joined'), userId: z.string(), nickname: z.string() }),
  z.object({ type: z.literal('cohost.left'), userId: z.string(), nickname: z.string(), reason: z.string() }),
]);
export type RoomNotice = z.infer<typeof roomNoticeSchema>;

/** Parses a custom message's data; null when it is not a valid co-host message from a guest. */
export function parseGuestSignal(data: string): GuestToHost | null {
  if (data.length > 4096) return null;
  try {
    const parsed = guestToHostSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function parseHostSignal(data: string): HostToGuest | null {
  if (data.length > 4096) return null;
  try {
    const parsed = hostToGuestSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
