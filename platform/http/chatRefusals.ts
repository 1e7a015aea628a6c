// The platform's refusals about chat: the embedded chat hub's (local mode), as its error frames say them, and
// cloud mode's: Cloud Live callbacks and signed push URLs, the IM relay, Tencent IM's REST API.
import type { WordsTable, Words } from './refusals';

/** What the platform asks Tencent IM to do for a room, in words that fit "could not …" and "未能…". */
export const imActs = {
  importHost: { en: 'set up the host’s IM account', zh: '设置主播的 IM 账号' },
  createGroup: { en: 'create the room’s chat group', zh: '创建直播间的聊天群' },
  sendMessage: { en: 'send the room’s message', zh: '发送直播间消息' },
  dismissGroup: { en: 'dismiss the room’s chat group', zh: '解散直播间的聊天群' },
} satisfies Record<string, Words>;

export const chatRefusals = {
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

  /** A REST call that failed every try: what failed, and Tencent's own words. */
  imCallFailed: (what: Words, cause: Words): Words => ({
    en: `Tencent Cloud IM could not ${what.en}: ${cause.en}`,
    zh: `腾讯云 IM 未能${what.zh}：${cause.zh}`,
  }),
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
} satisfies WordsTable;

/** Tencent IM error codes the studio's users meet, in plain words (anything else: refusals.imRefused). */
export const tencentImRefusals: Record<number, Words> = {
  10017: { en: 'The sender is muted in this group.', zh: '发送者在本群已被禁言。' },
  10023: { en: 'Too many messages: Tencent IM rate-limited the group.', zh: '消息太多：腾讯云 IM 对本群限流了。' },
  80002: chatRefusals.messageTooLarge,
  10010: { en: 'The group does not exist or was dissolved.', zh: '群组不存在或已解散。' },
  10015: { en: 'The group ID is not valid.', zh: '群组 ID 无效。' },
};
