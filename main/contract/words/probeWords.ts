// The words of the set-up screen's ingest tests: the RTMP probe and the bandwidth test.
import { wordsTable, type BilingualWords } from './wordsTable';

/** The set-up screen's test of an RTMP ingest (session/rtmpProbe.ts). */
export const probe = wordsTable({
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

/** The set-up screen's bandwidth test of the ingest (session/bandwidthTest.ts). */
export const bandwidth = wordsTable({
  noIngest: {
    en: 'There is no ingest to test yet: in cloud mode, enter your push address (rtmp://…), or go live once so the studio knows it.',
    zh: '还没有可测试的推流服务器：云模式下请输入推流地址（rtmp://…），或先开播一次让工作室记住它。',
  },
  notRtmp: (address: string): BilingualWords => ({
    en: `"${address}" is not an rtmp:// address.`,
    zh: `“${address}”不是 rtmp:// 地址。`,
  }),
  plainRtmpOnly: {
    en: 'The test measures plain RTMP ingests; enter the rtmp:// address of the same host.',
    zh: '测试只能测量普通 RTMP 推流服务器；请输入同一主机的 rtmp:// 地址。',
  },
  liveNow: {
    en: 'You are live: a test now would take bandwidth from your viewers. Run it before going live.',
    zh: '你正在直播：现在测试会占用观众的带宽。请在开播前测试。',
  },
  alreadyRunning: { en: 'A bandwidth test is already running.', zh: '网速测试已在进行中。' },
});
