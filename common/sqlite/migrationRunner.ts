// Applies numbered migrations in order, each in its own transaction, and records every applied version.
import type { SqliteDatabase } from './database';

export interface Migration {
  /** Unique, positive. Areas own ranges so parallel work never collides (see migrations/index.ts). */
  version: number;
  name: string;
  up: string | ((db: SqliteDatabase) => void);
}

export interface MigrationReport {
  schemaVersion: number;
  applied: number[];
}

export function runMigrations(db: SqliteDatabase, migrations: readonly Migration[]): MigrationReport {
  const versions = new Set<number>();
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= 0)
      throw new Error(`Migration "${m.name}" has an invalid version ${m.version}.`);
    if (versions.has(m.version)) throw new Error(`Two migrations share version ${m.version}.`);
    versions.add(m.version);
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const done = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return { schemaVersion: schemaVersion(db), applied };
}

export function schemaVersion(db: SqliteDatabase): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null } | undefined;
  return row?.v ?? 0;
}
