// The frame relay: the clock of the stage that never restarts. It reads raw frames and audio from the
// current compositor, and writes exactly one frame (plus its share of audio) per tick into the encoder,
// repeating the last frame and filling silence while a compositor restarts. Node moves opaque Buffers
// only: a frame is a list of slices of the chunks ffmpeg wrote, never copied, never looked into.
import { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { RelayTransition } from './programTransition';
import { RelaySource, type Frame } from './relaySource';
import type { PrintedFrames } from './printedFrames';

export interface RelaySink {
  video: Writable;
  audio: Writable;
}

/** Frames waiting in Node for the encoder beyond the one it is reading; more and the tick is dropped. */
export const MAX_QUEUED_FRAMES = 1;

/** Sounds mixed at once over the program (alerts queue theirs, so one is the usual case). */
export const MAX_MIXED_SOUNDS = 4;

export interface RelayCounters {
  ticks: number;
  fresh: number;
  repeated: number;
  dropped: number;
  silent: number;
}

export interface FrameRelayEvents {
  /** A frame went to the encoder: the frame, the stage's frame count, and the audio written with it. */
  tick: [Frame, number, Buffer];
  switched: [RelaySource, number];
}

export class FrameRelay extends EventEmitter<FrameRelayEvents> {
  private current: RelaySource | null = null;
  private pendingSource: RelaySource | null = null;
  /** A switch a stinger holds back until its cut point. */
  private heldSwitch: (() => void) | null = null;
  private transition: RelayTransition | null = null;
  private transitionOnSwitch: ((outgoing: Frame) => RelayTransition) | null = null;
  /** Sounds mixed over the compositor's audio (an alert's), each with how much of it has played. */
  private sounds: { pcm: Buffer; at: number }[] = [];
  private last: Frame;
  private timer: NodeJS.Timeout | null = null;
  private catchUp: NodeJS.Immediate | null = null;
  private running = false;
  private startNs = 0n;
  private n = 0;
  private audioCarry = 0;
  readonly counters: RelayCounters = { ticks: 0, fresh: 0, repeated: 0, dropped: 0, silent: 0 };

  constructor(
    private sink: RelaySink,
    readonly frameBytes: number,
    readonly fps: number,
    private readonly audioBytesPerSecond: number,
    black: Buffer,
  ) {
    super();
    this.last = { slices: [black], at: Date.now() };
  }

  /** The encoder was restarted: frames go to its new pipes. */
  setSink(sink: RelaySink): void {
    this.sink = sink;
  }

  get frameIndex(): number {
    return this.counters.ticks;
  }

  get source(): RelaySource | null {
    return this.current;
  }

  /** `times`: the compositor's frame-time pipe (frameTimes.ts), for a live graph; without it frames pair by count. */
  newSource(video: Readable, audio: Readable, times: PrintedFrames | null = null): RelaySource {
    return new RelaySource(video, audio, this.frameBytes, this.fps, this.audioBytesPerSecond, times);
  }

  /** Switches to `src` as soon as it delivers its first frame; until then the current source goes on. */
  use(src: RelaySource): void {
    if (this.pendingSource && this.pendingSource !== src) this.pendingSource.removeAllListeners('frame');
    this.pendingSource = src;
    const promote = () => {
      if (this.pendingSource !== src) return;
      if (this.transition?.holdsSwitch) {
        this.heldSwitch = promote;
        return;
      }
      this.heldSwitch = null;
      this.pendingSource = null;
      const old = this.current;
      this.current = src;
      src.removeListener('frame', promote);
      src.goLive();
      old?.discardAudio();
      const make = this.transitionOnSwitch;
      this.transitionOnSwitch = null;
      if (make) this.runTransition(make(this.last));
      this.emit('switched', src, this.counters.ticks);
    };
    if (src.frames.length > 0) promote();
    else src.on('frame', promote);
  }

  /** The frame on air now (the outgoing scene's, when a transition starts). */
  get lastFrame(): Frame {
    return this.last;
  }

  /** Runs a transition from the next tick on, replacing one still running. */
  runTransition(t: RelayTransition | null): void {
    if (this.transition && this.transition !== t) this.transition.stop();
    this.transition = t;
    this.transitionOnSwitch = null;
  }

  /** Runs the transition `make` builds, from the frame on air, when the next source takes over. */
  runTransitionOnSwitch(make: (outgoing: Frame) => RelayTransition): void {
    this.runTransition(null);
    this.transitionOnSwitch = make;
  }

  /** Mixes s16le stereo PCM into the program's audio from the next tick (at most a few at once). */
  mixAudio(pcm: Buffer): void {
    if (this.sounds.length < MAX_MIXED_SOUNDS) this.sounds.push({ pcm, at: 0 });
  }

  private mixSounds(data: Buffer): Buffer {
    if (this.sounds.length === 0) return data;
    const out = Buffer.from(data);
    for (const s of this.sounds) {
      const n = Math.min(out.length, s.pcm.length - s.at) & ~1;
      for (let i = 0; i < n; i += 2) {
        const v = out.readInt16LE(i) + s.pcm.readInt16LE(s.at + i);
        out.writeInt16LE(v > 32767 ? 32767 : v < -32768 ? -32768 : v, i);
      }
      s.at += n;
    }
    this.sounds = this.sounds.filter((s) => s.at < s.pcm.length);
    return out;
  }

  /** Forgets a source (its compositor ended): the last frame holds until the next one. */
  drop(src: RelaySource): void {
    if (this.current === src) this.current = null;
    if (this.pendingSource === src) {
      this.pendingSource = null;
      this.heldSwitch = null;
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.startNs = process.hrtime.bigint();
    this.n = 0;
    this.schedule();
  }

  stop(): void {
    this.runTransition(null);
    if (this.timer) clearTimeout(this.timer);
    if (this.catchUp) clearImmediate(this.catchUp);
    this.timer = null;
    this.catchUp = null;
    this.running = false;
  }

  private schedule(): void {
    const dueNs = this.startNs + BigInt(Math.round(((this.n + 1) * 1e9) / this.fps));
    const waitMs = Number(dueNs - process.hrtime.bigint()) / 1e6;
    this.timer = setTimeout(() => this.onTimer(), Math.max(0, waitMs));
  }

  private onTimer(): void {
    if (!this.running) return;
    const now = process.hrtime.bigint();
    let due = Math.floor((Number(now - this.startNs) / 1e9) * this.fps) - this.n;
    if (due > 10) {
      // The event loop stalled: skip what is long gone rather than bursting it into the encoder.
      this.counters.dropped += due - 1;
      this.n += due - 1;
      due = 1;
    }
    this.timer = null;
    if (due <= 0) return this.schedule();
    this.tick();
    this.n++;
    if (!this.running) return; // a tick listener stopped the relay
    // Behind after a stall: the next ticks go out after the event loop has read the pipes, so frames the
    // compositor wrote meanwhile are used instead of repeating stale ones (a burst of repeats would count
    // as stream time before a change, e.g. a beauty level, could show).
    if (due > 1)
      this.catchUp = setImmediate(() => {
        this.catchUp = null;
        this.onTimer();
      });
    else this.schedule();
  }

  private tick(): void {
    if (this.heldSwitch && !this.transition?.holdsSwitch) this.heldSwitch();
    const src = this.current;
    this.audioCarry += this.audioBytesPerSecond / this.fps;
    const audioBytes = Math.floor(this.audioCarry / 4) * 4;
    this.audioCarry -= audioBytes;
    // The frame and the sound of one moment, as the source pairs them.
    const taken = src?.take(audioBytes);
    const fresh = taken?.frame;
    const raw = fresh ?? this.last;
    if (fresh) this.counters.fresh++;
    else this.counters.repeated++;
    this.last = raw;
    const t = this.transition;
    const frame = t ? t.compose(raw) : raw;
    if (t?.done) this.transition = null;
    const audio = taken ? taken.sound : Buffer.alloc(audioBytes);
    if (!taken || taken.silent) this.counters.silent++;
    // An encoder that cannot keep up must not build a queue in Node: drop this tick. Every frame queued here
    // is a frame of standing delay in the push and the return feeds (bench:cohost), so one is the most.
    if (this.sink.video.writableLength > this.frameBytes * MAX_QUEUED_FRAMES) {
      this.counters.dropped++;
      return;
    }
    this.sink.video.cork();
    for (const s of frame.slices) this.sink.video.write(s);
    this.sink.video.uncork();
    this.sink.audio.write(this.mixSounds(audio));
    this.counters.ticks++;
    this.emit('tick', frame, this.counters.ticks, audio);
  }
}

export function blackFrame(width: number, height: number): Buffer {
  const y = width * height;
  const buf = Buffer.alloc((y * 3) / 2, 128);
  buf.fill(16, 0, y);
  return buf;
}
