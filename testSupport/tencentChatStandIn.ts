// A stand-in for @tencentcloud/chat in tests: Tencent's cloud is unreachable here, so this replays the
// SDK's documented shapes (Message objects, event names and payloads, error objects with codes) and
// records every call so a test can check the order (listeners → login → SDK_READY → create → join).
import type {
  TencentChatInstance,
  TencentChatModule,
  TencentMessage,
  TencentResponse,
} from '../main/chat/tencent/sdkShape';

// EVENT and TYPES values as in @tencentcloud/chat 3.6.6 index.d.ts.
export const EVENT = {
  SDK_READY: 'sdkStateReady',
  SDK_NOT_READY: 'sdkStateNotReady',
  MESSAGE_RECEIVED: 'onMessageReceived',
  MESSAGE_REVOKED: 'onMessageRevoked',
  KICKED_OUT: 'kickedOut',
  NET_STATE_CHANGE: 'netStateChange',
  ERROR: 'error',
};
export const TYPES = {
  GRP_AVCHATROOM: 'AVChatRoom',
  CONV_GROUP: 'GROUP',
  CONV_C2C: 'C2C',
  MSG_TEXT: 'TIMTextElem',
  MSG_CUSTOM: 'TIMCustomElem',
  MSG_GRP_TIP: 'TIMGroupTipElem',
  MSG_PRIORITY_HIGH: 'High',
  MSG_PRIORITY_NORMAL: 'Normal',
};

type Handler = (e: { name: string; data: unknown }) => void;

export class StandInChat implements TencentChatInstance {
  readonly calls: { method: string; args: unknown[] }[] = [];
  readonly handlers = new Map<string, Set<Handler>>();
  /** Method name → the error object the next call of it rejects with (Tencent's shape: { code, message }). */
  readonly failNext = new Map<string, { code: number; message: string }>();
  ownerID = 'vj';
  private seq = 0;

  constructor(readonly options: { SDKAppID: number }) {}

  on(event: string, handler: Handler): void {
    this.calls.push({ method: 'on', args: [event] });
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
  }
  off(event: string, handler: Handler): void {
    this.handlers.get(event)?.delete(handler);
  }
  /** Fires an SDK event the way the SDK does: `{ name, data }`. */
  fire(name: string, data: unknown): void {
    for (const h of this.handlers.get(name) ?? []) h({ name, data });
  }

  private async answer<T>(method: string, args: unknown[], data: T): Promise<TencentResponse<T>> {
    this.calls.push({ method, args });
    const err = this.failNext.get(method);
    if (err) {
      this.failNext.delete(method);
      throw Object.assign(new Error(err.message), err);
    }
    return { code: 0, data };
  }

  async login(o: { userID: string; userSig: string }) {
    const r = await this.answer('login', [o], { repeatLogin: false });
    // The SDK reports SDK_READY a moment after login resolves.
    setTimeout(() => this.fire(EVENT.SDK_READY, undefined), 5);
    return r;
  }
  logout() {
    return this.answer('logout', [], {});
  }
  createGroup(o: { type: string; name: string; groupID: string }) {
    return this.answer('createGroup', [o], { group: { groupID: o.groupID, type: o.type } });
  }
  joinGroup(o: { groupID: string; type?: string }) {
    return this.answer('joinGroup', [o], { status: 'JoinedSuccess', group: { groupID: o.groupID } });
  }
  quitGroup(groupID: string) {
    return this.answer('quitGroup', [groupID], { groupID });
  }
  getGroupProfile(o: { groupID: string }) {
    return this.answer('getGroupProfile', [o], {
      group: { groupID: o.groupID, ownerID: this.ownerID, muteAllMembers: false },
    });
  }
  createTextMessage(o: {
    to: string;
    conversationType: string;
    priority?: string;
    payload: { text: string };
  }): TencentMessage {
    this.calls.push({ method: 'createTextMessage', args: [o] });
    return this.draft(o, TYPES.MSG_TEXT);
  }
  createCustomMessage(o: {
    to: string;
    conversationType: string;
    priority?: string;
    payload: { data: string; description?: string; extension?: string };
  }): TencentMessage {
    this.calls.push({ method: 'createCustomMessage', args: [o] });
    return this.draft(o, TYPES.MSG_CUSTOM);
  }
  sendMessage(m: TencentMessage) {
    return this.answer('sendMessage', [m], { message: { ...m, status: 'success' } });
  }
  revokeMessage(m: TencentMessage) {
    return this.answer('revokeMessage', [m], { message: { ...m, isRevoked: true } });
  }
  getGroupOnlineMemberCount(groupID: string) {
    return this.answer('getGroupOnlineMemberCount', [groupID], { groupID, memberCount: 1234 });
  }
  deleteGroupMember(o: { groupID: string; userIDList: string[]; reason?: string; duration?: number }) {
    return this.answer('deleteGroupMember', [o], { group: { groupID: o.groupID }, userIDList: o.userIDList });
  }
  updateGroupProfile(o: { groupID: string; muteAllMembers?: boolean }) {
    return this.answer('updateGroupProfile', [o], { group: { groupID: o.groupID, muteAllMembers: o.muteAllMembers } });
  }

  private draft(
    o: { to: string; conversationType: string; priority?: string; payload: object },
    type: string,
  ): TencentMessage {
    const id = `144115198577${String(++this.seq).padStart(4, '0')}-1700000000-${1000 + this.seq}`;
    return {
      ID: id,
      type,
      payload: o.payload as Record<string, unknown>,
      conversationID: `${o.conversationType}${o.to}`,
      conversationType: o.conversationType,
      to: o.to,
      from: 'vj',
      flow: 'out',
      time: 1700000000 + this.seq,
      status: 'unSend',
      isRevoked: false,
      priority: o.priority ?? 'Normal',
      nick: '',
      nameCard: '',
    };
  }
}

/** The module: TencentCloudChat.create(), EVENT, TYPES. `instances` holds what create() built. */
export function standInModule(): TencentChatModule & { instances: StandInChat[] } {
  const instances: StandInChat[] = [];
  return {
    instances,
    create(o) {
      const chat = new StandInChat(o);
      instances.push(chat);
      return chat;
    },
    EVENT,
    TYPES,
  };
}

/** A received Message object as MESSAGE_RECEIVED carries it (documented fields, values as the SDK sets them). */
export function receivedMessage(
  over: Partial<TencentMessage> & Pick<TencentMessage, 'ID' | 'type' | 'payload'>,
): TencentMessage {
  return {
    conversationID: 'GROUPshow-1',
    conversationType: 'GROUP',
    to: 'show-1',
    from: 'viewer-1',
    flow: 'in',
    time: Math.floor(Date.now() / 1000),
    status: 'success',
    isRevoked: false,
    priority: 'Normal',
    nick: 'Viewer One',
    nameCard: '',
    ...over,
  };
}
