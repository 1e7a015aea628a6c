// A moderator's frames in a room (recall, mute, kick, ban, mute all, slow mode, blocked words, admins): who may
// act on whom, then the room's runtime acts and the hub acknowledges.
import { refusals } from '../http/refusals';
import type { ClientFrame } from '../../common/chatHub/protocol';
import type { RoomRuntime } from './roomRuntime';
import { refuse } from './roomRules';
import type { Connection } from './hubConnection';

/** The frames that moderate: everything a member sends but joining, leaving, counting, speaking and pinging. */
export type ModerationFrame = Exclude<
  ClientFrame,
  { type: 'ping' | 'join' | 'leave' | 'getOnlineCount' | 'send' | 'c2c' }
>;

export function moderateFrame(
  room: RoomRuntime,
  c: Connection,
  f: ModerationFrame,
  now: number,
  ack: () => void,
  adminChanged: (userId: string, admin: boolean) => void,
): void {
  const reqId = f.reqId;
  // A recall's target is the message's sender: a moderator may not recall the host's or another moderator's.
  const sender = f.type === 'revoke' ? room.senderOf(f.msgId) : undefined;
  const target = 'userId' in f ? f.userId : sender && sender !== c.userId ? sender : null;
  if (f.type === 'setAdmin' && room.roleOf(c.userId, false) !== 'Owner') {
    return refuse(c, reqId, { code: 'forbidden', words: refusals.hostNamesModeratorsHub });
  }
  const denied = room.canModerate(c, f.type === 'setAdmin' ? null : target);
  if (denied) return refuse(c, reqId, denied);
  switch (f.type) {
    case 'revoke':
      if (!room.revoke(f.msgId, c.userId))
        return refuse(c, reqId, { code: 'bad_frame', words: refusals.noRecentMessage });
      return ack();
    case 'mute':
      room.setMute(f.userId, f.seconds, c.userId, now);
      return ack();
    case 'kick':
      room.removeUser(f.userId, 'kick', c.userId, f.reason ?? 'Removed by a moderator.', 0, now);
      return ack();
    case 'ban':
      room.removeUser(f.userId, 'ban', c.userId, f.reason ?? 'Banned by a moderator.', f.seconds, now);
      return ack();
    case 'muteAll':
      room.setMuteAll(f.on, c.userId);
      return ack();
    case 'slowMode':
      room.setSlowMode(f.seconds, c.userId);
      return ack();
    case 'blockedWords':
      room.setBlockedWords(f.words, c.userId);
      return ack();
    case 'setAdmin':
      if (f.userId === room.info.ownerId) return refuse(c, reqId, { code: 'forbidden', words: refusals.hostInCharge });
      room.setAdmin(f.userId, f.admin, c.userId);
      adminChanged(f.userId, f.admin);
      return ack();
  }
}
