// A stand-in for Tencent's IM server REST API (Tencent's cloud is unreachable here): it checks each call's
// query and admin UserSig as Tencent does, answers the documented reply shapes of the commands the platform
// uses, and keeps the group state those commands change, so a test can see what took effect.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { verifyUserSig } from '../platform/auth/userSig';

export interface StandInCall {
  /** e.g. group_open_http_svc/forbid_send_msg */
  command: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

export interface StandInGroup {
  /** userId → muted until (unix s). */
  muted: Map<string, number>;
  /** userId → banned until (unix s). */
  banned: Map<string, number>;
  muteAll: boolean;
  recalled: number[];
  online: number;
  /** Set by create_group (the owner named there); null for a group the stand-in only heard of. */
  owner: string | null;
  /** destroy_group dismissed it: Tencent answers 10010 for it from then on. */
  dismissed: boolean;
  /** What send_group_msg delivered, in order, with the sender (the admin unless From_Account named one). */
  sent: { from: string; data: string; desc: string; priority: string }[];
}

export interface ImRestStandIn {
  url: string;
  calls: StandInCall[];
  group(groupId: string): StandInGroup;
  /** The next call fails with this Tencent error code (ActionStatus FAIL, HTTP 200 as Tencent answers). */
  failNext(errorCode: number, errorInfo: string): void;
  /** The next `times` calls of one command (e.g. group_open_http_svc/create_group) fail with this code. */
  failCommand(command: string, errorCode: number, errorInfo: string, times?: number): void;
  /** IM accounts imported (account_import) or known. */
  accounts: Set<string>;
  /** Every send_group_msg delivered, as it is told to the group's members (a stand-in chat cloud listens). */
  onGroupMessage(listener: (groupId: string, m: StandInGroup['sent'][number]) => void): void;
  close(): Promise<void>;
}

type Reply = Record<string, unknown>;
const ok = (extra: Reply = {}): Reply => ({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, ...extra });
const fail = (code: number, info: string): Reply => ({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: info });
const accounts = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

export async function startImRestStandIn(o: {
  sdkAppId: number;
  secretKey: string;
  adminUserId?: string;
}): Promise<ImRestStandIn> {
  const admin = o.adminUserId ?? 'administrator';
  const calls: StandInCall[] = [];
  const groups = new Map<string, StandInGroup>();
  let failure: Reply | null = null;
  const commandFailures = new Map<string, { reply: Reply; times: number }>();
  const imAccounts = new Set<string>([admin]);
  const groupListeners: ((groupId: string, m: StandInGroup['sent'][number]) => void)[] = [];
  let msgSeq = 0;
  const group = (id: string): StandInGroup => {
    let g = groups.get(id);
    if (!g)
      groups.set(
        id,
        (g = {
          muted: new Map(),
          banned: new Map(),
          muteAll: false,
          recalled: [],
          online: 0,
          owner: null,
          dismissed: false,
          sent: [],
        }),
      );
    return g;
  };

  const answer = (command: string, query: URLSearchParams, body: Reply): Reply => {
    // Tencent checks the app, the admin account and its UserSig before anything else (REST common error codes).
    if (query.get('sdkappid') !== String(o.sdkAppId)) return fail(60006, 'SDKAppID invalid');
    if (query.get('identifier') !== admin) return fail(60010, 'the request needs the App admin');
    if (!verifyUserSig(o.secretKey, query.get('usersig') ?? '', { identifier: admin, sdkAppId: o.sdkAppId }).ok)
      return fail(70009, 'UserSig verification failed');
    if (query.get('contenttype') !== 'json' || !/^\d+$/.test(query.get('random') ?? ''))
      return fail(60002, 'HTTP parse error');
    if (failure) {
      const f = failure;
      failure = null;
      return f;
    }
    const planned = commandFailures.get(command);
    if (planned && planned.times > 0) {
      planned.times--;
      return planned.reply;
    }
    const now = Math.floor(Date.now() / 1000);
    if (command === 'im_open_login_svc/account_import') {
      if (typeof body.UserID !== 'string' || !body.UserID) return fail(70402, 'UserID is required');
      imAccounts.add(body.UserID);
      return ok();
    }
    if (command === 'im_open_login_svc/account_check') {
      const items = Array.isArray(body.CheckItem) ? (body.CheckItem as { UserID?: unknown }[]) : [];
      return ok({
        ResultItem: items.map((i) => ({
          UserID: i.UserID,
          ResultCode: 0,
          ResultInfo: '',
          AccountStatus: imAccounts.has(String(i.UserID)) ? 'Imported' : 'NotImported',
        })),
      });
    }
    const g = typeof body.GroupId === 'string' ? group(body.GroupId) : null;
    if (!g) return fail(10004, 'GroupId is required');
    if (g.dismissed) return fail(10010, 'the group does not exist or was dissolved');
    switch (command) {
      case 'group_open_http_svc/create_group':
        if (body.Type !== 'AVChatRoom') return fail(10004, 'the stand-in creates AVChatRooms only');
        if (g.owner !== null) return fail(10021, 'the group ID is already used');
        if (typeof body.Owner_Account !== 'string' || !imAccounts.has(body.Owner_Account))
          return fail(70107, 'Owner_Account is not an IM account');
        g.owner = body.Owner_Account;
        return ok({ GroupId: body.GroupId });
      case 'group_open_http_svc/destroy_group':
        if (g.owner === null) return fail(10010, 'the group does not exist or was dissolved');
        g.dismissed = true;
        return ok();
      case 'group_open_http_svc/send_group_msg': {
        if (g.owner === null) return fail(10010, 'the group does not exist or was dissolved');
        const el = (Array.isArray(body.MsgBody) ? body.MsgBody[0] : null) as {
          MsgContent?: { Data?: unknown; Desc?: unknown };
        } | null;
        const m = {
          from: typeof body.From_Account === 'string' ? body.From_Account : admin,
          data: String(el?.MsgContent?.Data ?? ''),
          desc: String(el?.MsgContent?.Desc ?? ''),
          priority: String(body.MsgPriority ?? 'Normal'),
        };
        g.sent.push(m);
        for (const l of groupListeners) l(String(body.GroupId), m);
        return ok({ MsgTime: now, MsgSeq: ++msgSeq });
      }
      case 'group_open_http_svc/forbid_send_msg':
        for (const u of accounts(body.Members_Account)) {
          const t = Number(body.MuteTime) || 0;
          if (t > 0) g.muted.set(u, now + t);
          else g.muted.delete(u);
        }
        return ok();
      case 'group_open_http_svc/ban_group_member':
        for (const u of accounts(body.Members_Account)) g.banned.set(u, now + (Number(body.Duration) || 0));
        return ok();
      case 'group_open_http_svc/unban_group_member':
        for (const u of accounts(body.Members_Account)) g.banned.delete(u);
        return ok();
      case 'group_open_http_svc/modify_group_base_info':
        if (body.MuteAllMember === 'On' || body.MuteAllMember === 'Off') g.muteAll = body.MuteAllMember === 'On';
        return ok();
      case 'group_open_http_svc/group_msg_recall': {
        const seqs = Array.isArray(body.MsgSeqList)
          ? body.MsgSeqList.map((s: { MsgSeq?: unknown }) => Number(s?.MsgSeq))
          : [];
        g.recalled.push(...seqs);
        return ok({ RecallRetList: seqs.map((MsgSeq) => ({ MsgSeq, RetCode: 0 })) });
      }
      case 'group_open_http_svc/get_online_member_num':
        return ok({ OnlineMemberNum: g.online });
      default:
        return fail(10003, `invalid command name (the stand-in replays no ${command})`);
    }
  };

  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const command = url.pathname.replace(/^\/v4\//, '');
      let body: Reply;
      try {
        body = JSON.parse(text || '{}') as Reply;
      } catch {
        body = {};
      }
      calls.push({ command, query: url.searchParams, body });
      // Always HTTP 200: ActionStatus tells.
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer(command, url.searchParams, body)));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  return {
    url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`,
    calls,
    group,
    failNext: (code, info) => {
      failure = fail(code, info);
    },
    failCommand: (command, code, info, times = 1) => {
      commandFailures.set(command, { reply: fail(code, info), times });
    },
    accounts: imAccounts,
    onGroupMessage: (l) => {
      groupListeners.push(l);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * Tencent IM's after-send webhook (Group.CallbackAfterSendMsg) as Tencent posts it to the platform: the callback URL
 * with SdkAppid, CallbackCommand, contenttype, ClientIP, OptPlatform and, with a token set, Sign =
 * sha256(token + RequestTime) and RequestTime; the documented body. Returns the HTTP status and the answer.
 */
export async function postAfterSendMsg(
  platformUrl: string,
  o: { sdkAppId: number; token: string; groupId: string; from: string; msgSeq: number; text?: string; at?: number },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const requestTime = String(o.at ?? Math.floor(Date.now() / 1000));
  const q = new URLSearchParams({
    SdkAppid: String(o.sdkAppId),
    CallbackCommand: 'Group.CallbackAfterSendMsg',
    contenttype: 'json',
    ClientIP: '127.0.0.1',
    OptPlatform: 'Web',
    Sign: createHash('sha256')
      .update(o.token + requestTime)
      .digest('hex'),
    RequestTime: requestTime,
  });
  const now = Math.floor(Date.now() / 1000);
  const res = await fetch(`${platformUrl}/api/v1/callbacks/im?${q}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      CallbackCommand: 'Group.CallbackAfterSendMsg',
      GroupId: o.groupId,
      Type: 'AVChatRoom',
      From_Account: o.from,
      Operator_Account: o.from,
      Random: 123456,
      MsgSeq: o.msgSeq,
      MsgId: `${o.msgSeq}-${now}-123456`,
      MsgTime: now,
      OnlineOnlyFlag: 0,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: o.text ?? 'hello' } }],
      CloudCustomData: '',
      EventTime: Date.now(),
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
