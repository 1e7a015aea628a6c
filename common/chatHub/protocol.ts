// The live chat hub's wire protocol (WebSocket `/im?token=<session token>`), declared once with zod.
//
// It mirrors Tencent Cloud IM's AVChatRoom semantics (see ../shared/TENCENT-CLOUD.md) so the studio's chat
// layer maps 1:1 onto either backend: a room is a group (`groupId`), roles are Owner/Admin/Member,
// priorities High/Normal/Low/Lowest, elements TIMTextElem/TIMCustomElem, 40 messages/s per group with the
// lowest priority dropped first, 12 KB per message, and a sender does not receive its own group message
// back (it gets an `ack` instead). Every frame is one JSON text frame with a `type`. Client frames may carry
// a `reqId`; the server echoes it in the `ack` or `error` that answers that frame.
//
// Changes to this file are additive only: other code builds against it.
import { z } from 'zod';

/** 12 KB, Tencent's limit for one message (the JSON of its element payload, UTF-8). */
export const MAX_MESSAGE_BYTES = 12 * 1024;
/** A whole client frame may not exceed this (payload plus envelope); larger frames close nothing, they are refused. */
export const MAX_FRAME_BYTES = 16 * 1024;
/** Tencent's default per-group frequency limit. */
export const DEFAULT_GROUP_MESSAGES_PER_SECOND = 40;
/** How many recent messages a late joiner receives in `joined.history`. */
export const HISTORY_SIZE = 50;

export const prioritySchema = z.enum(['High', 'Normal', 'Low', 'Lowest']);
export type Priority = z.infer<typeof prioritySchema>;
export const roleSchema = z.enum(['Owner', 'Admin', 'Member']);
export type Role = z.infer<typeof roleSchema>;

const groupId = z.string().min(1).max(64);
const userId = z.string().min(1).max(64);
const reqId = z.string().min(1).max(64).optional();

/** A text element, as Tencent's `TIMTextElem` with `payload.text`. */
export const textElemSchema = z.object({
  type: z.literal('TIMTextElem'),
  payload: z.object({ text: z.string().min(1).max(MAX_MESSAGE_BYTES) }).strict(),
});
/**
 * A custom element, as Tencent's `TIMCustomElem` (`data` is usually JSON, e.g. a gift or `{type:'cohost.request'}`).
 */
export const customElemSchema = z.object({
  type: z.literal('TIMCustomElem'),
  payload: z
    .object({
      data: z.string().max(MAX_MESSAGE_BYTES),
      description: z.string().max(1024).default(''),
      extension: z.string().max(1024).default(''),
    })
    .strict(),
});
export const elemSchema = z.discriminatedUnion('type', [textElemSchema, customElemSchema]);
export type Elem = z.infer<typeof elemSchema>;

// ───────────────────────────── client → server ─────────────────────────────

