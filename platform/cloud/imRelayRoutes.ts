// Cloud mode: the business server's relay for the IM REST calls a studio needs but may not make itself (they
// are signed with the secret key, which never leaves the platform). POST /api/v1/im/<service>/<command> with
// the studio's Bearer token and Tencent's own body; the caller's role in the room is checked here, then the
// call goes to Tencent's REST API signed as the app admin, and Tencent's reply comes back as it is (a refusal
// in plain words, ErrorInfo, with its Simplified Chinese beside it, ErrorInfoZh).
import { z } from 'zod';
import type { AccountService } from '../accounts/accountService';
import { acts, fieldRules, refusals } from '../http/refusals';
import { HttpError, type Router } from '../http/router';
import type { AccountRow } from '../storage/accountsRepo';
import type { RoomRow, RoomsRepo } from '../storage/roomsRepo';
import { ImRestError, type ImRestClient } from './imRestClient';
import type { CloudRoomChat } from './cloudRoomChat';
import type { MessageSenders } from './messageSenders';
import { relayNotices } from './relayNotices';

export interface ImRelayDeps {
  accounts: AccountService;
  rooms: RoomsRepo;
  /** null in local mode: the embedded hub moderates by itself there. */
  im: ImRestClient | null;
  /** Sends the moderation notice of a relayed action as the IM admin; null in local mode. */
  cloudChat: CloudRoomChat | null;
  /** Who sent each recent group message, from Tencent IM's after-send webhook: a recall's targets. */
  senders: MessageSenders;
  log: (line: string) => void;
}

type Role = 'member' | 'moderator' | 'owner' | 'operator';
const RANK: Record<Role, number> = { member: 0, moderator: 1, owner: 2, operator: 3 };

const userId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, fieldRules.relayUserId.en);
const groupId = z.string().min(1).max(48);
const members = z.array(userId).min(1).max(20);
// A year at most: Tencent takes larger numbers, but a mute or ban longer than that is a mistake.
const seconds = z
  .number()
  .int()
  .min(0)
  .max(365 * 86400);

type Body = { GroupId: string } & Record<string, unknown>;
const memberTargets = (b: Body): string[] => b.Members_Account as string[];
const noTargets = (): string[] => [];

/** The commands a studio may relay, with the body each takes (anything else in the body is refused). */
const commands = {
  'group_open_http_svc/forbid_send_msg': {
    body: z.strictObject({ GroupId: groupId, Members_Account: members, MuteTime: seconds }),
    targets: memberTargets,
    what: acts.mute,
  },
  'group_open_http_svc/ban_group_member': {
    body: z.strictObject({
      GroupId: groupId,
      Members_Account: members,
      Duration: seconds.min(1),
      Description: z.string().max(200).optional(),
    }),
    targets: memberTargets,
    what: acts.ban,
  },
  'group_open_http_svc/unban_group_member': {
    body: z.strictObject({ GroupId: groupId, Members_Account: members }),
    targets: memberTargets,
    what: acts.unban,
  },
  'group_open_http_svc/group_msg_recall': {
    body: z.strictObject({
      GroupId: groupId,
      MsgSeqList: z
        .array(z.strictObject({ MsgSeq: z.number().int().min(0) }))
        .min(1)
        .max(10),
      Reason: z.string().max(200).optional(),
    }),
    targets: noTargets,
    what: acts.deleteMessages,
  },
  // Only the room-wide mute: a moderator may not rename the room or change anything else of it.
  'group_open_http_svc/modify_group_base_info': {
    body: z.strictObject({ GroupId: groupId, MuteAllMember: z.enum(['On', 'Off']) }),
    targets: noTargets,
    what: acts.muteRoom,
  },
  'group_open_http_svc/get_online_member_num': {
    body: z.strictObject({ GroupId: groupId }),
    targets: noTargets,
    what: acts.readOnlineCount,
  },
} as const;

type Command = keyof typeof commands;

// An AVChatRoom keeps no member roles (modify_group_member_info is refused there), so moderators are the
// platform's own record, which this relay checks on every call. Only the host (or an operator) names them.
const setModeratorBody = z.strictObject({
  GroupId: groupId,
  Member_Account: userId,
  Role: z.enum(['Admin', 'Member']),
});

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

