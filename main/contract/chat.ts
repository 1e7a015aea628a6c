// chat.*: the live chat of one room — connect, the feed (batched), search, the user card and moderation.
import { z } from 'zod';
import { defineCall, defineEvent, noInput, ok } from './define';

const id = z.string().min(1).max(200);

export const chatItemKinds = ['text', 'custom', 'gift', 'join', 'leave', 'moderation', 'system'] as const;

export const moderationActions = [
  'revoke',
  'mute',
  'unmute',
  'kick',
  'ban',
  'unban',
  'setModerator',
  'slowMode',
  'muteAll',
  'pin',
  'blockedWords',
] as const;
export type ModerationActionName = (typeof moderationActions)[number];

/** One line of the feed. Text and names are plain strings: the renderer shows them as text, never HTML. */
export const chatItemSchema = z.object({
  id,
  roomId: z.string(),
  kind: z.enum(chatItemKinds),
  userId: z.string(),
  nick: z.string(),
  text: z.string(),
  /** When it was sent (ms since epoch); the feed's lag figures are measured from here. */
  at: z.number(),
  /** To one user only (a whisper), else the whole room. */
  to: z.string().optional(),
  data: z.string().optional(),
  gift: z.object({ name: z.string(), count: z.number() }).optional(),
  moderation: z
    .object({
      action: z.enum(moderationActions),
      actor: z.string(),
      target: z.string().optional(),
      detail: z.string().optional(),
    })
    .optional(),
  role: z.enum(['owner', 'moderator', 'member']).optional(),
  blocked: z.boolean().optional(),
  revoked: z.boolean().optional(),
});
export type ChatItem = z.infer<typeof chatItemSchema>;

export const moderationEntrySchema = z.object({
  id: z.number().int(),
  roomId: z.string(),
  actor: z.string(),
  action: z.enum(moderationActions),
  targetUser: z.string().nullable(),
  targetMessage: z.string().nullable(),
  detail: z.string().nullable(),
  at: z.number(),
});
export type ModerationEntry = z.infer<typeof moderationEntrySchema>;

export const chatConnectionStates = [
  'disconnected',
  'connecting',
  'connected',
  'reconnecting',
  'kicked',
  'failed',
] as const;

export const chatStatusSchema = z.object({
  state: z.enum(chatConnectionStates),
  /** Plain words for the last problem (kicked, signed in elsewhere, lost the network). */
  reason: z.string().nullable(),
  mode: z.enum(['platform', 'tencent']).nullable(),
  userId: z.string().nullable(),
  roomId: z.string().nullable(),
  role: z.enum(['owner', 'moderator', 'member']).nullable(),
  online: z.number().int().nullable(),
  slowModeSeconds: z.number().int(),
  muteAll: z.boolean(),
  pinned: chatItemSchema.nullable(),
  /** The studio tries the live room's chat again: which try comes next and in how many seconds. */
  retry: z
    .object({ attempt: z.number().int().min(1), inSeconds: z.number().int().min(0) })
    .nullable()
    .optional(),
});
export type ChatStatus = z.infer<typeof chatStatusSchema>;

export const chatConnectSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('platform'),
    platformUrl: z.url({ protocol: /^https?$/ }),
    token: z.string().min(1).max(4096),
    userId: id,
    /** The room's chat group id. */
    roomId: id,
    /** The hub's address when the session named one (ws://host:port/im); else derived from platformUrl. */
    imUrl: z.url({ protocol: /^wss?$/ }).optional(),
  }),
  z.object({
    mode: z.literal('tencent'),
    sdkAppId: z.number().int().positive(),
    userSig: z.string().min(1).max(4096),
    userId: id,
    groupId: id,
    /** The business server that does what the SDK may not in an AVChatRoom (per-user mutes, roles). */
    businessUrl: z.url({ protocol: /^https?$/ }).optional(),
    businessToken: z.string().max(4096).optional(),
    createRoom: z.boolean().default(false),
    /** The IM app admin, the only sender of gifts, likes and the platform's notices ("administrator" by default). */
    imAdmin: id.optional(),
  }),
]);
export type ChatConnectInput = z.infer<typeof chatConnectSchema>;

