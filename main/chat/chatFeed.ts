// The studio's side of one room's chat: owns the connected ChatService, the batcher (≤10 events/s to the
// renderer, one SQLite transaction per batch, written by the chat writer), blocked words, and moderation with its log.
import type { EventBus } from '../api';
import { StudioError } from '../contract';
import type { ChatConnectInput, ChatItem, ChatStatus, ModerateInput, ModerationEntry } from '../contract/chat';
import { Batcher, type Batch } from './batcher';
import { BlockedWords } from './blockedWords';
import type { ChatRole, ChatService, ChatServiceEvent } from './chatService';
import type { ChatStore } from './chatStore';
import { InlineChatWriter, type ChatWriter } from './chatWriter';
import type { HubSocketOpener } from './platform/hubSocket';
import { disconnectedStatus, moderationItem, noRoomOpen, notConnected } from './feedWords';
import { carryOut } from './moderationActs';
import { RecentIds } from './recentIds';

/** What a backend may use of the feed's writer: where to open its hub sockets (the writer's thread, when it has one). */
export interface ChatServiceHooks {
  openSocket: HubSocketOpener;
}

export type ChatServiceFactory = (
  input: ChatConnectInput,
  hooks: ChatServiceHooks,
) => ChatService | Promise<ChatService>;

export interface ChatFeedOptions {
  store: ChatStore;
  /** Where batches are written; in line on `store` unless given (the studio gives a writer thread). */
  writer?: ChatWriter;
  bus: EventBus;
  createService: ChatServiceFactory;
  log?: (line: string) => void;
  batchIntervalMs?: number;
  onlinePollMs?: number;
}

const AUTO_FILTER = 'blocked-words';

export class ChatFeed {
  private service: ChatService | null = null;
  private unsubscribe: (() => void) | null = null;
  private onlineTimer: NodeJS.Timeout | null = null;
  private current: ChatStatus = disconnectedStatus();
  private readonly seen = new RecentIds();
  private readonly blocked: BlockedWords;
  private readonly batcher: Batcher<ChatItem>;
  private readonly mutedUntil = new Map<string, number>();
  private readonly moderators = new Set<string>();
  private readonly log: (line: string) => void;
  private readonly writer: ChatWriter;

  constructor(private readonly o: ChatFeedOptions) {
    this.log = o.log ?? (() => {});
    this.writer = o.writer ?? new InlineChatWriter(o.store, this.log);
    const stored = o.store.blockedWords();
    this.blocked = new BlockedWords(stored, o.store.builtInBlockedWords());
    this.batcher = new Batcher((b) => this.flush(b), o.batchIntervalMs ?? 100);
  }

  status(): ChatStatus {
    return this.current;
  }

  async connect(input: ChatConnectInput): Promise<ChatStatus> {
    await this.disconnect();
    const roomId = input.mode === 'platform' ? input.roomId : input.groupId;
    const settings = this.o.store.roomSettings(roomId);
    this.setStatus({
      ...disconnectedStatus(),
      state: 'connecting',
      mode: input.mode,
      userId: input.userId,
      roomId,
      slowModeSeconds: settings.slowModeSeconds,
      muteAll: settings.muteAll,
      pinned: settings.pinnedMessageId ? this.o.store.message(roomId, settings.pinnedMessageId) : null,
    });
    const service = await this.o.createService(input, { openSocket: this.writer.openSocket });
    this.service = service;
    this.unsubscribe = service.onEvent((e) => this.onServiceEvent(e));
    let role: ChatRole;
    try {
      ({ role } = await service.connect());
    } catch (err) {
      this.dropService();
      this.setStatus({ ...this.current, state: 'failed', reason: (err as Error).message });
      throw err instanceof StudioError ? err : new StudioError('chat_error', (err as Error).message);
    }
    this.setStatus({ ...this.current, state: 'connected', role, reason: null, retry: null });
    this.pushBlockedWords();
    this.pollOnline();
    return this.current;
  }

  /** Shows that the live room's chat is tried again (attempt, seconds to go), or null once it is not. */
  showRetry(retry: { attempt: number; inSeconds: number } | null): void {
    this.setStatus({ ...this.current, retry });
  }

  async disconnect(): Promise<void> {
    const service = this.service;
    this.batcher.flush();
    this.dropService();
    if (service) await service.disconnect().catch((err: Error) => this.log(`chat disconnect: ${err.message}`));
    if (this.current.state !== 'disconnected')
      this.setStatus({ ...this.current, state: 'disconnected', reason: null, online: null });
  }

  async close(): Promise<void> {
    await this.disconnect();
    this.batcher.close();
    await this.writer.close();
  }

