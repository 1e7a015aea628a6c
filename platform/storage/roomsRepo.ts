// SQL for rooms: the live list, heartbeats, moderators, unique viewers and end-of-room stats.
import type { SqliteDatabase } from '../../common/sqlite/database';

export interface RoomRow {
  roomId: string;
  ownerId: string;
  ownerNickname: string;
  title: string;
  groupId: string;
  streamName: string;
  status: 'live' | 'ended';
  startedAt: number;
  endedAt: number | null;
  /** Why it ended ('ended' by its VJ or an operator, 'heartbeat_lost'); null while live. */
  endReason: string | null;
  lastHeartbeatAt: number;
  streamUp: boolean;
  likes: number;
  peakViewers: number;
  messages: number;
}

interface Raw {
  room_id: number;
  owner_id: string;
  nickname: string;
  title: string;
  group_id: string;
  stream_name: string;
  status: 'live' | 'ended';
  started_at: number;
  ended_at: number | null;
  end_reason: string | null;
  last_heartbeat_at: number;
  stream_up: number;
  likes: number;
  peak_viewers: number;
  messages: number;
}

const toRow = (r: Raw): RoomRow => ({
  roomId: String(r.room_id),
  ownerId: r.owner_id,
  ownerNickname: r.nickname,
  title: r.title,
  groupId: r.group_id,
  streamName: r.stream_name,
  status: r.status,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  endReason: r.end_reason,
  lastHeartbeatAt: r.last_heartbeat_at,
  streamUp: r.stream_up === 1,
  likes: r.likes,
  peakViewers: r.peak_viewers,
  messages: r.messages,
});

const SELECT = 'SELECT r.*, a.nickname FROM rooms r JOIN accounts a ON a.user_id = r.owner_id';

export class RoomsRepo {
  constructor(private readonly db: SqliteDatabase) {}

  /** Creates a live room; the number comes from the database, the group and stream names from it. */
  create(ownerId: string, title: string, streamSuffix: string, now: number): RoomRow {
    return this.db.transaction(() => {
      const info = this.db
        .prepare(
          "INSERT INTO rooms (owner_id, title, group_id, stream_name, status, started_at, last_heartbeat_at) VALUES (?, ?, ?, ?, 'live', ?, ?)",
        )
        .run(ownerId, title, `pending_${streamSuffix}`, `pending_${streamSuffix}`, now, now);
      const id = Number(info.lastInsertRowid);
      this.db
        .prepare('UPDATE rooms SET group_id = ?, stream_name = ? WHERE room_id = ?')
        .run(`live_${id}`, `vj${id}_${streamSuffix}`, id);
      return this.get(String(id))!;
    })();
  }

  get(roomId: string): RoomRow | undefined {
    if (!/^\d{1,12}$/.test(roomId)) return undefined;
    const r = this.db.prepare(`${SELECT} WHERE r.room_id = ?`).get(Number(roomId)) as Raw | undefined;
    return r && toRow(r);
  }

  byGroup(groupId: string): RoomRow | undefined {
    const r = this.db.prepare(`${SELECT} WHERE r.group_id = ?`).get(groupId) as Raw | undefined;
    return r && toRow(r);
  }

  byStream(streamName: string): RoomRow | undefined {
    const r = this.db.prepare(`${SELECT} WHERE r.stream_name = ?`).get(streamName) as Raw | undefined;
    return r && toRow(r);
  }

  live(): RoomRow[] {
    return (this.db.prepare(`${SELECT} WHERE r.status = 'live' ORDER BY r.started_at DESC`).all() as Raw[]).map(toRow);
  }

  liveOwnedBy(ownerId: string): RoomRow[] {
    return (this.db.prepare(`${SELECT} WHERE r.status = 'live' AND r.owner_id = ?`).all(ownerId) as Raw[]).map(toRow);
  }

  heartbeat(roomId: string, now: number): void {
    this.db.prepare('UPDATE rooms SET last_heartbeat_at = ? WHERE room_id = ?').run(now, Number(roomId));
  }

