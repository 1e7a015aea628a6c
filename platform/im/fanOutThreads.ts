// The hub's fan-out threads: which viewer sockets each thread writes (by slot), the shared memory that keeps a
// closed descriptor from being written, and the commands that tell the threads what to write where.
import type { Socket } from 'node:net';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../../common/workerThread';

/** The most sockets the threads write at once; past it a viewer's socket stays written by the hub's own thread. */
export const MAX_FAN_OUT_SOCKETS = 65_536;
/** How long the hub's thread waits for a fan-out thread to finish a write before it lets a descriptor close. */
const RETIRE_SPIN_MS = 50;
/** How long a socket's adoption (or release) may wait to share its message to the thread with others. */
const LAZY_FLUSH_MS = 20;

export interface FanOutShared {
  index: number;
  /** Per slot: the generation of the connection the threads may write there, 0 when none. */
  alive: SharedArrayBuffer;
  /** Per slot: the bytes its socket has not taken yet (the thread's backlog for it). */
  backlog: SharedArrayBuffer;
  /** Per thread: the slot it is writing this moment, -1 when none. */
  writing: SharedArrayBuffer;
}

export type FanOutCommand =
  | { t: 'adopt'; slot: number; gen: number; fd: number; room: string | null }
  | { t: 'place'; slot: number; gen: number; room: string | null }
  | { t: 'forget'; slot: number; gen: number }
  | { t: 'to'; slot: number; gen: number; bytes: Uint8Array; tell?: true }
  | { t: 'room'; room: string; bytes: Uint8Array; except: number[] };

export interface FanOutNotice {
  slot: number;
  gen: number;
  /** 'written': the socket took every byte up to `count` told writes (`to` with `tell`). */
  reason: 'slow' | 'closed' | 'written';
  count?: number;
}

export type FanOutListener = (reason: FanOutNotice['reason'], count: number) => void;

/** A socket the threads write: where it is, and the generation that tells it from an earlier user of the slot. */
export interface FanOutSeat {
  readonly slot: number;
  readonly gen: number;
}

export class FanOutThreads {
  /** Started with the first socket handed over: a hub no viewer has joined (a studio's own, a test's) runs none. */
  private workers: Worker[] | null = null;
  private readonly count: number;
  private readonly alive = new Int32Array(new SharedArrayBuffer(4 * MAX_FAN_OUT_SOCKETS));
  private readonly backlog = new Int32Array(new SharedArrayBuffer(4 * MAX_FAN_OUT_SOCKETS));
  private readonly writing: Int32Array;
  private readonly free: number[] = [];
  private nextSlot = 0;
  private gen = 0;
  private readonly onNotice = new Map<number, FanOutListener>();
  /** Per thread: the commands not posted yet, posted as one message (a join wave's adopts together). */
  private readonly queued: FanOutCommand[][];
  private flushSoon: NodeJS.Immediate | null = null;
  private flushLater: NodeJS.Timeout | null = null;

  constructor(count: number) {
    this.count = count;
    this.writing = new Int32Array(new SharedArrayBuffer(4 * count)).fill(-1);
    this.queued = Array.from({ length: count }, () => []);
  }

  private started(): Worker[] {
    if (this.workers) return this.workers;
    const writing = this.writing.buffer as SharedArrayBuffer;
    this.workers = Array.from({ length: this.count }, (_, index) => {
      const shared: FanOutShared = { index, alive: this.alive.buffer, backlog: this.backlog.buffer, writing };
      const w = spawnWorker(import.meta.url, 'fanOutWorker.ts', 'fanOutWorker.js', shared);
      w.on('message', (n: FanOutNotice) => {
        if (Atomics.load(this.alive, n.slot) === n.gen) this.onNotice.get(n.slot)?.(n.reason, n.count ?? 0);
      });
      // A thread that fails leaves its sockets unwritten: they are reported closed so their viewers reconnect.
      w.on('error', () => this.lost(index));
      w.unref();
      return w;
    });
    return this.workers;
  }

  get threads(): number {
    return this.count;
  }

  /** Threads started so far: none until the first socket is handed over. */
  get running(): number {
    return this.workers?.length ?? 0;
  }

