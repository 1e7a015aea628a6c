// The safety log in SQLite: every alert, lift, override, skipped sample and fault, with at most a 16×9
// pixelated thumbnail. The only place safety's SQL lives.
import type { SafetyAction, SafetyClass, SafetyEvent } from '../contract/safety';
import type { SqliteDatabase } from '../storage';
import type { PixelatedThumb } from '../../common/safety/classifierProtocol';
import { thumbToDataUrl } from '../../common/safety/pixelate';

export interface NewSafetyEvent {
  at: number;
  kind: SafetyEvent['kind'];
  sourceId: string;
  className?: SafetyClass | null;
  score?: number | null;
  action?: SafetyAction | null;
  message: string;
  thumb?: PixelatedThumb | null;
}

interface Row {
  id: number;
  at: number;
  kind: SafetyEvent['kind'];
  source_id: string;
  class_name: SafetyClass | null;
  score: number | null;
  action: SafetyAction | null;
  message: string;
  thumbnail: Buffer | null;
}

function toEvent(r: Row): SafetyEvent {
  return {
    id: r.id,
    at: r.at,
    kind: r.kind,
    sourceId: r.source_id,
    className: r.class_name,
    score: r.score,
    action: r.action,
    message: r.message,
    thumbnail: r.thumbnail ? `data:image/jpeg;base64,${r.thumbnail.toString('base64')}` : null,
  };
}

export class SafetyEventStore {
  constructor(private readonly db: SqliteDatabase) {}

  add(e: NewSafetyEvent): SafetyEvent {
    // thumbToDataUrl refuses anything over 16×9 blocks: a clear frame cannot reach the database.
    const thumbnail = e.thumb ? Buffer.from(thumbToDataUrl(e.thumb).split(',')[1] ?? '', 'base64') : null;
    const info = this.db
      .prepare(
        `INSERT INTO safety_events (at, kind, source_id, class_name, score, action, message, thumbnail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.at, e.kind, e.sourceId, e.className ?? null, e.score ?? null, e.action ?? null, e.message, thumbnail);
    return this.get(Number(info.lastInsertRowid)) as SafetyEvent;
  }

  get(id: number): SafetyEvent | null {
    const row = this.db.prepare('SELECT * FROM safety_events WHERE id = ?').get(id) as Row | undefined;
    return row ? toEvent(row) : null;
  }

  list(limit: number, beforeId?: number): SafetyEvent[] {
    const rows = (
      beforeId === undefined
        ? this.db.prepare('SELECT * FROM safety_events ORDER BY id DESC LIMIT ?').all(limit)
        : this.db.prepare('SELECT * FROM safety_events WHERE id < ? ORDER BY id DESC LIMIT ?').all(beforeId, limit)
    ) as Row[];
    return rows.map(toEvent);
  }
}
