// The one interface every chat backend implements (the platform's hub, Tencent Cloud IM). The studio's
// chat feed speaks only this; adapters turn their wire shapes into ChatItems and plain-words errors.
import type { ChatItem } from '../contract/chat';

export type ChatRole = 'owner' | 'moderator' | 'member';

export type ChatServiceEvent =
  | { type: 'items'; items: ChatItem[] }
  /**
   * Lines the backend's ingest thread has already checked and stored (a flood's plain text): the newest the feed
   * shows, and how many older ones of the same stretch it stored without handing them on.
   */
  | { type: 'stored'; items: ChatItem[]; skipped: number }
  | { type: 'revoked'; messageIds: string[]; by?: string }
  | { type: 'connection'; state: 'connecting' | 'connected' | 'reconnecting' | 'disconnected'; reason?: string }
  /** This client was put out of the room or signed out: `reason` in plain words. */
  | { type: 'kicked'; reason: string }
  | { type: 'online'; count: number }
  | { type: 'room'; slowModeSeconds?: number; muteAll?: boolean; pinned?: ChatItem | null };

export interface SendOptions {
  /** One user's id for a whisper; the room when absent. */
  to?: string;
  priority?: 'High' | 'Normal' | 'Low' | 'Lowest';
}

export interface CustomPayload {
  data: string;
  description?: string;
  extension?: string;
}

export interface ChatService {
  readonly mode: 'platform' | 'tencent';
  /** Signs in and joins the room; resolves with this user's role there. */
  connect(): Promise<{ role: ChatRole }>;
  disconnect(): Promise<void>;
  onEvent(listener: (event: ChatServiceEvent) => void): () => void;
  sendText(text: string, options?: SendOptions): Promise<ChatItem>;
  sendCustom(payload: CustomPayload, options?: SendOptions): Promise<ChatItem>;
  onlineCount(): Promise<number>;
  // Moderation. Each throws a StudioError in plain words when the backend refuses.
  revoke(messageId: string): Promise<void>;
  mute(userId: string, seconds: number): Promise<void>;
  unmute(userId: string): Promise<void>;
  kick(userId: string): Promise<void>;
  ban(userId: string, seconds: number): Promise<void>;
  unban(userId: string): Promise<void>;
  setModerator(userId: string, on: boolean): Promise<void>;
  setSlowMode(seconds: number): Promise<void>;
  setMuteAll(on: boolean): Promise<void>;
  pin(message: ChatItem | null): Promise<void>;
  /** Where the backend filters by itself (the platform hub), the moderators' own words are handed to it. */
  syncBlockedWords?(words: string[]): Promise<void>;
}