  async send(text: string, to?: string): Promise<void> {
    const item = await this.need().sendText(text, { to });
    this.accept([item]);
  }

  async sendCustom(payload: { data: string; description?: string; extension?: string }, to?: string): Promise<void> {
    const item = await this.need().sendCustom(payload, { to });
    this.accept([item]);
  }

  /** Lines that arrive from the service, or from a local source (the benchmark injects here). */
  accept(items: readonly ChatItem[]): void {
    for (const raw of items) {
      if (!this.seen.add(`${raw.roomId}\u0000${raw.id}`)) continue;
      // Our own actions are already logged and shown; the room's echo of them is dropped.
      if (raw.kind === 'moderation' && raw.moderation?.actor === this.current.userId) continue;
      let item = raw;
      if ((item.kind === 'text' || item.kind === 'custom') && this.blocked.matches(item.text)) {
        item = { ...item, blocked: true };
        this.autoRevoke(item);
      }
      if (item.kind === 'moderation' && item.moderation) this.observeModeration(item);
      this.batcher.push(item);
    }
  }

  /**
   * Lines the writer's thread read from the hub, checked and stored itself: the newest of their stretch, and the
   * count of older ones stored with them. They go to the feed's listeners once (not to SQLite again), after what
   * the batcher holds, in order; a blocked one is revoked in the room as in `accept`.
   */
  private acceptStored(items: readonly ChatItem[], skipped: number): void {
    const fresh: ChatItem[] = [];
    for (const item of items) {
      if (!this.seen.add(`${item.roomId}\u0000${item.id}`)) continue; // our own line, already handed on
      if (item.blocked) this.autoRevoke(item);
      fresh.push(item);
    }
    if (!fresh.length && !skipped) return;
    this.batcher.flush();
    const roomId = this.current.roomId ?? fresh[0]?.roomId ?? '';
    this.o.bus.emit('chat.batch', { roomId, items: fresh, revoked: [], ...(skipped ? { skipped } : {}) });
  }

  async recent(limit: number): Promise<ChatItem[]> {
    await this.written();
    return this.current.roomId ? this.o.store.recent(this.current.roomId, limit) : [];
  }

  async search(query: string, roomId: string | undefined, limit: number): Promise<ChatItem[]> {
    await this.written(); // what was just received is searchable at once
    return this.o.store.search(query, roomId, limit);
  }

  async userCard(userId: string) {
    const roomId = this.needRoom();
    await this.written();
    const messages = this.o.store.userMessages(roomId, userId, 200);
    const until = this.mutedUntil.get(userId) ?? 0;
    return {
      userId,
      nick: messages.at(-1)?.nick ?? userId,
      messages,
      moderation: this.o.store.userModeration(roomId, userId),
      muted: until > Date.now(),
      moderator: this.moderators.has(userId),
    };
  }

  moderationLog(limit: number): ModerationEntry[] {
    return this.current.roomId ? this.o.store.moderationLog(this.current.roomId, limit) : [];
  }

  blockedWords() {
    return this.blocked.list();
  }

  setBlockedWords(words: string[], builtIn: boolean): void {
    this.blocked.set(words, builtIn);
    this.o.store.setBlockedWords(this.blocked.list().words, builtIn);
    this.writer.setBlockedWords(this.blocked.list().words, builtIn);
    this.pushBlockedWords();
    if (this.current.roomId && this.current.userId) {
      this.record({
        action: 'blockedWords',
        actor: this.current.userId,
        targetUser: null,
        targetMessage: null,
        detail: `${words.length} words`,
      });
    }
  }

  async moderate(input: ModerateInput): Promise<ModerationEntry> {
    const s = this.need();
    const actor = this.current.userId ?? 'studio';
    await this.written(); // the target message may still be waiting for its batch
    const outcome = await carryOut(input, {
      service: s,
      message: (id) => this.o.store.message(this.needRoom(), id),
      revokeShown: (id) => this.batcher.revoke(id),
      mutedUntil: this.mutedUntil,
      moderators: this.moderators,
      saveRoom: (patch) => this.saveRoom(patch),
    });
    return this.record({ action: input.action, actor, ...outcome });
  }

  private record(e: Omit<ModerationEntry, 'id' | 'roomId' | 'at'>): ModerationEntry {
    const roomId = this.needRoom();
    const entry = this.o.store.log({ ...e, roomId, at: Date.now() });
    this.batcher.push(moderationItem(entry));
    return entry;
  }

