// The platform client's words: what the studio was doing, and the business server's answers and failures.
import { wordsTable, type BilingualWords } from './wordsTable';

/** The business server's answers and failures, as the platform client words them. */
export const platform = wordsTable({
  signInAgain: { en: 'Sign in again.', zh: '请重新登录。' },
  notAllowed: { en: 'This account is not allowed to do that.', zh: '此账号无权执行该操作。' },
  gone: { en: 'It no longer exists on the server.', zh: '服务器上已不存在。' },
  notSignedIn: (action: BilingualWords): BilingualWords => ({
    en: `Could not ${action.en}: you are not signed in. Sign in first.`,
    zh: `无法${action.zh}：尚未登录，请先登录。`,
  }),
  waitAndRetry: { en: 'Wait a moment and try again.', zh: '请稍候再试。' },
  serverProblem: { en: 'The server had a problem; try again in a moment.', zh: '服务器出现问题，请稍后再试。' },
  checkInput: { en: 'Check what you entered and try again.', zh: '请检查输入的内容后重试。' },
  noAnswerWithin: (action: BilingualWords, server: string, seconds: number): BilingualWords => ({
    en: `Could not ${action.en}: the server at ${server} did not answer within ${seconds} s. Check your network and try again.`,
    zh: `无法${action.zh}：服务器 ${server} 在 ${seconds} 秒内没有应答。请检查网络后重试。`,
  }),
  unreachable: (action: BilingualWords, server: string): BilingualWords => ({
    en: `Could not ${action.en}: the server at ${server} cannot be reached. Check the server address and your network.`,
    zh: `无法${action.zh}：连接不上服务器 ${server}。请检查服务器地址和网络。`,
  }),
  refused: (
    action: BilingualWords,
    what: BilingualWords,
    status: number,
    said: { en: string; zh: string | null } | null,
  ): BilingualWords => ({
    en: `Could not ${action.en}: ${said?.en ?? `the server answered ${status}`}. ${what.en}`,
    // The platform's Chinese when it sends one (this platform always does); else its words as they are.
    zh: `无法${action.zh}：${said ? (said.zh ?? said.en) : `服务器返回 ${status}`}。${what.zh}`,
  }),
  notUnderstood: (action: BilingualWords): BilingualWords => ({
    en: `Could not ${action.en}: the server sent an answer the studio does not understand. Check that the server address points at a VJ Studio platform.`,
    zh: `无法${action.zh}：服务器的应答无法识别。请确认服务器地址指向 VJ Studio 平台。`,
  }),
});

/** What the studio was doing, in words that fit "Could not …" and "无法…". */
export const platformActions = wordsTable({
  createAccount: { en: 'create the account', zh: '创建账号' },
  signIn: { en: 'sign in', zh: '登录' },
  readAccount: { en: 'read your account', zh: '读取账号信息' },
  getChatSignIn: { en: 'get a chat sign-in from the platform', zh: '向平台获取聊天登录凭证' },
  getRoom: { en: 'get a room from the platform', zh: '向平台申请房间' },
  listLiveRooms: { en: 'list the live rooms', zh: '获取直播间列表' },
  heartbeat: { en: 'tell the platform you are still live', zh: '向平台发送心跳' },
  endRoom: { en: 'end the room on the platform', zh: '在平台上结束房间' },
  addModerator: { en: 'add the moderator', zh: '添加管理员' },
  getGuestStream: { en: "get the guest's stream address", zh: '获取连麦嘉宾的推流地址' },
  readGifts: { en: 'read the gift catalog', zh: '读取礼物列表' },
  readPkState: { en: 'read the PK state', zh: '读取连线 PK 状态' },
  inviteToLink: { en: 'invite the VJ to link', zh: '邀请主播连线' },
  answerLinkInvitation: (answer: string): BilingualWords => ({
    en: `${answer} the link invitation`,
    zh: '回应连线邀请',
  }),
  endLink: { en: 'end the link', zh: '结束连线' },
  startBattle: { en: 'start the PK battle', zh: '发起 PK' },
  answerBattle: (answer: string): BilingualWords => ({ en: `${answer} the PK battle`, zh: '回应 PK' }),
  readRoomBattles: { en: "read the room's PK battles", zh: '读取直播间的 PK 记录' },
});
