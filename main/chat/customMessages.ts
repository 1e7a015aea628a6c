// Custom messages (TIMCustomElem) of either backend → feed lines or room changes: gifts, likes, moderation
// notices, the pin, slow mode and mute-all travel as JSON room signals; anything else is shown as custom.
// A signal is believed only from who may speak it; from anyone else it is ignored, never shown as if true.
import { reservedSignalOf, type ReservedSignalType } from '../../common/chatHub/protocol';
import { pkChatLine } from './pkChatLine';
import type { ChatItem } from '../contract/chat';
import type { ChatServiceEvent } from './chatService';
import { readRoomSignal, type RoomSignal } from './roomSignals';

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

export type ChatItemBase = Omit<ChatItem, 'kind' | 'text'>;

/**
 * Who sent a custom message, as far as room signals go: the platform itself (its system identity, or in cloud
 * mode the IM app admin), the room's host (Tencent mode: the signed-in group owner), or anyone else.
 */
export type SignalSpeaker = 'platform' | 'host' | 'anyone';

/** Gifts, like totals, PK and the end notice only from the platform; room changes also from the host. */
export function mayAnnounce(signal: RoomSignal['type'] | ReservedSignalType, speaker: SignalSpeaker): boolean {
  if (speaker === 'platform') return true;
  if (speaker === 'host') return signal !== 'gift' && signal !== 'like' && signal !== 'pk' && signal !== 'roomEnded';
  return false;
}

export function mapCustom(base: ChatItemBase, p: Record<string, unknown>, speaker: SignalSpeaker): ChatServiceEvent[] {
  const data = str(p.data);
  const claimed = reservedSignalOf(data);
  if (claimed && !mayAnnounce(claimed.type, speaker)) return [];
  if (claimed?.type === 'pk') {
    const text = pkChatLine(data);
    return text ? [{ type: 'items', items: [{ ...base, kind: 'system', text, data }] }] : [];
  }
  const signal = readRoomSignal(data);
  if (!signal) return [{ type: 'items', items: [{ ...base, kind: 'custom', text: str(p.description) || data, data }] }];
  switch (signal.type) {
    case 'gift':
      return [
        {
          type: 'items',
          items: [
            {
              ...base,
              // The platform announces; the line names the buyer its billing record names.
              ...(signal.from ? { userId: signal.from.userId, nick: signal.from.nickname || signal.from.userId } : {}),
              kind: 'gift',
              text: str(p.description) || signal.name,
              data,
              gift: { name: signal.name, count: signal.count },
            },
          ],
        },
      ];
    case 'like':
      return [{ type: 'items', items: [{ ...base, kind: 'system', text: `♥ ×${signal.count}`, data }] }];
    case 'moderation':
      return [
        {
          type: 'items',
          items: [
            {
              ...base,
              kind: 'moderation',
              userId: signal.actor,
              text: [signal.action, signal.target, signal.detail].filter(Boolean).join(' '),
              moderation: { action: signal.action, actor: signal.actor, target: signal.target, detail: signal.detail },
            },
          ],
        },
      ];
    case 'pin':
      return [{ type: 'room', pinned: signal.message }];
    case 'slowMode':
      return [{ type: 'room', slowModeSeconds: signal.seconds }];
    case 'muteAll':
      return [{ type: 'room', muteAll: signal.on }];
    case 'roomEnded':
      // Cloud mode's end notice (the hub says it in a frame of its own): the room is over for this client.
      return [{ type: 'kicked', reason: 'The broadcast has ended.' }];
  }
}
