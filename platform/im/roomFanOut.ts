// How the room's frames reach its connections: each frame serialized and framed once, and one tick's frames (a
// delivered batch, then the joins/leaves and the online count) written as one Buffer to every member but its
// senders, who get a copy without their own messages (their ack told them).
import type { GroupMessage, ServerFrame } from '../../common/chatHub/protocol';
import type { FanOutSeat } from './fanOutThreads';
import type { HubClient } from './roomMembership';
import { framedOnce } from './wsFrame';

/** Writes one framed buffer to every socket of a room that the fan-out threads write, but the `except` seats. */
export interface RoomThreads {
  toRoom(room: string, bytes: Buffer, except: readonly FanOutSeat[]): void;
}

export function encode(frame: ServerFrame): Buffer {
  return Buffer.from(JSON.stringify(frame));
}

/** A message waiting for the next batch. */
export interface Pending {
  msg: GroupMessage;
  /** The connection that sent it, which gets an ack instead of the message; null for server-injected ones. */
  from: HubClient | null;
}

/** The wire bytes of a frame followed by `trailing` (already framed), or `trailing` alone. */
function wireWith(payload: Buffer | null, trailing: Buffer | null): Buffer | null {
  if (!payload) return trailing;
  return trailing ? Buffer.concat([framedOnce(payload), trailing]) : framedOnce(payload);
}

/**
 * Writes framed `bytes` to every member but those `skip` takes care of itself: straight to the sockets the hub's
 * thread writes, and one command to the fan-out threads for the room's sockets they write.
 */
export function writeRoom(
  groupId: string,
  members: Iterable<HubClient>,
  bytes: Buffer,
  threads: RoomThreads | null,
  skip?: (c: HubClient) => boolean,
): void {
  const except: FanOutSeat[] = [];
  let seated = false;
  for (const c of members) {
    const seat = c.seat;
    if (skip?.(c)) {
      if (seat) except.push(seat);
    } else if (seat) seated = true;
    else c.sendWire(bytes);
  }
  if (seated && threads) threads.toRoom(groupId, bytes, except);
}

/**
 * Writes a batch (`all`, the whole of it serialized) and the tick's `trailing` frames (framed, or null) to every
 * member in one write each. Members reading from the room's log get only `trailing`: the batch reaches them there.
 */
export function fanOutBatch(
  groupId: string,
  chosen: readonly Pending[],
  all: Buffer,
  trailing: Buffer | null,
  members: Iterable<HubClient>,
  readsFromLog: (c: HubClient) => boolean,
  threads: RoomThreads | null,
): void {
  const senders = new Set<HubClient>();
  for (const p of chosen) if (p.from) senders.add(p.from);
  const perSender = new Map<HubClient, Buffer | null>();
  for (const s of senders) {
    const others = chosen.filter((p) => p.from !== s).map((p) => p.msg);
    const own = others.length > 0 ? encode({ type: 'messages', groupId, messages: others }) : null;
    perSender.set(s, wireWith(own, trailing));
  }
  const takenCareOf = (c: HubClient): boolean => {
    if (readsFromLog(c)) {
      if (trailing) c.sendWire(trailing);
      return true;
    }
    if (senders.size === 0 || !perSender.has(c)) return false;
    const own = perSender.get(c);
    if (own) c.sendWire(own);
    return true;
  };
  writeRoom(groupId, members, wireWith(all, trailing)!, threads, takenCareOf);
}