export const clientFrameSchema = z.discriminatedUnion('type', [
  /**
   * Join a room's group (needed even for its owner). A user is in at most one room at a time: joining another leaves
   * the first. Answered by `joined`.
   */
  z
    .object({
      type: z.literal('join'),
      reqId,
      groupId,
      /**
       * The host or a moderator coming back after a dropped connection: the last seq it received. The hub then sends
       * every frame after it (as `messages` and `revoked`, before live ones) instead of `history`. Ignored for members.
       */
      afterSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    })
    .strict(),
  /** Leave the room. Answered by `left`. */
  z.object({ type: z.literal('leave'), reqId, groupId }).strict(),
  /**
   * Send a group message (text or custom) with a priority. Answered by `ack` (even when frequency control drops it, as
   * Tencent does) or `error`.
   */
  z
    .object({ type: z.literal('send'), reqId, groupId, priority: prioritySchema.default('Normal'), elem: elemSchema })
    .strict(),
  /** Send a one-to-one custom message (co-host signalling). The receiver gets `c2c`; the sender `ack`. */
  z.object({ type: z.literal('c2c'), reqId, to: userId, elem: customElemSchema }).strict(),
  /** Owner/Admin: revoke a message of the room; everyone gets `revoked`. */
  z.object({ type: z.literal('revoke'), reqId, groupId, msgId: z.string().min(1).max(64) }).strict(),
  /**
   * Owner/Admin: mute a member for `seconds` (0 lifts the mute), like REST `forbid_send_msg`. Everyone gets `muted`.
   */
  z
    .object({
      type: z.literal('mute'),
      reqId,
      groupId,
      userId,
      seconds: z
        .number()
        .int()
        .min(0)
        .max(30 * 86400),
    })
    .strict(),
  /** Owner/Admin: remove a member now; they may join again. The member gets `kicked`, others see a `members` leave. */
  z.object({ type: z.literal('kick'), reqId, groupId, userId, reason: z.string().max(200).optional() }).strict(),
  /**
   * Owner/Admin: remove a member and refuse their joins for `seconds` (0 lifts a ban), like REST `ban_group_member`.
   */
  z
    .object({
      type: z.literal('ban'),
      reqId,
      groupId,
      userId,
      seconds: z
        .number()
        .int()
        .min(0)
        .max(365 * 86400),
      reason: z.string().max(200).optional(),
    })
    .strict(),
  /**
   * Owner/Admin: mute every Member (Owner and Admins may still speak), like `MuteAllMember`. Everyone gets `roomState`.
   */
  z.object({ type: z.literal('muteAll'), reqId, groupId, on: z.boolean() }).strict(),
  /**
   * Owner/Admin: a Member may send at most one message every `seconds` (0 turns slow mode off). Everyone gets
   * `roomState`.
   */
  z.object({ type: z.literal('slowMode'), reqId, groupId, seconds: z.number().int().min(0).max(3600) }).strict(),
  /**
   * Owner/Admin: replace the room's blocked words (case-insensitive substrings); a message containing one is refused.
   */
  z
    .object({ type: z.literal('blockedWords'), reqId, groupId, words: z.array(z.string().min(1).max(50)).max(500) })
    .strict(),
  /** Owner only: make a member an Admin (`admin: true`) or a Member again. Everyone gets `roleChanged`. */
  z.object({ type: z.literal('setAdmin'), reqId, groupId, userId, admin: z.boolean() }).strict(),
  /** Ask for the online count now (also pushed as `onlineCount` when it changes, at most once a second). */
  z.object({ type: z.literal('getOnlineCount'), reqId, groupId }).strict(),
  /** Keep-alive; answered by `pong`. */
  z.object({ type: z.literal('ping'), reqId }).strict(),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;
/** What a client builds before defaults are applied (priority, description, extension optional). */
export type ClientFrameInput = z.input<typeof clientFrameSchema>;

// ───────────────────────────── server → client ─────────────────────────────

export const senderSchema = z.object({ userId: z.string(), nickname: z.string(), role: roleSchema });
export type Sender = z.infer<typeof senderSchema>;

/**
 * One group message as every member receives it. `seq` increases by one per accepted message in a group; `time` is unix
 * ms.
 */
export const groupMessageSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  groupId: z.string(),
  sender: senderSchema,
  time: z.number(),
  priority: prioritySchema,
  type: z.enum(['TIMTextElem', 'TIMCustomElem']),
  payload: z.union([textElemSchema.shape.payload, customElemSchema.shape.payload]),
});
export type GroupMessage = z.infer<typeof groupMessageSchema>;

export const memberSchema = z.object({ userId: z.string(), nickname: z.string(), role: roleSchema });
export type Member = z.infer<typeof memberSchema>;

export const roomStateSchema = z.object({
  muteAll: z.boolean(),
  slowModeSeconds: z.number().int(),
  blockedWordsCount: z.number().int(),
});
export type RoomState = z.infer<typeof roomStateSchema>;

/**
 * Error codes of `error` frames; `tencentCode` carries Tencent's number where one exists (10017 muted, 10023 rate
 * limited, 80002 too large).
 */
export const imErrorCodeSchema = z.enum([
  'bad_frame', // not JSON, unknown type, or a field out of range
  'too_large', // over 12 KB
  'unauthorized', // missing or expired token
  'forbidden', // the caller's role may not do this
  'not_in_room', // join the group first
  'room_not_found', // no such live room (or it has ended)
  'banned', // banned from this room until `until`
  'muted', // muted (personally or mute-all)
  'slow_mode', // slow mode: wait before the next message
  'rate_limited', // per-user limit exceeded
  'blocked_word', // the text contains a blocked word
  'user_not_found', // the target user is not known / not in the room
  'internal',
]);
export type ImErrorCode = z.infer<typeof imErrorCodeSchema>;

