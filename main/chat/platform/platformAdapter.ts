// ChatService on the platform's chat hub (embedded or remote): joins the room, maps frames, turns the
// hub's refusals into plain-words errors, and rejoins by itself when the connection drops.
import type { RoomState, Role } from '../../../common/chatHub/protocol';
import { StudioError } from '../../contract';
import { refusalWords } from '../../contract/refusalWords';
import type { ChatItem } from '../../contract/chat';
import type { ChatRole, ChatService, ChatServiceEvent, CustomPayload, SendOptions } from '../chatService';
import type { RoomSignal } from '../roomSignals';
import { mapGroupMessage, mapServerFrame, roleOf } from './frameMapping';
import { HubConnection, hubUrl } from './hubConnection';
import type { HubSocketOpener } from './hubSocket';

export interface PlatformAdapterOptions {
  platformUrl: string;
  token: string;
  userId: string;
  /** The room's chat group id. */
  groupId: string;
  imUrl?: string;
  /** Where the hub socket runs (the studio gives its chat ingest thread); on this thread through ws by default. */
  openSocket?: HubSocketOpener;
}

const FOREVER_SECONDS = 365 * 86400;

export class PlatformChatService implements ChatService {
  readonly mode = 'platform' as const;
  private hub: HubConnection | null = null;
  private readonly listeners = new Set<(e: ChatServiceEvent) => void>();
  private state: RoomState | null = null;
  private nickname = '';
  private role: Role = 'Member';
  private closing = false;
  private out = false;
  private retry = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  /** The last room message received: a rejoin after a drop asks the hub for everything after it. */
  private lastSeq = 0;

  constructor(private readonly o: PlatformAdapterOptions) {}

