import { describe, expect, it } from 'vitest';
import { answeredAsTheSchemaWould } from '../../testSupport/sameAsSchema';
import { clientFrameSchema, MAX_MESSAGE_BYTES } from '../../common/chatHub/protocol';
import { encode } from './roomRuntime';
import { plainTextSend, sendAck, surelyWithinMessageBytes } from './textSendFrame';

const text = (t: unknown) => ({ type: 'TIMTextElem', payload: { text: t } });
const send = (extra: Record<string, unknown>) => ({ type: 'send', groupId: 'live_1', elem: text('hi'), ...extra });

/** Frames a viewer may send, plain and hostile: the cheap reading must never answer what the schema would not. */
const corpus: unknown[] = [
  send({}),
  send({ reqId: 'r1' }),
  send({ priority: 'High' }),
  send({ priority: 'Lowest', reqId: 'x'.repeat(64) }),
  send({ reqId: 'x'.repeat(65) }),
  send({ reqId: '' }),
  send({ reqId: 5 }),
  send({ priority: 'Urgent' }),
  send({ priority: null }),
  send({ groupId: '' }),
  send({ groupId: 'g'.repeat(65) }),
  send({ groupId: 7 }),
  send({ extra: 1 }),
  send({ __proto__: { polluted: true } }),
  JSON.parse('{"type":"send","groupId":"g","elem":{"type":"TIMTextElem","payload":{"text":"a"}},"__proto__":{"x":1}}'),
  send({ elem: text('') }),
  send({ elem: text('a'.repeat(MAX_MESSAGE_BYTES)) }),
  send({ elem: text('a'.repeat(MAX_MESSAGE_BYTES + 1)) }),
  send({ elem: text(42) }),
  send({ elem: { type: 'TIMTextElem', payload: { text: 'a', more: 1 } } }),
  send({ elem: { type: 'TIMTextElem', payload: { text: 'a' }, stray: 'stripped' } }),
  send({ elem: { type: 'TIMTextElem', payload: ['a'] } }),
  send({ elem: { type: 'TIMTextElem', payload: null } }),
  send({ elem: { type: 'TIMTextElem' } }),
  send({ elem: { type: 'TIMCustomElem', payload: { data: '{}' } } }),
  send({ elem: null }),
  send({ elem: [text('a')] }),
  { type: 'send', elem: text('a') },
  { type: 'join', groupId: 'live_1' },
  [send({})],
  null,
  'send',
  42,
];

describe('the hub reads a plain text send without its schema', () => {
  it('answers exactly what the frame schema accepts, and leaves everything else to it', () => {
    const taken = answeredAsTheSchemaWould(corpus, plainTextSend, clientFrameSchema);
    // The common shapes do take the cheap way (a regression to "always null" would pass the loop above).
    expect(taken).toBe(7);
  });

  it('acks in the same bytes as the encoded frame', () => {
    expect(sendAck(undefined, 'live_1-7', 7, 123).toString()).toBe(
      encode({ type: 'ack', msgId: 'live_1-7', seq: 7, time: 123 }).toString(),
    );
    expect(sendAck('r"1', 'live_1-8', 8, 124).toString()).toBe(
      encode({ type: 'ack', reqId: 'r"1', msgId: 'live_1-8', seq: 8, time: 124 }).toString(),
    );
  });

  it('skips measuring only texts whose JSON cannot pass the limit', () => {
    const worst = '\u0001'.repeat(Math.floor((MAX_MESSAGE_BYTES - 11) / 6));
    expect(surelyWithinMessageBytes(worst)).toBe(true);
    expect(Buffer.byteLength(JSON.stringify({ text: worst }))).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(surelyWithinMessageBytes(`${worst}\u0001`)).toBe(false);
  });
});
