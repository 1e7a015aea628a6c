// Tencent Cloud IM Message objects → the feed's ChatItems (and room changes). Pure, unit-tested.
import type { ChatItem } from '../../contract/chat';
import type { ChatServiceEvent } from '../chatService';
import { mapCustom, type SignalSpeaker } from '../customMessages';
import type { TencentMessage } from './sdkShape';

// Values from the SDK's TYPES (index.d.ts), kept here so the mapping needs no SDK instance.
export const T = {
  CONV_GROUP: 'GROUP',
  CONV_C2C: 'C2C',
  GRP_AVCHATROOM: 'AVChatRoom',
  MSG_TEXT: 'TIMTextElem',
  MSG_CUSTOM: 'TIMCustomElem',
  MSG_GRP_TIP: 'TIMGroupTipElem',
  MSG_GRP_SYS_NOTICE: 'TIMGroupSystemNoticeElem',
  GRP_TIP_MBR_JOIN: 1,
  GRP_TIP_MBR_QUIT: 2,
  GRP_TIP_MBR_KICKED_OUT: 3,
  GRP_TIP_MBR_SET_ADMIN: 4,
  GRP_TIP_MBR_CANCELED_ADMIN: 5,
  GRP_TIP_GRP_PROFILE_UPDATED: 6,
  GRP_TIP_MBR_PROFILE_UPDATED: 7,
  GRP_TIP_BAN_AVCHATROOM_MEMBER: 10,
  GRP_TIP_UNBAN_AVCHATROOM_MEMBER: 11,
} as const;

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** The IM app admin account the business server's REST calls (gifts, notices) send as, unless configured otherwise. */
export const DEFAULT_IM_ADMIN = 'administrator';

/** Whose room signals are believed: the app admin (the platform) and the room's owner, both signed in by Tencent. */
export interface SignalSources {
  admin: string;
  owner: string | null;
}

function speakerOf(m: TencentMessage, inRoom: boolean, sources: SignalSources): SignalSpeaker {
  if (!inRoom) return 'anyone';
  if (m.from === sources.admin) return 'platform';
  return sources.owner !== null && m.from === sources.owner ? 'host' : 'anyone';
}

/** What one received message means for the feed. `self` is this client's userID. */
export function mapTencentMessage(
  m: TencentMessage,
  groupId: string,
  self: string,
  sources: SignalSources = { admin: DEFAULT_IM_ADMIN, owner: null },
): ChatServiceEvent[] {
  const inRoom = m.conversationType === T.CONV_GROUP && m.to === groupId;
  const whisper = m.conversationType === T.CONV_C2C;
  if (!inRoom && !whisper) return [];
  const base = {
    id: m.ID,
    roomId: groupId,
    userId: m.from,
    nick: m.nameCard || m.nick || m.from,
    at: (Number(m.time) || 0) * 1000,
    ...(whisper ? { to: m.flow === 'out' ? m.to : self } : {}),
    ...(m.isRevoked ? { revoked: true } : {}),
  };
  const p = m.payload ?? {};
  switch (m.type) {
    case T.MSG_TEXT:
      return [{ type: 'items', items: [{ ...base, kind: 'text', text: str(p.text) }] }];
    case T.MSG_CUSTOM:
      return mapCustom(base, p, speakerOf(m, inRoom, sources));
    case T.MSG_GRP_TIP:
      return inRoom ? mapGroupTip(base, p) : [];
    case T.MSG_GRP_SYS_NOTICE:
      // operationType 4: removed from the group; 5: the group was dismissed.
      if (p.operationType === 4) return [{ type: 'kicked', reason: 'A moderator removed you from the room.' }];
      if (p.operationType === 5) return [{ type: 'kicked', reason: 'The room was closed.' }];
      return [];
    default:
      return [{ type: 'items', items: [{ ...base, kind: 'system', text: `[${m.type}]` }] }];
  }
}

type Base = Omit<ChatItem, 'kind' | 'text'>;

function mapGroupTip(base: Base, p: Record<string, unknown>): ChatServiceEvent[] {
  const users = Array.isArray(p.userIDList) ? p.userIDList.map(str) : [];
  const operator = str(p.operatorID) || base.userId;
  const each = (make: (u: string, i: number) => ChatItem): ChatServiceEvent[] => [
    { type: 'items', items: users.map(make) },
  ];
  const mod = (
    action: 'kick' | 'setModerator' | 'ban' | 'unban' | 'mute' | 'unmute',
    target: string,
    i: number,
    detail?: string,
  ): ChatItem => ({
    ...base,
    id: `${base.id}:${i}`,
    kind: 'moderation',
    userId: operator,
    nick: operator,
    text: [action, target, detail].filter(Boolean).join(' '),
    moderation: { action, actor: operator, target, ...(detail ? { detail } : {}) },
  });
  switch (p.operationType) {
    case T.GRP_TIP_MBR_JOIN:
      return each((u, i) => ({ ...base, id: `${base.id}:${i}`, kind: 'join', userId: u, nick: u, text: '' }));
    case T.GRP_TIP_MBR_QUIT:
      return each((u, i) => ({ ...base, id: `${base.id}:${i}`, kind: 'leave', userId: u, nick: u, text: '' }));
    case T.GRP_TIP_MBR_KICKED_OUT:
      return each((u, i) => mod('kick', u, i));
    case T.GRP_TIP_MBR_SET_ADMIN:
      return each((u, i) => mod('setModerator', u, i, 'on'));
    case T.GRP_TIP_MBR_CANCELED_ADMIN:
      return each((u, i) => mod('setModerator', u, i, 'off'));
    case T.GRP_TIP_BAN_AVCHATROOM_MEMBER:
      return each((u, i) => mod('ban', u, i));
    case T.GRP_TIP_UNBAN_AVCHATROOM_MEMBER:
      return each((u, i) => mod('unban', u, i));
    case T.GRP_TIP_GRP_PROFILE_UPDATED: {
      const profile = (p.newGroupProfile ?? {}) as Record<string, unknown>;
      return typeof profile.muteAllMembers === 'boolean' ? [{ type: 'room', muteAll: profile.muteAllMembers }] : [];
    }
    case T.GRP_TIP_MBR_PROFILE_UPDATED: {
      // memberList[].muteTime: seconds muted, 0 when the mute is lifted.
      const list = Array.isArray(p.memberList) ? (p.memberList as { userID?: unknown; muteTime?: unknown }[]) : [];
      const items = list.map((x, i) => {
        const secs = Number(x.muteTime) || 0;
        return secs > 0 ? mod('mute', str(x.userID), i, `${secs} s`) : mod('unmute', str(x.userID), i);
      });
      return items.length ? [{ type: 'items', items }] : [];
    }
    default:
      return [];
  }
}
