// Every refusal the platform answers, in English and Simplified Chinese: the one table their words live in (the
// platform's own services and PK here, chat's in chatRefusals.ts). The English is the answer's `message` (clients
// and tests read it as is), the Chinese goes beside it as `zh`. Each area's table is checked for both languages.
import type { z } from 'zod';
import { fieldRules } from '../../common/platformApi/fieldRules';
import { chatRefusals, imActs, tencentImRefusals } from './chatRefusals';

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

/** A table of refusals: each entry words in both languages, or a function that makes them. */
export type WordsTable = Record<string, Words | ((...args: never[]) => Words)>;

/** PK links and battles between live rooms (PK is 连线 PK). */
const pkRefusals = {
  notYourRoom: { en: 'Only the host of that live room can do this.', zh: '只有该直播间的主播可以这样做。' },
  notLive: { en: 'Both rooms must be live for PK.', zh: '连线 PK 需要两个直播间都在直播。' },
  self: { en: 'A room cannot link to itself.', zh: '直播间不能和自己连线。' },
  alreadyLinked: {
    en: 'These rooms are already linked or inviting each other.',
    zh: '这两个直播间已经连线或正在邀请。',
  },
  full: (max: number): Words => ({
    en: `A room links to at most ${max} others (four VJs in a grid).`,
    zh: `一个直播间最多与 ${max} 个直播间连线（四位主播同屏）。`,
  }),
  tooManyInvites: (max: number): Words => ({
    en: `This room already has ${max} invitations waiting; answer some first.`,
    zh: `这个直播间已有 ${max} 个邀请在等待，请先处理。`,
  }),
  noInvite: { en: 'This invitation is no longer waiting.', zh: '这个邀请已经失效。' },
  noLink: { en: 'These rooms are not linked.', zh: '这两个直播间没有连线。' },
  battleOpen: { en: 'One of these rooms is already in a PK battle.', zh: '其中一个直播间已经在 PK 中。' },
  noBattle: { en: 'This PK battle is not waiting for an answer.', zh: '这场 PK 已不在等待回应。' },
  battleNotRunning: { en: 'This PK battle is not running.', zh: '这场 PK 没有在进行。' },
  notInBattle: { en: 'Only the two VJs of this PK battle can do this.', zh: '只有这场 PK 的两位主播可以这样做。' },
} satisfies WordsTable;

const serviceRefusals = {
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
} satisfies WordsTable;

export const refusals = {
  ...serviceRefusals,
  ...chatRefusals,
  pk: pkRefusals,
} as const;

export { imActs, tencentImRefusals };
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
