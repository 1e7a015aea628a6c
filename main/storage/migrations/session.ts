// Session and history tables (versions 20–29): broadcasts, their 1 Hz time series, their recording files.
import type { Migration } from '../../../common/sqlite/migrationRunner';

export const sessionMigrations: Migration[] = [
  {
    version: 20,
    name: 'broadcasts',
    up: `CREATE TABLE broadcasts (
      id TEXT PRIMARY KEY,
      room_id TEXT NOT NULL,
      group_id TEXT NOT NULL DEFAULT '',
      title TEXT NOT NULL,
      user_id TEXT NOT NULL,
      server_url TEXT NOT NULL,
      push_url TEXT NOT NULL,
      viewer_url TEXT,
      status TEXT NOT NULL CHECK (status IN ('live', 'ended', 'interrupted')),
      started_at INTEGER NOT NULL,
      ended_at INTEGER,
      duration_sec REAL NOT NULL DEFAULT 0,
      peak_viewers INTEGER NOT NULL DEFAULT 0,
      unique_viewers INTEGER NOT NULL DEFAULT 0,
      likes INTEGER NOT NULL DEFAULT 0,
      gifts INTEGER NOT NULL DEFAULT 0,
      gift_value REAL NOT NULL DEFAULT 0,
      messages INTEGER NOT NULL DEFAULT 0,
      top_gifters TEXT NOT NULL DEFAULT '[]',
      recovery_dismissed INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX broadcasts_started ON broadcasts (started_at);
    CREATE TABLE broadcast_samples (
      broadcast_id TEXT NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
      t INTEGER NOT NULL,
      viewers INTEGER NOT NULL,
      bitrate_kbps REAL NOT NULL,
      fps REAL NOT NULL,
      dropped INTEGER NOT NULL,
      PRIMARY KEY (broadcast_id, t)
    ) WITHOUT ROWID;
    CREATE TABLE broadcast_recordings (
      broadcast_id TEXT NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      size_bytes INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (broadcast_id, path)
    );`,
  },
];
