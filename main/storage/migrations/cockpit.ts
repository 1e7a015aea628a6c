// The live cockpit (versions 90–99): one arrangement of the live screen's panels per scene profile.
import type { Migration } from '../../../common/sqlite/migrationRunner';

export const cockpitMigrations: Migration[] = [
  {
    version: 90,
    name: 'cockpit layouts',
    up: `CREATE TABLE cockpit_layouts (
      profile_id TEXT PRIMARY KEY REFERENCES scene_profiles(id) ON DELETE CASCADE,
      data TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
  },
];
