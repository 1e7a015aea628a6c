// Who a host has put on video, per room: the WHIP ingest (who may publish) and the WHEP egress (who may
// watch their return feed) each keep one. Bounded: a room keeps its latest MAX_GRANTS_PER_ROOM.

/** Grants a room keeps (a host may put many viewers on video over a show, one after another). */
export const MAX_GRANTS_PER_ROOM = 64;

export class RoomGrants<G> {
  private readonly rooms = new Map<string, Map<string, G>>();

  set(roomId: string, userId: string, grant: G): void {
    let room = this.rooms.get(roomId);
    if (!room) this.rooms.set(roomId, (room = new Map()));
    room.delete(userId);
    room.set(userId, grant);
    // The oldest grant goes first when a room has seen more guests than it keeps.
    while (room.size > MAX_GRANTS_PER_ROOM) room.delete(room.keys().next().value!);
  }

  get(roomId: string, userId: string): G | undefined {
    return this.rooms.get(roomId)?.get(userId);
  }

  endRoom(roomId: string): void {
    this.rooms.delete(roomId);
  }

  count(roomId: string): number {
    return this.rooms.get(roomId)?.size ?? 0;
  }

  clear(): void {
    this.rooms.clear();
  }
}
