// SQL for PK battles: proposal, start, settlement, and each side's score and top gifters from the billing records.
import type { SqliteDatabase } from '../../common/sqlite/database';
import type { PkBattle, PkEndReason, PkSide } from '../../common/platformApi/pkSchemas';

/** How many of each side's biggest gifters a battle names. */
const TOP_GIFTERS_PER_SIDE = 3;

interface Raw {
  battle_id: number;
  room_a: number;
  room_b: number;
  status: PkBattle['status'];
  duration_sec: number;
  started_at: number | null;
  ends_at: number | null;
  ended_at: number | null;
  end_reason: PkEndReason | null;
  score_a: number;
  score_b: number;
}

export interface BattleRow {
  battleId: string;
  roomA: string;
  roomB: string;
  status: PkBattle['status'];
  endsAt: number | null;
}

export class PkBattlesRepo {
  constructor(private readonly db: SqliteDatabase) {}

  propose(roomA: string, roomB: string, durationSec: number, now: number): string {
    const r = this.db
      .prepare(
        "INSERT INTO pk_battles (room_a, room_b, status, duration_sec, proposed_at) VALUES (?, ?, 'proposed', ?, ?) RETURNING battle_id",
      )
      .get(Number(roomA), Number(roomB), durationSec, now) as { battle_id: number };
    return String(r.battle_id);
  }

  /** Proposed → running; false when it was no longer proposed. */
  start(battleId: string, now: number): boolean {
    return (
      this.db
        .prepare(
          "UPDATE pk_battles SET status = 'running', started_at = ?, ends_at = ? + duration_sec * 1000 WHERE battle_id = ? AND status = 'proposed'",
        )
        .run(now, now, Number(battleId)).changes === 1
    );
  }

  /** Proposed → declined or expired; false when it was no longer proposed. */
  close(battleId: string, status: 'declined' | 'expired'): boolean {
    return (
      this.db
        .prepare("UPDATE pk_battles SET status = ? WHERE battle_id = ? AND status = 'proposed'")
        .run(status, Number(battleId)).changes === 1
    );
  }

  /**
   * Running → ended, at `now` or at the window's end if that came first. One statement: a gift billed after it
   * finds no running battle, and a gift billed before it was credited in its own transaction.
   */
  settle(battleId: string, reason: PkEndReason, now: number): boolean {
    return (
      this.db
        .prepare(
          "UPDATE pk_battles SET status = 'ended', ended_at = MIN(?, ends_at), end_reason = ? WHERE battle_id = ? AND status = 'running'",
        )
        .run(now, reason, Number(battleId)).changes === 1
    );
  }

  row(battleId: string): BattleRow | undefined {
    const r = this.raw(battleId);
    return r && { battleId, roomA: String(r.room_a), roomB: String(r.room_b), status: r.status, endsAt: r.ends_at };
  }

  /** The room's battle that is proposed or running (a room is in at most one), if any. */
  openFor(roomId: string): BattleRow | undefined {
    const r = this.db
      .prepare(
        "SELECT battle_id FROM pk_battles WHERE (room_a = ? OR room_b = ?) AND status IN ('proposed', 'running') ORDER BY battle_id DESC LIMIT 1",
      )
      .get(Number(roomId), Number(roomId)) as { battle_id: number } | undefined;
    return r ? this.row(String(r.battle_id)) : undefined;
  }

  /** The room's newest battle that started or was proposed, if any. */
  latestFor(roomId: string): PkBattle | undefined {
    const r = this.db
      .prepare('SELECT battle_id FROM pk_battles WHERE room_a = ? OR room_b = ? ORDER BY battle_id DESC LIMIT 1')
      .get(Number(roomId), Number(roomId)) as { battle_id: number } | undefined;
    return r ? this.view(String(r.battle_id)) : undefined;
  }

  running(): BattleRow[] {
    const rows = this.db.prepare("SELECT battle_id FROM pk_battles WHERE status = 'running'").all() as {
      battle_id: number;
    }[];
    return rows.map((r) => this.row(String(r.battle_id))!);
  }

  /** The battles a room fought (started ones only), newest first. */
  foughtBy(roomId: string): PkBattle[] {
    const rows = this.db
      .prepare(
        'SELECT battle_id FROM pk_battles WHERE (room_a = ? OR room_b = ?) AND started_at IS NOT NULL ORDER BY battle_id DESC',
      )
      .all(Number(roomId), Number(roomId)) as { battle_id: number }[];
    return rows.map((r) => this.view(String(r.battle_id))!);
  }

  /** The battle as everyone sees it: scores as credited with each gift, gifters from the billing records. */
  view(battleId: string): PkBattle | undefined {
    const r = this.raw(battleId);
    if (!r) return undefined;
    const ended = r.status === 'ended';
    const winner = !ended ? null : r.score_a > r.score_b ? 'a' : r.score_b > r.score_a ? 'b' : 'draw';
    return {
      battleId,
      status: r.status,
      durationSec: r.duration_sec,
      startedAt: r.started_at,
      endsAt: r.ends_at,
      endedAt: r.ended_at,
      endReason: r.end_reason,
      a: this.side(r.battle_id, r.room_a, r.score_a),
      b: this.side(r.battle_id, r.room_b, r.score_b),
      winner,
    };
  }

  /** Each side's score summed from the billing records alone (what the credited score must always equal). */
  ledgerScores(battleId: string): { a: number; b: number } {
    const r = this.raw(battleId)!;
    const sum = this.db.prepare(
      'SELECT COALESCE(SUM(value), 0) AS v FROM gift_orders WHERE battle_id = ? AND room_id = ?',
    );
    const a = (sum.get(r.battle_id, r.room_a) as { v: number }).v;
    const b = (sum.get(r.battle_id, r.room_b) as { v: number }).v;
    return { a, b };
  }

  private raw(battleId: string): Raw | undefined {
    return this.db.prepare('SELECT * FROM pk_battles WHERE battle_id = ?').get(Number(battleId)) as Raw | undefined;
  }

  private side(battleId: number, roomId: number, score: number): PkSide {
    const host = this.db
      .prepare(
        'SELECT r.owner_id AS userId, a.nickname FROM rooms r JOIN accounts a ON a.user_id = r.owner_id WHERE r.room_id = ?',
      )
      .get(roomId) as { userId: string; nickname: string };
    const topGifters = this.db
      .prepare(
        `SELECT o.user_id AS userId, COALESCE(a.nickname, o.user_id) AS nickname, SUM(o.value) AS value
         FROM gift_orders o LEFT JOIN accounts a ON a.user_id = o.user_id
         WHERE o.battle_id = ? AND o.room_id = ? GROUP BY o.user_id ORDER BY value DESC LIMIT ?`,
      )
      .all(battleId, roomId, TOP_GIFTERS_PER_SIDE) as PkSide['topGifters'];
    return { roomId: String(roomId), userId: host.userId, nickname: host.nickname, score, topGifters };
  }
}
