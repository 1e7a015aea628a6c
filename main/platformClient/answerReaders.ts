// The studio's readers of the platform's answers, derived from the one HTTP contract
// (common/platformApi/schemas.ts): the same fields, read leniently where a cloud business server of another
// version may differ (ids as numbers, figures left out count as 0, a bare array for a list), so a surprise
// shape becomes a plain-words error at the client and never an undefined deep in the session.
import { z } from 'zod';
import {
  createdRoomSchema,
  giftSchema,
  guestStreamSchema,
  heartbeatResponseSchema,
  liveRoomSchema,
  meSchema,
  roomStatsSchema,
  sessionSchema,
} from '../../common/platformApi/schemas';

/** An id the studio keeps as a string, whether the server sends it as a string or a number. */
const anyId = z.union([z.string(), z.number()]).transform(String);

/** A list answer as `{ <key>: [...] }` or as the bare array. */
function listAnswer<K extends string, T extends z.ZodType>(key: K, item: T) {
  const wrapped = z.object({ [key]: z.array(item) } as { [P in K]: z.ZodArray<T> });
  return z.union([wrapped, z.array(item).transform((items) => ({ [key]: items }) as z.output<typeof wrapped>)]);
}

const session = sessionSchema.shape;
export const sessionAnswer = sessionSchema.pick({ userSig: true, imUrl: true }).extend({
  token: session.token.min(1),
  sdkAppId: z.coerce.number(),
  userSigExpiresAt: z.union([session.userSigExpiresAt, z.string()]).optional(),
});
export type PlatformSession = z.infer<typeof sessionAnswer>;

export const meAnswer = meSchema.extend({
  nickname: meSchema.shape.nickname.default(''),
  balance: z.number().default(0),
});
export type PlatformMe = z.infer<typeof meAnswer>;

const room = createdRoomSchema.shape;
export const roomAnswer = createdRoomSchema.pick({}).extend({
  roomId: anyId,
  groupId: room.groupId.optional().default(''),
  pushUrl: room.pushUrl.min(1),
  playUrls: room.playUrls.partial().default({}),
});
export type PlatformRoom = z.infer<typeof roomAnswer>;

const liveRoom = liveRoomSchema
  .pick({ groupId: true, viewerCount: true, streamUp: true })
  .partial()
  .extend({
    roomId: anyId,
    title: liveRoomSchema.shape.title.optional().default(''),
    host: z.unknown().optional(),
    startedAt: z.unknown().optional(),
    /** An older name of viewerCount. */
    viewers: z.number().optional(),
  });
export const roomsAnswer = listAnswer('rooms', liveRoom);
export type PlatformLiveRoom = z.infer<typeof liveRoom>;

const stats = roomStatsSchema.shape;
const topGifter = stats.topGifters.element.partial({ nickname: true, gifts: true });
export const endStats = roomStatsSchema.extend({
  durationSec: stats.durationSec.default(0),
  peakViewers: stats.peakViewers.default(0),
  uniqueViewers: stats.uniqueViewers.default(0),
  likes: stats.likes.default(0),
  gifts: stats.gifts.default(0),
  giftValue: stats.giftValue.default(0),
  messages: stats.messages.default(0),
  topGifters: z.array(topGifter).optional(),
});
export const endAnswer = z.object({ stats: endStats });
export type PlatformEndStats = z.infer<typeof endStats>;

/** The heartbeat may carry live counters; the studio shows them when it does. */
export const heartbeatAnswer = heartbeatResponseSchema
  .pick({ likes: true, gifts: true, giftValue: true, resumed: true })
  .partial()
  .extend({
    viewers: z.number().optional(),
    viewerCount: z.number().optional(),
    messages: z.number().optional(),
    stats: endStats.partial().extend({ viewers: z.number().optional() }).optional(),
  })
  .passthrough();
export type PlatformHeartbeat = z.infer<typeof heartbeatAnswer>;

const gift = giftSchema.pick({ name: true, price: true }).partial().extend({ giftId: anyId }).passthrough();
export const giftsAnswer = listAnswer('gifts', gift);

/** A co-host guest's signed push URL and where the studio pulls it from. */
const guest = guestStreamSchema.shape;
export const guestStreamAnswer = guestStreamSchema.pick({}).extend({
  pushUrl: guest.pushUrl.min(1),
  pullUrl: guest.pullUrl.min(1),
  playUrls: guest.playUrls.partial().default({}),
  whipUrl: guest.whipUrl.unwrap().min(1).optional(),
  returnPushUrl: guest.returnPushUrl.unwrap().min(1).optional(),
  whepUrl: guest.whepUrl.unwrap().min(1).optional(),
});
export type PlatformGuestStream = z.infer<typeof guestStreamAnswer>;
