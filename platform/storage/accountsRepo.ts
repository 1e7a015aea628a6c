// SQL for accounts and their bearer tokens. Tokens rest as their SHA-256 only: a copy of the database signs nobody in.
import { createHash } from 'node:crypto';
import type { SqliteDatabase } from '../../common/sqlite/database';

export interface AccountRow {
  userId: string;
  nickname: string;
  passwordHash: string;
  balance: number;
  role: 'user' | 'operator';
  guest: boolean;
}

interface RawAccount {
  user_id: string;
  nickname: string;
  password_hash: string;
  balance: number;
  role: 'user' | 'operator';
  guest: number;
}

/** What the tokens table keeps of a bearer token (migration 2 turned the stored ones into this too). */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const toRow = (r: RawAccount): AccountRow => ({
  userId: r.user_id,
  nickname: r.nickname,
  passwordHash: r.password_hash,
  balance: r.balance,
  role: r.role,
  guest: r.guest === 1,
});

export class AccountsRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly tokenInsert;
  private readonly tokenGet;
  private readonly rechargeStmt;
  private readonly roleStmt;

  constructor(private readonly db: SqliteDatabase) {
    this.insertStmt = db.prepare(
      'INSERT INTO accounts (user_id, nickname, password_hash, balance, guest, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(user_id) DO NOTHING',
    );
    this.getStmt = db.prepare('SELECT * FROM accounts WHERE user_id = ?');
    this.tokenInsert = db.prepare('INSERT INTO tokens (token, user_id, expires_at) VALUES (?, ?, ?)');
    this.tokenGet = db.prepare(
      'SELECT a.* FROM tokens t JOIN accounts a ON a.user_id = t.user_id WHERE t.token = ? AND t.expires_at > ?',
    );
    this.rechargeStmt = db.prepare('UPDATE accounts SET balance = balance + ? WHERE user_id = ? RETURNING balance');
    this.roleStmt = db.prepare('UPDATE accounts SET role = ? WHERE user_id = ?');
  }

  /** False when the user ID is taken. */
  create(a: { userId: string; nickname: string; passwordHash: string; balance: number; guest: boolean }): boolean {
    return (
      this.insertStmt.run(a.userId, a.nickname, a.passwordHash, a.balance, a.guest ? 1 : 0, new Date().toISOString())
        .changes === 1
    );
  }

  get(userId: string): AccountRow | undefined {
    const r = this.getStmt.get(userId) as RawAccount | undefined;
    return r && toRow(r);
  }

  addToken(token: string, userId: string, expiresAtMs: number): void {
    this.tokenInsert.run(tokenDigest(token), userId, expiresAtMs);
  }

  byToken(token: string, nowMs = Date.now()): AccountRow | undefined {
    const r = this.tokenGet.get(tokenDigest(token), nowMs) as RawAccount | undefined;
    return r && toRow(r);
  }

  recharge(userId: string, amount: number): number {
    const r = this.rechargeStmt.get(amount, userId) as { balance: number } | undefined;
    return r?.balance ?? 0;
  }

  setRole(userId: string, role: 'user' | 'operator'): void {
    this.roleStmt.run(role, userId);
  }

  purgeExpiredTokens(nowMs = Date.now()): void {
    this.db.prepare('DELETE FROM tokens WHERE expires_at <= ?').run(nowMs);
  }
}
