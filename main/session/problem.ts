// What went wrong in a broadcast, as the session state carries it: a code and the same words in English and
// Simplified Chinese.
import { StudioError } from '../contract';
import { refusalWords, type BilingualWords } from '../contract/refusalWords';

const words = refusalWords.session;

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
  const all = { en: problems.map((p) => p.en).join('; '), zh: problems.map((p) => p.zh).join('；') };
  return problemOf('platform_error', words.endedBut(all));
}

/** A missed heartbeat: the room is gone, or the network is in trouble and the count matters. */
export function heartbeatProblem(e: Problem, missed: number): Problem {
  const gone = e.code === 'not_found' || e.code === 'forbidden' || e.code === 'unauthorized';
  return problemOf('platform_error', gone ? words.roomUnknown(causeOf(e)) : words.heartbeatMissed(causeOf(e), missed));
}

/** The platform had ended the room for missed heartbeats (the studio was frozen) and this heartbeat resumed it. */
export const roomResumedNotice: Problem = problemOf('room_resumed', words.roomResumed);

/** The platform ended the room for missed heartbeats longer ago than it lets a VJ resume: the show is over. */
export function roomLostProblem(e: Problem): Problem {
  return problemOf('room_lost', words.roomLost(causeOf(e)));
}
