// A fan-out thread of the chat hub: writes prepared frames straight to the descriptors of its share of the viewers'
// sockets, so a large room's write loop (one system call per socket a tick) runs on another core than the hub.
import { writeSync, writevSync } from 'node:fs';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { FanOutCommand, FanOutNotice, FanOutShared } from './fanOutThreads';

/** Unsent bytes a viewer may hold here before it is reported too slow to follow the room (as on the hub's thread). */
const SLOW_VIEWER_BYTES = 8 * 1024 * 1024;
/** How soon a socket that took only part of a write is tried again (the thread does not poll for writability). */
const RETRY_MS = 20;
const MAX_RETRY_MS = 160;
/** Linux's IOV_MAX: the most buffers one writev takes. */
const MAX_WRITEV_BUFFERS = 1024;

interface Viewer {
  gen: number;
  fd: number;
  room: string | null;
  /** What the socket did not take yet, in order: every later frame waits behind it. */
  backlog: Buffer[];
  backlogBytes: number;
  /** A socket that took nothing waits longer each time before it is tried again (up to MAX_RETRY_MS). */
  retryMs: number;
  retryAt: number;
  /** Told writes (`to` with `tell`) owed or in the backlog: the hub hears once the socket has taken them. */
  tells: number;
}

const shared = workerData as FanOutShared;
const alive = new Int32Array(shared.alive);
const backlogOf = new Int32Array(shared.backlog);
const writing = new Int32Array(shared.writing);
const me = shared.index;
// A full socket answers EAGAIN as a thrown error: without a stack to capture it costs little, and nothing reads one.
Error.stackTraceLimit = 0;
const viewers = new Map<number, Viewer>();
const rooms = new Map<string, Set<number>>();
/** The slots holding a backlog: only these are tried again, not every socket. */
const behind = new Set<number>();
let retry: NodeJS.Timeout | null = null;

function place(slot: number, v: Viewer, room: string | null): void {
  if (v.room !== null) rooms.get(v.room)?.delete(slot);
  v.room = room;
  if (room === null) return;
  let set = rooms.get(room);
  if (!set) rooms.set(room, (set = new Set()));
  set.add(slot);
}

function forget(slot: number, notice?: FanOutNotice['reason']): void {
  const v = viewers.get(slot);
  if (!v) return;
  place(slot, v, null);
  viewers.delete(slot);
  behind.delete(slot);
  Atomics.store(backlogOf, slot, 0);
  if (notice) parentPort!.postMessage({ slot, gen: v.gen, reason: notice } satisfies FanOutNotice);
}

/**
 * Writes as much of `bytes` as the socket takes now (one system call), answering how much it took, -1 when it is
 * gone. The hub's thread marks a slot dead (alive 0) and then waits while this thread says it is writing that
 * slot, before the descriptor may close: a descriptor number reused by another connection is never written here.
 */
function writeNow(slot: number, v: Viewer, bytes: Buffer[]): number {
  Atomics.store(writing, me, slot);
  try {
    if (Atomics.load(alive, slot) !== v.gen) return -1;
    try {
      if (bytes.length === 1) return writeSync(v.fd, bytes[0]!);
      return bytes.length <= MAX_WRITEV_BUFFERS ? writevSync(v.fd, bytes) : writeSync(v.fd, Buffer.concat(bytes));
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EAGAIN' ? 0 : -1;
    }
  } finally {
    Atomics.store(writing, me, -1);
  }
}

/** Tells the hub that the socket took every told write so far. */
function tellWritten(slot: number, v: Viewer): void {
  parentPort!.postMessage({ slot, gen: v.gen, reason: 'written', count: v.tells } satisfies FanOutNotice);
  v.tells = 0;
}

