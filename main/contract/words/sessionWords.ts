// The broadcast session's words: going live, being live, ending, and the account it runs under.
import { wordsTable, type BilingualWords } from './wordsTable';

/** Going live, being live and ending (session/broadcastSession.ts); `cause` is what failed, in both languages. */
export const session = wordsTable({
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
  endedBut: (problems: BilingualWords): BilingualWords => ({
    en: `The broadcast ended, but ${problems.en}.`,
    zh: `直播已结束，但${problems.zh}。`,
  }),
  roomUnknown: (cause: BilingualWords): BilingualWords => ({
    en: `The platform no longer knows this room: ${cause.en} End the broadcast and go live again.`,
    zh: `平台已不认识这个房间：${cause.zh} 请结束本场直播后重新开播。`,
  }),
  heartbeatMissed: (cause: BilingualWords, missed: number): BilingualWords => ({
    en: `${cause.en} Missed heartbeats: ${missed}. After 3 the platform takes the room off the live list; check your network.`,
    zh: `${cause.zh} 已错过心跳 ${missed} 次。错过 3 次后平台会把房间移出直播列表，请检查网络。`,
  }),
  roomResumed: {
    en: 'The studio stopped answering for a while (a frozen computer or a closed lid), so the platform took the room off the air; it is back on the air now and viewers were told.',
    zh: '工作室曾有一段时间没有响应（电脑卡住或合上了盖子），平台因此暂停了直播间；现在已恢复直播，观众也已收到通知。',
  },
  roomLost: (cause: BilingualWords): BilingualWords => ({
    en: `The studio stopped answering for too long, and the platform ended the room: ${cause.en} The broadcast has ended; go live again to start a new room.`,
    zh: `工作室太久没有响应，平台已结束直播间：${cause.zh} 本场直播已结束；如需继续，请重新开播。`,
  }),
  notInHistory: { en: 'That broadcast is not in the history.', zh: '历史记录中没有这场直播。' },
});

/** Signing in and the server it goes to (session/accountService.ts). */
export const account = wordsTable({
  notSignedIn: {
    en: 'You are not signed in. Sign in on the Studio screen first.',
    zh: '尚未登录，请先在“直播间”页面登录。',
  },
  cloudNeedsServer: {
    en: 'Cloud mode needs the address of your business server, like https://live.example.com.',
    zh: '云模式需要填写业务服务器地址，例如 https://live.example.com。',
  },
  builtInPlatformFailed: (cause: string): BilingualWords => ({
    en: `The built-in platform could not start: ${cause}`,
    zh: `内置平台未能启动：${cause}`,
  }),
  noServerAddress: {
    en: 'No business server address is set. Enter it to sign in.',
    zh: '尚未设置业务服务器地址，请填写后登录。',
  },
  noServer: { en: 'No server is available to sign in to.', zh: '没有可以登录的服务器。' },
});
