// The chat's words: the platform's chat hub, the feed, and Tencent Cloud IM with the business server beside it.
import { wordsTable, type BilingualWords } from './wordsTable';

/** The connection to the platform's chat hub (chat/platform/). */
export const hub = wordsTable({
  signInRefused: {
    en: 'The platform refused the chat sign-in: the session token is missing or expired. Sign in again.',
    zh: '平台拒绝了聊天登录：会话令牌缺失或已过期，请重新登录。',
  },
  answeredHttp: (status: number | undefined): BilingualWords => ({
    en: `The platform's chat hub answered HTTP ${status}.`,
    zh: `平台的聊天中心返回了 HTTP ${status}。`,
  }),
  unreachable: (cause: string): BilingualWords => ({
    en: `The platform's chat hub could not be reached: ${cause}`,
    zh: `连接不上平台的聊天中心：${cause}`,
  }),
  connectionLost: { en: 'The connection to the chat hub was lost.', zh: '与聊天中心的连接已断开。' },
  closed: (why: string): BilingualWords => ({
    en: `The chat hub closed the connection (${why}).`,
    zh: `聊天中心关闭了连接（${why}）。`,
  }),
  noAnswerInTime: { en: 'The chat hub did not answer in time.', zh: '聊天中心没有及时应答。' },
  notConnected: { en: 'The chat is not connected to the hub.', zh: '聊天未连接到聊天中心。' },
  invalidFrame: (reason: string): BilingualWords => ({
    en: `The chat frame is not valid: ${reason}`,
    zh: `聊天数据帧无效：${reason}`,
  }),
  joinAnsweredOther: {
    en: 'The chat hub answered the join with something else.',
    zh: '聊天中心对进房请求的应答不正确。',
  },
  noLongerInRoom: { en: 'You are no longer in the room.', zh: '你已不在房间中。' },
  reconnecting: {
    en: 'The chat is reconnecting to the hub; try again in a moment.',
    zh: '聊天正在重新连接聊天中心，请稍后再试。',
  },
});

/** The chat feed's own refusals (chat/chatFeed.ts, chat/feedWords.ts). */
export const feed = wordsTable({
  kickedOut: (reason: string | null): BilingualWords => ({
    en: `You are out of the room: ${reason ?? 'removed'}.`,
    zh: `你已被移出房间：${reason ?? '已移除'}。`,
  }),
  notConnected: { en: 'The chat is not connected. Connect to a room first.', zh: '聊天未连接，请先连接一个房间。' },
  noRoomOpen: { en: 'No chat room is open. Connect to a room first.', zh: '没有打开的聊天室，请先连接一个房间。' },
  notInLog: {
    en: 'That message is not in this room’s log, so it cannot be pinned.',
    zh: '该消息不在本房间的记录中，无法置顶。',
  },
});

/** Tencent Cloud IM's adapter and the business server it reaches for what the SDK cannot do (chat/tencent/). */
export const tencent = wordsTable({
  notReady: {
    en: 'Tencent Cloud IM did not become ready in time. Check the network and try again.',
    zh: '腾讯云 IM 未能及时就绪，请检查网络后重试。',
  },
  tooOldToDelete: {
    en: 'That message is too old to delete from here: Tencent Cloud IM revokes only recent messages.',
    zh: '该消息太早，无法在这里删除：腾讯云 IM 只能撤回最近的消息。',
  },
  notConnected: { en: 'Tencent Cloud IM is not connected.', zh: '腾讯云 IM 未连接。' },
  needsBusinessServer: {
    en: 'This needs the business server (per-user mutes, unbans and moderators go through it in an AVChatRoom), and none is configured.',
    zh: '此操作需要业务服务器（在直播大群中，禁言单个用户、解封和设置管理员都要经过它），但尚未配置。',
  },
  businessUnreachable: (cause: string): BilingualWords => ({
    en: `The business server could not be reached: ${cause}`,
    zh: `连接不上业务服务器：${cause}`,
  }),
  /** `info` is the server's words without their full stop; `errorCode` is Tencent's, when it gave one. */
  businessRefused: (command: string, info: BilingualWords, errorCode: number | undefined): BilingualWords => ({
    en: `The business server refused (${command}): ${info.en}${errorCode ? ` (code ${errorCode})` : ''}.`,
    zh: `业务服务器拒绝了请求（${command}）：${info.zh}${errorCode ? `（错误码 ${errorCode}）` : ''}。`,
  }),
});
