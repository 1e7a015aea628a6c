// Every refusal the platform answers, in English and Simplified Chinese: the one place their words live.
// The English is the answer's `message` (clients and tests read it as is), the Chinese goes beside it as `zh`.
import type { z } from 'zod';
import { fieldRules } from '../../common/platformApi/fieldRules';

/** One refusal's words: `en` becomes the answer's message, `zh` its Simplified Chinese. */
export interface Words {
  en: string;
  zh: string;
}

/** What a moderator does, in words that fit "can …" and "可以…". */
export const acts = {
  mute: { en: 'mute', zh: '禁言' },
  ban: { en: 'ban', zh: '封禁' },
  unban: { en: 'unban', zh: '解封' },
  deleteMessages: { en: 'delete messages', zh: '撤回消息' },
  muteRoom: { en: 'mute the whole room', zh: '开启全员禁言' },
  readOnlineCount: { en: 'read the online count', zh: '查看在线人数' },
  putOnVideo: { en: 'put a viewer on video', zh: '让观众上麦' },
  heartbeat: { en: 'send its heartbeat', zh: '发送心跳' },
  endRoom: { en: 'end it', zh: '结束它' },
  nameModerators: { en: 'name moderators', zh: '任命管理员' },
} satisfies Record<string, Words>;

export const refusals = {
  // The HTTP layer itself.
  nothingHere: { en: 'There is nothing at this address.', zh: '这个地址下什么也没有。' },
  bodyTooLarge: { en: 'The request body is larger than 64 KB.', zh: '请求体超过了 64 KB。' },
  bodyNotJson: { en: 'The request body is not valid JSON.', zh: '请求体不是有效的 JSON。' },
  methodNotAllowed: (method: string): Words => ({
    en: `${method} is not allowed here.`,
    zh: `这里不接受 ${method} 请求。`,
  }),
  /** An unexpected failure: the cause's own words ride along (often English only: a library's message). */
  failed: (cause: string, causeZh = cause): Words => ({
    en: `The platform failed: ${cause}`,
    zh: `平台出错：${causeZh}`,
  }),

  // Accounts and sign-in.
  nicknameControl: { en: 'A nickname may not contain control characters.', zh: '昵称不能包含控制字符。' },
  userIdTaken: { en: 'This user ID is taken; choose another.', zh: '这个用户 ID 已被占用，请换一个。' },
  signInWait: (seconds: number): Words => ({
    en: `Too many failed sign-ins: wait ${seconds} s, then try again.`,
    zh: `登录失败次数过多：请等待 ${seconds} 秒后再试。`,
  }),
  userIdReserved: {
    en: 'This user ID is reserved for the platform itself; choose another.',
    zh: '这个用户 ID 由平台自己保留，请换一个。',
  },
  wrongPassword: { en: 'The user ID or the password is wrong.', zh: '用户 ID 或密码错误。' },
  signInFirst: {
    en: 'Sign in first: send "Authorization: Bearer <token>" with a valid token.',
    zh: '请先登录：请求需带上有效的“Authorization: Bearer <token>”。',
  },
  accountGone: { en: 'This account no longer exists.', zh: '这个账号已不存在。' },
  noAccount: { en: 'There is no account with this user ID.', zh: '没有这个用户 ID 的账号。' },
  guestsLocalOnly: { en: 'Guest accounts exist only in local mode.', zh: '访客账号只在本地模式下提供。' },
  rechargeLocalOnly: {
    en: 'Recharging by API is only for local test accounts.',
    zh: '通过接口充值只适用于本地测试账号。',
  },
  operatorCreditOnly: { en: 'Only an operator can credit another account.', zh: '只有运营人员可以给其他账号充值。' },

  // Rooms.
  roomNumberDigits: { en: 'A room number is digits only.', zh: '房间号只能是数字。' },
  noLiveRoomNumber: {
    en: 'There is no live room with this number (it may have ended).',
    zh: '没有这个房间号的直播间（可能已经结束）。',
  },
  noRoomNumber: { en: 'There is no room with this number.', zh: '没有这个房间号的房间。' },
  onlyHostCan: (act: Words): Words => ({
    en: `Only the room's host can ${act.en}.`,
    zh: `只有房间的主播可以${act.zh}。`,
  }),
  guestNeedsLiveRoom: {
    en: 'This room has ended; a guest can only join a live room.',
    zh: '这个房间已经结束，嘉宾只能加入正在直播的房间。',
  },
  hostOnVideo: { en: 'The host is already on video.', zh: '主播本来就在画面里。' },
  viewerNotInRoom: { en: 'This viewer is not in the room right now.', zh: '这位观众现在不在房间里。' },
  roomEnded: {
    en: 'This room has ended; create a new one to go live again.',
    zh: '这个房间已经结束，请新建房间后再开播。',
  },
  roomLapsed: (graceSeconds: number): Words => ({
    en: `The platform ended this room after its heartbeats stopped, more than ${Math.round(graceSeconds / 60)} minutes ago; create a new room to go live again.`,
    zh: `心跳中断后平台已结束这个房间，且已超过 ${Math.round(graceSeconds / 60)} 分钟，请新建房间后再开播。`,
  }),
  hostInCharge: { en: 'The host is already in charge of the room.', zh: '主播本来就管理着这个房间。' },

  // Guests publishing from the viewer page (WHIP).
  whipNotInvited: {
    en: 'The host has not put you on video in this room; ask to join first.',
    zh: '主播还没有邀请你在这个房间连麦，请先申请连麦。',
  },
  whipNotSdp: {
    en: 'A WHIP offer is sent as Content-Type: application/sdp.',
    zh: 'WHIP 的 offer 需要以 Content-Type: application/sdp 发送。',
  },
  whipOfferTooLarge: { en: 'The offer is larger than 32 KB.', zh: 'offer 超过了 32 KB。' },
  whipBadOffer: (cause: string): Words => ({
    en: `The offer could not be answered: ${cause}`,
    zh: `无法应答这个 offer：${cause}`,
  }),
  whipRoomFull: (max: number): Words => ({
    en: `At most ${max} guests can publish in a room at once.`,
    zh: `一个房间同时最多只能有 ${max} 位嘉宾推流。`,
  }),
  whipNoSession: {
    en: 'There is no such guest session (it may have ended).',
    zh: '没有这个嘉宾会话（可能已经结束）。',
  },
  whepRoomFull: (max: number): Words => ({
    en: `At most ${max} guests can watch the show's return feed in a room at once.`,
    zh: `一个房间同时最多只能有 ${max} 位嘉宾观看回传画面。`,
  }),
  returnFeedNotPlayable: {
    en: "A guest's return feed is played only by that guest, from the co-host panel.",
    zh: '嘉宾的回传画面只能由该嘉宾本人在连麦面板中观看。',
  },
  whipLocalOnly: {
    en: 'Publishing from the page goes to Tencent Cloud in cloud mode, not to this platform.',
    zh: '云模式下网页推流直接推到腾讯云，不经过本平台。',
  },

  // Gifts.
  noGift: (giftId: string): Words => ({
    en: `There is no gift "${giftId}"; see GET /api/v1/gifts.`,
    zh: `没有礼物“${giftId}”，请查看 GET /api/v1/gifts。`,
  }),
  notEnoughCoins: (cost: number, balance: number): Words => ({
    en: `Not enough coins: this costs ${cost} and the balance is ${balance}.`,
    zh: `金币不足：需要 ${cost}，余额只有 ${balance}。`,
  }),
  requestIdReused: {
    en: 'This requestId was already used for a different gift; use a new requestId.',
    zh: '这个 requestId 已用于另一份礼物，请换一个新的 requestId。',
  },

  // Safety.
  operatorConsoleOnly: { en: 'Only an operator can use the safety console.', zh: '只有运营人员可以使用安全控制台。' },
  hostReportsOnly: { en: "Only the room's host can report on it.", zh: '只有房间的主播可以上报这个房间的情况。' },

  // Cloud Live callbacks and signed push URLs.
  callbacksOff: {
    en: 'Cloud Live callbacks are not configured (cloud.callbackKey).',
    zh: '没有配置云直播回调（cloud.callbackKey）。',
  },
  notModerationCallback: {
    en: 'This is not a Cloud Live picture-moderation callback (event_type 317 with t and sign).',
    zh: '这不是云直播的画面审核回调（需要 event_type 317 以及 t 和 sign）。',
  },
  callbackNoStream: { en: 'The callback names no stream (streamId).', zh: '回调没有指明是哪路流（streamId）。' },
  callbackUnsigned: {
    en: 'The callback is not signed (t and sign are required).',
    zh: '回调没有签名（需要 t 和 sign）。',
  },
  callbackExpired: { en: 'The callback signature has expired.', zh: '回调签名已过期。' },
  callbackSignMismatch: { en: 'The callback signature does not match.', zh: '回调签名不匹配。' },
  pushUnsigned: {
    en: 'The push URL is not signed (txSecret and txTime are required).',
    zh: '推流地址没有签名（需要 txSecret 和 txTime）。',
  },
  txTimeNotHex: { en: 'txTime is not a hex time.', zh: 'txTime 不是十六进制的时间。' },
  pushExpired: { en: 'The push URL has expired.', zh: '推流地址已过期。' },
  pushSignMismatch: { en: 'The push URL signature does not match this stream.', zh: '推流地址的签名与这路流不符。' },

  // The cloud IM relay.
  relayCloudOnly: {
    en: 'The IM relay is for cloud mode; the embedded platform moderates its chat hub directly.',
    zh: 'IM 中转只用于云模式；内置平台直接管理自己的聊天中心。',
  },
  noLiveGroup: {
    en: 'No live room has this group ID (the show may have ended).',
    zh: '没有这个群组 ID 的直播间（直播可能已经结束）。',
  },
  hostNamesModerators: {
    en: "Only the room's host can name or remove moderators.",
    zh: '只有房间的主播可以任命或撤销管理员。',
  },
  relayNotPassed: (name: string): Words => ({
    en: `The IM relay does not pass "${name}" on: it relays mutes, bans, unbans, message recalls, the room-wide mute, the online count and moderators only.`,
    zh: `IM 中转不转发“${name}”：只转发禁言、封禁、解封、撤回消息、全员禁言、在线人数和管理员设置。`,
  }),
  onlyModerators: (act: Words): Words => ({
    en: `Only the host and the room's moderators can ${act.en}.`,
    zh: `只有主播和房间管理员可以${act.zh}。`,
  }),
  notYourself: (act: Words): Words => ({ en: `You cannot ${act.en} yourself.`, zh: `不能对自己${act.zh}。` }),
  notHostOrModeratorMessage: {
    en: 'You cannot recall a message sent by the host or another moderator.',
    zh: '不能撤回主播或其他管理员发送的消息。',
  },
  recallSenderUnknown: (msgSeq: number): Words => ({
    en: `The platform does not know who sent message ${msgSeq} (it may be too old, or Tencent IM's after-send webhook is not set up), so only the host can recall it.`,
    zh: `平台不知道消息 ${msgSeq} 是谁发送的（可能太久了，或者没有配置腾讯云 IM 的发消息后回调），所以只有主播可以撤回它。`,
  }),
  imCallbacksOff: {
    en: 'Tencent IM webhooks are not configured (cloud.imCallbackToken).',
    zh: '没有配置腾讯云 IM 回调（cloud.imCallbackToken）。',
  },
  imCallbackOtherApp: {
    en: "The webhook's SdkAppid is not this platform's SDKAppID.",
    zh: '回调的 SdkAppid 不是本平台的 SDKAppID。',
  },
  imCallbackBadSign: {
    en: 'The webhook signature (Sign, RequestTime) does not match the token.',
    zh: '回调签名（Sign、RequestTime）与鉴权 Token 不符。',
  },
  imCallbackStale: {
    en: "The webhook's RequestTime is more than a minute away from now.",
    zh: '回调的 RequestTime 与当前时间相差超过一分钟。',
  },
  notHostOrModerator: (act: Words): Words => ({
    en: `You cannot ${act.en} the host or another moderator.`,
    zh: `不能对主播或其他管理员${act.zh}。`,
  }),

  // The embedded chat hub (local mode), as its error frames say them.
  binaryFrame: { en: 'Frames must be JSON text, not binary.', zh: '数据帧必须是 JSON 文本，不能是二进制。' },
  messageTooLarge: { en: 'The message is larger than 12 KB.', zh: '消息超过了 12 KB。' },
  frameNotJson: { en: 'The frame is not valid JSON.', zh: '数据帧不是有效的 JSON。' },
  hubFailed: (cause: string): Words => ({
    en: `The hub could not do this: ${cause}`,
    zh: `聊天中心无法完成这个操作：${cause}`,
  }),
  joinFirst: { en: 'Join the room first.', zh: '请先加入房间。' },
  noLiveRoomId: { en: 'There is no live room with this ID.', zh: '没有这个 ID 的直播间。' },
  noLiveRoomIdEnded: {
    en: 'There is no live room with this ID (it may have ended).',
    zh: '没有这个 ID 的直播间（可能已经结束）。',
  },
  sendingTooFast: { en: 'You are sending too fast; wait a moment.', zh: '发送得太快了，请稍等一下。' },
  userOffline: { en: 'That user is not online.', zh: '这位用户不在线。' },
  hostNamesModeratorsHub: { en: 'Only the host can name or remove moderators.', zh: '只有主播可以任命或撤销管理员。' },
  noRecentMessage: { en: 'No recent message has this ID.', zh: '最近的消息里没有这个 ID。' },
  messageEmpty: { en: 'The message is empty.', zh: '消息是空的。' },
  controlCharacters: {
    en: 'The message contains control characters, which are not allowed.',
    zh: '消息包含不允许的控制字符。',
  },
  bannedHere: { en: 'You are banned from this room for now.', zh: '你暂时被禁止进入这个房间。' },
  mutedHere: { en: 'You are muted in this room for now.', zh: '你在这个房间暂时被禁言了。' },
  roomMuted: {
    en: 'The room is muted: only the host and moderators can speak.',
    zh: '房间已开启全员禁言：只有主播和管理员可以发言。',
  },
  slowMode: (seconds: number): Words => ({
    en: `Slow mode is on: one message every ${seconds} s.`,
    zh: `慢速模式已开启：每 ${seconds} 秒只能发一条消息。`,
  }),
  blockedWord: { en: 'The message contains a word that is blocked in this room.', zh: '消息包含这个房间屏蔽的词。' },
  moderatorsOnly: { en: 'Only the host and moderators can do this.', zh: '只有主播和管理员可以这样做。' },
  highPriority: {
    en: 'Only the platform, the host and moderators can send at High priority; send at Normal.',
    zh: '只有平台、主播和管理员可以用最高优先级发送消息，请用普通优先级发送。',
  },
  platformSignalOnly: (type: string): Words => ({
    en: `Only the platform announces "${type}" in a room: send it through the platform's own API.`,
    zh: `只有平台可以在房间中发布“${type}”：请通过平台自己的接口发送。`,
  }),
  moderatorSignalOnly: (type: string): Words => ({
    en: `Only the host and moderators can send "${type}" to the room.`,
    zh: `只有主播和管理员可以向房间发送“${type}”。`,
  }),
  notToYourself: { en: 'You cannot do this to yourself.', zh: '不能对自己这样做。' },
  notToHostOrModerator: {
    en: 'You cannot do this to the host or to another moderator.',
    zh: '不能对主播或其他管理员这样做。',
  },

  // Tencent IM's REST API, as the relay passes its refusals on.
  imUnreachable: (cause: string): Words => ({
    en: `Tencent IM could not be reached: ${cause}`,
    zh: `连接不上腾讯云 IM：${cause}`,
  }),
  imNoReply: (status: number): Words => ({
    en: `Tencent IM answered HTTP ${status} without a REST reply.`,
    zh: `腾讯云 IM 返回了 HTTP ${status}，但不是 REST 应答。`,
  }),
  imRefused: (code: number, info: string): Words => ({
    en: `Tencent IM refused the call (${code}: ${info}).`,
    zh: `腾讯云 IM 拒绝了这次调用（${code}：${info}）。`,
  }),
} as const;

