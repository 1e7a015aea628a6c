// What went wrong in a broadcast, as the session state carries it: a code and the same words in English and
// Simplified Chinese.
import { StudioError } from '../contract';
import type { BilingualWords } from '../contract/refusalWords';

export type Problem = { code: string; message: string; zh: string };

/** A problem's words, as a cause inside other words. */
export function causeOf(e: Problem): BilingualWords {
  return { en: e.message, zh: e.zh };
}

/** A problem carrying these words. */
export function problemOf(code: string, w: BilingualWords): Problem {
  return { code, message: w.en, zh: w.zh };
}

/** The Chinese is the English words when the cause only speaks English (an ffmpeg or network message). */
export function describe(err: unknown): Problem {
  if (err instanceof StudioError) return { code: err.code, message: err.message, zh: err.zh ?? err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'media_error', message, zh: message };
}

/** The problems met while ending, as one sentence (null when the end went cleanly). */
export function endProblem(problems: { en: string; zh: string }[]): Problem | null {
  if (!problems.length) return null;
  return {
    code: 'platform_error',
    message: `The broadcast ended, but ${problems.map((p) => p.en).join('; ')}.`,
    zh: `直播已结束，但${problems.map((p) => p.zh).join('；')}。`,
  };
}

/** A missed heartbeat: the room is gone, or the network is in trouble and the count matters. */
export function heartbeatProblem(e: Problem, missed: number): Problem {
  const gone = e.code === 'not_found' || e.code === 'forbidden' || e.code === 'unauthorized';
  return gone
    ? {
        code: 'platform_error',
        message: `The platform no longer knows this room: ${e.message} End the broadcast and go live again.`,
        zh: `平台已不认识这个房间：${e.zh} 请结束本场直播后重新开播。`,
      }
    : {
        code: 'platform_error',
        message: `${e.message} Missed heartbeats: ${missed}. After 3 the platform takes the room off the live list; check your network.`,
        zh: `${e.zh} 已错过心跳 ${missed} 次。错过 3 次后平台会把房间移出直播列表，请检查网络。`,
      };
}

/** The platform had ended the room for missed heartbeats (the studio was frozen) and this heartbeat resumed it. */
export const roomResumedNotice: Problem = {
  code: 'room_resumed',
  message:
    'The studio stopped answering for a while (a frozen computer or a closed lid), so the platform took the room off the air; it is back on the air now and viewers were told.',
  zh: '工作室曾有一段时间没有响应（电脑卡住或合上了盖子），平台因此暂停了直播间；现在已恢复直播，观众也已收到通知。',
};

/** The platform ended the room for missed heartbeats longer ago than it lets a VJ resume: the show is over. */
export function roomLostProblem(e: Problem): Problem {
  return {
    code: 'room_lost',
    message: `The studio stopped answering for too long, and the platform ended the room: ${e.message} The broadcast has ended; go live again to start a new room.`,
    zh: `工作室太久没有响应，平台已结束直播间：${e.zh} 本场直播已结束；如需继续，请重新开播。`,
  };
}
