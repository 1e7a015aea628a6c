// One compositor's two pipes as the frame relay reads them: raw frames, and the sound that goes with them,
// paired by time. Each frame's sound starts at the frame's timestamp (frameTimes.ts: µs since the
// graph started, the sound's own time line too). Pairing by arrival let the picture wander a frame or more from its
// sound whenever one pipe came in later than the other (up to ±200 ms on a loaded machine); pairing by count
// (frame k with the sound from k/fps) assumed fps frames a second from time 0, while the canvas is timed on the
// wall clock: its first frame comes 60-180 ms after the graph starts and a starved canvas makes fewer frames, so
// the sound read whole frames late. A graph not paced to the wall clock (benchmarks) has no times: frame k is at k/fps.
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { readFrameTimes } from './frameTimes';
import type { PrintedFrames } from './printedFrames';

export type Frame = { slices: Buffer[]; at: number };

/** A frame and where its sound starts in the source's sound bytes. */
type TimedFrame = Frame & { pos: number };

/** The most a source holds (sound, and the frames that go with it): past it the oldest goes, as latency. */
export const MAX_RELAY_HOLD_S = 0.3;

/** How long a wait must go unused before it is cut (to one tick to spare). */
export const SHRINK_AFTER_S = 2;

/** Bytes of the relay's sound: stereo s16le. */
const SAMPLE_BYTES = 4;

/**
 * The current source is read as fast as the compositor writes, keeping only the newest: frames left waiting in
 * the pipe's socket buffers (~400 KB) would be latency. Frames are numbered as they come and matched to their
 * time lines by number; a frame whose line has not come yet is not yet usable. Sound is placed by its byte
 * position since the compositor started. A source waiting to take over (a prepared scene) is paused after its
 * first frame, so it idles blocked on its pipe.
 */
export class RelaySource extends EventEmitter<{ frame: []; end: [] }> {
  readonly frames: TimedFrame[] = [];
  /** Frames whose time line has not come yet, with their numbers. */
  private untimed: { frame: Frame; k: number }[] = [];
  /** Times of frames not here yet: frame `timesIn - times.length + i` is at `times[i]` µs. */
  private times: number[] = [];
  private timesIn = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private audio: Buffer[] = [];
  audioBytes = 0;
  /** Bytes of sound received since the compositor started (the position of the end of `audio`). */
  private audioEnd = 0;
  /** Sound before this position is no longer wanted (its picture is gone): dropped as it arrives. */
  private audioSkipTo = 0;
  /** Where the sound of the newest usable frame starts; -1 before the first. */
  private newestPos = -1;
  framesIn = 0;
  skipped = 0;
  /** Ticks cut from an unused wait. */
  shortened = 0;
  /** The fewest ticks of sound and frames held beyond the one played, since spareTicks began. */
  private spare = Number.POSITIVE_INFINITY;
  private spareTicks = 0;
  ended = false;
  /** Frames held at most: as many as the sound the source may hold. */
  readonly maxQueue: number;
  private readonly maxAudioBytes: number;
  /** Until it becomes the relay's current source, a source holds one frame and blocks its compositor. */
  private waiting = true;

  /** Whether frames wait for their time lines; otherwise frame k is at k/fps. */
  private readonly timed: boolean;

  /** `times`: the compositor's print pipe, where it prints its frames' times; without it frame k is at k/fps. */
  constructor(
    private readonly video: Readable,
    audioIn: Readable,
    private readonly frameBytes: number,
    private readonly fps: number,
    private readonly audioBytesPerSecond: number,
    times: PrintedFrames | null = null,
  ) {
    super();
    this.timed = times !== null;
    this.maxQueue = Math.ceil(MAX_RELAY_HOLD_S * fps) + 1;
    this.maxAudioBytes = this.positionOf(Math.ceil(MAX_RELAY_HOLD_S * fps));
    video.on('data', (chunk: Buffer) => this.onVideo(chunk));
    video.on('end', () => this.finish());
    video.on('error', () => this.finish());
    audioIn.on('data', (chunk: Buffer) => this.onAudio(chunk));
    audioIn.on('error', () => {});
    if (times) readFrameTimes(times, (us) => this.onTime(us));
  }

