// The platform's HTTP answers as the studio reads them (issue 4's API), validated so a surprise shape becomes
// a plain-words error instead of an undefined deep in the session.
import { z } from 'zod';

export const sessionAnswer = z.object({
  token: z.string().min(1),
  sdkAppId: z.coerce.number(),
  userSig: z.string(),
  userSigExpiresAt: z.union([z.number(), z.string()]).optional(),
  /** The chat hub (ws://…/im) in local mode; absent in cloud mode (Tencent IM). */
  imUrl: z.string().optional(),
});
export type PlatformSession = z.infer<typeof sessionAnswer>;

export const meAnswer = z.object({
  userId: z.string(),
  nickname: z.string().default(''),
  balance: z.number().default(0),
});
export type PlatformMe = z.infer<typeof meAnswer>;

export const roomAnswer = z.object({
  roomId: z.union([z.string(), z.number()]).transform(String),
  groupId: z.string().optional().default(''),
  pushUrl: z.string().min(1),
  playUrls: z.object({ flv: z.string().optional(), hls: z.string().optional() }).partial().default({}),
});
export type PlatformRoom = z.infer<typeof roomAnswer>;

const liveRoom = z.object({
  roomId: z.union([z.string(), z.number()]).transform(String),
  groupId: z.string().optional(),
  title: z.string().optional().default(''),
  host: z.unknown().optional(),
  viewers: z.number().optional(),
  viewerCount: z.number().optional(),
  startedAt: z.unknown().optional(),
  /** The ingest has the room's stream (a Cloud Live push callback, or the embedded ingest). */
  streamUp: z.boolean().optional(),
});
export const roomsAnswer = z.union([
  z.object({ rooms: z.array(liveRoom) }),
  z.array(liveRoom).transform((rooms) => ({ rooms })),
]);
export type PlatformLiveRoom = z.infer<typeof liveRoom>;

const topGifter = z.object({
  userId: z.string(),
  nickname: z.string().optional(),
  value: z.number(),
  gifts: z.number().optional(),
});

export const endStats = z.object({
  durationSec: z.number().default(0),
  peakViewers: z.number().default(0),
  uniqueViewers: z.number().default(0),
  likes: z.number().default(0),
  gifts: z.number().default(0),
  giftValue: z.number().default(0),
  messages: z.number().default(0),
  topGifters: z.array(topGifter).optional(),
});
export const endAnswer = z.object({ stats: endStats });
export type PlatformEndStats = z.infer<typeof endStats>;

/** The heartbeat may carry live counters; the studio shows them when it does. */
export const heartbeatAnswer = z
  .object({
    viewers: z.number().optional(),
    viewerCount: z.number().optional(),
    likes: z.number().optional(),
    gifts: z.number().optional(),
    giftValue: z.number().optional(),
    messages: z.number().optional(),
    stats: endStats.partial().extend({ viewers: z.number().optional() }).optional(),
  })
  .passthrough();
export type PlatformHeartbeat = z.infer<typeof heartbeatAnswer>;

export const giftsAnswer = z.union([
  z.object({
    gifts: z.array(
      z
        .object({
          giftId: z.union([z.string(), z.number()]).transform(String),
          name: z.string().optional(),
          price: z.number().optional(),
        })
        .passthrough(),
    ),
  }),
  z
    .array(
      z
        .object({
          giftId: z.union([z.string(), z.number()]).transform(String),
          name: z.string().optional(),
          price: z.number().optional(),
        })
        .passthrough(),
    )
    .transform((gifts) => ({ gifts })),
]);

/** A co-host guest's signed push URL and where the studio pulls it from. */
export const guestStreamAnswer = z.object({
  pushUrl: z.string().min(1),
  pullUrl: z.string().min(1),
  playUrls: z.object({ flv: z.string().optional(), hls: z.string().optional() }).partial().default({}),
  whipUrl: z.string().min(1).optional(),
});
export type PlatformGuestStream = z.infer<typeof guestStreamAnswer>;
