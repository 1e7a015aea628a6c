// The studio's storage: one SQLite file, migrated on open.
import { openDatabase, type SqliteDatabase } from '../../common/sqlite/database';
import {
  runMigrations,
  schemaVersion,
  type Migration,
  type MigrationReport,
} from '../../common/sqlite/migrationRunner';
import { studioMigrations } from './migrations';
import { SettingsStore } from './settingsStore';
import { BroadcastRepository } from './broadcastRepository';
import { CockpitLayoutRepository } from './cockpitLayoutRepository';

export { openDatabase, runMigrations, schemaVersion, SettingsStore, BroadcastRepository, CockpitLayoutRepository };
export type {
  BroadcastFigures,
  BroadcastRow,
  BroadcastSample,
  BroadcastSort,
  BroadcastStatus,
} from './broadcastRepository';
export type { SqliteDatabase, Migration, MigrationReport };

export interface StudioStorage {
  db: SqliteDatabase;
  file: string;
  settings: SettingsStore;
  schemaVersion(): number;
  close(): void;
}

export function openStudioStorage(file: string): StudioStorage {
  const db = openDatabase(file);
  runMigrations(db, studioMigrations);
  return {
    db,
    file,
    settings: new SettingsStore(db),
    schemaVersion: () => schemaVersion(db),
    close: () => db.close(),
  };
}
