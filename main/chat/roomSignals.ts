// Room signals carried as custom messages (JSON in the custom payload's data) where a backend has no call
// of its own: gifts sent by the business server, moderation notices, the pin, slow mode, mute-all.
import { z } from 'zod';
import { chatItemSchema, moderationActions } from '../contract/chat';

export const roomSignalSchema = z.discriminatedUnion('type', [
  // The platform's gift announcement (common/platformApi/schemas.ts giftMessageDataSchema), extra fields kept aside.
  z.object({
    type: z.literal('gift'),
    name: z.string().max(200),
    count: z.number().int().min(1).max(1_000_000).default(1),
    /** The buyer, as the platform's billing record names them (the sender is the platform itself). */
    from: z.object({ userId: z.string().max(64), nickname: z.string().max(200).optional() }).optional(),
  }),
  z.object({ type: z.literal('like'), count: z.number().int().min(0), total: z.number().int().min(0).optional() }),
  z.object({
    type: z.literal('moderation'),
    action: z.enum(moderationActions),
    actor: z.string().max(200),
    target: z.string().max(200).optional(),
    detail: z.string().max(500).optional(),
  }),
  z.object({ type: z.literal('pin'), message: chatItemSchema.nullable() }),
  z.object({ type: z.literal('slowMode'), seconds: z.number().int().min(0).max(3600) }),
  z.object({ type: z.literal('muteAll'), on: z.boolean() }),
  // Cloud mode: the platform's end notice before it dismisses the room's AVChatRoom.
  z.object({ type: z.literal('roomEnded'), reason: z.enum(['ended', 'heartbeat_lost']) }),
]);
export type RoomSignal = z.infer<typeof roomSignalSchema>;

/** A custom payload's data read as a room signal, or null when it is something else (co-host signalling). */
export function readRoomSignal(data: unknown): RoomSignal | null {
  if (typeof data !== 'string' || !data.startsWith('{')) return null;
  try {
    const parsed = roomSignalSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
