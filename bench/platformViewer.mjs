// The bench's viewer: a bare RFC 6455 client on a raw TCP socket that joins a room and reads the send times of the
// messages delivered to it, so 15,000 of them cost the load processes little next to the platform they measure.
// It reads into one shared buffer (no allocation per read), finds frames by their headers and the times by a byte
// search, and fails loudly on anything a hub must not send (masked, fragmented or reserved-bit frames).
/* global Buffer */
import { createHash } from 'node:crypto';
import net from 'node:net';

const KEY = 'dGhlIHNhbXBsZSBub25jZQ=='; // RFC 6455 §1.3's sample key: a load client needs no fresh nonce
// The one answer a server may give to that key (RFC 6455 §4.2.2: base64 of SHA-1 of the key and the GUID), made once.
const ACCEPT = Buffer.from(
  `\r\nsec-websocket-accept: ${createHash('sha1').update(`${KEY}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64')}\r\n`,
  'latin1',
);
const UPGRADE = Buffer.from('\r\nupgrade: websocket\r\n', 'latin1');
const HEADER_END = Buffer.from('\r\n\r\n');
const MESSAGES = Buffer.from('{"type":"messages"');
const JOINED = Buffer.from('{"type":"joined"');
const ERROR = Buffer.from('{"type":"error"');
const TEXT = Buffer.from('"text":"');
const shared = Buffer.allocUnsafe(256 * 1024);

/** A client text frame (RFC 6455 §5.3 masks it; the key here is zero, which leaves the payload as it is). */
function maskedTextFrame(text) {
  const payload = Buffer.from(text);
  if (payload.length > 125) throw new Error('the join frame is longer than a short frame');
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length, 0, 0, 0, 0]), payload]);
}

function startsWith(buf, start, prefix) {
  return (
    buf.length - start >= prefix.length && buf.compare(prefix, 0, prefix.length, start, start + prefix.length) === 0
  );
}

/**
 * Whether the header block buf[0, end) holds `line` (CRLF, lower-case name, value, CRLF), the name matched without
 * case. Servers here (ws, Node) send one space after the colon and the exact value.
 */
function hasHeader(buf, end, line) {
  const nameEnd = line.indexOf(0x3a);
  for (let at = 0; at + line.length <= end; at++) {
    if (buf[at] !== 0x0d || buf[at + 1] !== 0x0a) continue;
    let ok = true;
    for (let k = 2; k < line.length && ok; k++) {
      const b = buf[at + k];
      ok = k < nameEnd ? (b | 0x20) === line[k] : b === line[k];
    }
    if (ok) return true;
  }
  return false;
}

/** The send times (ms since the epoch, the digits that open each message's text) in one messages frame. */
function readSendTimes(buf, start, end, onTime) {
  for (let i = buf.indexOf(TEXT, start); i >= 0 && i < end; i = buf.indexOf(TEXT, i + TEXT.length)) {
    let at = 0;
    let j = i + TEXT.length;
    for (let d = buf[j]; j < end && d >= 48 && d <= 57; d = buf[++j]) at = at * 10 + (d - 48);
    if (j > i + TEXT.length) onTime(at);
  }
}

/**
 * Connects, upgrades and joins `groupId`; resolves with the open socket once the hub says joined. `onTime(at, now)`
 * is called for every message delivered after that, `now` being when the read that carried it returned.
 */
export function joinAsViewer({ host, port, token, groupId, timeoutMs = 30_000, onTime }) {
  return new Promise((resolve, reject) => {
    let upgraded = false;
    let joined = false;
    let carry = null;
    const fail = (e) => {
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    };
    const timer = setTimeout(() => fail(new Error('join timed out')), timeoutMs);
    const onFrame = (buf, start, end, now) => {
      if (startsWith(buf, start, MESSAGES)) {
        if (joined) readSendTimes(buf, start, end, (at) => onTime(at, now));
      } else if (!joined && startsWith(buf, start, JOINED)) {
        joined = true;
        clearTimeout(timer);
        resolve(socket);
      } else if (!joined && startsWith(buf, start, ERROR)) fail(new Error(buf.toString('utf8', start, end)));
    };
    /** Reads whole frames from buf[from, to); answers where the first incomplete one starts. */
    const readFrames = (buf, from, to, now) => {
      let at = from;
      while (to - at >= 2) {
        const b0 = buf[at];
        const b1 = buf[at + 1];
        if ((b0 & 0xf0) !== 0x80 || b1 & 0x80)
          throw new Error(`the hub sent a frame a client must refuse (${b0}, ${b1})`);
        let len = b1 & 0x7f;
        let head = 2;
        if (len === 126) {
          if (to - at < 4) break;
          len = buf.readUInt16BE(at + 2);
          head = 4;
        } else if (len === 127) {
          if (to - at < 10) break;
          len = Number(buf.readBigUInt64BE(at + 2));
          head = 10;
        }
        if (to - at < head + len) break;
        const opcode = b0 & 0x0f;
        if (opcode === 0x1) onFrame(buf, at + head, at + head + len, now);
        else if (opcode === 0x8) socket.destroy();
        at += head + len;
      }
      return at;
    };
    const onRead = (nread, buf) => {
      const now = Date.now();
      let data = buf;
      let end = nread;
      if (carry) {
        data = Buffer.concat([carry, buf.subarray(0, nread)]);
        end = data.length;
        carry = null;
      }
      let from = 0;
      if (!upgraded) {
        const h = data.indexOf(HEADER_END);
        if (h < 0 || h >= end) {
          carry = Buffer.from(data.subarray(0, end));
          return;
        }
        const status = data.toString('latin1', 0, Math.min(h, 200));
        if (!status.startsWith('HTTP/1.1 101')) return fail(new Error(`upgrade refused: ${status.split('\r\n')[0]}`));
        // The answer must name the upgrade and prove the server read this key (§4.1's checks of the client).
        if (!hasHeader(data, h + 2, ACCEPT) || !hasHeader(data, h + 2, UPGRADE))
          return fail(new Error(`the upgrade answer is not a WebSocket one: ${data.toString('latin1', 0, h)}`));
        upgraded = true;
        socket.write(maskedTextFrame(JSON.stringify({ type: 'join', groupId, reqId: 'j' })));
        from = h + HEADER_END.length;
      }
      const rest = readFrames(data, from, end, now);
      // The shared buffer is overwritten by the next read: an incomplete frame is kept as a copy.
      if (rest < end) carry = Buffer.from(data.subarray(rest, end));
    };
    const socket = net.connect({ host, port, noDelay: true, onread: { buffer: shared, callback: onRead } });
    socket.on('error', fail);
    socket.on('close', () => {
      if (!joined) fail(new Error('the hub closed the socket before the join'));
    });
    socket.on('connect', () =>
      socket.write(
        `GET /im?token=${encodeURIComponent(token)} HTTP/1.1\r\nHost: ${host}:${port}\r\nUpgrade: websocket\r\n` +
          `Connection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    );
  });
}
