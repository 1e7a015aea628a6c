// The RTMP wire formats on their own: AMF0 values, the chunk stream both ways, push addresses, FLV tags.
import { describe, expect, it } from 'vitest';
import { decodeAmf, encodeAmf, encodeEcmaArray } from './amf0';
import { ChunkReader, ChunkWriter, MSG, PreChunked, type RtmpMessage } from './chunks';
import { aacFrame, aacSequenceHeader, avcFrame, avcSequenceHeader } from './flvTags';
import { parsePushUrl } from './rtmpPublisher';

function readAll(bytes: Buffer, pieceSize: number, chunkSize = 128): RtmpMessage[] {
  const got: RtmpMessage[] = [];
  const reader = new ChunkReader((m) => got.push(m));
  reader.chunkSize = chunkSize;
  for (let at = 0; at < bytes.length; at += pieceSize) reader.push(bytes.subarray(at, at + pieceSize));
  return got;
}

describe('AMF0', () => {
  it('decodes what it encodes: numbers, booleans, strings (short and long), null, undefined, nested objects', () => {
    const long = 'x'.repeat(70000);
    const values = [
      'connect',
      1,
      { app: 'live', tcUrl: 'rtmp://h/live', nested: { n: -2.5, ok: true, none: null } },
      null,
      undefined,
      false,
      long,
      '直播间',
    ];
    expect(decodeAmf(encodeAmf(...values))).toEqual(values);
  });

  it('reads an ECMA array (onMetaData) as an object and skips undefined properties when writing', () => {
    const bytes = Buffer.concat([
      encodeAmf('onMetaData'),
      encodeEcmaArray({ width: 1920, height: 1080, encoder: 'x264', gone: undefined }),
    ]);
    expect(decodeAmf(bytes)).toEqual(['onMetaData', { width: 1920, height: 1080, encoder: 'x264' }]);
    expect(bytes.readUInt32BE(encodeAmf('onMetaData').length + 1)).toBe(3);
  });

  it('refuses a truncated command and an unknown type in plain words', () => {
    const bytes = encodeAmf('_result', 1, { code: 'NetConnection.Connect.Success' });
    expect(() => decodeAmf(bytes.subarray(0, bytes.length - 2))).toThrow(/ends too early/);
    expect(() => decodeAmf(Buffer.from([0x11, 0]))).toThrow(/AMF0 value of type 17/);
  });
});

describe('chunk stream', () => {
  const payload = Buffer.from(Array.from({ length: 10000 }, (_, i) => i % 251));

  it('splits a message into chunks and puts it back together from any split of the bytes', () => {
    const writer = new ChunkWriter();
    writer.chunkSize = 4096;
    const wire = writer.encode({ csid: 6, type: MSG.video, streamId: 1, timestamp: 1234, payload });
    // A type-0 header (12 bytes), then two type-3 continuations of one byte each.
    expect(wire.length).toBe(12 + payload.length + 2);
    for (const piece of [1, 7, 4097, wire.length]) {
      const [m, more] = readAll(wire, piece, 4096);
      expect(more).toBeUndefined();
      expect(m).toMatchObject({ csid: 6, type: MSG.video, streamId: 1, timestamp: 1234 });
      expect(m?.payload.equals(payload)).toBe(true);
    }
  });

  it('sends a payload chunked once for many connections as the same bytes as chunking it on each', () => {
    const writer = new ChunkWriter();
    writer.chunkSize = 4096;
    for (const size of [0, 1, 4095, 4096, 4097, 8192, 10000]) {
      const p = new PreChunked(6, MSG.video, payload.subarray(0, size), 4096);
      const header = writer.headerOf(p, 1234, 1) as Buffer;
      const wire = Buffer.concat([header, p.wire]);
      expect(
        wire.equals(writer.encode({ csid: 6, type: MSG.video, streamId: 1, timestamp: 1234, payload: p.payload })),
      ).toBe(true);
      const [m] = readAll(wire, 7, 4096);
      expect(m?.payload.equals(p.payload)).toBe(true);
    }
    // An extended timestamp repeats in every continuation, and another chunk size cuts elsewhere: not usable.
    const p = new PreChunked(6, MSG.video, payload, 4096);
    expect(writer.headerOf(p, 0x1000000, 1)).toBeNull();
    writer.chunkSize = 128;
    expect(writer.headerOf(p, 1234, 1)).toBeNull();
  });

  it('carries timestamps past 24 bits in the extended field, repeated on every continuation', () => {
    const writer = new ChunkWriter();
    const ts = 0x1234567;
    const wire = writer.encode({
      csid: 4,
      type: MSG.audio,
      streamId: 1,
      timestamp: ts,
      payload: payload.subarray(0, 300),
    });
    expect(wire.readUIntBE(1, 3)).toBe(0xffffff);
    expect(wire.readUInt32BE(12)).toBe(ts);
    // 300 bytes at 128 per chunk: two continuations, each with its own 4-byte extended time.
    expect(wire.length).toBe(12 + 4 + 300 + 2 * (1 + 4));
    const [m] = readAll(wire, 3);
    expect(m?.timestamp).toBe(ts);
    expect(m?.payload.equals(payload.subarray(0, 300))).toBe(true);
  });

  it('uses two- and three-byte basic headers for high chunk stream ids', () => {
    const writer = new ChunkWriter();
    for (const csid of [64, 319, 320, 65599]) {
      const [m] = readAll(
        writer.encode({ csid, type: MSG.dataAmf0, streamId: 0, timestamp: 5, payload: Buffer.from('hi') }),
        1,
      );
      expect(m?.csid).toBe(csid);
      expect(m?.payload.toString()).toBe('hi');
    }
  });

  it('follows header types 1, 2 and 3 from a server: deltas add up, length and type carry over', () => {
    const fmt0 = Buffer.concat([
      Buffer.from([0x03, 0, 0, 100, 0, 0, 2, MSG.commandAmf0, 0, 0, 0, 0]),
      Buffer.from('ab'),
    ]);
    const fmt1 = Buffer.concat([Buffer.from([0x43, 0, 0, 10, 0, 0, 3, MSG.dataAmf0]), Buffer.from('cde')]);
    const fmt2 = Buffer.concat([Buffer.from([0x83, 0, 0, 20]), Buffer.from('fgh')]);
    const fmt3 = Buffer.concat([Buffer.from([0xc3]), Buffer.from('ijk')]);
    const got = readAll(Buffer.concat([fmt0, fmt1, fmt2, fmt3]), 2);
    expect(got.map((m) => [m.timestamp, m.type, m.payload.toString()])).toEqual([
      [100, MSG.commandAmf0, 'ab'],
      [110, MSG.dataAmf0, 'cde'],
      [130, MSG.dataAmf0, 'fgh'],
      [150, MSG.dataAmf0, 'ijk'],
    ]);
  });

  it("follows the server's set-chunk-size for the chunks after it", () => {
    const writer = new ChunkWriter();
    const size = Buffer.alloc(4);
    size.writeUInt32BE(5000);
    const first = writer.encode({ csid: 2, type: MSG.setChunkSize, streamId: 0, timestamp: 0, payload: size });
    writer.chunkSize = 5000;
    const second = writer.encode({ csid: 3, type: MSG.commandAmf0, streamId: 0, timestamp: 0, payload });
    const got = readAll(Buffer.concat([first, second]), 333);
    expect(got).toHaveLength(2);
    expect(got[1]?.payload.equals(payload)).toBe(true);
  });

  it('refuses a continuation of a stream that never started, and an absurd message length', () => {
    expect(() => readAll(Buffer.from([0xc7, 1, 2, 3]), 4)).toThrow(/never started/);
    expect(() => readAll(Buffer.from([0x03, 0, 0, 0, 0xff, 0xff, 0xff, MSG.commandAmf0, 0, 0, 0, 0]), 12)).toThrow(
      /far beyond/,
    );
  });
});

