// Fans the one encode (MPEG-TS from the encoder's stdout) out to every output process, with a GOP cache so
// an output that attaches late (a recording started mid-show, a push reconnecting) starts on a keyframe.
// Only TS packet headers are read (PID, payload start, random-access flag); the payload is never touched.
import type { Writable } from 'node:stream';

const PACKET = 188;
export const VIDEO_PID = 0x100;
const PAT_PID = 0;
const PMT_PID = 0x1000;
const MAX_CACHE_BYTES = 16 * 1024 * 1024;
/** An output this far behind is stuck; it is cut off (its owner restarts it) rather than buffered forever. */
const MAX_BEHIND_BYTES = 24 * 1024 * 1024;

export interface FanoutSink {
  name: string;
  stream: Writable;
  onOverflow: () => void;
}

export class TsFanout {
  private remainder: Buffer | null = null;
  private pat: Buffer | null = null;
  private pmt: Buffer | null = null;
  private gop: Buffer[] = [];
  private gopBytes = 0;
  private readonly sinks = new Set<FanoutSink>();
  keyframes = 0;
  bytesIn = 0;

  push(chunk: Buffer): void {
    this.bytesIn += chunk.length;
    let data = chunk;
    if (this.remainder) {
      data = Buffer.concat([this.remainder, chunk]);
      this.remainder = null;
    }
    // Resynchronise on the sync byte if the stream ever starts mid-packet.
    let start = 0;
    while (start < data.length && data[start] !== 0x47) start++;
    const usable = Math.floor((data.length - start) / PACKET) * PACKET;
    if (start + usable < data.length) this.remainder = data.subarray(start + usable);
    if (usable === 0) return;
    const region = data.subarray(start, start + usable);
    let segmentStart = 0;
    for (let o = 0; o < region.length; o += PACKET) {
      const pid = ((region[o + 1] as number) & 0x1f) * 256 + (region[o + 2] as number);
      if (pid === PAT_PID) this.pat = Buffer.from(region.subarray(o, o + PACKET));
      else if (pid === PMT_PID) this.pmt = Buffer.from(region.subarray(o, o + PACKET));
      else if (pid === VIDEO_PID && isKeyframeStart(region, o)) {
        this.keyframes++;
        if (o > segmentStart) this.cache(region.subarray(segmentStart, o));
        this.gop = [];
        this.gopBytes = 0;
        segmentStart = o;
      }
    }
    this.cache(region.subarray(segmentStart));
    for (const sink of this.sinks) this.write(sink, region);
  }

  private cache(part: Buffer): void {
    if (part.length === 0) return;
    this.gop.push(part);
    this.gopBytes += part.length;
    while (this.gopBytes > MAX_CACHE_BYTES && this.gop.length > 1) this.gopBytes -= (this.gop.shift() as Buffer).length;
  }

  private write(sink: FanoutSink, data: Buffer): void {
    if (sink.stream.destroyed || !sink.stream.writable) return;
    if (sink.stream.writableLength > MAX_BEHIND_BYTES) {
      this.sinks.delete(sink);
      sink.onOverflow();
      return;
    }
    sink.stream.write(data);
  }

  /** Attaches an output: it gets the tables, the current GOP from its keyframe, then live packets. */
  attach(sink: FanoutSink): () => void {
    if (this.pat) sink.stream.write(this.pat);
    if (this.pmt) sink.stream.write(this.pmt);
    for (const part of this.gop) sink.stream.write(part);
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  get outputs(): number {
    return this.sinks.size;
  }
}

/** A packet that starts a PES (payload_unit_start) and carries the random_access_indicator. */
export function isKeyframeStart(buf: Buffer, o: number): boolean {
  const b1 = buf[o + 1] as number;
  const b3 = buf[o + 3] as number;
  if (!(b1 & 0x40)) return false;
  const adaptation = (b3 >> 4) & 0x3;
  if (adaptation !== 2 && adaptation !== 3) return false;
  const afLength = buf[o + 4] as number;
  return afLength > 0 && ((buf[o + 5] as number) & 0x40) !== 0;
}
