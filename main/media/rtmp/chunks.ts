// The RTMP chunk stream: messages cut into chunks for the wire, and the server's chunks put back together
// into messages (any chunk type, 1–3 byte basic headers, extended timestamps, the server's chunk size). Pure.

export interface RtmpMessage {
  /** Chunk stream id. */
  csid: number;
  type: number;
  streamId: number;
  /** Milliseconds on the stream's clock (32 bits on the wire). */
  timestamp: number;
  payload: Buffer;
}

export const MSG = {
  setChunkSize: 1,
  abort: 2,
  ack: 3,
  userControl: 4,
  windowAckSize: 5,
  setPeerBandwidth: 6,
  audio: 8,
  video: 9,
  dataAmf0: 18,
  commandAmf0: 20,
} as const;

const EXTENDED = 0xffffff;

function basicHeader(fmt: number, csid: number): Buffer {
  if (csid < 64) return Buffer.from([(fmt << 6) | csid]);
  if (csid < 320) return Buffer.from([fmt << 6, csid - 64]);
  return Buffer.from([(fmt << 6) | 1, (csid - 64) & 0xff, (csid - 64) >> 8]);
}

/** A type-0 chunk's message header (timestamp, length, type, stream id) for a timestamp below 24 bits or marked extended. */
function messageHeader(ts: number, length: number, type: number, streamId: number): Buffer {
  const head = Buffer.alloc(11);
  head.writeUIntBE(ts >= EXTENDED ? EXTENDED : ts, 0, 3);
  head.writeUIntBE(length, 3, 3);
  head[6] = type;
  head.writeUInt32LE(streamId, 7);
  return head;
}

/**
 * A payload cut into chunks once for every connection that sends it (one encode pushed to many servers):
 * the bytes after the first chunk's header, with the continuation headers in between. Each connection then
 * writes only its own first header in front. A timestamp in the extended range repeats itself in every
 * continuation header, so such a message is cut per connection instead.
 */
export class PreChunked {
  readonly wire: Buffer;
  constructor(
    readonly csid: number,
    readonly type: number,
    readonly payload: Buffer,
    readonly chunkSize: number,
  ) {
    const cont = basicHeader(3, csid);
    const parts: Buffer[] = [];
    for (let off = 0; off < payload.length; off += chunkSize) {
      if (off > 0) parts.push(cont);
      parts.push(payload.subarray(off, off + chunkSize));
    }
    this.wire = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }
}

/** Cuts messages into chunks: a type-0 header on the first, type-3 on the rest (extended time on each). */
export class ChunkWriter {
  chunkSize = 128;

  encode(m: RtmpMessage): Buffer {
    const ts = m.timestamp % 0x100000000;
    const extended = ts >= EXTENDED;
    const ext = Buffer.alloc(extended ? 4 : 0);
    if (extended) ext.writeUInt32BE(ts);
    const parts: Buffer[] = [basicHeader(0, m.csid), messageHeader(ts, m.payload.length, m.type, m.streamId), ext];
    const cont = Buffer.concat([basicHeader(3, m.csid), ext]);
    for (let off = 0; off < m.payload.length || off === 0; off += this.chunkSize) {
      if (off > 0) parts.push(cont);
      parts.push(m.payload.subarray(off, off + this.chunkSize));
      if (m.payload.length === 0) break;
    }
    return Buffer.concat(parts);
  }

  /**
   * The first header of a pre-chunked message on this connection, to be written just before its `wire`;
   * null when the pre-chunked bytes do not fit here (an extended timestamp, another chunk size).
   */
  headerOf(p: PreChunked, timestamp: number, streamId: number): Buffer | null {
    const ts = timestamp % 0x100000000;
    if (ts >= EXTENDED || p.chunkSize !== this.chunkSize) return null;
    return Buffer.concat([basicHeader(0, p.csid), messageHeader(ts, p.payload.length, p.type, streamId)]);
  }
}

interface Partial {
  timestamp: number;
  delta: number;
  length: number;
  type: number;
  streamId: number;
  extended: boolean;
  parts: Buffer[];
  have: number;
}

const HEADER_BYTES = [11, 7, 3, 0];
/** A server message larger than this is not RTMP talking to a publisher. */
const MAX_MESSAGE = 1024 * 1024;

/** Reassembles the server's messages from whatever pieces the socket delivers. */
export class ChunkReader {
  chunkSize = 128;
  private buf: Buffer = Buffer.alloc(0);
  private readonly streams = new Map<number, Partial>();

  constructor(private readonly onMessage: (m: RtmpMessage) => void) {}

  push(data: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, data]) : data;
    let at = 0;
    for (;;) {
      const used = this.chunk(at);
      if (used === 0) break;
      at += used;
    }
    this.buf = this.buf.subarray(at);
  }

  /** Reads one chunk at `at`; the bytes it took, or 0 when it is not all here yet. */
  private chunk(at: number): number {
    const b = this.buf;
    if (at >= b.length) return 0;
    const fmt = (b[at] as number) >> 6;
    let csid = (b[at] as number) & 0x3f;
    let p = at + 1;
    if (csid === 0) {
      if (p + 1 > b.length) return 0;
      csid = 64 + (b[p] as number);
      p += 1;
    } else if (csid === 1) {
      if (p + 2 > b.length) return 0;
      csid = 64 + (b[p] as number) + (b[p + 1] as number) * 256;
      p += 2;
    }
    const hb = HEADER_BYTES[fmt] as number;
    if (p + hb > b.length) return 0;
    const prev = this.streams.get(csid);
    if (fmt !== 0 && !prev) throw new Error(`The server continued chunk stream ${csid} it never started.`);
    const s: Partial = prev ?? {
      timestamp: 0,
      delta: 0,
      length: 0,
      type: 0,
      streamId: 0,
      extended: false,
      parts: [],
      have: 0,
    };
    const starting = s.have === 0;
    let field = s.extended ? EXTENDED : 0;
    if (fmt <= 2) field = b.readUIntBE(p, 3);
    if (fmt <= 1) {
      s.length = b.readUIntBE(p + 3, 3);
      s.type = b[p + 6] as number;
      if (s.length > MAX_MESSAGE)
        throw new Error(`The server sent a message of ${s.length} bytes, far beyond what RTMP control needs.`);
    }
    if (fmt === 0) s.streamId = b.readUInt32LE(p + 7);
    p += hb;
    const extended = fmt <= 2 ? field === EXTENDED : s.extended;
    let value = field;
    if (extended) {
      if (p + 4 > b.length) return 0;
      value = b.readUInt32BE(p);
      p += 4;
    }
    const take = Math.min(this.chunkSize, s.length - s.have);
    if (p + take > b.length) return 0;
    // Only now, with the whole chunk here, does the stream's state change.
    s.extended = extended;
    if (starting) {
      if (fmt === 0) s.timestamp = value;
      else {
        if (fmt <= 2) s.delta = value;
        s.timestamp = (s.timestamp + s.delta) % 0x100000000;
      }
    }
    this.streams.set(csid, s);
    s.parts.push(b.subarray(p, p + take));
    s.have += take;
    p += take;
    if (s.have >= s.length) {
      const payload = Buffer.concat(s.parts);
      s.parts = [];
      s.have = 0;
      if (s.type === MSG.setChunkSize && payload.length >= 4)
        this.chunkSize = Math.max(1, payload.readUInt32BE(0) & 0x7fffffff);
      this.onMessage({ csid, type: s.type, streamId: s.streamId, timestamp: s.timestamp, payload });
    }
    return p - at;
  }
}
