// The scenes' table family (migration 40): profiles and their scenes. The only place scenes meet SQL.
import { sceneSchema, type Scene } from '../contract/scene';
import type { SceneProfile } from '../contract/scenes';
import type { SqliteDatabase } from '../storage';

interface ProfileRow {
  id: string;
  name: string;
  active: number;
  program_scene_id: string | null;
}

export class SceneStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly log: (line: string) => void = () => {},
  ) {}

  profiles(): SceneProfile[] {
    const rows = this.db
      .prepare('SELECT id, name FROM scene_profiles ORDER BY created_at, rowid')
      .all() as SceneProfile[];
    return rows.map((r) => ({ id: r.id, name: r.name }));
  }

  activeProfile(): (SceneProfile & { programSceneId: string | null }) | null {
    const row = this.db
      .prepare('SELECT id, name, active, program_scene_id FROM scene_profiles WHERE active = 1 LIMIT 1')
      .get() as ProfileRow | undefined;
    return row ? { id: row.id, name: row.name, programSceneId: row.program_scene_id } : null;
  }

  /** Creates a profile with its scenes in one transaction, and makes it the active one. */
  createProfile(profile: SceneProfile, scenes: Scene[], programSceneId: string | null): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE scene_profiles SET active = 0').run();
      this.db
        .prepare('INSERT INTO scene_profiles (id, name, active, program_scene_id, created_at) VALUES (?, ?, 1, ?, ?)')
        .run(profile.id, profile.name, programSceneId, new Date().toISOString());
      this.insertScenes(profile.id, scenes);
    })();
  }

  selectProfile(id: string): boolean {
    return this.db.transaction(() => {
      const found = this.db.prepare('SELECT 1 FROM scene_profiles WHERE id = ?').get(id);
      if (!found) return false;
      this.db.prepare('UPDATE scene_profiles SET active = (id = ?)').run(id);
      return true;
    })();
  }

  setProgram(profileId: string, sceneId: string | null): void {
    this.db.prepare('UPDATE scene_profiles SET program_scene_id = ? WHERE id = ?').run(sceneId, profileId);
  }

  /** The profile's scenes in list order. A row that no longer validates is skipped and logged, never fatal. */
  scenes(profileId: string): Scene[] {
    const rows = this.db
      .prepare('SELECT id, data FROM scenes WHERE profile_id = ? ORDER BY position, rowid')
      .all(profileId) as { id: string; data: string }[];
    const out: Scene[] = [];
    for (const row of rows) {
      try {
        out.push(sceneSchema.parse(JSON.parse(row.data)));
      } catch (err) {
        this.log(`scene ${row.id} of profile ${profileId} could not be read and is skipped: ${(err as Error).message}`);
      }
    }
    return out;
  }

  /** Appends scenes at the end of the list, all or none. */
  insertScenes(profileId: string, scenes: Scene[]): void {
    this.db.transaction(() => {
      const row = this.db
        .prepare('SELECT COALESCE(MAX(position), -1) AS p FROM scenes WHERE profile_id = ?')
        .get(profileId) as { p: number };
      const insert = this.db.prepare(
        'INSERT INTO scenes (profile_id, id, position, data, updated_at) VALUES (?, ?, ?, ?, ?)',
      );
      const now = new Date().toISOString();
      scenes.forEach((scene, i) => insert.run(profileId, scene.id, row.p + 1 + i, JSON.stringify(scene), now));
    })();
  }

  updateScene(profileId: string, scene: Scene): boolean {
    const r = this.db
      .prepare('UPDATE scenes SET data = ?, updated_at = ? WHERE profile_id = ? AND id = ?')
      .run(JSON.stringify(scene), new Date().toISOString(), profileId, scene.id);
    return r.changes === 1;
  }

  removeScene(profileId: string, sceneId: string): boolean {
    return this.db.prepare('DELETE FROM scenes WHERE profile_id = ? AND id = ?').run(profileId, sceneId).changes === 1;
  }

  reorder(profileId: string, ids: string[]): void {
    this.db.transaction(() => {
      const set = this.db.prepare('UPDATE scenes SET position = ? WHERE profile_id = ? AND id = ?');
      ids.forEach((id, i) => set.run(i, profileId, id));
    })();
  }
}
