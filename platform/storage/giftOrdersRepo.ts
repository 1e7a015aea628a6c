// SQL for gift debits: one transaction checks the requestId, debits only a covering balance, records the order
// and credits the receiving room's running PK battle, so a battle's score is always the sum of its billed orders.
import type { SqliteDatabase } from '../../common/sqlite/database';

export type DebitResult =
  | { kind: 'charged'; balance: number; battleId: string | null }
  | { kind: 'duplicate'; balance: number; msgId: string | null; roomId: string; giftId: string; count: number }
  | { kind: 'insufficient'; balance: number }
  | { kind: 'no_account' };

/** One gift order: `value` is what it costs the sender; a repeated `requestId` is the same order. */
export interface DebitRequest {
  userId: string;
  requestId: string;
  roomId: string;
  giftId: string;
  count: number;
  value: number;
}

export class GiftOrdersRepo {
  private readonly debitTx;

  constructor(private readonly db: SqliteDatabase) {
    const findOrder = db.prepare(
      'SELECT room_id, gift_id, count, balance_after, msg_id FROM gift_orders WHERE user_id = ? AND request_id = ?',
    );
    const debit = db.prepare(
      'UPDATE accounts SET balance = balance - ? WHERE user_id = ? AND balance >= ? RETURNING balance',
    );
    const balance = db.prepare('SELECT balance FROM accounts WHERE user_id = ?');
    const insert = db.prepare(
      'INSERT INTO gift_orders (user_id, request_id, room_id, gift_id, count, value, balance_after, created_at, battle_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // Only inside the window: a gift after ends_at counts for nothing even before the battle is settled.
    const creditBattle = db.prepare(
      `UPDATE pk_battles SET
         score_a = score_a + CASE WHEN room_a = @room THEN @value ELSE 0 END,
         score_b = score_b + CASE WHEN room_b = @room THEN @value ELSE 0 END
       WHERE status = 'running' AND ends_at > @now AND (room_a = @room OR room_b = @room)
       RETURNING battle_id`,
    );
    this.debitTx = db.transaction((o: DebitRequest): DebitResult => {
      const prior = findOrder.get(o.userId, o.requestId) as
        { room_id: number; gift_id: string; count: number; balance_after: number; msg_id: string | null } | undefined;
      if (prior) {
        const now = balance.get(o.userId) as { balance: number };
        return {
          kind: 'duplicate',
          balance: now.balance,
          msgId: prior.msg_id,
          roomId: String(prior.room_id),
          giftId: prior.gift_id,
          count: prior.count,
        };
      }
      const after = debit.get(o.value, o.userId, o.value) as { balance: number } | undefined;
      if (!after) {
        const cur = balance.get(o.userId) as { balance: number } | undefined;
        return cur ? { kind: 'insufficient', balance: cur.balance } : { kind: 'no_account' };
      }
      const now = Date.now();
      const room = Number(o.roomId);
      const credited = creditBattle.get({ room, value: o.value, now }) as { battle_id: number } | undefined;
      const battleId = credited?.battle_id ?? null;
      insert.run(o.userId, o.requestId, room, o.giftId, o.count, o.value, after.balance, now, battleId);
      return { kind: 'charged', balance: after.balance, battleId: battleId === null ? null : String(battleId) };
    });
  }

  /** Atomic: a repeated requestId never charges twice; a balance never goes below zero. */
  debit(o: DebitRequest): DebitResult {
    return this.debitTx.immediate(o);
  }

  setMessageId(userId: string, requestId: string, msgId: string): void {
    this.db
      .prepare('UPDATE gift_orders SET msg_id = ? WHERE user_id = ? AND request_id = ?')
      .run(msgId, userId, requestId);
  }
}
