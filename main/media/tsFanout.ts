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
  /** A live sink skips the cached GOP and starts at the next keyframe, told through onStart. */
  live?: { started: boolean; onStart?: () => void };
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
      else if (isVideoKeyframeStart(region, o)) {
        this.keyframes++;
        if (o > segmentStart) this.cache(region.subarray(segmentStart, o));
        this.gop = [];
        this.gopBytes = 0;
        segmentStart = o;
      }
    }
    this.cache(region.subarray(segmentStart));
    for (const sink of this.sinks) {
      if (!sink.live || sink.live.started) this.write(sink, region);
      else if (segmentStart > 0 || isVideoKeyframeStart(region, 0)) this.startLive(sink, region.subarray(segmentStart));
    }
  }

  /** A live sink's first write: the tables, then the stream from a keyframe on. */
  private startLive(sink: FanoutSink, fromKeyframe: Buffer): void {
    const live = sink.live as NonNullable<FanoutSink['live']>;
    live.started = true;
    if (this.pat) this.write(sink, this.pat);
    if (this.pmt) this.write(sink, this.pmt);
    this.write(sink, fromKeyframe);
    live.onStart?.();
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
    if (sink.live) {
      // Nothing old: a low-latency feed must not start seconds behind (its sound starts now).
      this.sinks.add(sink);
      return () => this.sinks.delete(sink);
    }
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

/** A video packet that starts a keyframe (audio frames are all marked random-access too). */
function isVideoKeyframeStart(buf: Buffer, o: number): boolean {
  const pid = ((buf[o + 1] as number) & 0x1f) * 256 + (buf[o + 2] as number);
  return pid === VIDEO_PID && isKeyframeStart(buf, o);
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
