// The hub's cheap reading of its most frequent frame, a plain text send, and its ack: a flood's per-message cost.
import type { ClientFrame, Priority } from '../../common/chatHub/protocol';
import { MAX_MESSAGE_BYTES } from '../../common/chatHub/protocol';

const PRIORITIES: ReadonlySet<unknown> = new Set<Priority>(['High', 'Normal', 'Low', 'Lowest']);

const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 64;

function onlyKeys(o: object, allowed: number): boolean {
  let n = 0;
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) n++;
  return n === allowed;
}

/**
 * A `send` of a text element, read without the frame schema when it is exactly what the schema accepts
 * (type, groupId, elem and optionally reqId and priority; nothing else; text of 1..MAX_MESSAGE_BYTES units).
 * Anything else, hostile or merely unusual, answers null and goes through `clientFrameSchema`, which
 * accepts and refuses as before: this only ever answers what the schema would.
 */
export function plainTextSend(raw: unknown): Extract<ClientFrame, { type: 'send' }> | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const f = raw as Record<string, unknown>;
  if (f.type !== 'send' || !isId(f.groupId)) return null;
  let keys = 3;
  if (f.reqId !== undefined) {
    if (!isId(f.reqId)) return null;
    keys++;
  }
  if (f.priority !== undefined) {
    if (!PRIORITIES.has(f.priority)) return null;
    keys++;
  }
  if (!onlyKeys(f, keys)) return null;
  const elem = f.elem as Record<string, unknown> | null;
  if (typeof elem !== 'object' || elem === null || Array.isArray(elem) || elem.type !== 'TIMTextElem') return null;
  const payload = elem.payload as Record<string, unknown> | null;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || !onlyKeys(payload, 1)) return null;
  const text = payload.text;
  if (typeof text !== 'string' || text.length < 1 || text.length > MAX_MESSAGE_BYTES) return null;
  // The elem's own other keys are stripped, as the schema's non-strict elem object does.
  return {
    type: 'send',
    ...(f.reqId !== undefined ? { reqId: f.reqId as string } : {}),
    groupId: f.groupId,
    priority: (f.priority as Priority | undefined) ?? 'Normal',
    elem: { type: 'TIMTextElem', payload: { text } },
  };
}

/** The ack of an accepted send, as encode({type:'ack', reqId?, msgId, seq, time}) writes it. */
export function sendAck(reqId: string | undefined, msgId: string, seq: number, time: number): Buffer {
  const req = reqId ? `,"reqId":${JSON.stringify(reqId)}` : '';
  return Buffer.from(`{"type":"ack"${req},"msgId":${JSON.stringify(msgId)},"seq":${seq},"time":${time}}`);
}

/**
 * Whether a payload's JSON is surely within MAX_MESSAGE_BYTES without serializing it: a UTF-16 unit is at most
 * 6 bytes of JSON (an escape like \u0001), and `{"text":""}` adds 11.
 */
export function surelyWithinMessageBytes(text: string): boolean {
  return text.length * 6 + 11 <= MAX_MESSAGE_BYTES;
}
