// ChatService on Tencent Cloud IM (@tencentcloud/chat v3, AVChatRoom). The SDK module is injected: the
// studio passes the real one, tests a stand-in that replays its documented shapes and events.
import { RecentMap } from '../../../common/recentMap';
import { StudioError } from '../../contract';
import type { ChatItem } from '../../contract/chat';
import { refusalWords } from '../../contract/refusalWords';
import type { ChatRole, ChatService, ChatServiceEvent, CustomPayload, SendOptions } from '../chatService';
import type { RoomSignal } from '../roomSignals';
import type { BusinessServer } from './businessServer';
import { kickedOutWords, stepTimedOut, tencentError } from './errors';
import { DEFAULT_IM_ADMIN, mapTencentMessage, T, type SignalSources } from './messageMapping';
import type { TencentChatInstance, TencentChatModule, TencentMessage } from './sdkShape';

export interface TencentAdapterOptions {
  sdk: TencentChatModule;
  sdkAppId: number;
  userId: string;
  userSig: string;
  groupId: string;
  /** The VJ creates the room before joining it; moderators and viewers only join. */
  createRoom?: boolean;
  roomName?: string;
  business?: BusinessServer;
  /** The IM app admin the business server sends gifts and notices as ("administrator" by default). */
  adminUserId?: string;
  readyTimeoutMs?: number;
  /** How long sign-in, creating and joining the room may each take before the attempt is called off (15 s). */
  stepTimeoutMs?: number;
}

type Handler = (e: { name: string; data: unknown }) => void;

const words = refusalWords.tencent;
/** Recently received or sent messages by ID: revokeMessage() needs the SDK's own Message object. */
const KEEP_MESSAGES = 2000;
/** A moderator's kick goes through the business server as a short ban (AVChatRoom has no REST kick). */
const RELAYED_KICK_SECONDS = 60;
const DEFAULT_BAN_SECONDS = 30 * 24 * 3600;

export class TencentChatService implements ChatService {
  readonly mode = 'tencent' as const;
  private chat: TencentChatInstance | null = null;
  private readonly listeners = new Set<(e: ChatServiceEvent) => void>();
  private readonly handlers: [string, Handler][] = [];
  private readonly messages = new RecentMap<string, TencentMessage>(KEEP_MESSAGES);
  private role: ChatRole = 'member';
  /** The room's owner as Tencent's group profile names it: the one member whose room changes are believed. */
  private owner: string | null = null;

  constructor(private readonly o: TencentAdapterOptions) {}