  /** Rooms whose last heartbeat is older than `before`. */
  silentSince(before: number): RoomRow[] {
    return (this.db.prepare(`${SELECT} WHERE r.status = 'live' AND r.last_heartbeat_at < ?`).all(before) as Raw[]).map(
      toRow,
    );
  }

  /** Marks the room ended once; false when it had already ended. */
  end(roomId: string, reason: string, now: number, counters: { peakViewers: number; messages: number }): boolean {
    return (
      this.db
        .prepare(
          "UPDATE rooms SET status = 'ended', ended_at = ?, end_reason = ?, stream_up = 0, peak_viewers = MAX(peak_viewers, ?), messages = messages + ? WHERE room_id = ? AND status = 'live'",
        )
        .run(now, reason, counters.peakViewers, counters.messages, Number(roomId)).changes === 1
    );
  }

  /**
   * Puts a room ended for lost heartbeats back on the air, once, if it ended at `endedSince` or later; false
   * otherwise. Its counters stay: the next end adds to them (messages) or keeps the larger (peak viewers).
   */
  resume(roomId: string, now: number, endedSince: number): boolean {
    return (
      this.db
        .prepare(
          "UPDATE rooms SET status = 'live', ended_at = NULL, end_reason = NULL, last_heartbeat_at = ? WHERE room_id = ? AND status = 'ended' AND end_reason = 'heartbeat_lost' AND ended_at >= ?",
        )
        .run(now, Number(roomId), endedSince).changes === 1
    );
  }

  setStreamUp(roomId: string, up: boolean): void {
    this.db.prepare('UPDATE rooms SET stream_up = ? WHERE room_id = ?').run(up ? 1 : 0, Number(roomId));
  }

  addLikes(roomId: string, count: number): number {
    const r = this.db
      .prepare('UPDATE rooms SET likes = likes + ? WHERE room_id = ? RETURNING likes')
      .get(count, Number(roomId)) as { likes: number } | undefined;
    return r?.likes ?? 0;
  }

  addModerator(roomId: string, userId: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO room_moderators (room_id, user_id) VALUES (?, ?)')
      .run(Number(roomId), userId);
  }

  removeModerator(roomId: string, userId: string): void {
    this.db.prepare('DELETE FROM room_moderators WHERE room_id = ? AND user_id = ?').run(Number(roomId), userId);
  }

  moderators(roomId: string): string[] {
    return (
      this.db.prepare('SELECT user_id FROM room_moderators WHERE room_id = ?').all(Number(roomId)) as {
        user_id: string;
      }[]
    ).map((r) => r.user_id);
  }

  addViewer(roomId: string, userId: string): void {
    this.db.prepare('INSERT OR IGNORE INTO room_viewers (room_id, user_id) VALUES (?, ?)').run(Number(roomId), userId);
  }

  uniqueViewers(roomId: string): number {
    return (
      this.db.prepare('SELECT COUNT(*) AS n FROM room_viewers WHERE room_id = ?').get(Number(roomId)) as { n: number }
    ).n;
  }

  giftTotals(roomId: string): { gifts: number; giftValue: number } {
    const r = this.db
      .prepare(
        'SELECT COALESCE(SUM(count), 0) AS gifts, COALESCE(SUM(value), 0) AS giftValue FROM gift_orders WHERE room_id = ?',
      )
      .get(Number(roomId)) as {
      gifts: number;
      giftValue: number;
    };
    return r;
  }

  /** The room's biggest gifters by the coins their billed orders took, from the billing records alone. */
  topGifters(roomId: string, limit: number): { userId: string; nickname: string; value: number; gifts: number }[] {
    return this.db
      .prepare(
        `SELECT o.user_id AS userId, COALESCE(a.nickname, o.user_id) AS nickname, SUM(o.value) AS value, SUM(o.count) AS gifts
         FROM gift_orders o LEFT JOIN accounts a ON a.user_id = o.user_id
         WHERE o.room_id = ? GROUP BY o.user_id ORDER BY value DESC, gifts DESC LIMIT ?`,
      )
      .all(Number(roomId), limit) as { userId: string; nickname: string; value: number; gifts: number }[];
  }
}
