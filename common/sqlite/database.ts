// Opens a SQLite file the way every store of the product wants it: WAL, foreign keys, a busy timeout.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type SqliteDatabase = Database.Database;

export function openDatabase(file: string): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  // The Electron studio loads the copy of the module built for Electron's ABI (scripts/electronNative.mjs),
  // so node_modules keeps Node's build for the headless host and the tests.
  const nativeBinding = process.env.STUDIO_SQLITE_BINDING;
  const db = new Database(file, nativeBinding ? { nativeBinding } : undefined);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
