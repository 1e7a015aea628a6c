// The platform's HTTP API (/api/v1), declared once with zod: request bodies it accepts and responses it returns.
// Session and chat clients in the studio import these to parse answers. Changes are additive only.
import { z } from 'zod';
import { fieldRules as rule } from './fieldRules';

const userIdRule = z
  .string()
  .min(3, rule.userIdShort.en)
  .max(32, rule.userIdLong.en)
  .regex(/^[A-Za-z0-9_-]+$/, rule.userIdChars.en);

// ── requests ──
export const createAccountRequestSchema = z
  .object({
    userId: userIdRule,
    password: z.string().min(6, rule.passwordShort.en).max(200, rule.passwordLong.en),
    nickname: z.string().trim().min(1, rule.nicknameMissing.en).max(40, rule.nicknameLong.en),
  })
  .strict();
export const createSessionRequestSchema = z
  .object({ userId: z.string().min(1).max(32), password: z.string().min(1).max(200) })
  .strict();
export const guestSessionRequestSchema = z.object({ nickname: z.string().trim().min(1).max(40).optional() }).strict();
export const createRoomRequestSchema = z
  .object({ title: z.string().trim().min(1, rule.titleMissing.en).max(80, rule.titleLong.en) })
  .strict();
export const addModeratorRequestSchema = z.object({ userId: z.string().min(1).max(32) }).strict();
export const sendGiftRequestSchema = z
  .object({
    giftId: z.string().min(1).max(32),
    count: z.number().int(rule.giftCountWhole.en).min(1, rule.giftCountLow.en).max(9999, rule.giftCountHigh.en),
    requestId: z.string().min(8, rule.requestIdShort.en).max(64, rule.requestIdLong.en),
  })
  .strict();
export const rechargeRequestSchema = z.object({ amount: z.number().int().min(1).max(1_000_000) }).strict();
export const likeRequestSchema = z.object({ count: z.number().int().min(1).max(100).default(1) }).strict();

// ── responses ──
/** zh: the message in Simplified Chinese (every refusal of this platform has it; another server's may not). */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), zh: z.string().optional() }),
});
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

/** A fresh UserSig for the signed-in account's chat (Tencent IM in cloud mode), and whose room signals to believe. */
export const chatCredentialsSchema = z.object({
  userId: z.string(),
  sdkAppId: z.number().int(),
  userSig: z.string(),
  /** Unix seconds. */
  userSigExpiresAt: z.number().int(),
  mode: z.enum(['local', 'cloud']),
  /** The IM app admin: in cloud mode the only sender of gifts, likes, moderation notices and the end notice. */
  imAdmin: z.string(),
  /** The chat hub (local mode). */
  imUrl: z.string().optional(),
});
export type ChatCredentials = z.infer<typeof chatCredentialsSchema>;

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
  /** From the billing records: who gave the most coins in this room. */
  topGifters: z.array(
    z.object({ userId: z.string(), nickname: z.string(), value: z.number().int(), gifts: z.number().int() }),
  ),
});
export type RoomStats = z.infer<typeof roomStatsSchema>;
export const endRoomResponseSchema = z.object({ stats: roomStatsSchema });

/** The room's figures of record ride on every heartbeat: likes from the counter, gifts from the billing records. */
export const heartbeatResponseSchema = z.object({
  ok: z.literal(true),
  nextInSeconds: z.number(),
  likes: z.number().int(),
  gifts: z.number().int(),
  giftValue: z.number().int(),
  /** The platform had ended the room for missed heartbeats; this heartbeat put it back on the air. */
  resumed: z.literal(true).optional(),
});
export type HeartbeatResponse = z.infer<typeof heartbeatResponseSchema>;
export const okSchema = z.object({ ok: z.literal(true) });

export const giftSchema = z.object({
  giftId: z.string(),
  name: z.string(),
  nameZh: z.string(),
  price: z.number().int(),
  icon: z.string(),
});
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
export const likeMessageDataSchema = z.object({
  type: z.literal('like'),
  count: z.number().int(),
  total: z.number().int(),
  from: accountSchema,
});

/**
 * POST /api/v1/rooms/{roomId}/guests/{userId}/stream: a co-host guest's signed push URL and where the studio pulls it.
 */
export const guestStreamSchema = z.object({
  streamName: z.string(),
  pushUrl: z.string(),
  pushExpiresAt: z.number(),
  pullUrl: z.string(),
  playUrls: playUrlsSchema,
  /** Local mode: the WHIP endpoint (RFC 9725) the guest's page publishes to with their own token. */
  whipUrl: z.string().optional(),
  /** Local mode: where the studio pushes the guest's return feed (the program with their mix-minus), signed. */
  returnPushUrl: z.string().optional(),
  /** Local mode: the WHEP endpoint (RFC 9725 shape) the guest's page plays the return feed from. */
  whepUrl: z.string().optional(),
});
export type GuestStreamResponse = z.infer<typeof guestStreamSchema>;
