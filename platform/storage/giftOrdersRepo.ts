// SQL for gift debits: one transaction checks the requestId, debits only a covering balance, records the order.
import type { SqliteDatabase } from '../../common/sqlite/database';

export type DebitResult =
  | { kind: 'charged'; balance: number }
  | { kind: 'duplicate'; balance: number; msgId: string | null; roomId: string; giftId: string; count: number }
  | { kind: 'insufficient'; balance: number }
  | { kind: 'no_account' };

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
      'INSERT INTO gift_orders (user_id, request_id, room_id, gift_id, count, value, balance_after, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.debitTx = db.transaction(
      (o: {
        userId: string;
        requestId: string;
        roomId: string;
        giftId: string;
        count: number;
        value: number;
      }): DebitResult => {
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
        insert.run(o.userId, o.requestId, Number(o.roomId), o.giftId, o.count, o.value, after.balance, Date.now());
        return { kind: 'charged', balance: after.balance };
      },
    );
  }

  /** Atomic: a repeated requestId never charges twice; a balance never goes below zero. */
  debit(o: {
    userId: string;
    requestId: string;
    roomId: string;
    giftId: string;
    count: number;
    value: number;
  }): DebitResult {
    return this.debitTx.immediate(o);
  }

  setMessageId(userId: string, requestId: string, msgId: string): void {
    this.db
      .prepare('UPDATE gift_orders SET msg_id = ? WHERE user_id = ? AND request_id = ?')
      .run(msgId, userId, requestId);
  }
}
