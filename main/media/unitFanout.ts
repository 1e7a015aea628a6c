// The one encode's frames as RTMP messages, made once for every push reading the encode: the fan-out's
// MPEG-TS is demuxed once, each access unit's FLV tag is built and cut into chunks once, and every push sends
// the same bytes behind its own message header. Pushes still have their own connection, queue, keyframe
// drop, clock and state (PushOutput); only the parsing is shared. One joining late gets the current GOP first.
import { Writable } from 'node:stream';
import type { PreChunked } from './rtmp/chunks';
import { aacFrame, aacSequenceHeader, avcFrame, avcSequenceHeader } from './rtmp/flvTags';
import { flvMessage } from './rtmp/rtmpPublisher';
import { TsDemuxer, type AccessUnit } from './rtmp/tsDemux';
import type { TsFanout } from './tsFanout';

/** The decoder configuration as FLV sequence headers; `version` changes with it. */
export interface CodecHeaders {
  version: number;
  video: Buffer | null;
  audio: Buffer | null;
}

export interface SharedUnit {
  kind: 'video' | 'audio';
  /** Decode time, milliseconds on the encoder's clock. */
  dts: number;
  keyframe: boolean;
  message: PreChunked;
  /** The configuration the unit was encoded with. */
  headers: CodecHeaders;
}

export type UnitListener = (u: SharedUnit) => void;

/** The GOP kept for pushes that join late; past this it is cut from its start, as the fan-out's own cache. */
export const MAX_CACHED_UNIT_BYTES = 16 * 1024 * 1024;

export class UnitFanout {
  private demuxer = new TsDemuxer((u) => this.onUnit(u));
  private readonly listeners = new Set<UnitListener>();
  private headers: CodecHeaders = { version: 0, video: null, audio: null };
  /** The demuxer's configuration version the headers were made from (a new demuxer counts from 0 again). */
  private headersFrom = -1;
  private gop: SharedUnit[] = [];
  private gopBytes = 0;
  private detach: (() => void) | null = null;
  /** Access units made (once, whatever the number of pushes). */
  units = 0;

  constructor(
    private readonly fanout: TsFanout,
    private readonly onIdle: () => void,
  ) {}

  /** Units from the cached GOP's keyframe on, then each as it is made, until the returned function is called. */
  subscribe(listener: UnitListener): () => void {
    this.listeners.add(listener);
    if (!this.detach) {
      this.demuxer = new TsDemuxer((u) => this.onUnit(u));
      this.gop = [];
      this.gopBytes = 0;
      this.headersFrom = -1;
      const sink = new Writable({
        write: (chunk: Buffer, _enc, done) => {
          this.demuxer.push(chunk);
          done();
        },
      });
      // Attaching replays the fan-out's tables and GOP, which reach this listener as units.
      this.detach = this.fanout.attach({ name: 'pushes', stream: sink, onOverflow: () => {} });
    } else for (const u of this.gop) listener(u);
    return () => {
      if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
      this.detach?.();
      this.detach = null;
      this.onIdle();
    };
  }

  get pushes(): number {
    return this.listeners.size;
  }

  private onUnit(u: AccessUnit): void {
    const config = this.demuxer.config;
    if (this.headersFrom !== this.demuxer.configVersion) {
      this.headersFrom = this.demuxer.configVersion;
      this.headers = {
        version: this.headers.version + 1,
        video: config.avcC && avcSequenceHeader(config.avcC),
        audio: config.asc && aacSequenceHeader(config.asc),
      };
    }
    const keyframe = u.kind === 'video' && u.keyframe;
    const body = u.kind === 'video' ? avcFrame(u.keyframe, u.pts - u.dts, u.data) : aacFrame(u.data);
    const unit: SharedUnit = {
      kind: u.kind,
      dts: u.dts,
      keyframe,
      message: flvMessage(u.kind, body),
      headers: this.headers,
    };
    this.units++;
    this.cache(unit);
    // A copy of the set: a push that subscribes from a listener gets this unit from the cache, not twice.
    for (const listener of [...this.listeners]) listener(unit);
  }

  private cache(u: SharedUnit): void {
    if (u.keyframe) {
      this.gop = [];
      this.gopBytes = 0;
    }
    this.gop.push(u);
    this.gopBytes += u.message.wire.length;
    while (this.gopBytes > MAX_CACHED_UNIT_BYTES && this.gop.length > 1)
      this.gopBytes -= (this.gop.shift() as SharedUnit).message.wire.length;
  }
}

const shared = new WeakMap<TsFanout, UnitFanout>();

/** The units of a fan-out's encode, shared by every push reading it (made while at least one does). */
export function unitsOf(fanout: TsFanout): UnitFanout {
  let units = shared.get(fanout);
  if (!units) {
    const made: UnitFanout = new UnitFanout(fanout, () => shared.get(fanout) === made && shared.delete(fanout));
    units = made;
    shared.set(fanout, units);
  }
  return units;
}
