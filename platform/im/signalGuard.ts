// What a member's frame may say in the room: gifts and like totals come only from the platform's own services,
// moderation notices and the pin only from the host and moderators, and the hub re-sends those from its system
// identity with the real actor named, so no client has to believe a sender's own claim.
import { refusals } from '../http/refusals';
import type { Elem, Member, Priority, ReservedSignalType, Role } from '../../common/chatHub/protocol';
import { reservedSignalOf, SYSTEM_NICKNAME, SYSTEM_USER_ID } from '../../common/chatHub/protocol';
import type { Refusal } from './roomRuntime';

/** The sender of every signal the hub speaks itself. */
export const SYSTEM_MEMBER: Member = { userId: SYSTEM_USER_ID, nickname: SYSTEM_NICKNAME, role: 'Admin' };

/** Signals only the platform's services write (billing, like counter, PK, the room's end); nobody sends them through the hub. */
const FROM_SERVICES_ONLY: ReadonlySet<ReservedSignalType> = new Set(['gift', 'like', 'pk', 'roomEnded']);

export type SendDecision = { refusal: Refusal } | { sender: 'self' | 'system'; elem: Elem };

/** Judges a group `send` by its sender's role in the room. */
export function judgeGroupSend(role: Role, actorId: string, elem: Elem, priority: Priority): SendDecision {
  // High is never dropped by frequency control: the platform's own announcements and the room's moderators only.
  if (priority === 'High' && role === 'Member') return { refusal: { code: 'forbidden', words: refusals.highPriority } };
  if (elem.type !== 'TIMCustomElem') return { sender: 'self', elem };
  const signal = reservedSignalOf(elem.payload.data);
  if (!signal) return { sender: 'self', elem };
  if (FROM_SERVICES_ONLY.has(signal.type))
    return { refusal: { code: 'forbidden', words: refusals.platformSignalOnly(signal.type) } };
  if (role === 'Member') return { refusal: { code: 'forbidden', words: refusals.moderatorSignalOnly(signal.type) } };
  const data = JSON.stringify({ ...signal.body, type: signal.type, actor: actorId });
  return { sender: 'system', elem: { type: 'TIMCustomElem', payload: { ...elem.payload, data } } };
}

/** One-to-one messages are co-host signalling: no room signal travels that way, from anyone. */
export function judgeDirectSend(elem: Elem): Refusal | null {
  if (elem.type !== 'TIMCustomElem') return null;
  const signal = reservedSignalOf(elem.payload.data);
  return signal ? { code: 'forbidden', words: refusals.platformSignalOnly(signal.type) } : null;
}
