// The studio's refusals in English and Simplified Chinese: the one table their words live in. Every entry is
// { en, zh } or a function that makes one, so the type checker fails on an entry missing either language.
// Call sites name the entry (refusalWords.probe.refused(where)); tests read the English as is.

/** One refusal's words in both languages. */
export interface BilingualWords {
  en: string;
  zh: string;
}

type WordsEntry = BilingualWords | ((...args: never[]) => BilingualWords);

/** Declares one area's words; an entry without `en` or `zh` does not compile. */
export function wordsTable<T extends Record<string, WordsEntry>>(table: T): T {
  return table;
}

/** The business server's answers and failures, as the platform client words them. */
const platform = wordsTable({
  signInAgain: { en: 'Sign in again.', zh: '请重新登录。' },
  notAllowed: { en: 'This account is not allowed to do that.', zh: '此账号无权执行该操作。' },
  gone: { en: 'It no longer exists on the server.', zh: '服务器上已不存在。' },
  waitAndRetry: { en: 'Wait a moment and try again.', zh: '请稍候再试。' },
  serverProblem: { en: 'The server had a problem; try again in a moment.', zh: '服务器出现问题，请稍后再试。' },
  checkInput: { en: 'Check what you entered and try again.', zh: '请检查输入的内容后重试。' },
  notSignedIn: (action: BilingualWords): BilingualWords => ({
    en: `Could not ${action.en}: you are not signed in. Sign in first.`,
    zh: `无法${action.zh}：尚未登录，请先登录。`,
  }),
  noAnswerWithin: (action: BilingualWords, server: string, seconds: number): BilingualWords => ({
    en: `Could not ${action.en}: the server at ${server} did not answer within ${seconds} s. Check your network and try again.`,
    zh: `无法${action.zh}：服务器 ${server} 在 ${seconds} 秒内没有应答。请检查网络后重试。`,
  }),
  unreachable: (action: BilingualWords, server: string): BilingualWords => ({
    en: `Could not ${action.en}: the server at ${server} cannot be reached. Check the server address and your network.`,
    zh: `无法${action.zh}：连接不上服务器 ${server}。请检查服务器地址和网络。`,
  }),
});

/** The set-up screen's test of an RTMP ingest (session/rtmpProbe.ts). */
const probe = wordsTable({
  notAnAddress: (url: string): BilingualWords => ({
    en: `"${url}" is not an address like rtmp://host:1935/live.`,
    zh: `“${url}”不是 rtmp://host:1935/live 这样的地址。`,
  }),
  notRtmpScheme: (protocol: string): BilingualWords => ({
    en: `The test needs an rtmp:// address, not "${protocol}//".`,
    zh: `测试需要 rtmp:// 地址，而不是“${protocol}//”。`,
  }),
  refused: (where: string): BilingualWords => ({
    en: `The ingest at ${where} refused the connection: nothing listens there.`,
    zh: `推流服务器 ${where} 拒绝了连接：那里没有服务在监听。`,
  }),
  hostNotFound: (host: string): BilingualWords => ({
    en: `The ingest host "${host}" could not be found. Check the address and your network.`,
    zh: `找不到推流服务器“${host}”。请检查地址和网络。`,
  }),
  connectionFailed: (where: string, cause: string): BilingualWords => ({
    en: `The connection to the ingest at ${where} failed (${cause}).`,
    zh: `与推流服务器 ${where} 的连接失败（${cause}）。`,
  }),
  closedDuringTest: (where: string): BilingualWords => ({
    en: `The ingest at ${where} closed the connection during the test.`,
    zh: `推流服务器 ${where} 在测试中断开了连接。`,
  }),
  noAnswer: (where: string, what: BilingualWords, seconds: number): BilingualWords => ({
    en: `The ingest at ${where} did not answer ${what.en} within ${seconds} s. Check your network connection and the push address.`,
    zh: `推流服务器 ${where} 在 ${seconds} 秒内没有回应${what.zh}。请检查网络连接和推流地址。`,
  }),
  theConnection: { en: 'the connection', zh: '连接' },
  theHandshake: { en: 'the RTMP handshake', zh: 'RTMP 握手' },
  theConnect: { en: 'the RTMP connect', zh: 'RTMP 连接请求' },
  theBurstEnd: { en: 'the end of a burst', zh: '测试数据' },
  notAnIngest: (where: string): BilingualWords => ({
    en: `The server at ${where} is not an RTMP ingest.`,
    zh: `${where} 上的服务器不是 RTMP 推流服务器。`,
  }),
  appRefused: (where: string, app: string): BilingualWords => ({
    en: `The ingest at ${where} refused the connection to "${app}".`,
    zh: `推流服务器 ${where} 拒绝连接到“${app}”。`,
  }),
});

/** Going live, being live and ending (session/broadcastSession.ts); `cause` is what failed, in both languages. */
const session = wordsTable({
  alreadyLive: {
    en: 'You are already live. End this broadcast before starting another.',
    zh: '你正在直播，请先结束本场直播再开始新的直播。',
  },
  pushFailedCheckSource: (cause: BilingualWords): BilingualWords => ({
    en: `The stream could not start: ${cause.en} The room was given back to the platform; fix the source or encoder on Set-up and go live again.`,
    zh: `推流未能开始：${cause.zh} 房间已交还平台；请在“设置”中检查信号源或编码器后重新开播。`,
  }),
  pushFailedCheckNetwork: (cause: BilingualWords): BilingualWords => ({
    en: `The stream could not start: ${cause.en} The room was given back to the platform; check the network, then go live again.`,
    zh: `推流未能开始：${cause.zh} 房间已交还平台；请检查网络后重新开播。`,
  }),
  liveWithoutRecording: (cause: BilingualWords): BilingualWords => ({
    en: `You are live, but the local recording did not start: ${cause.en}`,
    zh: `已开播，但本地录制未能开始：${cause.zh}`,
  }),
  notConfirmed: (cause: BilingualWords): BilingualWords => ({
    en: `The platform did not confirm the broadcast: ${cause.en}`,
    zh: `平台没有确认本场直播：${cause.zh}`,
  }),
  nothingToResume: {
    en: 'There is no interrupted broadcast whose room the platform still holds. Go live in a new room.',
    zh: '没有平台仍保留房间的中断直播，请在新房间开播。',
  },
  nothingToEnd: { en: 'There is no broadcast to end.', zh: '没有可以结束的直播。' },
  pushDidNotStop: (cause: BilingualWords): BilingualWords => ({
    en: `the push did not stop cleanly (${cause.en})`,
    zh: `推流没有正常停止（${cause.zh}）`,
  }),
  recordingDidNotClose: (cause: BilingualWords): BilingualWords => ({
    en: `the recording did not close cleanly (${cause.en}); it is repaired on the next start`,
    zh: `录像没有正常关闭（${cause.zh}），下次启动时会自动修复`,
  }),
  roomNotEnded: (cause: BilingualWords): BilingualWords => ({
    en: `the platform did not end the room (${cause.en}); it ends by itself after 3 missed heartbeats, and the figures below are the studio's own`,
    zh: `平台没有结束房间（${cause.zh}），错过 3 次心跳后会自动结束，以下数据为工作室自己的统计`,
  }),
  recordingDidNotStart: (cause: BilingualWords): BilingualWords => ({
    en: `The recording did not start: ${cause.en}`,
    zh: `录制未能开始：${cause.zh}`,
  }),
});

export const refusalWords = { platform, probe, session };
