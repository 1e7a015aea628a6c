// Content safety's tables (versions 60–69). Thumbnails are tiny JPEGs of 16×9 blocks; the store refuses more.
import type { Migration } from '../../../common/sqlite/migrationRunner';

export const safetyMigrations: Migration[] = [
  {
    version: 60,
    name: 'safety_events',
    up: `CREATE TABLE safety_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('alert', 'lifted', 'override', 'skipped', 'fault')),
      source_id TEXT NOT NULL,
      class_name TEXT,
      score REAL,
      action TEXT,
      message TEXT NOT NULL,
      thumbnail BLOB CHECK (thumbnail IS NULL OR length(thumbnail) <= 4096)
    );
    CREATE INDEX safety_events_at ON safety_events (at)`,
  },
];
