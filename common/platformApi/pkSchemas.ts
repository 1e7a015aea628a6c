// The PK contract (连线 PK): two or more live VJs link their rooms, and two linked VJs battle on gifts. Declared
// once here for the platform's routes and signals and for the studio that calls and believes them.
import { z } from 'zod';

/** A battle's length: 3, 5 or 10 minutes in the studio's menu, or a custom length between 30 s and 1 h. */
export const PK_MIN_BATTLE_SECONDS = 30;
export const PK_MAX_BATTLE_SECONDS = 3600;
/** How long an invitation (to link, or to battle) waits for an answer. */
export const PK_INVITE_MS = 30_000;
/** How long the result stays on both programs. */
export const PK_RESULT_SHOWN_MS = 10_000;
/** Up to four VJs in one grid: each room links to at most three others. */
export const PK_MAX_LINKS_PER_ROOM = 3;

const roomNumber = z.string().regex(/^\d{1,12}$/, 'A room number is digits only.');

/** The caller's own live room invites this one. */
export const pkInviteRequestSchema = z.object({ toRoomId: roomNumber }).strict();
export const pkBattleRequestSchema = z
  .object({
    linkId: z.string().min(1).max(64),
    durationSec: z.number().int().min(PK_MIN_BATTLE_SECONDS).max(PK_MAX_BATTLE_SECONDS),
  })
  .strict();

export const pkPartySchema = z.object({ roomId: z.string(), userId: z.string(), nickname: z.string() });
export type PkParty = z.infer<typeof pkPartySchema>;

export const pkInviteSchema = z.object({
  inviteId: z.string(),
  from: pkPartySchema,
  to: pkPartySchema,
  expiresAt: z.number(),
});
export type PkInvite = z.infer<typeof pkInviteSchema>;

/** A link as one room sees it: the partner, where to pull the partner's link feed, where to push its own. */
export const pkLinkSchema = z.object({
  linkId: z.string(),
  partner: pkPartySchema,
  /** The partner's link feed (its program video and its own voice only), pulled with low-latency options. */
  partnerPullUrl: z.string(),
});
export type PkLink = z.infer<typeof pkLinkSchema>;

export const pkGifterSchema = z.object({ userId: z.string(), nickname: z.string(), value: z.number().int() });
export const pkSideSchema = pkPartySchema.extend({
  /** The billed gift value this room received inside the battle window. */
  score: z.number().int(),
  topGifters: z.array(pkGifterSchema),
});
export type PkSide = z.infer<typeof pkSideSchema>;

export const pkBattleStatusSchema = z.enum(['proposed', 'running', 'ended', 'declined', 'expired']);
/** Why a battle ended: its time ran out, a VJ ended it or the link, a room ended, or a VJ's feed vanished. */
export const pkEndReasonSchema = z.enum(['time', 'ended', 'unlinked', 'room_ended', 'lost']);
export type PkEndReason = z.infer<typeof pkEndReasonSchema>;

export const pkBattleSchema = z.object({
  battleId: z.string(),
  status: pkBattleStatusSchema,
  durationSec: z.number().int(),
  startedAt: z.number().nullable(),
  endsAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  endReason: pkEndReasonSchema.nullable(),
  /** The proposer is side a. Winner by score: the higher billed value wins, equal is a draw. */
  a: pkSideSchema,
  b: pkSideSchema,
  winner: z.enum(['a', 'b', 'draw']).nullable(),
});
export type PkBattle = z.infer<typeof pkBattleSchema>;

/** GET /api/v1/pk/rooms/{roomId}: everything PK one live room has going on. */
export const pkRoomStateSchema = z.object({
  roomId: z.string(),
  /** Where this room publishes its link feed while linked (signed for that stream only). */
  linkFeedPushUrl: z.string(),
  invitesIn: z.array(pkInviteSchema),
  invitesOut: z.array(pkInviteSchema),
  links: z.array(pkLinkSchema),
  battle: pkBattleSchema.nullable(),
});
export type PkRoomState = z.infer<typeof pkRoomStateSchema>;

export const pkRoomBattlesSchema = z.object({ battles: z.array(pkBattleSchema) });

/**
 * The platform's `pk` signal (custom data `{type:'pk', ...}`), sent from its system identity only: to a host
 * one-to-one (invitations, links) and to both rooms (the battle, its scores and its result).
 */
export const pkSignalSchema = z.discriminatedUnion('event', [
  z.object({ type: z.literal('pk'), event: z.literal('invite'), invite: pkInviteSchema }),
  z.object({
    type: z.literal('pk'),
    event: z.literal('inviteEnded'),
    inviteId: z.string(),
    outcome: z.enum(['accepted', 'declined', 'cancelled', 'expired']),
  }),
  z.object({ type: z.literal('pk'), event: z.literal('linked'), link: pkLinkSchema }),
  z.object({
    type: z.literal('pk'),
    event: z.literal('unlinked'),
    linkId: z.string(),
    partner: pkPartySchema,
    reason: z.enum(['ended', 'room_ended', 'lost']),
  }),
  z.object({ type: z.literal('pk'), event: z.literal('battle'), battle: pkBattleSchema }),
]);
export type PkSignal = z.infer<typeof pkSignalSchema>;

/** A `pk` signal's data, or null when it is not one. */
export function parsePkSignal(data: string): PkSignal | null {
  if (data.length > 16_384) return null;
  try {
    const parsed = pkSignalSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
