// Tencent Cloud IM's error codes and the adapter's steps in plain words for the VJ and moderators.
import { wordsTable, type BilingualWords } from './wordsTable';

/** Tencent's error codes the VJ meets, each with what it means here. */
export const tencentImCodes: Record<number, BilingualWords> = wordsTable({
  10017: { en: 'You are muted in this room, so your message was not sent.', zh: '你在本房间已被禁言，消息没有发出。' },
  10023: {
    en: 'The room is sending too many messages right now (rate limit). Wait a moment and send again.',
    zh: '房间当前消息过多（频率限制），请稍候再发。',
  },
  80002: {
    en: 'The message is too long: Tencent Cloud IM takes at most 12 KB per message.',
    zh: '消息太长：腾讯云 IM 每条消息最多 12 KB。',
  },
  80001: { en: 'The message was refused by the room’s content filter.', zh: '消息被房间的内容过滤拦截。' },
  10007: {
    en: 'You do not have the right to do that in this room (owner or moderator only).',
    zh: '你在本房间无权执行此操作（仅限房主或管理员）。',
  },
  10004: { en: 'Tencent Cloud IM refused the request as invalid.', zh: '腾讯云 IM 认为请求无效并拒绝了它。' },
  10010: { en: 'The room no longer exists.', zh: '房间已不存在。' },
  10015: { en: 'The room id is not valid.', zh: '房间号无效。' },
  10021: { en: 'That room id is already taken by someone else.', zh: '该房间号已被他人占用。' },
  10025: { en: 'You already created this room.', zh: '你已经创建过这个房间。' },
  70001: {
    en: 'The chat sign-in (UserSig) has expired. Sign in again.',
    zh: '聊天登录凭证（UserSig）已过期，请重新登录。',
  },
  70003: {
    en: 'The chat sign-in (UserSig) is not valid. Sign in again.',
    zh: '聊天登录凭证（UserSig）无效，请重新登录。',
  },
  2025: { en: 'Tencent Cloud IM is not signed in yet.', zh: '腾讯云 IM 尚未登录。' },
  2642: { en: 'You are not in the room yet (join it first).', zh: '你还没有进入房间（请先进房）。' },
});

/** What the adapter was doing, in words that fit "could not …" and "无法…". */
const doingZh: Record<string, string> = {
  'sign in': '登录',
  'join the room': '进入房间',
  'create the room': '创建房间',
  'send the message': '发送消息',
  'delete the message': '删除消息',
  'mute the room': '全员禁言',
  'ban the user': '封禁用户',
  'remove the user': '移出用户',
  'read the online count': '读取在线人数',
};

/** The connecting steps whose silence is reported on its own. */
export type TencentImStep = 'sign in' | 'create the room' | 'join the room';

/** The adapter's failures that carry Tencent's own detail. */
export const tencentIm = wordsTable({
  couldNot: (doing: string, coded: string, detail: string): BilingualWords => ({
    en: `Tencent Cloud IM could not ${doing}${coded}: ${detail}`,
    zh: `腾讯云 IM 无法${doingZh[doing] ?? doing}${coded}：${detail}`,
  }),
  stepTimedOut: (doing: TencentImStep, seconds: number): BilingualWords => ({
    en: `Tencent Cloud IM did not answer in ${seconds} s when trying to ${doing}. Check the network.`,
    zh: `腾讯云 IM 在 ${seconds} 秒内没有响应（${doingZh[doing]}）。请检查网络。`,
  }),
});
