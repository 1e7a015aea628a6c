// The part of @tencentcloud/chat (v3) the Tencent adapter uses, as plain structural types, so the real SDK
// and the tests' stand-in are both accepted. Names and values follow the SDK's typings (index.d.ts).
export interface TencentMessage {
  ID: string;
  type: string;
  payload: Record<string, unknown>;
  conversationID: string;
  conversationType: string;
  to: string;
  from: string;
  flow: string;
  /** Seconds. */
  time: number;
  /** The group message's sequence number: what the IM REST recall (group_msg_recall) names a message by. */
  sequence?: number;
  status?: string;
  isRevoked: boolean;
  priority?: string;
  nick: string;
  nameCard?: string;
  revokerInfo?: { userID: string; nick?: string };
  revoker?: string;
}

export interface TencentResponse<T = Record<string, unknown>> {
  code: number;
  data: T;
}

export interface TencentChatInstance {
  on(event: string, handler: (e: { name: string; data: unknown }) => void): void;
  off(event: string, handler: (e: { name: string; data: unknown }) => void): void;
  login(o: { userID: string; userSig: string }): Promise<TencentResponse>;
  logout(): Promise<TencentResponse>;
  destroy?(): Promise<unknown>;
  createGroup(o: { type: string; name: string; groupID: string }): Promise<TencentResponse>;
  joinGroup(o: { groupID: string; type?: string }): Promise<TencentResponse<{ status?: string; group?: unknown }>>;
  quitGroup(groupID: string): Promise<TencentResponse>;
  getGroupProfile(o: {
    groupID: string;
  }): Promise<TencentResponse<{ group: { ownerID?: string; muteAllMembers?: boolean } }>>;
  createTextMessage(o: {
    to: string;
    conversationType: string;
    priority?: string;
    payload: { text: string };
  }): TencentMessage;
  createCustomMessage(o: {
    to: string;
    conversationType: string;
    priority?: string;
    payload: { data: string; description?: string; extension?: string };
  }): TencentMessage;
  sendMessage(m: TencentMessage): Promise<TencentResponse<{ message: TencentMessage }>>;
  revokeMessage(m: TencentMessage): Promise<TencentResponse>;
  getGroupOnlineMemberCount(groupID: string): Promise<TencentResponse<{ memberCount: number }>>;
  deleteGroupMember(o: {
    groupID: string;
    userIDList: string[];
    reason?: string;
    duration?: number;
  }): Promise<TencentResponse>;
  updateGroupProfile(o: { groupID: string; muteAllMembers?: boolean }): Promise<TencentResponse>;
}

/** The module itself: `TencentCloudChat` with create(), EVENT and TYPES. */
export interface TencentChatModule {
  create(o: { SDKAppID: number }): TencentChatInstance;
  EVENT: Record<string, string>;
  TYPES: Record<string, string | number>;
}
