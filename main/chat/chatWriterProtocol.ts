// The messages between the studio and its chat writer's thread.
import type { ChatItem } from '../contract/chat';

export type ToChatWriter =
  { type: 'write'; id: number; roomId: string; items: ChatItem[]; revoked: string[] } | { type: 'close' };

/** A batch written (or, with `error`, refused by SQLite: it is logged, as a failed write in line would be). */
export interface FromChatWriter {
  id: number;
  error?: string;
}
