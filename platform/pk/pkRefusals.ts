// What the platform says when a PK call is refused, in English and Simplified Chinese (PK is 连线 PK).
import type { Words } from '../http/refusals';

export const pkRefusals = {
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
} satisfies Record<string, Words | ((n: number) => Words)>;
