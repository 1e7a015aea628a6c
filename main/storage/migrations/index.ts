// Every migration of the studio's database. Version ranges per area, so work in parallel never collides:
//   1–9 foundation · 10–19 media and recordings · 20–29 session and history · 30–39 chat
//   40–49 scenes · 50–59 co-host · 60–69 content safety · 90–99 the live cockpit
import type { Migration } from '../../../common/sqlite/migrationRunner';
import { chatMigrations } from './chat';
import { cockpitMigrations } from './cockpit';
import { foundationMigrations } from './foundation';
import { safetyMigrations } from './safety';
import { scenesMigrations } from './scenes';
import { sessionMigrations } from './session';

export const studioMigrations: readonly Migration[] = [
  ...foundationMigrations,
  ...sessionMigrations,
  ...scenesMigrations,
  ...safetyMigrations,
  ...chatMigrations,
  ...cockpitMigrations,
];
