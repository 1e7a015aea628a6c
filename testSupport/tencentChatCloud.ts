// A stand-in of Tencent Cloud IM's client side shared by every SDK instance of a test (Tencent's cloud is
// unreachable here): instances of the @tencentcloud/chat stand-in module sign in with real UserSigs (checked as
// Tencent does), join the AVChatRooms the IM REST stand-in created, and hear each other's group and one-to-one
// messages and what the platform sends there as the IM admin (send_group_msg), in the SDK's documented shapes.
import { verifyUserSig } from '../platform/auth/userSig';
import type {
  TencentChatInstance,
  TencentChatModule,
  TencentMessage,
  TencentResponse,
} from '../main/chat/tencent/sdkShape';
import type { ImRestStandIn } from './imRestStandIn';
import { EVENT, TYPES } from './tencentChatStandIn';

type Handler = (e: { name: string; data: unknown }) => void;
type Draft = { to: string; conversationType: string; priority?: string; payload: Record<string, unknown> };
const failure = (code: number, message: string) => Object.assign(new Error(message), { code, message });

export interface ChatCloud {
  /** The module a studio (createStudio's tencentChatSdk) or a test's viewer is built with. */
  module: TencentChatModule;
  instances: CloudChat[];
  /** Members of a group now (signed-in users who joined it). */
  members(groupId: string): string[];
  /** The next `times` logins never answer (a network that swallows the sign-in). */
  hangLogins(times: number): void;
  /** Tencent puts a signed-in user out (KICKED_OUT with this type), as when the UserSig expires. */
  kickOut(userId: string, type: 'multipleAccount' | 'multipleDevice' | 'userSigExpired' | 'REST_API_Kick'): void;
}

/** What every instance shares: sign-in checks, group membership and delivery. */
interface Cloud {
  verify(userID: string, userSig: string): boolean;
  hangOne(): boolean;
  group(id: string): ReturnType<ImRestStandIn['group']>;
  join(c: CloudChat, id: string): void;
  leave(c: CloudChat): void;
  membersOf(id: string): CloudChat[];
  deliverGroup(id: string, m: TencentMessage, except: CloudChat | null): void;
  deliverC2C(to: string, m: TencentMessage): void;
  loggedIn(c: CloudChat): void;
  nextSeq(): number;
}

export function startChatCloud(o: { rest: ImRestStandIn; sdkAppId: number; secretKey: string }): ChatCloud {
  const instances: CloudChat[] = [];
  const groups = new Map<string, Set<CloudChat>>();
  let seq = 0;
  let hang = 0;
  const nextSeq = () => ++seq;
  // What IM REST's get_online_member_num answers: the group's members signed in now.
  const countOnline = () => groups.forEach((set, id) => (o.rest.group(id).online = set.size));
  const signedIn = (userId: string) => instances.filter((c) => c.userId === userId);

  const cloud: Cloud = {
    verify: (userID: string, userSig: string) =>
      verifyUserSig(o.secretKey, userSig, { identifier: userID, sdkAppId: o.sdkAppId }).ok,
    hangOne: () => {
      if (hang <= 0) return false;
      hang--;
      return true;
    },
    group: (id: string) => o.rest.group(id),
    join(c: CloudChat, id: string) {
      // A user is in at most one AVChatRoom at a time.
      for (const set of groups.values()) set.delete(c);
      let set = groups.get(id);
      if (!set) groups.set(id, (set = new Set()));
      set.add(c);
      countOnline();
    },
    leave(c: CloudChat) {
      for (const set of groups.values()) set.delete(c);
      countOnline();
    },
    membersOf: (id: string) => [...(groups.get(id) ?? [])],
    deliverGroup(id: string, m: TencentMessage, except: CloudChat | null) {
      for (const c of groups.get(id) ?? []) if (c !== except) c.receive(m);
    },
    deliverC2C(to: string, m: TencentMessage) {
      for (const c of signedIn(to)) c.receive(m);
    },
    loggedIn(c: CloudChat) {
      // One session per user: an earlier one is put out (multipleAccount).
      for (const other of signedIn(c.userId)) if (other !== c) other.kick('multipleAccount');
    },
    nextSeq,
  };

  o.rest.onGroupMessage((groupId, m) => {
    const n = nextSeq();
    cloud.deliverGroup(
      groupId,
      {
        ID: `admin-${n}`,
        type: TYPES.MSG_CUSTOM,
        payload: { data: m.data, description: m.desc, extension: '' },
        conversationID: `GROUP${groupId}`,
        conversationType: TYPES.CONV_GROUP,
        to: groupId,
        from: m.from,
        flow: 'in',
        time: Math.floor(Date.now() / 1000),
        sequence: n,
        status: 'success',
        isRevoked: false,
        priority: m.priority,
        nick: m.from,
        nameCard: '',
      },
      null,
    );
  });

  return {
    module: {
      create: (opts) => {
        const c = new CloudChat(opts, cloud);
        instances.push(c);
        return c;
      },
      EVENT,
      TYPES,
    },
    instances,
    members: (id) => cloud.membersOf(id).map((c) => c.userId),
    hangLogins: (times) => {
      hang = times;
    },
    kickOut: (userId, type) => signedIn(userId).forEach((c) => c.kick(type)),
  };
}

