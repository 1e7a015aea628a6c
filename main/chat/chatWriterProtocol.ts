// The messages between the studio and its chat writer's thread (which also runs the hub sockets it is handed).
import type { ChatItem } from '../contract/chat';
import type { SocketNews } from './platform/hubIngest';

export type ToChatWriter =
  | { type: 'write'; id: number; roomId: string; items: ChatItem[]; revoked: string[] }
  | { type: 'blockedWords'; words: string[]; builtIn: boolean }
  | { type: 'socketOpen'; socket: number; url: string }
  | { type: 'socketSend'; socket: number; text: string }
  | { type: 'socketClose'; socket: number; code: number; reason: string }
  | { type: 'close' };

export type FromChatWriter =
  /** A batch written (or, with `error`, refused by SQLite: it is logged, as a failed write in line would be). */
  | { type: 'written'; id: number; error?: string }
  | { type: 'socket'; socket: number; news: SocketNews }
  | { type: 'log'; line: string };
