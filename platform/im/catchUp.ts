// What a room's host and moderators missed while their socket was down: the room's delivered frames kept by
// sequence number (bounded in bytes and in age; older ones on disk when given a spill), and the reconnected
// sockets still reading through them.
import type { CatchUpSpill } from './catchUpSpill';

/** The most a room keeps in memory for catching up: at 20,000 messages a second about eight seconds of them. */
export const CATCH_UP_BYTES = 32 * 1024 * 1024;
/** How long a frame stays catchable: a quiet room keeps a minute, not hours, of its chat for this. */
export const CATCH_UP_MS = 60_000;
/**
 * A catching-up socket is written to only while its unsent data stays under this, so a replay paces itself to
 * the reader and never trips the hub's slow-reader bound.
 */
export const CATCH_UP_WINDOW_BYTES = 1024 * 1024;

/** The socket as the catch-up sees it: it is written prepared frames and tells how much it has not sent yet. */
export interface CatchUpReader {
  send(frame: Buffer): void;
  readonly unsentBytes: number;
}

interface Entry {
  /** The highest sequence number in the frame (for a recall: the room's last delivered one when it was made). */
  seq: number;
  frame: Buffer;
  at: number;
}

export class CatchUpLog {
  private readonly entries: Entry[] = [];
  /** The absolute index of entries[0]: readers hold absolute indexes, so eviction does not move them. */
  private base = 0;
  private bytes = 0;
  /** The highest sequence number no longer kept (in memory or on disk): a reader from before it has lost messages. */
  private evictedSeq = 0;
  private readonly readers = new Map<CatchUpReader, number>();
  /** Readers that lost frames because the log moved past them before they read them. */
  gaps = 0;

  /** `spill` keeps what memory lets go (positions below `base`), until its own bounds drop it. */
  constructor(
    private readonly maxBytes = CATCH_UP_BYTES,
    private readonly maxAgeMs = CATCH_UP_MS,
    private readonly spill: CatchUpSpill | null = null,
  ) {}

  /** The position of the oldest frame kept, in memory or on disk. */
  private get first(): number {
    return this.spill ? this.spill.start : this.base;
  }

  /** A frame every member got, in delivery order; readers still catching up get it from here instead. */
  append(seq: number, frame: Buffer, now = Date.now()): void {
    this.entries.push({ seq, frame, at: now });
    this.bytes += frame.length;
    while (this.entries.length > 1 && (this.bytes > this.maxBytes || now - this.entries[0]!.at > this.maxAgeMs)) {
      const gone = this.entries.shift()!;
      this.bytes -= gone.frame.length;
      const lost = this.spill ? this.spill.add(gone.seq, gone.frame, gone.at, now) : gone.seq;
      this.evictedSeq = Math.max(this.evictedSeq, lost);
      this.base++;
    }
  }

  /**
   * Starts a reader on every frame after sequence number `afterSeq` (written from the next `pump`). Answers false
   * when some of what came after it is no longer kept (the reader was gone too long).
   */
  follow(reader: CatchUpReader, afterSeq: number): boolean {
    this.readers.set(reader, this.firstAfter(afterSeq));
    return afterSeq >= this.evictedSeq;
  }

  /** Deletes what is on disk (the room ended). */
  close(): void {
    this.spill?.close();
  }

  /** The position of the first kept frame after sequence number `afterSeq` (sequence numbers never go down). */
  private firstAfter(afterSeq: number): number {
    const spill = this.spill;
    if (spill && spill.end > spill.start && spill.seqAt(spill.end - 1) > afterSeq) {
      let lo = spill.start;
      let hi = spill.end - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (spill.seqAt(mid) > afterSeq) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    }
    let i = 0;
    while (i < this.entries.length && this.entries[i]!.seq <= afterSeq) i++;
    return this.base + i;
  }

  /** Whether this socket still reads from the log (live frames reach it through the log until it is through). */
  isFollowing(reader: CatchUpReader): boolean {
    return this.readers.size > 0 && this.readers.has(reader);
  }

  forget(reader: CatchUpReader): void {
    this.readers.delete(reader);
  }

  get following(): number {
    return this.readers.size;
  }

  /** Writes to each catching-up socket what its window allows; a socket that reaches the end is live again. */
  pump(): void {
    for (const [reader, next] of this.readers) {
      let at = next;
      if (at < this.first) {
        this.gaps++;
        at = this.first;
      }
      const end = this.base + this.entries.length;
      while (at < end && reader.unsentBytes < CATCH_UP_WINDOW_BYTES) {
        reader.send(at < this.base ? this.spill!.read(at) : this.entries[at - this.base]!.frame);
        at++;
      }
      if (at === end) this.readers.delete(reader);
      else this.readers.set(reader, at);
    }
  }
}
