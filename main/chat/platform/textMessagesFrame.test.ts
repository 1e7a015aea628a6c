import { describe, expect, it } from 'vitest';
import { answeredAsTheSchemaWould } from '../../../testSupport/sameAsSchema';
import { MAX_MESSAGE_BYTES, serverFrameSchema } from '../../../common/chatHub/protocol';
import { plainTextMessages } from './textMessagesFrame';

const message = (extra: Record<string, unknown> = {}) => ({
  id: 'live_1-1',
  seq: 1,
  groupId: 'live_1',
  sender: { userId: 'u1', nickname: '观众', role: 'Member' },
  time: 1765000000000,
  priority: 'Normal',
  type: 'TIMTextElem',
  payload: { text: 'hi' },
  ...extra,
});
const frame = (...messages: unknown[]) => ({ type: 'messages', groupId: 'live_1', messages });

/** Batches a hub (or something posing as one) may send: the cheap reading never answers what the schema would not. */
const corpus: unknown[] = [
  frame(message()),
  frame(message(), message({ id: 'live_1-2', seq: 2, priority: 'High' })),
  frame(),
  { ...frame(message()), extra: 'stripped' },
  frame(message({ stray: 1 })),
  frame(message({ sender: { userId: 'u', nickname: 'n', role: 'Owner', stray: true } })),
  frame(message({ payload: { text: 'a'.repeat(MAX_MESSAGE_BYTES) } })),
  frame(message({ payload: { text: 'a'.repeat(MAX_MESSAGE_BYTES + 1) } })),
  frame(message({ payload: { text: '' } })),
  frame(message({ payload: { text: 'a', more: 1 } })),
  frame(message({ payload: { data: '{}', description: '', extension: '' }, type: 'TIMCustomElem' })),
  frame(message({ payload: { text: 'a' }, type: 'TIMCustomElem' })),
  frame(message({ type: 'TIMImageElem' })),
  frame(message({ seq: 1.5 })),
  frame(message({ seq: 2 ** 60 })),
  frame(message({ seq: '1' })),
  frame(message({ time: '1' })),
  frame(message({ priority: 'Urgent' })),
  frame(message({ sender: { userId: 'u', nickname: 'n', role: 'God' } })),
  frame(message({ sender: { userId: 'u', role: 'Member' } })),
  frame(message({ sender: null })),
  frame(message({ id: 5 })),
  frame(message(), null),
  frame(message(), 'text'),
  { type: 'messages', groupId: 5, messages: [message()] },
  { type: 'messages', groupId: 'live_1', messages: 'all' },
  { type: 'revoked', groupId: 'live_1', msgIds: ['a'], by: 'u' },
  JSON.parse(
    '{"type":"messages","groupId":"g","messages":[{"id":"a","seq":1,"groupId":"g","sender":{"userId":"u","nickname":"n","role":"Member"},"time":1,"priority":"Low","type":"TIMTextElem","payload":{"text":"a"},"__proto__":{"x":1}}]}',
  ),
  null,
  [frame(message())],
];

describe("the studio reads a hub's batch of plain text messages without the frame schema", () => {
  it('answers exactly what the schema accepts, and leaves everything else to it', () => {
    const taken = answeredAsTheSchemaWould(corpus, plainTextMessages, serverFrameSchema);
    // The usual batches do take the cheap way (a regression to "always null" would pass the loop above).
    expect(taken).toBe(9);
  });
});