/** Tencent IM error codes the studio's users meet, in plain words (anything else: refusals.imRefused). */
export const tencentImRefusals: Record<number, Words> = {
  10017: { en: 'The sender is muted in this group.', zh: '发送者在本群已被禁言。' },
  10023: { en: 'Too many messages: Tencent IM rate-limited the group.', zh: '消息太多：腾讯云 IM 对本群限流了。' },
  80002: refusals.messageTooLarge,
  10010: { en: 'The group does not exist or was dissolved.', zh: '群组不存在或已解散。' },
  10015: { en: 'The group ID is not valid.', zh: '群组 ID 无效。' },
};

export { fieldRules };

const ruleZh = new Map<string, string>(Object.values(fieldRules).map((w) => [w.en, w.zh]));

type Issue = z.core.$ZodIssue;

/** Chinese for a zod issue that carries zod's own (English) message: said from the issue's kind and limits. */
function issueZh(issue: Issue, field: string): string {
  const named = field ? `“${field}”` : '输入';
  switch (issue.code) {
    case 'invalid_type':
      return `${named}的类型不对，应为 ${issue.expected}。`;
    case 'too_small':
      if (issue.origin === 'string') return `${named}至少需要 ${String(issue.minimum)} 个字符。`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${named}至少需要 ${String(issue.minimum)} 项。`;
      return `${named}不能小于 ${String(issue.minimum)}。`;
    case 'too_big':
      if (issue.origin === 'string') return `${named}最多 ${String(issue.maximum)} 个字符。`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${named}最多 ${String(issue.maximum)} 项。`;
      return `${named}不能大于 ${String(issue.maximum)}。`;
    case 'invalid_format':
      return `${named}的格式不对。`;
    case 'invalid_value':
      return `${named}只能是 ${issue.values.map((v) => String(v)).join('、')} 之一。`;
    default:
      return `${named}的值无效。`;
  }
}

