// The older part of a room's catch-up log, on disk: frames that no longer fit in memory, bounded in bytes, frames
// and age, so a host or moderator further behind than memory holds (seconds of a flood) still gets every line.
import { closeSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processIsRunning } from '../../common/processAlive';

/** The most a room keeps on disk for catching up: about four minutes of a 20,000-messages-a-second flood. */
export const CATCH_UP_DISK_BYTES = 1024 * 1024 * 1024;
/** How long a frame stays catchable on disk. */
export const CATCH_UP_DISK_MS = 10 * 60_000;
/** The most frames kept on disk (each costs memory for where it is), however small they are. */
export const CATCH_UP_DISK_FRAMES = 100_000;
/** One file's size: the oldest file goes as a whole once the bytes bound is passed. */
const SEGMENT_BYTES = 64 * 1024 * 1024;
/** Its folders' names start with this and the owning process's id. */
const FOLDER_PREFIX = 'vj-im-catchup-';

const sweptRoots = new Set<string>();

/** Deletes, once per folder per process, the catch-up folders a crashed hub left behind in `root`. */
function sweepLeftBehind(root: string): void {
  if (sweptRoots.has(root)) return;
  sweptRoots.add(root);
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(FOLDER_PREFIX)) continue;
    const pid = Number(name.slice(FOLDER_PREFIX.length).split('-')[0]);
    if (pid && pid !== process.pid && !processIsRunning(pid))
      rmSync(join(root, name), { recursive: true, force: true });
  }
}

export interface SpillLimits {
  bytes: number;
  ms: number;
  frames: number;
  segmentBytes: number;
}

interface Segment {
  fd: number;
  file: string;
  bytes: number;
}

interface Spilled {
  seq: number;
  at: number;
  segment: Segment;
  offset: number;
  length: number;
}

export class CatchUpSpill {
  private dir: string | null = null;
  private frames: Spilled[] = [];
  /** frames[0]'s position among every frame ever spilled: the log's readers count in these. */
  private head = 0;
  private readonly segments: Segment[] = [];
  private bytes = 0;
  /** The last time the disk refused a frame (full, gone, not writable): what it held was let go then. */
  lastError: Error | null = null;

  /** `root`: the folder its own folder goes in (the system's temporary folder). */
  constructor(
    private readonly limits: SpillLimits = {
      bytes: CATCH_UP_DISK_BYTES,
      ms: CATCH_UP_DISK_MS,
      frames: CATCH_UP_DISK_FRAMES,
      segmentBytes: SEGMENT_BYTES,
    },
    private readonly root = tmpdir(),
  ) {}

  /** The folder of its files, once it has any. */
  get folder(): string | null {
    return this.dir;
  }

  /** Positions of the frames kept: [start, end). */
  get start(): number {
    return this.head;
  }

  get end(): number {
    return this.head + this.frames.length;
  }

  seqAt(position: number): number {
    return this.frames[position - this.head]!.seq;
  }

  /** The kept frame at `position`, read back from its file. */
  read(position: number): Buffer {
    const f = this.frames[position - this.head]!;
    const out = Buffer.allocUnsafe(f.length);
    let done = 0;
    while (done < f.length) done += readSync(f.segment.fd, out, done, f.length - done, f.offset + done);
    return out;
  }

  /**
   * Keeps a frame that memory let go; answers the highest sequence number this dropped for good (0: none). A disk
   * that refuses it (full, gone) loses the frame and what is kept on disk, not the room: the readers behind them
   * are told they missed lines, and the next frame tries the disk again.
   */
  add(seq: number, frame: Buffer, at: number, now: number): number {
    try {
      this.write(seq, frame, at);
    } catch (err) {
      this.lastError = err as Error;
      const lost = Math.max(seq, this.frames.at(-1)?.seq ?? 0);
      this.close();
      this.head++;
      return lost;
    }
    return this.trim(now);
  }

  private write(seq: number, frame: Buffer, at: number): void {
    let seg = this.segments[this.segments.length - 1];
    if (!seg || seg.bytes + frame.length > this.limits.segmentBytes) seg = this.newSegment();
    let done = 0;
    while (done < frame.length) done += writeSync(seg.fd, frame, done, frame.length - done, seg.bytes + done);
    this.frames.push({ seq, at, segment: seg, offset: seg.bytes, length: frame.length });
    seg.bytes += frame.length;
    this.bytes += frame.length;
  }

  /** Deletes the files. */
  close(): void {
    for (const s of this.segments.splice(0)) closeSync(s.fd);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.head += this.frames.length;
    this.frames = [];
    this.bytes = 0;
  }

  private newSegment(): Segment {
    if (!this.dir) {
      sweepLeftBehind(this.root);
      this.dir = mkdtempSync(join(this.root, `${FOLDER_PREFIX}${process.pid}-`));
    }
    const file = join(this.dir, `${this.head + this.frames.length}.frames`);
    const seg = { fd: openSync(file, 'w+'), file, bytes: 0 };
    this.segments.push(seg);
    return seg;
  }

  private trim(now: number): number {
    const { frames } = this;
    let drop = 0;
    let dropped = 0;
    while (drop < frames.length - 1 && this.isPast(frames[drop]!, frames.length - drop, now)) {
      dropped = Math.max(dropped, frames[drop]!.seq);
      drop++;
      // A file goes once none of its frames is kept.
      while (this.segments[0] !== frames[drop]!.segment) {
        const gone = this.segments.shift()!;
        this.bytes -= gone.bytes;
        closeSync(gone.fd);
        rmSync(gone.file, { force: true });
      }
    }
    if (drop) {
      this.frames = frames.slice(drop);
      this.head += drop;
    }
    return dropped;
  }

  /** Whether the oldest kept frame `f` (of `kept`) goes: too many, too old, or in the oldest file when too big. */
  private isPast(f: Spilled, kept: number, now: number): boolean {
    if (kept > this.limits.frames || now - f.at > this.limits.ms) return true;
    return this.bytes > this.limits.bytes && this.segments.length > 1 && f.segment === this.segments[0];
  }
}
