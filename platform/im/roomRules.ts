// A room's refusals in the platform's words: what one carries, how it is told, and who may moderate whom.
import type { ImErrorCode, Role } from '../../common/chatHub/protocol';
import { refusals, type Words } from '../http/refusals';
import { encode } from './roomFanOut';

export interface Refusal {
  code: ImErrorCode;
  /** The error frame's message (en) and its Simplified Chinese (zh). */
  words: Words;
  tencentCode?: number;
  until?: number;
}

const ROLE_RANK: Record<Role, number> = { Owner: 2, Admin: 1, Member: 0 };

/** Owner over all, Admin over Members only, nobody over themselves; a null target is the room as a whole. */
export function moderationRefusal(
  actor: { userId: string; role: Role },
  target: { userId: string; role: Role } | null,
): Refusal | null {
  if (actor.role === 'Member') return { code: 'forbidden', words: refusals.moderatorsOnly };
  if (target === null) return null;
  if (target.userId === actor.userId) return { code: 'forbidden', words: refusals.notToYourself };
  if (ROLE_RANK[target.role] >= ROLE_RANK[actor.role])
    return { code: 'forbidden', words: refusals.notToHostOrModerator };
  return null;
}

/** Tells a socket its request was refused, in English and Chinese (and Tencent's code where it has one). */
export function refuse(c: { send(frame: Buffer): void }, reqId: string | undefined, r: Refusal): void {
  c.send(
    encode({
      type: 'error',
      ...(reqId ? { reqId } : {}),
      code: r.code,
      message: r.words.en,
      zh: r.words.zh,
      ...(r.tencentCode ? { tencentCode: r.tencentCode } : {}),
      ...(r.until ? { until: r.until } : {}),
    }),
  );
}