export function registerImRelayRoutes(r: Router, d: ImRelayDeps): void {
  const need = (ctx: { req: { headers: { authorization?: string } } }): { caller: AccountRow; im: ImRestClient } => {
    if (!d.im) throw new HttpError(404, 'not_found', refusals.relayCloudOnly);
    return { caller: d.accounts.requireBearer(ctx.req.headers.authorization), im: d.im };
  };
  const liveRoom = (group: string): RoomRow => {
    const room = d.rooms.byGroup(group);
    if (!room || room.status !== 'live') throw new HttpError(404, 'not_found', refusals.noLiveGroup);
    return room;
  };
  const roleOf = (room: RoomRow, id: string, account?: AccountRow): Role => {
    if (account?.role === 'operator') return 'operator';
    if (room.ownerId === id) return 'owner';
    return d.rooms.moderators(room.roomId).includes(id) ? 'moderator' : 'member';
  };

  const announce = (room: RoomRow, name: string, body: Record<string, unknown>, actor: string): void => {
    for (const n of relayNotices(name, body, actor))
      d.cloudChat?.announceLater(room.groupId, JSON.stringify(n), 'moderation', 'High');
  };

  r.add('POST', '/api/v1/im/:service/:command', async (ctx) => {
    const { caller, im } = need(ctx);
    const name = `${ctx.params.service}/${ctx.params.command}`;
    if (name === 'studio/set_moderator') {
      const b = await ctx.body(setModeratorBody);
      const room = liveRoom(b.GroupId);
      if (RANK[roleOf(room, caller.userId, caller)] < RANK.owner)
        throw new HttpError(403, 'forbidden', refusals.hostNamesModerators);
      if (b.Member_Account === room.ownerId) throw new HttpError(400, 'invalid_input', refusals.hostInCharge);
      if (!d.accounts.get(b.Member_Account)) throw new HttpError(404, 'not_found', refusals.noAccount);
      if (b.Role === 'Admin') d.rooms.addModerator(room.roomId, b.Member_Account);
      else d.rooms.removeModerator(room.roomId, b.Member_Account);
      d.log(
        `im relay: ${caller.userId} ${b.Role === 'Admin' ? 'named' : 'removed'} moderator ${b.Member_Account} in room ${room.roomId}`,
      );
      announce(room, name, b, caller.userId);
      return { json: OK };
    }
    if (!Object.hasOwn(commands, name)) throw new HttpError(404, 'not_found', refusals.relayNotPassed(name));
    const spec = commands[name as Command];
    const body = (await ctx.body(spec.body)) as Body;
    const room = liveRoom(body.GroupId);
    const role = roleOf(room, caller.userId, caller);
    if (RANK[role] < RANK.moderator) throw new HttpError(403, 'forbidden', refusals.onlyModerators(spec.what));
    for (const target of spec.targets(body)) {
      if (target === caller.userId) throw new HttpError(400, 'invalid_input', refusals.notYourself(spec.what));
      const rank = RANK[roleOf(room, target, d.accounts.get(target))];
      if (rank >= RANK[role]) throw new HttpError(403, 'forbidden', refusals.notHostOrModerator(spec.what));
    }
    if (name === 'group_open_http_svc/group_msg_recall' && role === 'moderator')
      for (const { MsgSeq } of body.MsgSeqList as { MsgSeq: number }[]) {
        const sender = d.senders.senderOf(room.groupId, MsgSeq);
        if (sender === undefined) throw new HttpError(403, 'forbidden', refusals.recallSenderUnknown(MsgSeq));
        // A moderator's own message is theirs to recall, as on the hub.
        if (sender !== caller.userId && RANK[roleOf(room, sender, d.accounts.get(sender))] >= RANK.moderator)
          throw new HttpError(403, 'forbidden', refusals.notHostOrModeratorMessage);
      }
    const [service, command] = name.split('/') as [string, string];
    try {
      const reply = await im.call(service, command, body);
      d.log(`im relay: ${caller.userId} (${role}) ${name} in room ${room.roomId}`);
      announce(room, name, body, caller.userId);
      return { json: reply };
    } catch (err) {
      // Tencent's refusal goes back in Tencent's shape, in plain words, so the studio shows it as it is.
      if (err instanceof ImRestError && err.errorCode === -1)
        throw new HttpError(502, 'bad_gateway', { en: err.message, zh: err.zh });
      if (err instanceof ImRestError)
        return {
          json: { ActionStatus: 'FAIL', ErrorCode: err.errorCode, ErrorInfo: err.message, ErrorInfoZh: err.zh },
        };
      throw err;
    }
  });
}