  /**
   * Hands a socket's writes to a thread; null when every slot is taken. From here every byte to this socket must go
   * through `to` (or a room write), in order; `retire` must run before its descriptor closes.
   */
  adopt(socket: Socket, room: string | null, notice: FanOutListener): FanOutSeat | null {
    const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
    if (typeof fd !== 'number' || fd < 0) return null;
    const slot = this.free.pop() ?? (this.nextSlot < MAX_FAN_OUT_SOCKETS ? this.nextSlot++ : -1);
    if (slot < 0) return null;
    this.gen = (this.gen % 0x7ffffffe) + 1;
    const seat = { slot, gen: this.gen };
    this.onNotice.set(slot, notice);
    Atomics.store(this.backlog, slot, 0);
    Atomics.store(this.alive, slot, seat.gen);
    this.post(slot, { t: 'adopt', slot, gen: seat.gen, fd, room });
    return seat;
  }

  place(seat: FanOutSeat, room: string | null): void {
    this.post(seat.slot, { t: 'place', slot: seat.slot, gen: seat.gen, room });
  }

  /** Writes `bytes` to the socket after everything before them; with `tell`, a 'written' notice says they left. */
  to(seat: FanOutSeat, bytes: Buffer, tell = false): void {
    this.post(seat.slot, { t: 'to', slot: seat.slot, gen: seat.gen, bytes, ...(tell ? { tell } : {}) });
  }

  /** Writes `bytes` to every adopted socket in the room but the `except` seats. */
  toRoom(room: string, bytes: Buffer, except: readonly FanOutSeat[]): void {
    if (this.nextSlot === 0) return; // no socket was ever handed over: nobody for the threads to write
    for (let i = 0; i < this.count; i++) {
      const mine = except.filter((s) => s.slot % this.count === i).map((s) => s.slot);
      this.queue(i, { t: 'room', room, bytes, except: mine });
    }
  }

  /** Unsent bytes the thread holds for this socket. */
  unsent(seat: FanOutSeat): number {
    return Atomics.load(this.alive, seat.slot) === seat.gen ? Atomics.load(this.backlog, seat.slot) : 0;
  }

  /**
   * The socket's descriptor is about to close: no thread writes it from here on (a thread mid-write to it is
   * waited for), so the number, once reused by another connection, is never written for this one.
   */
  retire(seat: FanOutSeat): void {
    if (Atomics.load(this.alive, seat.slot) !== seat.gen) return;
    Atomics.store(this.alive, seat.slot, 0);
    const thread = seat.slot % this.count;
    const until = Date.now() + RETIRE_SPIN_MS;
    while (Atomics.load(this.writing, thread) === seat.slot && Date.now() < until) {
      // A write to a non-blocking socket: microseconds.
    }
  }

  /** The socket closed: its slot is free again once the thread has let it go. */
  release(seat: FanOutSeat): void {
    this.retire(seat);
    if (this.onNotice.delete(seat.slot)) {
      this.post(seat.slot, { t: 'forget', slot: seat.slot, gen: seat.gen });
      this.free.push(seat.slot);
    }
  }

  private post(slot: number, m: FanOutCommand): void {
    this.queue(slot % this.count, m);
  }

  /**
   * Commands go to each thread as one message: a message costs the hub tens of microseconds (and the thread a
   * wake-up), a command in an array almost nothing. Bytes to write leave at the end of this turn of the event loop;
   * the rest (a socket adopted, placed or forgotten, each join's and leave's) waits up to LAZY_FLUSH_MS for them,
   * so a join wave's adopts share messages. Each thread's commands keep their order, so bytes for a socket always
   * come after its adoption.
   */
  private queue(thread: number, m: FanOutCommand): void {
    this.queued[thread]!.push(m);
    if (m.t === 'to' || m.t === 'room') this.flushSoon ??= setImmediate(() => this.flush());
    else if (!this.flushSoon && !this.flushLater) {
      this.flushLater = setTimeout(() => this.flush(), LAZY_FLUSH_MS);
      this.flushLater.unref();
    }
  }

  private flush(): void {
    if (this.flushSoon) clearImmediate(this.flushSoon);
    if (this.flushLater) clearTimeout(this.flushLater);
    this.flushSoon = null;
    this.flushLater = null;
    const workers = this.started();
    for (let i = 0; i < this.count; i++) {
      const commands = this.queued[i]!;
      if (commands.length === 0) continue;
      this.queued[i] = [];
      workers[i]!.postMessage(commands);
    }
  }

  private lost(thread: number): void {
    for (const [slot, notice] of this.onNotice) if (slot % this.count === thread) notice('closed', 0);
  }

  close(): Promise<void> {
    if (this.flushSoon) clearImmediate(this.flushSoon);
    if (this.flushLater) clearTimeout(this.flushLater);
    return Promise.all((this.workers ?? []).map((w) => w.terminate())).then(() => {});
  }
}
