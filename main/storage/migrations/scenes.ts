// Scenes (versions 40–49): profiles, and their scenes as validated JSON documents in list order.
import type { Migration } from '../../../common/sqlite/migrationRunner';

export const scenesMigrations: Migration[] = [
  {
    version: 40,
    name: 'scene profiles and scenes',
    up: `
      CREATE TABLE scene_profiles (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 0,
        program_scene_id TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE scenes (
        profile_id TEXT NOT NULL REFERENCES scene_profiles(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        position INTEGER NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (profile_id, id)
      );
      CREATE INDEX scenes_by_position ON scenes (profile_id, position);
    `,
  },
];