  /** Where frame k's sound starts in the sound's bytes, on a graph timed by count. */
  private positionOf(frame: number): number {
    return this.align((frame * this.audioBytesPerSecond) / this.fps);
  }

  private align(bytes: number): number {
    return Math.floor(bytes / SAMPLE_BYTES) * SAMPLE_BYTES;
  }

  /** Half a frame's sound: a frame goes with the tick whose sound starts within half a frame of it. */
  private get halfFrame(): number {
    return this.audioBytesPerSecond / this.fps / 2;
  }

  /** The position of the next byte of sound the relay will play. */
  get audioPosition(): number {
    return Math.max(this.audioEnd - this.audioBytes, this.audioSkipTo);
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.emit('end');
  }

  private onVideo(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      const need = this.frameBytes - this.pendingBytes;
      const take = Math.min(need, chunk.length - offset);
      this.pending.push(chunk.subarray(offset, offset + take));
      this.pendingBytes += take;
      offset += take;
      if (this.pendingBytes === this.frameBytes) {
        const frame = { slices: this.pending, at: Date.now() };
        this.pending = [];
        this.pendingBytes = 0;
        this.onFrame(frame, this.framesIn++);
      }
    }
    if (this.waiting && this.frames.length + this.untimed.length >= 1) this.video.pause();
  }

  private onFrame(frame: Frame, k: number): void {
    if (!this.timed) return this.use(frame, this.positionOf(k));
    const first = this.timesIn - this.times.length;
    if (k < first) return this.use(frame, Math.max(this.newestPos + SAMPLE_BYTES, this.positionOf(k)));
    if (k < this.timesIn) {
      this.times.splice(0, k - first);
      return this.use(frame, this.timeToPosition(this.times.shift() as number));
    }
    this.times = [];
    this.untimed.push({ frame, k });
    // Lines that do not come (a print lost): the oldest frame waiting for one goes on at its count's moment.
    while (this.untimed.length > this.maxQueue) {
      const old = this.untimed.shift() as { frame: Frame; k: number };
      this.use(old.frame, Math.max(this.newestPos + SAMPLE_BYTES, this.positionOf(old.k)));
    }
  }

  private onTime(us: number): void {
    const k = this.timesIn++;
    while (this.untimed.length > 0 && (this.untimed[0] as { k: number }).k < k) this.untimed.shift();
    const waiting = this.untimed[0];
    if (waiting?.k === k) {
      this.untimed.shift();
      this.use(waiting.frame, this.timeToPosition(us));
    } else if (this.untimed.length === 0) {
      this.times.push(us);
      // Lines ahead of their frames are bounded as the frames are (the compositor blocks on its video pipe).
      if (this.times.length > this.maxQueue * 4) this.times.shift();
    }
  }

  private timeToPosition(us: number): number {
    return this.align((Math.max(0, us) * this.audioBytesPerSecond) / 1e6);
  }

  /** A frame is usable: it goes into the queue with its sound's position. */
  private use(frame: Frame, pos: number): void {
    this.frames.push({ ...frame, pos });
    this.newestPos = Math.max(this.newestPos, pos);
    // A compositor running ahead of its sound by more than the hold must not build latency.
    while (this.frames.length > this.maxQueue) {
      this.frames.shift();
      this.skipped++;
    }
    this.emit('frame');
  }

  /** Becomes the current source: what queued during the wait is stale; the newest frame and its sound go on. */
  goLive(): void {
    this.waiting = false;
    if (this.frames.length > 0) {
      this.frames.splice(0, this.frames.length - 1);
      this.skipAudioTo((this.frames[0] as TimedFrame).pos);
    }
    this.video.resume();
  }

  private onAudio(chunk: Buffer): void {
    const start = this.audioEnd;
    this.audioEnd += chunk.length;
    const unwanted = Math.min(chunk.length, Math.max(0, this.audioSkipTo - start));
    if (unwanted < chunk.length) {
      this.audio.push(unwanted > 0 ? chunk.subarray(unwanted) : chunk);
      this.audioBytes += chunk.length - unwanted;
    }
    if (this.audioBytes > this.maxAudioBytes) {
      // Sound the picture cannot wait for: drop the oldest, to the next frame's start so the pairs stay exact.
      const over = this.audioPosition + this.audioBytes - this.maxAudioBytes;
      const next = this.frames.find((f) => f.pos >= over)?.pos;
      this.skipAudioTo(next ?? this.align(over + SAMPLE_BYTES - 1));
    }
  }

  /** Drops the sound before `position`, now or as it arrives. */
  private skipAudioTo(position: number): void {
    if (position <= this.audioPosition) return;
    this.audioSkipTo = position;
    let drop = Math.min(this.audioBytes, position - (this.audioEnd - this.audioBytes));
    this.audioBytes -= drop;
    while (drop > 0) {
      const head = this.audio[0] as Buffer;
      if (head.length <= drop) {
        this.audio.shift();
        drop -= head.length;
      } else {
        this.audio[0] = head.subarray(drop);
        drop = 0;
      }
    }
  }

  /**
   * One tick: `bytes` of sound and the frame that goes with it (the newest frame at or before the sound's moment,
   * within half a frame; the frames before it are late and dropped). No frame (the last holds) while the picture
   * is ahead of the sound and waits for it. Silence, taking nothing, while the compositor has not delivered a tick
   * of sound, and while no picture of the sound's moment or later has come: the sound then waits a tick for it, so
   * it plays later from then on, as long as it may hold. Sound that lags the oldest frame a full queue holds skips
   * ahead.
   */
  take(bytes: number): { frame: Frame | undefined; sound: Buffer; silent: boolean } {
    const n = this.frames.length;
    const oldest = this.frames[0];
    if (oldest && n >= this.maxQueue && oldest.pos > this.audioPosition + this.halfFrame) this.skipAudioTo(oldest.pos);
    const moment = this.audioPosition + this.halfFrame;
    let due = -1;
    while (due + 1 < n && (this.frames[due + 1] as TimedFrame).pos <= moment) due++;
    let frame: Frame | undefined;
    if (due >= 0) {
      this.frames.splice(0, due);
      this.skipped += due;
      frame = this.frames.shift();
    }
    const pictureMissing = this.newestPos + this.halfFrame < this.audioPosition;
    const mayWait = this.audioBytes + bytes <= this.maxAudioBytes;
    if (this.audioBytes < bytes || (pictureMissing && mayWait)) {
      this.spare = 0;
      return { frame, sound: Buffer.alloc(bytes), silent: true };
    }
    const sound = this.takeAudio(bytes);
    this.shortenIdleWait(bytes);
    return { frame, sound, silent: false };
  }

  /**
   * The waits grow by themselves (a late frame, a late sound, a compositor catching up in a burst after a stall):
   * when for SHRINK_AFTER_S at least two ticks of sound and their frames were always there to spare, all but one
   * are cut, sound and frames together (one skip), so the show does not keep its worst moment's latency.
   */
  private shortenIdleWait(bytes: number): void {
    const ahead = Math.floor((this.newestPos - this.audioPosition + this.halfFrame) / bytes);
    this.spare = Math.min(this.spare, Math.floor(this.audioBytes / bytes), ahead);
    if (++this.spareTicks < SHRINK_AFTER_S * this.fps) return;
    if (this.spare >= 2) {
      const to = this.audioPosition + (this.spare - 1) * bytes;
      this.skipAudioTo(this.frames.find((f) => f.pos + this.halfFrame >= to)?.pos ?? this.align(to));
      this.shortened += this.spare - 1;
    }
    this.spare = Number.POSITIVE_INFINITY;
    this.spareTicks = 0;
  }

  private takeAudio(bytes: number): Buffer {
    const parts: Buffer[] = [];
    let need = bytes;
    while (need > 0) {
      const head = this.audio[0] as Buffer;
      if (head.length <= need) {
        parts.push(head);
        this.audio.shift();
        need -= head.length;
      } else {
        parts.push(head.subarray(0, need));
        this.audio[0] = head.subarray(need);
        need = 0;
      }
    }
    this.audioBytes -= bytes;
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }

  discardAudio(): void {
    this.audio = [];
    this.audioBytes = 0;
  }
}
