// A chat hub group message as the platform's hub sends it, for tests of how the studio reads one.
import type { GroupMessage } from '../common/chatHub/protocol';

/** A custom message carrying `data` as JSON, sent by `sender` (the user 'vj' is the room's owner). */
export function hubCustomMessage(sender: string, data: unknown, description = ''): GroupMessage {
  return {
    id: `g-${sender}`,
    seq: 1,
    groupId: 'g',
    sender: { userId: sender, nickname: sender, role: sender === 'vj' ? 'Owner' : 'Member' },
    time: 1,
    priority: 'High',
    type: 'TIMCustomElem',
    payload: { data: JSON.stringify(data), description, extension: '' },
  };
}
