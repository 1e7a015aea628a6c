// How the room's frames reach its connections: each frame serialized and framed once, and one tick's frames (the
// joins/leaves and the online count, then a delivered batch) written as one Buffer to every member but its
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

/** The wire bytes of `leading` (already framed) followed by a frame, or `leading` alone. */
function wireWith(leading: Buffer | null, payload: Buffer | null): Buffer | null {
  if (!payload) return leading;
  return leading ? Buffer.concat([leading, framedOnce(payload)]) : framedOnce(payload);
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
 * Writes the tick's `leading` frames (framed, or null: who joined or left, the count) and then a batch (`all`, the
 * whole of it serialized) to every member in one write each, so a newcomer is announced before their first lines.
 * Members reading from the room's log get only `leading`: the batch reaches them there, after it.
 */
export function fanOutBatch(
  groupId: string,
  chosen: readonly Pending[],
  all: Buffer,
  leading: Buffer | null,
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
    perSender.set(s, wireWith(leading, own));
  }
  const takenCareOf = (c: HubClient): boolean => {
    if (readsFromLog(c)) {
      if (leading) c.sendWire(leading);
      return true;
    }
    if (senders.size === 0 || !perSender.has(c)) return false;
    const own = perSender.get(c);
    if (own) c.sendWire(own);
    return true;
  };
  writeRoom(groupId, members, wireWith(leading, all)!, threads, takenCareOf);
}
