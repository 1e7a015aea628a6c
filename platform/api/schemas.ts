// The platform's HTTP API (/api/v1), declared once with zod: request bodies it accepts and responses it returns.
// Session and chat clients in the studio import these to parse answers. Changes are additive only.
import { z } from 'zod';

const userIdRule = z
  .string()
  .min(3, 'A user ID needs at least 3 characters.')
  .max(32, 'A user ID may have at most 32 characters.')
  .regex(/^[A-Za-z0-9_-]+$/, 'A user ID may contain only letters, digits, "_" and "-".');

// ── requests ──
export const createAccountRequestSchema = z
  .object({
    userId: userIdRule,
    password: z.string().min(6, 'A password needs at least 6 characters.').max(200, 'A password may have at most 200 characters.'),
    nickname: z.string().trim().min(1, 'A nickname is required.').max(40, 'A nickname may have at most 40 characters.'),
  })
  .strict();
export const createSessionRequestSchema = z.object({ userId: z.string().min(1).max(32), password: z.string().min(1).max(200) }).strict();
export const guestSessionRequestSchema = z.object({ nickname: z.string().trim().min(1).max(40).optional() }).strict();
export const createRoomRequestSchema = z
  .object({ title: z.string().trim().min(1, 'A room needs a title.').max(80, 'A title may have at most 80 characters.') })
  .strict();
export const addModeratorRequestSchema = z.object({ userId: z.string().min(1).max(32) }).strict();
export const sendGiftRequestSchema = z
  .object({
    giftId: z.string().min(1).max(32),
    count: z.number().int('A gift count is a whole number.').min(1, 'Send at least one gift.').max(9999, 'At most 9999 gifts at once.'),
    requestId: z.string().min(8, 'A request ID needs at least 8 characters.').max(64, 'A request ID may have at most 64 characters.'),
  })
  .strict();
export const rechargeRequestSchema = z.object({ amount: z.number().int().min(1).max(1_000_000) }).strict();
export const likeRequestSchema = z.object({ count: z.number().int().min(1).max(100).default(1) }).strict();

// ── responses ──
export const apiErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ApiError = z.infer<typeof apiErrorSchema>;

export const accountSchema = z.object({ userId: z.string(), nickname: z.string() });
export type Account = z.infer<typeof accountSchema>;

export const sessionSchema = z.object({
  token: z.string(),
  userId: z.string(),
  nickname: z.string(),
  sdkAppId: z.number().int(),
  userSig: z.string(),
  /** Unix seconds. */
  userSigExpiresAt: z.number().int(),
  /** Where the chat hub listens (ws://host:port/im); absent in cloud mode, where the client uses Tencent IM. */
  imUrl: z.string().optional(),
  mode: z.enum(['local', 'cloud']).optional(),
});
export type Session = z.infer<typeof sessionSchema>;

export const meSchema = z.object({ userId: z.string(), nickname: z.string(), balance: z.number().int() });
export type Me = z.infer<typeof meSchema>;

export const playUrlsSchema = z.object({ flv: z.string(), hls: z.string() });
export const createdRoomSchema = z.object({
  roomId: z.string(),
  groupId: z.string(),
  pushUrl: z.string(),
  playUrls: playUrlsSchema,
  /** Unix seconds at which the push signature expires. */
  pushExpiresAt: z.number().int().optional(),
});
export type CreatedRoom = z.infer<typeof createdRoomSchema>;

export const liveRoomSchema = z.object({
  roomId: z.string(),
  groupId: z.string(),
  title: z.string(),
  host: accountSchema,
  viewerCount: z.number().int(),
  /** ISO 8601. */
  startedAt: z.string(),
  streamUp: z.boolean(),
  playUrls: playUrlsSchema,
});
export type LiveRoom = z.infer<typeof liveRoomSchema>;
export const liveRoomsSchema = z.object({ rooms: z.array(liveRoomSchema) });

export const roomStatsSchema = z.object({
  durationSec: z.number().int(),
  peakViewers: z.number().int(),
  uniqueViewers: z.number().int(),
  likes: z.number().int(),
  gifts: z.number().int(),
  giftValue: z.number().int(),
  messages: z.number().int(),
});
export type RoomStats = z.infer<typeof roomStatsSchema>;
export const endRoomResponseSchema = z.object({ stats: roomStatsSchema });

export const heartbeatResponseSchema = z.object({ ok: z.literal(true), nextInSeconds: z.number() });
export const okSchema = z.object({ ok: z.literal(true) });

export const giftSchema = z.object({ giftId: z.string(), name: z.string(), nameZh: z.string(), price: z.number().int(), icon: z.string() });
export type Gift = z.infer<typeof giftSchema>;
export const giftCatalogSchema = z.object({ gifts: z.array(giftSchema) });

export const sendGiftResponseSchema = z.object({
  ok: z.literal(true),
  /** The balance after this debit. */
  balance: z.number().int(),
  /** True when this requestId had already been charged: nothing was charged again. */
  duplicate: z.boolean(),
  /** The chat message that announced the gift (absent for a duplicate). */
  msgId: z.string().optional(),
});
export type SendGiftResponse = z.infer<typeof sendGiftResponseSchema>;

export const rechargeResponseSchema = z.object({ balance: z.number().int() });
export const likeResponseSchema = z.object({ likes: z.number().int() });

/** The gift message's custom data (JSON in TIMCustomElem.data), both in local and in cloud mode. */
export const giftMessageDataSchema = z.object({
  type: z.literal('gift'),
  giftId: z.string(),
  name: z.string(),
  count: z.number().int(),
  value: z.number().int(),
  from: accountSchema,
  requestId: z.string(),
});
export type GiftMessageData = z.infer<typeof giftMessageDataSchema>;
/** Likes are announced as a low-priority custom message `{type:'like', count, total}`. */
export const likeMessageDataSchema = z.object({ type: z.literal('like'), count: z.number().int(), total: z.number().int(), from: accountSchema });

/** POST /api/v1/rooms/{roomId}/guests/{userId}/stream: a co-host guest's signed push URL and where the studio pulls it. */
export const guestStreamSchema = z.object({
  streamName: z.string(),
  pushUrl: z.string(),
  pushExpiresAt: z.number(),
  pullUrl: z.string(),
  playUrls: playUrlsSchema,
});
export type GuestStreamResponse = z.infer<typeof guestStreamSchema>;
