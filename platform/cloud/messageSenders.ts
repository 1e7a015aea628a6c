// Who sent each recent group message (cloud mode), learned from Tencent IM's after-send webhook, so the relay can
// check a recall's target: an AVChatRoom keeps no history the platform could look a sequence number up in.

/** Messages remembered per room (the oldest is forgotten first): a recall aims at what is on screen now. */
export const MAX_SENDERS_PER_ROOM = 2000;
/** Rooms remembered at once (the room heard from longest ago is forgotten first). */
export const MAX_ROOMS_WITH_SENDERS = 500;

export class MessageSenders {
  // Maps keep insertion order, so the first key is always the oldest.
  private readonly rooms = new Map<string, Map<number, string>>();

  record(groupId: string, msgSeq: number, fromAccount: string): void {
    let room = this.rooms.get(groupId);
    if (room) this.rooms.delete(groupId);
    else room = new Map();
    this.rooms.set(groupId, room);
    if (this.rooms.size > MAX_ROOMS_WITH_SENDERS) this.rooms.delete(this.rooms.keys().next().value!);
    room.delete(msgSeq);
    room.set(msgSeq, fromAccount);
    if (room.size > MAX_SENDERS_PER_ROOM) room.delete(room.keys().next().value!);
  }

  /** The sender's user ID, or undefined when the message is unknown or was forgotten. */
  senderOf(groupId: string, msgSeq: number): string | undefined {
    return this.rooms.get(groupId)?.get(msgSeq);
  }
}
