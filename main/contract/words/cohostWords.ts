// The words of the studio's guests: co-hosts on video (cohost/) and PK links with other studios (pk/).
import { wordsTable, type BilingualWords } from './wordsTable';

/** Inviting, admitting and muting co-host guests. */
export const cohost = wordsTable({
  notLive: {
    en: 'Go live first: guests join a broadcast that is on air.',
    zh: '请先开播：连麦嘉宾只能加入正在直播的节目。',
  },
  notOnVideo: (userId: string): BilingualWords => ({ en: `${userId} is not on video.`, zh: `${userId} 没有在连麦。` }),
  busy: (nickname: string): BilingualWords => ({
    en: `${nickname} already has an invitation or is on video.`,
    zh: `${nickname} 已收到邀请或正在连麦。`,
  }),
  noInvitation: (nickname: string): BilingualWords => ({
    en: `There is no invitation in flight for ${nickname}.`,
    zh: `没有发给 ${nickname} 的待回复邀请。`,
  }),
  notAsked: (nickname: string): BilingualWords => ({
    en: `${nickname} has not asked to join.`,
    zh: `${nickname} 没有申请连麦。`,
  }),
  full: (max: number): BilingualWords => ({
    en: `At most ${max} guests can be on video or invited at once.`,
    zh: `同时最多只能有 ${max} 位嘉宾连麦或被邀请。`,
  }),
  notAGuest: (userId: string): BilingualWords => ({
    en: `${userId} is not a guest or an invited viewer.`,
    zh: `${userId} 不是连麦嘉宾，也不是被邀请的观众。`,
  }),
});

/** PK links and battles, as the studio's side of them says. */
export const pk = wordsTable({
  signInFirst: { en: 'Sign in and go live first.', zh: '请先登录并开播。' },
  partnerLost: (nickname: string): BilingualWords => ({
    en: `${nickname}'s picture was lost: your program is back to solo.`,
    zh: `${nickname} 的画面已断开：你的节目已恢复单人画面。`,
  }),
});
