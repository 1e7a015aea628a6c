// How the room's frames reach its connections: each frame serialized once, and a delivered batch written as the
// same Buffer to every member but its senders, who get a copy without their own messages (their ack told them).
import type { GroupMessage, ServerFrame } from '../../common/chatHub/protocol';
import type { HubClient } from './roomMembership';

export function encode(frame: ServerFrame): Buffer {
  return Buffer.from(JSON.stringify(frame));
}

/** A message waiting for the next batch. */
export interface Pending {
  msg: GroupMessage;
  /** The connection that sent it, which gets an ack instead of the message; null for server-injected ones. */
  from: HubClient | null;
}

/** Writes a batch (`all`, the whole of it serialized) to the members but those that read it from the room's log. */
export function fanOutBatch(
  groupId: string,
  chosen: readonly Pending[],
  all: Buffer,
  members: Iterable<HubClient>,
  readsFromLog: (c: HubClient) => boolean,
): void {
  const senders = new Set<HubClient>();
  for (const p of chosen) if (p.from) senders.add(p.from);
  const perSender = new Map<HubClient, Buffer | null>();
  for (const s of senders) {
    const others = chosen.filter((p) => p.from !== s).map((p) => p.msg);
    perSender.set(s, others.length > 0 ? encode({ type: 'messages', groupId, messages: others }) : null);
  }
  for (const c of members) {
    if (readsFromLog(c)) continue;
    if (senders.size > 0 && perSender.has(c)) {
      const own = perSender.get(c);
      if (own) c.send(own);
    } else c.send(all);
  }
}
