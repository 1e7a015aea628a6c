// The platform's own database schema (its own file, its own version list; independent of the studio's).
import { tokenDigest } from './accountsRepo';
import type { Migration } from '../../common/sqlite/migrationRunner';

export const platformMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, tokens, rooms, moderators, viewers, gift orders',
    up: `
      CREATE TABLE accounts (
        user_id TEXT PRIMARY KEY,
        nickname TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        balance INTEGER NOT NULL DEFAULT 0 CHECK (balance >= 0),
        role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'operator')),
        guest INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE TABLE tokens (
        token TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX tokens_user ON tokens(user_id);
      CREATE TABLE rooms (
        room_id INTEGER PRIMARY KEY AUTOINCREMENT,
        owner_id TEXT NOT NULL REFERENCES accounts(user_id),
        title TEXT NOT NULL,
        group_id TEXT NOT NULL UNIQUE,
        stream_name TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('live', 'ended')),
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        end_reason TEXT,
        last_heartbeat_at INTEGER NOT NULL,
        stream_up INTEGER NOT NULL DEFAULT 0,
        likes INTEGER NOT NULL DEFAULT 0,
        peak_viewers INTEGER NOT NULL DEFAULT 0,
        messages INTEGER NOT NULL DEFAULT 0
      );
      INSERT INTO sqlite_sequence (name, seq) VALUES ('rooms', 100000);
      CREATE INDEX rooms_live ON rooms(status);
      CREATE TABLE room_moderators (
        room_id INTEGER NOT NULL REFERENCES rooms(room_id),
        user_id TEXT NOT NULL,
        PRIMARY KEY (room_id, user_id)
      );
      CREATE TABLE room_viewers (
        room_id INTEGER NOT NULL REFERENCES rooms(room_id),
        user_id TEXT NOT NULL,
        PRIMARY KEY (room_id, user_id)
      );
      CREATE TABLE gift_orders (
        user_id TEXT NOT NULL REFERENCES accounts(user_id),
        request_id TEXT NOT NULL,
        room_id INTEGER NOT NULL REFERENCES rooms(room_id),
        gift_id TEXT NOT NULL,
        count INTEGER NOT NULL,
        value INTEGER NOT NULL,
        balance_after INTEGER NOT NULL,
        msg_id TEXT,
        created_at INTEGER NOT NULL,
        UNIQUE (user_id, request_id)
      );
      CREATE INDEX gift_orders_room ON gift_orders(room_id);
    `,
  },
  {
    version: 2,
    name: 'bearer tokens kept as their SHA-256',
    up: (db) => {
      const rows = db.prepare('SELECT token FROM tokens').all() as { token: string }[];
      const update = db.prepare('UPDATE tokens SET token = ? WHERE token = ?');
      for (const { token } of rows) update.run(tokenDigest(token), token);
    },
  },
  {
    version: 3,
    name: 'PK battles, and which battle each gift order counted for',
    up: `
      CREATE TABLE pk_battles (
        battle_id INTEGER PRIMARY KEY AUTOINCREMENT,
        room_a INTEGER NOT NULL REFERENCES rooms(room_id),
        room_b INTEGER NOT NULL REFERENCES rooms(room_id),
        status TEXT NOT NULL CHECK (status IN ('proposed', 'running', 'ended', 'declined', 'expired')),
        duration_sec INTEGER NOT NULL,
        proposed_at INTEGER NOT NULL,
        started_at INTEGER,
        ends_at INTEGER,
        ended_at INTEGER,
        end_reason TEXT,
        score_a INTEGER NOT NULL DEFAULT 0,
        score_b INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX pk_battles_room_a ON pk_battles(room_a, status);
      CREATE INDEX pk_battles_room_b ON pk_battles(room_b, status);
      ALTER TABLE gift_orders ADD COLUMN battle_id INTEGER REFERENCES pk_battles(battle_id);
      CREATE INDEX gift_orders_battle ON gift_orders(battle_id);
    `,
  },
];