export const serverFrameSchema = z.discriminatedUnion('type', [
  /** First frame after the socket opens: who the token belongs to. */
  z.object({ type: z.literal('hello'), userId: z.string(), nickname: z.string(), serverTime: z.number() }),
  /** Answer to `join`: your role, the online count, the room's state and the most recent messages (oldest first). */
  z.object({
    type: z.literal('joined'),
    reqId: z.string().optional(),
    groupId: z.string(),
    role: roleSchema,
    onlineCount: z.number().int(),
    state: roomStateSchema,
    /** Unix ms until which you are muted in this room, or null. */
    mutedUntil: z.number().nullable(),
    history: z.array(groupMessageSchema),
    /** Answer to a join with `afterSeq`: whether everything after it is still kept (false: some was lost). */
    catchUp: z.object({ afterSeq: z.number(), complete: z.boolean() }).optional(),
  }),
  /** Answer to `leave`. */
  z.object({ type: z.literal('left'), reqId: z.string().optional(), groupId: z.string() }),
  /** A frame was carried out. For `send`/`c2c`: the message's id, seq (group only) and time. */
  z.object({
    type: z.literal('ack'),
    reqId: z.string().optional(),
    msgId: z.string().optional(),
    seq: z.number().int().optional(),
    time: z.number().optional(),
  }),
  /** Group messages, batched (a few times a second), in seq order. Your own messages are not included. */
  z.object({ type: z.literal('messages'), groupId: z.string(), messages: z.array(groupMessageSchema) }),
  /** Messages were revoked by an Owner/Admin: remove them from view. */
  z.object({ type: z.literal('revoked'), groupId: z.string(), msgIds: z.array(z.string()), by: z.string() }),
  /** Members who joined and left since the last batch (batched, at most a few per second; capped lists with totals). */
  z.object({
    type: z.literal('members'),
    groupId: z.string(),
    joined: z.array(memberSchema),
    left: z.array(memberSchema),
    joinedTotal: z.number().int(),
    leftTotal: z.number().int(),
  }),
  /** The room's online count, pushed when it changes (at most once a second) or on `getOnlineCount`. */
  z.object({
    type: z.literal('onlineCount'),
    reqId: z.string().optional(),
    groupId: z.string(),
    count: z.number().int(),
  }),
  /** You were removed from the room (`kind: 'ban'` also refuses your joins until `until`, unix ms). */
  z.object({
    type: z.literal('kicked'),
    groupId: z.string(),
    kind: z.enum(['kick', 'ban']),
    by: z.string(),
    reason: z.string(),
    until: z.number().nullable(),
  }),
  /** A member's mute changed (`until` unix ms, null = lifted). Sent to the whole room, like a group tip. */
  z.object({
    type: z.literal('muted'),
    groupId: z.string(),
    userId: z.string(),
    until: z.number().nullable(),
    by: z.string(),
  }),
  /** Mute-all, slow mode or the blocked words list changed. */
  z.object({ type: z.literal('roomState'), groupId: z.string(), state: roomStateSchema, by: z.string() }),
  /** A member's role changed (set/unset admin, or a moderator named through the HTTP API). */
  z.object({
    type: z.literal('roleChanged'),
    groupId: z.string(),
    userId: z.string(),
    role: roleSchema,
    by: z.string(),
  }),
  /** The room ended: the VJ ended it, or its heartbeats stopped (`heartbeat_lost`). You are no longer in it. */
  z.object({ type: z.literal('roomEnded'), groupId: z.string(), reason: z.enum(['ended', 'heartbeat_lost']) }),
  /** A one-to-one custom message (co-host signalling), e.g. `data: '{"type":"cohost.request"}'`. */
  z.object({
    type: z.literal('c2c'),
    message: z.object({
      id: z.string(),
      from: z.object({ userId: z.string(), nickname: z.string() }),
      to: z.string(),
      time: z.number(),
      type: z.literal('TIMCustomElem'),
      payload: customElemSchema.shape.payload,
    }),
  }),
  /** A refusal, in plain words. `until` (unix ms) when the refusal ends by itself (mute, ban, slow mode). */
  z.object({
    type: z.literal('error'),
    reqId: z.string().optional(),
    code: imErrorCodeSchema,
    message: z.string(),
    /** The message in Simplified Chinese (this hub always sends it). */
    zh: z.string().optional(),
    tencentCode: z.number().int().optional(),
    until: z.number().optional(),
  }),
  /** Answer to `ping`. */
  z.object({ type: z.literal('pong'), reqId: z.string().optional(), serverTime: z.number() }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
export type ServerFrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

/** The WebSocket path of the hub; the session token goes in the `token` query parameter. */
export const IM_PATH = '/im';

// ───────────────────────────── room signals only the platform speaks ─────────────────────────────

/** The identity the hub's own room signals come from. No account can take it: user IDs are letters, digits, _ and -. */
export const SYSTEM_USER_ID = '@platform';
export const SYSTEM_NICKNAME = 'Platform';
/**
 * Custom-message signals (`data` is JSON with this `type`) that carry the room's money, roles or moderation. The hub
 * refuses them from members and sends them itself from SYSTEM_USER_ID; clients believe them from nobody else.
 */
export const RESERVED_SIGNAL_TYPES = [
  'gift',
  'like',
  'moderation',
  'pin',
  'slowMode',
  'muteAll',
  'pk',
  'roomEnded',
] as const;
export type ReservedSignalType = (typeof RESERVED_SIGNAL_TYPES)[number];

/** The reserved signal a custom payload's data claims to be, or null. Reads it as any JSON parser would. */
export function reservedSignalOf(data: unknown): { type: ReservedSignalType; body: Record<string, unknown> } | null {
  if (typeof data !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const type = (parsed as { type?: unknown }).type;
  if (typeof type !== 'string') return null;
  // Case and spacing variants are refused too: some reader might be lenient about them.
  const found = RESERVED_SIGNAL_TYPES.find((t) => t.toLowerCase() === type.trim().toLowerCase());
  return found ? { type: found, body: parsed as Record<string, unknown> } : null;
}
