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

export const refusalWords = { platform, probe };
