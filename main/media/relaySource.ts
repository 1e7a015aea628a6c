// One compositor's two pipes as the frame relay reads them: raw frames, and the sound that goes with them,
// kept paired by count. The compositor writes frame k and the sound from k/fps on from the same moment of its
// graph, but they cross the pipes and the event loop separately; pairing them by arrival let the picture wander
// a frame or more from its sound whenever one pipe came in later than the other (up to ±200 ms on a loaded
// machine), so the relay pairs them by their position in each stream instead.
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';

export type Frame = { slices: Buffer[]; at: number };

/** The most a source holds (sound, and the frames that go with it): past it the oldest goes, as latency. */
export const MAX_RELAY_HOLD_S = 0.3;

/** How long a wait must go unused before it is cut (to one tick to spare). */
export const SHRINK_AFTER_S = 2;

/** Bytes of the relay's sound: stereo s16le. */
const SAMPLE_BYTES = 4;

/**
 * The current source is read as fast as the compositor writes, keeping only the newest: frames left waiting in
 * the pipe's socket buffers (~400 KB) would be latency. Frames are numbered as they come (frame k is
 * `framesIn - frames.length + i` for `frames[i]`), sound by its byte position since the compositor started. A
 * source waiting to take over (a prepared scene) is paused after its first frame, so it idles blocked on its pipe.
 */
export class RelaySource extends EventEmitter<{ frame: []; end: [] }> {
  readonly frames: Frame[] = [];
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private audio: Buffer[] = [];
  audioBytes = 0;
  /** Bytes of sound received since the compositor started (the position of the end of `audio`). */
  private audioEnd = 0;
  /** Sound before this position is no longer wanted (its picture is gone): dropped as it arrives. */
  private audioSkipTo = 0;
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

  constructor(
    private readonly video: Readable,
    audioIn: Readable,
    private readonly frameBytes: number,
    private readonly fps: number,
    private readonly audioBytesPerSecond: number,
  ) {
    super();
    this.maxQueue = Math.ceil(MAX_RELAY_HOLD_S * fps) + 1;
    this.maxAudioBytes = this.positionOf(Math.ceil(MAX_RELAY_HOLD_S * fps));
    video.on('data', (chunk: Buffer) => this.onVideo(chunk));
    video.on('end', () => this.finish());
    video.on('error', () => this.finish());
    audioIn.on('data', (chunk: Buffer) => this.onAudio(chunk));
    audioIn.on('error', () => {});
  }

  /** Where frame k's sound starts in the sound's bytes. */
  private positionOf(frame: number): number {
    return Math.floor((frame * this.audioBytesPerSecond) / this.fps / SAMPLE_BYTES) * SAMPLE_BYTES;
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
        this.frames.push({ slices: this.pending, at: Date.now() });
        this.pending = [];
        this.pendingBytes = 0;
        this.framesIn++;
        // A compositor running ahead of its sound by more than the hold must not build latency.
        while (this.frames.length > this.maxQueue) {
          this.frames.shift();
          this.skipped++;
        }
        this.emit('frame');
      }
    }
    if (this.waiting && this.frames.length >= 1) this.video.pause();
  }

  /** Becomes the current source: what queued during the wait is stale; the newest frame and its sound go on. */
  goLive(): void {
    this.waiting = false;
    if (this.frames.length > 0) {
      this.frames.splice(0, this.frames.length - 1);
      this.skipAudioTo(this.positionOf(this.framesIn - 1));
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
      // Sound the picture cannot wait for: drop the oldest, to a frame's start so the pairs stay exact.
      const over = this.audioPosition + this.audioBytes - this.maxAudioBytes;
      this.skipAudioTo(this.positionOf(Math.ceil((over * this.fps) / this.audioBytesPerSecond)));
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
   * One tick: `bytes` of sound and the frame that goes with it (the frame of the sound's moment; the frames before
   * it are late and dropped). No frame (the last holds) while the picture of that moment has not come, or while the
   * picture is ahead of the sound and waits for it. Silence, taking nothing, while the compositor has not delivered
   * a tick of sound, and while the sound's picture has not come: the sound then waits a tick for it, so it plays
   * later from then on, as long as it may hold. Sound that lags the oldest frame a full queue holds skips ahead.
   */
  take(bytes: number): { frame: Frame | undefined; sound: Buffer; silent: boolean } {
    const n = this.frames.length;
    const first = this.framesIn - n;
    let at = Math.round((this.audioPosition * this.fps) / this.audioBytesPerSecond);
    if (n > 0 && at < first && n >= this.maxQueue) {
      this.skipAudioTo(this.positionOf(first));
      at = first;
    }
    let frame: Frame | undefined;
    if (n > 0 && at >= first) {
      const late = Math.min(at - first, n - 1);
      this.frames.splice(0, late);
      this.skipped += late;
      frame = this.frames.shift();
    }
    const pictureMissing = this.framesIn - 1 < at;
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
    const next = Math.round((this.audioPosition * this.fps) / this.audioBytesPerSecond);
    this.spare = Math.min(this.spare, Math.floor(this.audioBytes / bytes), this.framesIn - 1 - next);
    if (++this.spareTicks < SHRINK_AFTER_S * this.fps) return;
    if (this.spare >= 2) {
      this.skipAudioTo(this.positionOf(next + this.spare - 1));
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
