// The cockpit_layouts table (migration 90): the live screen's arrangement per scene profile, as checked JSON.
import { cockpitLayoutSchema, type CockpitLayout } from '../contract/cockpit';
import type { SqliteDatabase } from '../../common/sqlite/database';

export class CockpitLayoutRepository {
  constructor(private readonly db: SqliteDatabase) {}

  /** The profile's arrangement; null when there is none, or when what is stored no longer reads as one. */
  get(profileId: string): CockpitLayout | null {
    const row = this.db.prepare('SELECT data FROM cockpit_layouts WHERE profile_id = ?').get(profileId) as
      { data: string } | undefined;
    if (!row) return null;
    try {
      const parsed = cockpitLayoutSchema.safeParse(JSON.parse(row.data));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  save(profileId: string, layout: CockpitLayout): void {
    this.db
      .prepare(
        `INSERT INTO cockpit_layouts (profile_id, data, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(profile_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
      )
      .run(profileId, JSON.stringify(layout), new Date().toISOString());
  }
}