/** A chat frame the hub's schema refuses: the English as the hub always said it, the Chinese by fieldWords. */
export function frameWords(error: z.ZodError): Words {
  const i = error.issues[0];
  if (!i) return { en: 'The frame is not valid.', zh: '数据帧无效。' };
  const where = i.path.length > 0 ? ` (${i.path.map(String).join('.')})` : '';
  return { en: `The frame is not valid${where}: ${i.message}`, zh: `数据帧无效：${fieldWords(error).zh}` };
}

/** A schema's refusal of a request body, naming its first problem in both languages. */
export function fieldWords(error: z.ZodError): Words {
  const issue = error.issues[0];
  if (!issue) return { en: 'The request is not valid.', zh: '请求无效。' };
  if (issue.code === 'unrecognized_keys') {
    return {
      en: `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`,
      zh: `未知的字段：${issue.keys.join('、')}。`,
    };
  }
  const field = issue.path.map(String).join('.');
  if (issue.code === 'invalid_type' && issue.input === undefined)
    return { en: `The field "${field}" is required.`, zh: `缺少字段“${field}”。` };
  const rule = ruleZh.get(issue.message);
  const zh = rule === undefined ? issueZh(issue, field) : field ? `“${field}”：${rule}` : rule;
  return { en: field ? `${field}: ${issue.message}` : issue.message, zh };
}
