// The two encodings a client may choose by subprotocol: JSON in text frames, MessagePack in binary frames.
// Decoding says why a frame is not a message, so the session can close with MessageDecodeError.
import { decode, encode } from '@msgpack/msgpack';
import { SUBPROTOCOL_MSGPACK } from './protocol';

export type Encoding = 'json' | 'msgpack';

export function encodingOf(subprotocol: string): Encoding {
  return subprotocol === SUBPROTOCOL_MSGPACK ? 'msgpack' : 'json';
}

export type Decoded = { ok: true; message: unknown } | { ok: false; reason: string };

export function decodeFrame(encoding: Encoding, data: Buffer, isBinary: boolean): Decoded {
  if (encoding === 'json') {
    if (isBinary) return { ok: false, reason: 'This session speaks JSON, but a binary frame arrived.' };
    try {
      return { ok: true, message: JSON.parse(data.toString('utf8')) };
    } catch {
      return { ok: false, reason: 'The message is not valid JSON.' };
    }
  }
  if (!isBinary) return { ok: false, reason: 'This session speaks MessagePack, but a text frame arrived.' };
  try {
    return { ok: true, message: decode(data) };
  } catch {
    return { ok: false, reason: 'The message is not valid MessagePack.' };
  }
}

export function encodeMessage(encoding: Encoding, message: unknown): string | Uint8Array {
  return encoding === 'json' ? JSON.stringify(message) : encode(message, { ignoreUndefined: true });
}
