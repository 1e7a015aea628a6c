// pk.*: 连线 PK — see the other live VJs, invite one to link (30 s to answer), show each other side by side,
// start a gift battle on a link; one event with everything PK the VJ's room has going on.
import { z } from 'zod';
import {
  PK_MAX_BATTLE_SECONDS,
  PK_MIN_BATTLE_SECONDS,
  pkBattleSchema,
  pkInviteSchema,
  pkLinkSchema,
} from '../../common/platformApi/pkSchemas';
import { defineCall, defineEvent, noInput, ok } from './define';

const id = z.string().min(1).max(64);

export const pkStudioLinkSchema = pkLinkSchema.extend({
  /** The partner's feed is in this studio's program now (false while it is awaited or has vanished). */
  shown: z.boolean(),
});

export const pkStudioStateSchema = z.object({
  /** The VJ's live room, or null when not live (PK needs a live room). */
  roomId: z.string().nullable(),
  invitesIn: z.array(pkInviteSchema),
  invitesOut: z.array(pkInviteSchema),
  links: z.array(pkStudioLinkSchema),
  /** The battle proposed or running, or the last one while its result shows. */
  battle: pkBattleSchema.nullable(),
  /** The last thing that happened to a link, in plain words (a partner who vanished, a declined invitation). */
  notice: z.object({ en: z.string(), zh: z.string(), at: z.number() }).nullable(),
});
export type PkStudioState = z.infer<typeof pkStudioStateSchema>;

export const pkLiveVjSchema = z.object({
  roomId: z.string(),
  userId: z.string(),
  nickname: z.string(),
  title: z.string(),
});
export type PkLiveVj = z.infer<typeof pkLiveVjSchema>;

export const pkCalls = {
  'pk.state': defineCall(noInput, pkStudioStateSchema, 'Invitations, links and the battle of the live room.'),
  'pk.liveVjs': defineCall(
    noInput,
    z.object({ vjs: z.array(pkLiveVjSchema) }),
    'The other VJs live on the platform now.',
  ),
  'pk.invite': defineCall(
    z.object({ roomId: z.string().regex(/^\d{1,12}$/) }).strict(),
    ok,
    'Invite a live VJ to link rooms (a one-to-one message; 30 s to answer).',
  ),
  'pk.answerInvite': defineCall(
    z.object({ inviteId: id, answer: z.enum(['accept', 'decline', 'cancel']) }).strict(),
    ok,
    'Accept or decline an invitation to link, or take back your own.',
  ),
  'pk.unlink': defineCall(z.object({ linkId: id }).strict(), ok, 'End a link: both programs go back to solo.'),
  'pk.startBattle': defineCall(
    z
      .object({ linkId: id, durationSec: z.number().int().min(PK_MIN_BATTLE_SECONDS).max(PK_MAX_BATTLE_SECONDS) })
      .strict(),
    ok,
    'Propose a gift battle on a link (3, 5, 10 minutes or a custom length); the other VJ accepts.',
  ),
  'pk.answerBattle': defineCall(
    z.object({ battleId: id, answer: z.enum(['accept', 'decline', 'end']) }).strict(),
    ok,
    'Accept or decline a proposed battle, or end the running one now (settled on the scores so far).',
  ),
  'pk.battles': defineCall(
    z.object({ roomId: z.string().regex(/^\d{1,12}$/) }).strict(),
    z.object({ battles: z.array(pkBattleSchema) }),
    "The battles a room fought, with scores and each side's top gifters (for the end page and History).",
  ),
} as const;

export const pkEvents = {
  'pk.state': defineEvent(pkStudioStateSchema, 'An invitation, link, battle or score changed.'),
} as const;