describe('push addresses', () => {
  it('splits a Tencent CDN address into app and a stream that keeps its signature', () => {
    const t = parsePushUrl('rtmp://12345.livepush.myqcloud.com/live/1400001_vj?txSecret=abc123&txTime=5F5E0FF');
    expect(t).toEqual({
      secure: false,
      host: '12345.livepush.myqcloud.com',
      port: 1935,
      app: 'live',
      stream: '1400001_vj?txSecret=abc123&txTime=5F5E0FF',
      tcUrl: 'rtmp://12345.livepush.myqcloud.com/live',
    });
  });

  it('defaults RTMPS to 443, keeps an explicit port and nested stream paths, and unwraps IPv6 hosts', () => {
    expect(parsePushUrl('rtmps://live.example.com/app/key')).toMatchObject({ secure: true, port: 443 });
    expect(parsePushUrl('rtmp://127.0.0.1:19350/live/a/b')).toMatchObject({ port: 19350, app: 'live', stream: 'a/b' });
    expect(parsePushUrl('rtmp://[::1]:1935/live/x')).toMatchObject({ host: '::1', tcUrl: 'rtmp://[::1]:1935/live' });
  });

  it('says what is wrong with an address that cannot be pushed to', () => {
    expect(() => parsePushUrl('not a url')).toThrow(/is not a push address/);
    expect(() => parsePushUrl('http://h/live/x')).toThrow(/starts with rtmp:\/\/ or rtmps:\/\/, not "http:\/\/"/);
    expect(() => parsePushUrl('rtmp://h/live')).toThrow(/needs an app and a stream name/);
  });
});

describe('FLV tag bodies', () => {
  it('marks keyframes, sequence headers and signed composition times', () => {
    expect([...avcSequenceHeader(Buffer.from([1, 0x64])).subarray(0, 7)]).toEqual([0x17, 0, 0, 0, 0, 1, 0x64]);
    const frame = avcFrame(false, 67, Buffer.from([9]));
    expect([frame[0], frame[1], frame.readIntBE(2, 3), frame[5]]).toEqual([0x27, 1, 67, 9]);
    expect(avcFrame(true, -33, Buffer.alloc(0)).readIntBE(2, 3)).toBe(-33);
    expect([...aacSequenceHeader(Buffer.from([0x11, 0x90]))]).toEqual([0xaf, 0, 0x11, 0x90]);
    expect([...aacFrame(Buffer.from([1, 2]))]).toEqual([0xaf, 1, 1, 2]);
  });
});
