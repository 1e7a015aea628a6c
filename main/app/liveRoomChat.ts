// The VJ's own chat follows the broadcast: once live, the studio sits in its room's chat (the platform's hub, or
// in cloud mode the room's AVChatRoom on Tencent Cloud IM as its owner), tries again, saying so, when joining
// fails or the room's chat puts it out, and in cloud mode counts the live figures from what the room hears.
import type { EventBus } from '../api';
import type { ChatFeed } from '../chat';
import { roomChatInput, type SignedInAccount } from '../chat/roomChatInput';
import type { EventPayload } from '../contract';
import type { ChatItem } from '../contract/chat';
import { applyChatItems } from '../session/chatTally';
import { newTally, type Tally } from '../session/roomTally';

/** Waits before each new try of joining the live room's chat (the last one repeats while live). */
export const LIVE_CHAT_RETRY_MS = [2000, 5000, 10_000];

export interface LiveRoomChatOptions {
  chat: ChatFeed;
  bus: EventBus;
  signedIn: () => SignedInAccount;
  /** The live figures the chat counts (cloud mode: the hub's own watcher does it in local mode). */
  reportTally: (tally: Tally) => void;
  log: (line: string) => void;
  retryMs?: number[];
}

export class LiveRoomChat {
  private roomId: string | null = null;
  private groupId: string | null = null;
  private attempt = 0;
  private joining = false;
  private timer: NodeJS.Timeout | null = null;
  private tally: Tally = newTally();
  private readonly unsubscribe: () => void;

  constructor(private readonly o: LiveRoomChatOptions) {
    this.unsubscribe = o.bus.subscribe((name, payload) => {
      if (name === 'session.state') this.sessionChanged(payload);
      else if (name === 'chat.status') this.chatChanged(payload);
      else if (name === 'chat.batch') this.heard(payload.items);
    });
  }

  close(): void {
    this.unsubscribe();
    this.stop();
  }

  private sessionChanged(st: EventPayload<'session.state'>): void {
    if (st.phase === 'live' && st.roomId) {
      if (st.roomId === this.roomId) return;
      this.stop();
      this.roomId = st.roomId;
      this.tally = newTally();
      const current = this.o.chat.status().state;
      // A chat the VJ opened by hand stays (the studio does not take it over).
      if (current === 'connected' || current === 'connecting' || current === 'reconnecting') return;
      void this.join();
    } else if (st.phase !== 'starting' && st.phase !== 'live' && this.roomId) this.stop();
  }

  private chatChanged(s: EventPayload<'chat.status'>): void {
    if (!this.groupId || this.joining || this.timer || s.roomId !== this.groupId) return;
    // Put out of the room (signed in elsewhere, UserSig expired) or the connection failed while live: again.
    if (s.state === 'kicked' || s.state === 'failed') this.retryLater(s.reason ?? 'the chat connection ended');
  }

  private heard(items: readonly ChatItem[]): void {
    if (!this.groupId || this.o.chat.status().mode !== 'tencent') return;
    const mine = items.filter((i) => i.roomId === this.groupId);
    if (mine.length && applyChatItems(this.tally, mine)) this.o.reportTally(this.tally);
  }

  private async join(): Promise<void> {
    const roomId = this.roomId;
    if (!roomId) return;
    this.joining = true;
    try {
      const signed = this.o.signedIn();
      const live = await signed.client.liveRooms().catch(() => []);
      const groupId = live.find((r) => r.roomId === roomId)?.groupId || roomId;
      this.groupId = groupId;
      await this.o.chat.connect(await roomChatInput(signed, groupId));
      if (this.roomId !== roomId) return;
      if (this.attempt > 0) this.o.log(`joined the live room's chat on try ${this.attempt + 1}`);
      this.attempt = 0;
    } catch (err) {
      if (this.roomId === roomId) this.retryLater((err as Error).message);
    } finally {
      this.joining = false;
    }
  }

  private retryLater(reason: string): void {
    const delays = this.o.retryMs ?? LIVE_CHAT_RETRY_MS;
    const wait = delays[Math.min(this.attempt, delays.length - 1)] ?? 10_000;
    this.attempt++;
    this.o.log(`joining the live room's chat: ${reason}; trying again in ${Math.round(wait / 1000)} s`);
    this.o.chat.showRetry({ attempt: this.attempt + 1, inSeconds: Math.round(wait / 1000) });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.join();
    }, wait);
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.attempt > 0) this.o.chat.showRetry(null);
    this.roomId = null;
    this.groupId = null;
    this.attempt = 0;
  }
}