  onEvent(listener: (e: ChatServiceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async connect(): Promise<{ role: ChatRole }> {
    const { sdk, groupId } = this.o;
    const E = sdk.EVENT;
    const chat = sdk.create({ SDKAppID: this.o.sdkAppId });
    this.chat = chat;
    // Listeners first, then login (the SDK's documented order); sending waits for SDK_READY.
    let markReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    this.listen(E.SDK_READY ?? 'sdkStateReady', () => markReady());
    this.listen(E.MESSAGE_RECEIVED ?? 'onMessageReceived', (e) => this.received(e.data));
    this.listen(E.MESSAGE_REVOKED ?? 'onMessageRevoked', (e) => this.revoked(e.data));
    this.listen(E.KICKED_OUT ?? 'kickedOut', (e) =>
      this.emit({ type: 'kicked', reason: kickedOutWords((e.data as { type?: unknown })?.type) }),
    );
    this.listen(E.NET_STATE_CHANGE ?? 'netStateChange', (e) => this.netState((e.data as { state?: unknown })?.state));
    this.emit({ type: 'connection', state: 'connecting' });
    await this.timed('sign in', () => chat.login({ userID: this.o.userId, userSig: this.o.userSig }));
    await Promise.race([
      ready,
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new StudioError('chat_error', words.notReady)),
          this.o.readyTimeoutMs ?? 15_000,
        ).unref?.(),
      ),
    ]);
    if (this.o.createRoom) {
      try {
        await this.timed('create the room', () =>
          chat.createGroup({ type: T.GRP_AVCHATROOM, name: this.o.roomName ?? groupId, groupID: groupId }),
        );
      } catch (err) {
        // 10025: this user created the room before (a restart of the same show): joining is enough.
        if (err instanceof StudioError) throw err;
        if ((err as { code?: number }).code !== 10025) throw tencentError(err, 'create the room');
      }
    }
    // joinGroup is needed even by the creator, or no message reaches it.
    await this.timed('join the room', () => chat.joinGroup({ groupID: groupId, type: T.GRP_AVCHATROOM }));
    let role: ChatRole = this.o.createRoom ? 'owner' : 'member';
    if (this.o.createRoom) this.owner = this.o.userId;
    try {
      const { data } = await chat.getGroupProfile({ groupID: groupId });
      if (typeof data.group.ownerID === 'string' && data.group.ownerID) this.owner = data.group.ownerID;
      if (data.group.ownerID === this.o.userId) role = 'owner';
      else if (this.o.business) role = 'moderator'; // the business server hands moderators its relay token only
      if (typeof data.group.muteAllMembers === 'boolean')
        this.emit({ type: 'room', muteAll: data.group.muteAllMembers });
    } catch {
      // The profile is a nicety; the room works without it.
    }
    this.role = role;
    this.emit({ type: 'connection', state: 'connected' });
    return { role };
  }

  async disconnect(): Promise<void> {
    const chat = this.chat;
    if (!chat) return;
    for (const [name, h] of this.handlers.splice(0)) chat.off(name, h);
    this.chat = null;
    await chat.quitGroup(this.o.groupId).catch(() => {});
    await chat.logout().catch(() => {});
    await chat.destroy?.().catch(() => {});
    this.emit({ type: 'connection', state: 'disconnected' });
  }

  async sendText(text: string, options: SendOptions = {}): Promise<ChatItem> {
    const chat = this.need();
    const m = chat.createTextMessage({
      ...this.target(options),
      priority: options.priority ?? 'Normal',
      payload: { text },
    });
    return this.send(m);
  }

  async sendCustom(payload: CustomPayload, options: SendOptions = {}): Promise<ChatItem> {
    const chat = this.need();
    const m = chat.createCustomMessage({ ...this.target(options), priority: options.priority ?? 'Normal', payload });
    return this.send(m);
  }

  async onlineCount(): Promise<number> {
    const { data } = await this.step('read the online count', () =>
      this.need().getGroupOnlineMemberCount(this.o.groupId),
    );
    return Number(data.memberCount) || 0;
  }

  async revoke(messageId: string): Promise<void> {
    const m = this.messages.get(messageId);
    if (!m) throw new StudioError('not_found', words.tooOldToDelete);
    const relay = this.relay();
    // A relayed recall reaches every member as Tencent's own revoke: a moderator's notice would not be believed.
    if (relay && typeof m.sequence === 'number') return relay.recallMessages(this.o.groupId, [m.sequence]);
    await this.step('delete the message', () => this.need().revokeMessage(m));
    await this.signal({ type: 'moderation', action: 'revoke', actor: this.o.userId, target: messageId });
  }

  // Mutes, unbans and moderator roles go through the business server, which tells the room as the IM admin.
  async mute(userId: string, seconds: number): Promise<void> {
    await this.business().muteMember(this.o.groupId, userId, seconds);
  }

  async unmute(userId: string): Promise<void> {
    await this.business().muteMember(this.o.groupId, userId, 0);
  }

  async kick(userId: string): Promise<void> {
    const relay = this.relay();
    if (relay) return relay.banMember(this.o.groupId, userId, RELAYED_KICK_SECONDS, 'kick');
    await this.step('remove the user', () =>
      this.need().deleteGroupMember({ groupID: this.o.groupId, userIDList: [userId], reason: 'kicked by a moderator' }),
    );
  }

  async ban(userId: string, seconds: number): Promise<void> {
    const duration = seconds > 0 ? seconds : DEFAULT_BAN_SECONDS;
    const relay = this.relay();
    if (relay) return relay.banMember(this.o.groupId, userId, duration);
    // In an AVChatRoom, deleteGroupMember with a duration is a kick-and-ban (documented, paid editions).
    await this.step('ban the user', () =>
      this.need().deleteGroupMember({
        groupID: this.o.groupId,
        userIDList: [userId],
        reason: 'banned by a moderator',
        duration,
      }),
    );
  }

  async unban(userId: string): Promise<void> {
    await this.business().unbanMember(this.o.groupId, userId);
  }

  async setModerator(userId: string, on: boolean): Promise<void> {
    await this.business().setModerator(this.o.groupId, userId, on);
  }

  async setSlowMode(seconds: number): Promise<void> {
    // AVChatRoom has no server-side slow mode: the studio's viewers honour this signal.
    await this.signal({ type: 'slowMode', seconds });
  }

  async setMuteAll(on: boolean): Promise<void> {
    await this.step('mute the room', () =>
      this.need().updateGroupProfile({ groupID: this.o.groupId, muteAllMembers: on }),
    );
  }

  async pin(message: ChatItem | null): Promise<void> {
    await this.signal({ type: 'pin', message });
  }

  private signal(s: RoomSignal): Promise<ChatItem> {
    // Room changes and moderation notices go first when the room is over its 40 messages/s.
    return this.sendCustom({ data: JSON.stringify(s), description: s.type }, { priority: 'High' });
  }

  private async send(m: TencentMessage): Promise<ChatItem> {
    const { data } = await this.step('send the message', () => this.need().sendMessage(m));
    const sent = data?.message ?? m;
    this.keep(sent);
    // The sender never gets its own message through MESSAGE_RECEIVED: it is shown from here.
    const mapped = mapTencentMessage({ ...sent, flow: 'out' }, this.o.groupId, this.o.userId, this.sources());
    const items = mapped.flatMap((e) => (e.type === 'items' ? e.items : []));
    for (const e of mapped) if (e.type === 'room') this.emit(e);
    const item = items[0];
    if (!item)
      return {
        id: sent.ID,
        roomId: this.o.groupId,
        kind: 'system',
        userId: this.o.userId,
        nick: this.o.userId,
        text: '',
        at: Date.now(),
      };
    return item;
  }

  private received(data: unknown): void {
    if (!Array.isArray(data)) return;
    const items: ChatItem[] = [];
    for (const m of data as TencentMessage[]) {
      this.keep(m);
      for (const e of mapTencentMessage(m, this.o.groupId, this.o.userId, this.sources())) {
        if (e.type === 'items') items.push(...e.items);
        else this.emit(e);
      }
    }
    if (items.length) this.emit({ type: 'items', items });
  }

  private sources(): SignalSources {
    return { admin: this.o.adminUserId ?? DEFAULT_IM_ADMIN, owner: this.owner };
  }

  private revoked(data: unknown): void {
    if (!Array.isArray(data)) return;
    const list = data as TencentMessage[];
    const by = list[0]?.revokerInfo?.userID ?? list[0]?.revoker;
    this.emit({ type: 'revoked', messageIds: list.map((m) => m.ID), ...(by ? { by } : {}) });
  }

  private netState(state: unknown): void {
    if (state === 'connected') this.emit({ type: 'connection', state: 'connected' });
    else if (state === 'connecting')
      this.emit({
        type: 'connection',
        state: 'reconnecting',
        reason: 'The network dropped; reconnecting to Tencent Cloud IM…',
      });
    else if (state === 'disconnected')
      this.emit({
        type: 'connection',
        state: 'disconnected',
        reason: 'Lost the network: Tencent Cloud IM is unreachable.',
      });
  }

  private keep(m: TencentMessage): void {
    this.messages.set(m.ID, m);
  }

  private target(options: SendOptions) {
    return options.to
      ? { to: options.to, conversationType: T.CONV_C2C }
      : { to: this.o.groupId, conversationType: T.CONV_GROUP };
  }

  private listen(name: string, handler: Handler): void {
    this.chat?.on(name, handler);
    this.handlers.push([name, handler]);
  }

  private emit(e: ChatServiceEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** A step of connecting, called off when Tencent does not answer in time (the caller tries again). */
  private async timed<R>(doing: 'sign in' | 'create the room' | 'join the room', run: () => Promise<R>): Promise<R> {
    const ms = this.o.stepTimeoutMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(stepTimedOut(doing, ms)), ms);
    });
    try {
      // Creating keeps Tencent's own error (10025 is fine there); the other steps say it in plain words.
      return await Promise.race([doing === 'create the room' ? run() : this.step(doing, run), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async step<R>(doing: string, run: () => Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (err) {
      throw err instanceof StudioError ? err : tencentError(err, doing);
    }
  }

  private need(): TencentChatInstance {
    if (!this.chat) throw new StudioError('unavailable', words.notConnected);
    return this.chat;
  }

  /**
   * A moderator is no Owner or Admin to Tencent (an AVChatRoom keeps no roles), so the SDK would refuse their
   * kicks, bans and revokes of others' messages: those go through the business server, which checks the
   * moderator and signs the REST call. The host keeps the SDK's own calls.
   */
  private relay(): BusinessServer | null {
    return this.role === 'moderator' && this.o.business ? this.o.business : null;
  }

  private business(): BusinessServer {
    if (!this.o.business) {
      throw new StudioError('unavailable', words.needsBusinessServer);
    }
    return this.o.business;
  }
}