  /** What another moderator did (seen through the room) is logged too, so the VJ's log is complete. */
  private observeModeration(item: ChatItem): void {
    const m = item.moderation;
    if (!m || m.actor === this.current.userId || !this.current.roomId) return;
    const isMessage = m.action === 'revoke' || m.action === 'pin';
    this.o.store.log({
      roomId: this.current.roomId,
      actor: m.actor,
      action: m.action,
      targetUser: isMessage ? null : (m.target ?? null),
      targetMessage: isMessage ? (m.target ?? null) : null,
      detail: m.detail ?? null,
      at: item.at,
    });
    if (m.action === 'mute' && m.target)
      this.mutedUntil.set(m.target, Date.now() + (Number.parseInt(m.detail ?? '0', 10) || 0) * 1000);
    if (m.action === 'setModerator' && m.target) {
      if (m.detail === 'off') this.moderators.delete(m.target);
      else this.moderators.add(m.target);
    }
  }

  private pushBlockedWords(): void {
    const s = this.service;
    if (!s?.syncBlockedWords || (this.current.role !== 'owner' && this.current.role !== 'moderator')) return;
    s.syncBlockedWords(this.blocked.list().words).catch((err: Error) =>
      this.log(`could not hand the blocked words to the room: ${err.message}`),
    );
  }

  private autoRevoke(item: ChatItem): void {
    const s = this.service;
    if (!s || (this.current.role !== 'owner' && this.current.role !== 'moderator')) return;
    s.revoke(item.id).then(
      () => {
        this.batcher.revoke(item.id);
        // A flood's writes can hold the database past its busy timeout: that is logged, never a crashed studio.
        try {
          this.record({
            action: 'revoke',
            actor: AUTO_FILTER,
            targetUser: item.userId,
            targetMessage: item.id,
            detail: 'blocked word',
          });
        } catch (err) {
          this.log(`a blocked message was revoked but the act could not be logged: ${(err as Error).message}`);
        }
      },
      (err: Error) => this.log(`could not revoke a blocked message: ${err.message}`),
    );
  }

  private onServiceEvent(e: ChatServiceEvent): void {
    switch (e.type) {
      case 'items':
        this.accept(e.items);
        break;
      case 'stored':
        this.acceptStored(e.items, e.skipped);
        break;
      case 'revoked':
        for (const id of e.messageIds) this.batcher.revoke(id);
        break;
      case 'connection':
        this.setStatus({ ...this.current, state: e.state, reason: e.reason ?? null });
        break;
      case 'kicked':
        this.setStatus({ ...this.current, state: 'kicked', reason: e.reason, online: null });
        this.dropService();
        break;
      case 'online':
        if (e.count !== this.current.online) this.setStatus({ ...this.current, online: e.count });
        break;
      case 'room':
        this.saveRoom({
          ...(e.slowModeSeconds !== undefined ? { slowModeSeconds: e.slowModeSeconds } : {}),
          ...(e.muteAll !== undefined ? { muteAll: e.muteAll } : {}),
          ...(e.pinned !== undefined ? { pinned: e.pinned } : {}),
        });
        break;
    }
  }

  private saveRoom(patch: Partial<Pick<ChatStatus, 'slowModeSeconds' | 'muteAll' | 'pinned'>>): void {
    const next = { ...this.current, ...patch };
    if (next.roomId) {
      this.o.store.saveRoomSettings(next.roomId, {
        pinnedMessageId: next.pinned?.id ?? null,
        slowModeSeconds: next.slowModeSeconds,
        muteAll: next.muteAll,
      });
    }
    this.setStatus(next);
  }

  /** Everything received so far, in SQLite. */
  private written(): Promise<void> {
    this.batcher.flush();
    return this.writer.settled();
  }

  private flush(batch: Batch<ChatItem>): void {
    const roomId = this.current.roomId ?? batch.items[0]?.roomId ?? '';
    this.writer.write(roomId, batch.items, batch.revoked);
    this.o.bus.emit('chat.batch', { roomId, items: batch.items, revoked: batch.revoked });
  }

  private pollOnline(): void {
    const tick = () => {
      const s = this.service;
      if (!s) return;
      s.onlineCount().then(
        (count) => this.onServiceEvent({ type: 'online', count }),
        () => {},
      );
    };
    tick();
    this.onlineTimer = setInterval(tick, this.o.onlinePollMs ?? 10_000);
    this.onlineTimer.unref?.();
  }

  private dropService(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.service = null;
    if (this.onlineTimer) clearInterval(this.onlineTimer);
    this.onlineTimer = null;
  }

  private setStatus(s: ChatStatus): void {
    this.current = s;
    this.o.bus.emit('chat.status', s);
  }

  private need(): ChatService {
    if (!this.service || this.current.state === 'kicked') throw notConnected(this.current);
    return this.service;
  }

  private needRoom(): string {
    if (!this.current.roomId) throw noRoomOpen();
    return this.current.roomId;
  }
}