  onEvent(listener: (e: ChatServiceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async connect(): Promise<{ role: ChatRole }> {
    this.closing = false;
    this.lastSeq = 0;
    this.emit({ type: 'connection', state: 'connecting' });
    await this.open();
    return { role: roleOf(this.role) };
  }

  async disconnect(): Promise<void> {
    this.closing = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const hub = this.hub;
    this.hub = null;
    if (hub) {
      await hub.request({ type: 'leave', groupId: this.o.groupId }).catch(() => {});
      hub.close();
    }
    this.emit({ type: 'connection', state: 'disconnected' });
  }

  async sendText(text: string, options: SendOptions = {}): Promise<ChatItem> {
    // The hub carries one-to-one messages as custom elements only: a whisper's text rides in the description.
    if (options.to) return this.sendCustom({ data: '', description: text }, options);
    const ack = await this.need().request({
      type: 'send',
      groupId: this.o.groupId,
      priority: options.priority ?? 'Normal',
      elem: { type: 'TIMTextElem', payload: { text } },
    });
    return this.own(ack, { kind: 'text', text });
  }

  async sendCustom(payload: CustomPayload, options: SendOptions = {}): Promise<ChatItem> {
    const elem = {
      type: 'TIMCustomElem' as const,
      payload: { data: payload.data, description: payload.description ?? '', extension: payload.extension ?? '' },
    };
    const ack = options.to
      ? await this.need().request({ type: 'c2c', to: options.to, elem })
      : await this.need().request({
          type: 'send',
          groupId: this.o.groupId,
          priority: options.priority ?? 'Normal',
          elem,
        });
    const shown = mapGroupMessage({
      id: ack.type === 'ack' && ack.msgId ? ack.msgId : `local-${Date.now()}`,
      seq: 0,
      groupId: this.o.groupId,
      sender: { userId: this.o.userId, nickname: this.nickname, role: this.role },
      time: (ack.type === 'ack' && ack.time) || Date.now(),
      priority: 'Normal',
      type: 'TIMCustomElem',
      payload: elem.payload,
    });
    const item = shown.flatMap((e) => (e.type === 'items' ? e.items : []))[0];
    for (const e of shown) if (e.type === 'room') this.emit(e);
    return item
      ? { ...item, ...(options.to ? { to: options.to } : {}) }
      : this.own(ack, { kind: 'custom', text: payload.description ?? '' });
  }

  async onlineCount(): Promise<number> {
    const a = await this.need().request({ type: 'getOnlineCount', groupId: this.o.groupId });
    return a.type === 'onlineCount' ? a.count : 0;
  }

  async revoke(messageId: string): Promise<void> {
    await this.need().request({ type: 'revoke', groupId: this.o.groupId, msgId: messageId });
  }

  async mute(userId: string, seconds: number): Promise<void> {
    await this.need().request({ type: 'mute', groupId: this.o.groupId, userId, seconds });
  }

  async unmute(userId: string): Promise<void> {
    await this.need().request({ type: 'mute', groupId: this.o.groupId, userId, seconds: 0 });
  }

  async kick(userId: string): Promise<void> {
    await this.need().request({ type: 'kick', groupId: this.o.groupId, userId, reason: 'removed by a moderator' });
    // Others only see a leave: tell the room (and so the VJ) who did it.
    await this.signal({ type: 'moderation', action: 'kick', actor: this.o.userId, target: userId }).catch(() => {});
  }

  async ban(userId: string, seconds: number): Promise<void> {
    // On the hub 0 seconds lifts a ban, so "for good" is its longest ban.
    const duration = seconds > 0 ? seconds : FOREVER_SECONDS;
    await this.need().request({
      type: 'ban',
      groupId: this.o.groupId,
      userId,
      seconds: duration,
      reason: 'banned by a moderator',
    });
    await this.signal({
      type: 'moderation',
      action: 'ban',
      actor: this.o.userId,
      target: userId,
      detail: seconds ? `${seconds} s` : 'for good',
    }).catch(() => {});
  }

  async unban(userId: string): Promise<void> {
    await this.need().request({ type: 'ban', groupId: this.o.groupId, userId, seconds: 0 });
  }

  async setModerator(userId: string, on: boolean): Promise<void> {
    await this.need().request({ type: 'setAdmin', groupId: this.o.groupId, userId, admin: on });
  }

  async setSlowMode(seconds: number): Promise<void> {
    await this.need().request({ type: 'slowMode', groupId: this.o.groupId, seconds });
  }

  async setMuteAll(on: boolean): Promise<void> {
    await this.need().request({ type: 'muteAll', groupId: this.o.groupId, on });
  }

  async pin(message: ChatItem | null): Promise<void> {
    // The hub has no pin of its own: a High-priority room signal carries it to every client.
    await this.signal({ type: 'pin', message });
  }

  async syncBlockedWords(words: string[]): Promise<void> {
    const fit = words.filter((w) => w.length <= 50).slice(0, 500);
    await this.need().request({ type: 'blockedWords', groupId: this.o.groupId, words: fit });
  }

  private signal(s: RoomSignal): Promise<ChatItem> {
    return this.sendCustom({ data: JSON.stringify(s), description: s.type }, { priority: 'High' });
  }

  private async open(): Promise<void> {
    const hub = new HubConnection(
      hubUrl(this.o.platformUrl, this.o.token, this.o.imUrl),
      (f) => {
        if (f.type === 'messages') this.lastSeq = Math.max(this.lastSeq, f.messages.at(-1)?.seq ?? 0);
        const events = mapServerFrame(f, this.o.userId, this.state);
        if (f.type === 'roomState') this.state = f.state;
        if (f.type === 'roleChanged' && f.userId === this.o.userId) this.role = f.role;
        if (f.type === 'kicked' || f.type === 'roomEnded') this.out = true;
        for (const e of events) this.emit(e);
      },
      (code) => this.lost(code),
      this.o.openSocket,
      (lines) => {
        this.lastSeq = Math.max(this.lastSeq, lines.lastSeq);
        this.emit({ type: 'stored', items: lines.items, skipped: lines.skipped });
      },
    );
    const hello = await hub.open();
    this.nickname = hello.nickname;
    this.hub = hub;
    this.out = false;
    let joined;
    try {
      // Back after a drop: the hub replays what came after the last message received (host and moderators).
      const after = this.lastSeq > 0 ? { afterSeq: this.lastSeq } : {};
      joined = await hub.request({ type: 'join', groupId: this.o.groupId, ...after });
    } catch (err) {
      hub.close();
      this.hub = null;
      throw err;
    }
    if (joined.type !== 'joined') throw new StudioError('platform_error', refusalWords.hub.joinAnsweredOther);
    this.role = joined.role;
    this.state = joined.state;
    this.retry = 0;
    this.lastSeq = Math.max(this.lastSeq, joined.history.at(-1)?.seq ?? 0);
    const history = joined.history.flatMap(mapGroupMessage);
    const items = history.flatMap((e) => (e.type === 'items' ? e.items : []));
    if (items.length) this.emit({ type: 'items', items });
    this.emit({ type: 'room', muteAll: joined.state.muteAll, slowModeSeconds: joined.state.slowModeSeconds });
    this.emit({ type: 'online', count: joined.onlineCount });
    this.emit({ type: 'connection', state: 'connected' });
  }

  private lost(code: number): void {
    this.hub = null;
    if (this.closing || this.out) return;
    if (code === 4401 || code === 1008) {
      this.emit({ type: 'kicked', reason: 'The platform ended this chat session. Sign in again.' });
      return;
    }
    this.emit({
      type: 'connection',
      state: 'reconnecting',
      reason: 'Lost the connection to the chat hub; reconnecting…',
    });
    const wait = Math.min(10_000, 500 * 2 ** Math.min(this.retry++, 5));
    this.retryTimer = setTimeout(() => {
      if (this.closing) return;
      this.open().catch(() => this.lost(0));
    }, wait);
    this.retryTimer.unref?.();
  }

  private own(ack: { type: string; msgId?: string; time?: number }, body: Pick<ChatItem, 'kind' | 'text'>): ChatItem {
    return {
      id: ack.msgId ?? `local-${Date.now()}`,
      roomId: this.o.groupId,
      userId: this.o.userId,
      nick: this.nickname || this.o.userId,
      at: ack.time ?? Date.now(),
      role: roleOf(this.role),
      ...body,
    };
  }

  private emit(e: ChatServiceEvent): void {
    for (const l of this.listeners) l(e);
  }

  private need(): HubConnection {
    if (!this.hub)
      throw new StudioError('unavailable', this.out ? refusalWords.hub.noLongerInRoom : refusalWords.hub.reconnecting);
    return this.hub;
  }
}
