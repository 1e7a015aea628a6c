// Custom messages (TIMCustomElem) of either backend → feed lines or room changes: gifts, likes, moderation
// notices, the pin, slow mode and mute-all travel as JSON room signals; anything else is shown as custom.
import type { ChatItem } from '../contract/chat';
import type { ChatServiceEvent } from './chatService';
import { readRoomSignal } from './roomSignals';

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

export type ChatItemBase = Omit<ChatItem, 'kind' | 'text'>;

export function mapCustom(base: ChatItemBase, p: Record<string, unknown>): ChatServiceEvent[] {
  const data = str(p.data);
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
  }
}
