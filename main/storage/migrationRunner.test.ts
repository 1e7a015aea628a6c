import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../common/sqlite/database';
import { runMigrations, schemaVersion, type Migration } from '../../common/sqlite/migrationRunner';
import { openStudioStorage } from './index';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'studio-db-'));
  dirs.push(dir);
  return join(dir, 'studio.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('migration runner', () => {
  it('applies migrations in order, once, and records the schema version', () => {
    const file = tempFile();
    const db = openDatabase(file);
    const ms: Migration[] = [
      { version: 2, name: 'b', up: 'ALTER TABLE t ADD COLUMN b TEXT' },
      { version: 1, name: 'a', up: 'CREATE TABLE t (a TEXT)' },
    ];
    expect(runMigrations(db, ms)).toEqual({ schemaVersion: 2, applied: [1, 2] });
    expect(runMigrations(db, ms).applied).toEqual([]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('rolls back a failing migration and keeps the earlier ones', () => {
    const db = openDatabase(tempFile());
    const ms: Migration[] = [
      { version: 1, name: 'ok', up: 'CREATE TABLE ok (a TEXT)' },
      { version: 2, name: 'bad', up: 'CREATE TABLE half (a TEXT); THIS IS NOT SQL' },
    ];
    expect(() => runMigrations(db, ms)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[];
    expect(tables.map((t) => t.name)).not.toContain('half');
    db.close();
  });

  it('refuses duplicate versions', () => {
    const db = openDatabase(':memory:');
    expect(() =>
      runMigrations(db, [
        { version: 1, name: 'a', up: '' },
        { version: 1, name: 'b', up: '' },
      ]),
    ).toThrow(/share version 1/);
  });

  it('opens the studio store with settings that survive reopening', () => {
    const file = tempFile();
    const s = openStudioStorage(file);
    expect(s.schemaVersion()).toBeGreaterThanOrEqual(1);
    s.settings.set('ui.language', 'zh-CN');
    s.close();
    const again = openStudioStorage(file);
    expect(again.settings.get('ui.language')).toBe('zh-CN');
    again.close();
  });
});