export const moderateSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('revoke'), messageId: id }),
  z.object({
    action: z.literal('mute'),
    userId: id,
    seconds: z
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 3600),
  }),
  z.object({ action: z.literal('unmute'), userId: id }),
  z.object({ action: z.literal('kick'), userId: id }),
  z.object({
    action: z.literal('ban'),
    userId: id,
    seconds: z
      .number()
      .int()
      .min(0)
      .max(365 * 24 * 3600)
      .default(0),
  }),
  z.object({ action: z.literal('unban'), userId: id }),
  z.object({ action: z.literal('setModerator'), userId: id, on: z.boolean() }),
  z.object({ action: z.literal('slowMode'), seconds: z.number().int().min(0).max(3600) }),
  z.object({ action: z.literal('muteAll'), on: z.boolean() }),
  z.object({ action: z.literal('pin'), messageId: id.nullable() }),
]);
export type ModerateInput = z.infer<typeof moderateSchema>;

const sendTarget = { to: id.optional() };
const limit = z.number().int().min(1).max(1000).default(200);

export const chatCalls = {
  'chat.connect': defineCall(
    chatConnectSchema,
    chatStatusSchema,
    "Sign in to a room's chat, on the platform or on Tencent Cloud IM.",
  ),
  'chat.openRoom': defineCall(
    z.object({ roomId: id }).strict(),
    chatStatusSchema,
    'Moderate room N with the signed-in account: chat and moderation only (the hub, or Tencent Cloud IM in cloud mode).',
  ),
  'chat.disconnect': defineCall(noInput, ok, "Leave the room's chat."),
  'chat.status': defineCall(
    noInput,
    chatStatusSchema,
    'Connection, role, online count, slow mode, mute-all and the pinned message.',
  ),
  'chat.send': defineCall(
    z.object({ text: z.string().min(1).max(2000), ...sendTarget }).strict(),
    ok,
    'Send a text to the room or to one user.',
  ),
  'chat.sendCustom': defineCall(
    z
      .object({
        data: z.string().max(8000),
        description: z.string().max(500).optional(),
        extension: z.string().max(500).optional(),
        ...sendTarget,
      })
      .strict(),
    ok,
    'Send a custom message (signalling, gifts) to the room or to one user.',
  ),
  'chat.recent': defineCall(
    z.object({ limit }).strict(),
    z.object({ items: z.array(chatItemSchema) }),
    'The last messages of the current room, oldest first.',
  ),
  'chat.search': defineCall(
    z.object({ query: z.string().min(1).max(200), roomId: z.string().max(200).optional(), limit }).strict(),
    z.object({ items: z.array(chatItemSchema) }),
    'Full-text search of every message ever received, newest first.',
  ),
  'chat.userCard': defineCall(
    z.object({ userId: id }).strict(),
    z.object({
      userId: z.string(),
      nick: z.string(),
      messages: z.array(chatItemSchema),
      moderation: z.array(moderationEntrySchema),
      muted: z.boolean(),
      moderator: z.boolean(),
    }),
    'One user in the current room: their messages and their moderation history.',
  ),
  'chat.moderate': defineCall(
    moderateSchema,
    z.object({ entry: moderationEntrySchema }),
    'One moderation action; it is logged with who did it and when.',
  ),
  'chat.moderationLog': defineCall(
    z.object({ limit }).strict(),
    z.object({ entries: z.array(moderationEntrySchema) }),
    'The moderation log of the current room, newest first.',
  ),
  'chat.blockedWords': defineCall(
    noInput,
    z.object({ words: z.array(z.string()), builtIn: z.boolean() }),
    'The custom blocked words, and whether the built-in English list is on.',
  ),
  'chat.setBlockedWords': defineCall(
    z.object({ words: z.array(z.string().trim().min(1).max(100)).max(2000), builtIn: z.boolean() }).strict(),
    ok,
    'Replace the custom blocked words.',
  ),
} as const;

export const chatEvents = {
  'chat.batch': defineEvent(
    z.object({
      roomId: z.string(),
      items: z.array(chatItemSchema),
      revoked: z.array(z.string()),
      /** Older lines of a flood stored (and searchable) with these but not handed on: the feed shows the last 500. */
      skipped: z.number().int().nonnegative().optional(),
    }),
    'New feed lines and revoked message ids, at most about ten times a second whatever the inflow.',
  ),
  'chat.status': defineEvent(chatStatusSchema, 'The chat connection or the room settings changed.'),
} as const;
