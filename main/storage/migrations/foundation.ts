import type { Migration } from '../../../common/sqlite/migrationRunner';

export const foundationMigrations: Migration[] = [
  {
    version: 1,
    name: 'settings',
    up: `CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
  },
];