export class CloudChat implements TencentChatInstance {
  userId = '';
  private ready = false;
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(
    readonly options: { SDKAppID: number },
    private readonly cloud: Cloud,
  ) {}

  on(event: string, handler: Handler): void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
  }
  off(event: string, handler: Handler): void {
    this.handlers.get(event)?.delete(handler);
  }
  private fire(name: string, data: unknown): void {
    for (const h of this.handlers.get(name) ?? []) h({ name, data });
  }
  receive(m: TencentMessage): void {
    if (this.ready) this.fire(EVENT.MESSAGE_RECEIVED, [m]);
  }
  kick(type: string): void {
    if (!this.ready) return;
    this.ready = false;
    this.cloud.leave(this);
    this.fire(EVENT.KICKED_OUT, { type });
  }

  private need(): void {
    if (!this.ready) throw failure(2025, 'the SDK is not ready');
  }
  private ok<T>(data: T): Promise<TencentResponse<T>> {
    return Promise.resolve({ code: 0, data });
  }

  login(o: { userID: string; userSig: string }): Promise<TencentResponse> {
    if (this.cloud.hangOne()) return new Promise(() => {});
    if (!this.cloud.verify(o.userID, o.userSig)) return Promise.reject(failure(70003, 'UserSig verification failed'));
    this.userId = o.userID;
    this.ready = true;
    this.cloud.loggedIn(this);
    setTimeout(() => this.fire(EVENT.SDK_READY, undefined), 5);
    return this.ok({ repeatLogin: false });
  }
  logout(): Promise<TencentResponse> {
    this.ready = false;
    this.cloud.leave(this);
    return this.ok({});
  }
  destroy(): Promise<unknown> {
    return this.logout();
  }
  createGroup(o: { type: string; name: string; groupID: string }): Promise<TencentResponse> {
    this.need();
    const g = this.cloud.group(o.groupID);
    if (g.owner !== null) return Promise.reject(failure(g.owner === this.userId ? 10025 : 10021, 'group ID used'));
    g.owner = this.userId;
    return this.ok({ group: { groupID: o.groupID, type: o.type } });
  }
  joinGroup(o: { groupID: string; type?: string }) {
    this.need();
    const g = this.cloud.group(o.groupID);
    if (g.owner === null || g.dismissed) return Promise.reject(failure(10010, 'the group does not exist'));
    if ((g.banned.get(this.userId) ?? 0) > Date.now() / 1000) return Promise.reject(failure(10038, 'banned'));
    this.cloud.join(this, o.groupID);
    return this.ok({ status: 'JoinedSuccess', group: { groupID: o.groupID } });
  }
  quitGroup(groupID: string): Promise<TencentResponse> {
    this.cloud.leave(this);
    return this.ok({ groupID });
  }
  getGroupProfile(o: { groupID: string }) {
    const g = this.cloud.group(o.groupID);
    return this.ok({ group: { ownerID: g.owner ?? '', muteAllMembers: g.muteAll } });
  }
  createTextMessage(o: Draft & { payload: { text: string } }): TencentMessage {
    return this.draft(o, TYPES.MSG_TEXT);
  }
  createCustomMessage(o: Draft & { payload: { data: string; description?: string; extension?: string } }) {
    return this.draft(o, TYPES.MSG_CUSTOM);
  }
  sendMessage(m: TencentMessage) {
    this.need();
    const group = m.conversationType === TYPES.CONV_GROUP;
    if (group) {
      const g = this.cloud.group(m.to);
      if (!this.cloud.membersOf(m.to).includes(this)) return Promise.reject(failure(10007, 'not a member'));
      if ((g.muted.get(this.userId) ?? 0) > Date.now() / 1000) return Promise.reject(failure(10017, 'muted'));
    }
    const sent = { ...m, status: 'success', sequence: this.cloud.nextSeq() };
    const heard = { ...sent, flow: 'in' };
    if (group) this.cloud.deliverGroup(m.to, heard, this);
    else this.cloud.deliverC2C(m.to, heard);
    return this.ok({ message: sent });
  }
  revokeMessage(m: TencentMessage) {
    return this.ok({ message: { ...m, isRevoked: true } });
  }
  getGroupOnlineMemberCount(groupID: string) {
    return this.ok({ memberCount: this.cloud.membersOf(groupID).length });
  }
  deleteGroupMember(o: { groupID: string; userIDList: string[] }) {
    for (const c of this.cloud.membersOf(o.groupID)) if (o.userIDList.includes(c.userId)) this.cloud.leave(c);
    return this.ok({ userIDList: o.userIDList });
  }
  updateGroupProfile(o: { groupID: string; muteAllMembers?: boolean }) {
    if (typeof o.muteAllMembers === 'boolean') this.cloud.group(o.groupID).muteAll = o.muteAllMembers;
    return this.ok({ group: { groupID: o.groupID } });
  }

  private draft(o: Draft, type: string): TencentMessage {
    const n = this.cloud.nextSeq();
    return {
      ID: `${this.userId}-${n}-${Date.now()}`,
      type,
      payload: o.payload,
      conversationID: `${o.conversationType}${o.to}`,
      conversationType: o.conversationType,
      to: o.to,
      from: this.userId,
      flow: 'out',
      time: Math.floor(Date.now() / 1000),
      status: 'unSend',
      isRevoked: false,
      priority: o.priority ?? 'Normal',
      nick: this.userId,
      nameCard: '',
    };
  }
}
