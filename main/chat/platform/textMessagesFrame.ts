// The studio's cheap reading of the hub's most frequent frame in a flood: a batch of plain text messages.
import type { GroupMessage, Priority, Role, ServerFrame } from '../../../common/chatHub/protocol';
import { MAX_MESSAGE_BYTES } from '../../../common/chatHub/protocol';

type MessagesFrame = Extract<ServerFrame, { type: 'messages' }>;

const PRIORITIES: ReadonlySet<unknown> = new Set<Priority>(['High', 'Normal', 'Low', 'Lowest']);
const ROLES: ReadonlySet<unknown> = new Set<Role>(['Owner', 'Admin', 'Member']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function textMessage(v: unknown): GroupMessage | null {
  if (!isObject(v)) return null;
  const { id, seq, groupId, sender, time, priority, type, payload } = v;
  if (typeof id !== 'string' || typeof groupId !== 'string' || !Number.isSafeInteger(seq)) return null;
  if (typeof time !== 'number' || !Number.isFinite(time) || !PRIORITIES.has(priority)) return null;
  if (type !== 'TIMTextElem' && type !== 'TIMCustomElem') return null;
  if (!isObject(sender) || typeof sender.userId !== 'string' || typeof sender.nickname !== 'string') return null;
  if (!ROLES.has(sender.role) || !isObject(payload)) return null;
  const keys = Object.keys(payload);
  const text = payload.text;
  if (keys.length !== 1 || typeof text !== 'string' || text.length < 1 || text.length > MAX_MESSAGE_BYTES) return null;
  // Unknown keys are left behind, as the schema's objects strip them.
  return {
    id,
    seq: seq as number,
    groupId,
    sender: { userId: sender.userId, nickname: sender.nickname, role: sender.role as Role },
    time,
    priority: priority as Priority,
    type,
    payload: { text },
  };
}

/**
 * A `messages` frame whose every message is a plain text one, read without the frame schema; null for anything
 * else (another frame, a custom message, anything odd), which then goes through `serverFrameSchema` as before.
 * It only ever answers what the schema would.
 */
export function plainTextMessages(raw: unknown): MessagesFrame | null {
  if (!isObject(raw) || raw.type !== 'messages' || typeof raw.groupId !== 'string' || !Array.isArray(raw.messages))
    return null;
  const messages: GroupMessage[] = [];
  for (const m of raw.messages) {
    const read = textMessage(m);
    if (!read) return null;
    messages.push(read);
  }
  return { type: 'messages', groupId: raw.groupId, messages };
}
