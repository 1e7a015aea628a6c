// The platform hub's server frames → the feed's ChatItems and room changes. Pure, unit-tested.
import {
  SYSTEM_USER_ID,
  type GroupMessage,
  type RoomState,
  type Role,
  type ServerFrame,
} from '../../../common/chatHub/protocol';
import type { ChatItem } from '../../contract/chat';
import type { ChatRole, ChatServiceEvent } from '../chatService';
import { mapCustom } from '../customMessages';

export function roleOf(r: Role): ChatRole {
  return r === 'Owner' ? 'owner' : r === 'Admin' ? 'moderator' : 'member';
}

export function mapGroupMessage(m: GroupMessage): ChatServiceEvent[] {
  const base = {
    id: m.id,
    roomId: m.groupId,
    userId: m.sender.userId,
    nick: m.sender.nickname || m.sender.userId,
    at: m.time,
    role: roleOf(m.sender.role),
  };
  if (m.type === 'TIMTextElem' && 'text' in m.payload)
    return [{ type: 'items', items: [{ ...base, kind: 'text', text: m.payload.text }] }];
  // Room signals are believed from the hub's own identity only (it refuses them from members).
  return mapCustom(
    base,
    m.payload as Record<string, unknown>,
    m.sender.userId === SYSTEM_USER_ID ? 'platform' : 'anyone',
  );
}

function moderation(
  groupId: string,
  id: string,
  at: number,
  action: NonNullable<ChatItem['moderation']>['action'],
  actor: string,
  target?: string,
  detail?: string,
): ChatItem {
  return {
    id,
    roomId: groupId,
    kind: 'moderation',
    userId: actor,
    nick: actor,
    text: [action, target, detail].filter(Boolean).join(' '),
    at,
    moderation: { action, actor, ...(target ? { target } : {}), ...(detail ? { detail } : {}) },
  };
}

/** Maps one frame. `prev` is the room state before it, to tell which setting a roomState changed. */
export function mapServerFrame(
  f: ServerFrame,
  self: string,
  prev: RoomState | null,
  now = Date.now(),
): ChatServiceEvent[] {
  switch (f.type) {
    case 'messages': {
      const out: ChatServiceEvent[] = [];
      const items: ChatItem[] = [];
      for (const m of f.messages) {
        for (const e of mapGroupMessage(m)) {
          if (e.type === 'items') items.push(...e.items);
          else out.push(e);
        }
      }
      return items.length ? [{ type: 'items', items }, ...out] : out;
    }
    case 'revoked':
      return [
        { type: 'revoked', messageIds: f.msgIds, by: f.by },
        { type: 'items', items: f.msgIds.map((id) => moderation(f.groupId, `revoked:${id}`, now, 'revoke', f.by, id)) },
      ];
    case 'members': {
      const join = f.joined.map((m, i): ChatItem => ({
        id: `join:${m.userId}:${now}:${i}`,
        roomId: f.groupId,
        kind: 'join',
        userId: m.userId,
        nick: m.nickname || m.userId,
        text: '',
        at: now,
        role: roleOf(m.role),
      }));
      const leave = f.left.map((m, i): ChatItem => ({
        id: `leave:${m.userId}:${now}:${i}`,
        roomId: f.groupId,
        kind: 'leave',
        userId: m.userId,
        nick: m.nickname || m.userId,
        text: '',
        at: now,
        role: roleOf(m.role),
      }));
      const more = f.joinedTotal - f.joined.length;
      const extra: ChatItem[] =
        more > 0
          ? [
              {
                id: `join-more:${now}`,
                roomId: f.groupId,
                kind: 'join',
                userId: '',
                nick: '',
                text: `+${more}`,
                at: now,
              },
            ]
          : [];
      const items = [...join, ...extra, ...leave];
      return items.length ? [{ type: 'items', items }] : [];
    }
    case 'onlineCount':
      return [{ type: 'online', count: f.count }];
    case 'kicked': {
      const until = f.until ? ` until ${new Date(f.until).toISOString().replace('T', ' ').slice(0, 16)} UTC` : '';
      const what = f.kind === 'ban' ? `banned you from the room${until}` : 'removed you from the room';
      return [{ type: 'kicked', reason: `${f.by} ${what}${f.reason ? `: ${f.reason}` : '.'}` }];
    }
    case 'muted': {
      const secs = f.until ? Math.max(1, Math.round((f.until - now) / 1000)) : 0;
      return [
        {
          type: 'items',
          items: [
            moderation(
              f.groupId,
              `muted:${f.userId}:${f.until ?? 0}:${now}`,
              now,
              secs ? 'mute' : 'unmute',
              f.by,
              f.userId,
              secs ? `${secs} s` : undefined,
            ),
          ],
        },
      ];
    }
    case 'roomState': {
      const s = f.state;
      const items: ChatItem[] = [];
      if (!prev || prev.muteAll !== s.muteAll)
        items.push(moderation(f.groupId, `muteAll:${now}`, now, 'muteAll', f.by, undefined, s.muteAll ? 'on' : 'off'));
      if (!prev || prev.slowModeSeconds !== s.slowModeSeconds)
        items.push(
          moderation(f.groupId, `slowMode:${now}`, now, 'slowMode', f.by, undefined, `${s.slowModeSeconds} s`),
        );
      if (prev && prev.blockedWordsCount !== s.blockedWordsCount)
        items.push(
          moderation(
            f.groupId,
            `blockedWords:${now}`,
            now,
            'blockedWords',
            f.by,
            undefined,
            `${s.blockedWordsCount} words`,
          ),
        );
      return [
        { type: 'room', muteAll: s.muteAll, slowModeSeconds: s.slowModeSeconds },
        ...(items.length ? [{ type: 'items' as const, items }] : []),
      ];
    }
    case 'roleChanged':
      return [
        {
          type: 'items',
          items: [
            moderation(
              f.groupId,
              `role:${f.userId}:${now}`,
              now,
              'setModerator',
              f.by,
              f.userId,
              f.role === 'Member' ? 'off' : 'on',
            ),
          ],
        },
      ];
    case 'roomEnded':
      return [
        {
          type: 'kicked',
          reason:
            f.reason === 'heartbeat_lost'
              ? 'The room ended: the broadcast stopped sending heartbeats.'
              : 'The room ended.',
        },
      ];
    case 'c2c': {
      const m = f.message;
      return mapCustom(
        { id: m.id, roomId: '', userId: m.from.userId, nick: m.from.nickname || m.from.userId, at: m.time, to: self },
        m.payload as Record<string, unknown>,
        'anyone',
      );
    }
    default:
      return [];
  }
}