/** Keeps what the socket did not take (`bytes` after the first `taken` bytes), in order, and tries it again soon. */
function keep(slot: number, v: Viewer, bytes: Buffer[], taken: number): void {
  for (const b of bytes) {
    if (taken >= b.length) {
      taken -= b.length;
      continue;
    }
    const rest = taken > 0 ? b.subarray(taken) : b;
    taken = 0;
    v.backlog.push(rest);
    v.backlogBytes += rest.length;
  }
  Atomics.store(backlogOf, slot, Math.min(v.backlogBytes, 0x7fffffff));
  if (v.backlogBytes === 0) {
    behind.delete(slot);
    if (v.tells > 0) tellWritten(slot, v);
    return;
  }
  if (v.backlogBytes > SLOW_VIEWER_BYTES) return forget(slot, 'slow');
  behind.add(slot);
  retry ??= setTimeout(drainBacklogs, RETRY_MS);
}

function write(slot: number, v: Viewer, bytes: Buffer[]): void {
  if (v.backlogBytes > 0) return keep(slot, v, bytes, 0);
  const n = writeNow(slot, v, bytes);
  if (n < 0) return forget(slot, 'closed');
  let total = 0;
  for (const b of bytes) total += b.length;
  if (n < total) keep(slot, v, bytes, n);
  else if (v.tells > 0) tellWritten(slot, v);
}

function drainBacklogs(): void {
  retry = null;
  const now = Date.now();
  for (const slot of behind) {
    const v = viewers.get(slot)!;
    if (v.retryAt > now) continue;
    const pending = v.backlog;
    v.backlog = [];
    v.backlogBytes = 0;
    const n = writeNow(slot, v, pending);
    if (n < 0) {
      forget(slot, 'closed');
      continue;
    }
    v.retryMs = n === 0 ? Math.min(MAX_RETRY_MS, v.retryMs * 2) : RETRY_MS;
    v.retryAt = now + v.retryMs;
    keep(slot, v, pending, n);
  }
  // A socket waiting out its backoff is tried again on a later round, even when nothing more comes for it.
  if (behind.size > 0) retry ??= setTimeout(drainBacklogs, RETRY_MS);
}

const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * What the commands at hand write, per socket in order: a thread that fell behind writes each socket once with all
 * it owes (one system call), instead of once per tick it missed.
 */
let owed = new Map<number, Buffer[]>();

function owe(slot: number, bytes: Buffer): void {
  const list = owed.get(slot);
  if (list) list.push(bytes);
  else owed.set(slot, [bytes]);
}

function payOwed(): void {
  const now = owed;
  owed = new Map();
  for (const [slot, bytes] of now) {
    const v = viewers.get(slot);
    if (v) write(slot, v, bytes);
  }
}

function run(m: FanOutCommand): void {
  switch (m.t) {
    case 'adopt': {
      // What is owed to a slot is written before it changes hands: never to the next connection in it.
      payOwed();
      forget(m.slot);
      const v: Viewer = {
        gen: m.gen,
        fd: m.fd,
        room: null,
        backlog: [],
        backlogBytes: 0,
        retryMs: RETRY_MS,
        retryAt: 0,
        tells: 0,
      };
      viewers.set(m.slot, v);
      return place(m.slot, v, m.room);
    }
    case 'place': {
      const v = viewers.get(m.slot);
      if (v?.gen === m.gen) place(m.slot, v, m.room);
      return;
    }
    case 'forget':
      if (viewers.get(m.slot)?.gen !== m.gen) return;
      payOwed();
      return forget(m.slot);
    case 'to': {
      const v = viewers.get(m.slot);
      if (v?.gen !== m.gen) return;
      owe(m.slot, asBuffer(m.bytes));
      if (m.tell) v.tells++;
      return;
    }
    case 'room': {
      const members = rooms.get(m.room);
      if (!members) return;
      const bytes = asBuffer(m.bytes);
      const except = m.except.length > 0 ? new Set(m.except) : null;
      for (const slot of members) if (!except?.has(slot)) owe(slot, bytes);
      return;
    }
  }
}

// The hub posts one turn's commands as one array.
parentPort!.on('message', (first: FanOutCommand[]) => {
  for (const m of first) run(m);
  for (let more = receiveMessageOnPort(parentPort!); more; more = receiveMessageOnPort(parentPort!))
    for (const m of more.message as FanOutCommand[]) run(m);
  payOwed();
});
