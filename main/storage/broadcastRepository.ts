// The broadcasts table family: one row per broadcast, its 1 Hz samples (a time series), its recording files.
import type { SqliteDatabase } from '../../common/sqlite/database';

export type BroadcastStatus = 'live' | 'ended' | 'interrupted';

export interface BroadcastRow {
  id: string;
  roomId: string;
  groupId: string;
  title: string;
  userId: string;
  serverUrl: string;
  pushUrl: string;
  viewerUrl: string | null;
  status: BroadcastStatus;
  startedAt: number;
  endedAt: number | null;
  durationSec: number;
  peakViewers: number;
  uniqueViewers: number;
  likes: number;
  gifts: number;
  giftValue: number;
  messages: number;
  topGifters: { userId: string; nickname: string; value: number; gifts: number }[];
  recoveryDismissed: boolean;
  recordingBytes: number;
}

export interface BroadcastFigures {
  durationSec: number;
  peakViewers: number;
  uniqueViewers: number;
  likes: number;
  gifts: number;
  giftValue: number;
  messages: number;
  topGifters: BroadcastRow['topGifters'];
}

export interface BroadcastSample {
  t: number;
  viewers: number;
  bitrateKbps: number;
  fps: number;
  dropped: number;
}

const sortColumns = {
  startedAt: 'started_at',
  durationSec: 'duration_sec',
  peakViewers: 'peak_viewers',
  uniqueViewers: 'unique_viewers',
  likes: 'likes',
  giftValue: 'gift_value',
  messages: 'messages',
  title: 'title COLLATE NOCASE',
} as const;
export type BroadcastSort = keyof typeof sortColumns;

const select = `SELECT b.*,
  COALESCE((SELECT SUM(size_bytes) FROM broadcast_recordings r WHERE r.broadcast_id = b.id), 0) AS recording_bytes
  FROM broadcasts b`;

function toRow(r: Record<string, unknown>): BroadcastRow {
  return {
    id: r.id as string,
    roomId: r.room_id as string,
    groupId: r.group_id as string,
    title: r.title as string,
    userId: r.user_id as string,
    serverUrl: r.server_url as string,
    pushUrl: r.push_url as string,
    viewerUrl: (r.viewer_url as string | null) ?? null,
    status: r.status as BroadcastStatus,
    startedAt: r.started_at as number,
    endedAt: (r.ended_at as number | null) ?? null,
    durationSec: r.duration_sec as number,
    peakViewers: r.peak_viewers as number,
    uniqueViewers: r.unique_viewers as number,
    likes: r.likes as number,
    gifts: r.gifts as number,
    giftValue: r.gift_value as number,
    messages: r.messages as number,
    topGifters: JSON.parse(r.top_gifters as string) as BroadcastRow['topGifters'],
    recoveryDismissed: r.recovery_dismissed === 1,
    recordingBytes: Number(r.recording_bytes ?? 0),
  };
}

export class BroadcastRepository {
  constructor(private readonly db: SqliteDatabase) {}

  create(
    b: Pick<
      BroadcastRow,
      'id' | 'roomId' | 'groupId' | 'title' | 'userId' | 'serverUrl' | 'pushUrl' | 'viewerUrl' | 'startedAt'
    >,
  ): void {
    this.db
      .prepare(
        `INSERT INTO broadcasts
           (id, room_id, group_id, title, user_id, server_url, push_url, viewer_url, status, started_at)
         VALUES (@id, @roomId, @groupId, @title, @userId, @serverUrl, @pushUrl, @viewerUrl, 'live', @startedAt)`,
      )
      .run(b);
  }

  /** A start that failed before going live leaves no broadcast behind. */
  discard(id: string): void {
    this.db.prepare('DELETE FROM broadcasts WHERE id = ?').run(id);
  }

  get(id: string): BroadcastRow | null {
    const r = this.db.prepare(`${select} WHERE b.id = ?`).get(id) as Record<string, unknown> | undefined;
    return r ? toRow(r) : null;
  }

  list(sort: BroadcastSort = 'startedAt', direction: 'asc' | 'desc' = 'desc'): BroadcastRow[] {
    // The column comes from a fixed map, never from the caller's text.
    const order = `${sortColumns[sort]} ${direction === 'asc' ? 'ASC' : 'DESC'}, b.started_at DESC`;
    return (this.db.prepare(`${select} ORDER BY ${order}`).all() as Record<string, unknown>[]).map(toRow);
  }

  openOnes(): BroadcastRow[] {
    return (this.db.prepare(`${select} WHERE b.status = 'live'`).all() as Record<string, unknown>[]).map(toRow);
  }

  latestInterrupted(): BroadcastRow | null {
    const r = this.db
      .prepare(
        `${select} WHERE b.status = 'interrupted' AND b.recovery_dismissed = 0 ORDER BY b.started_at DESC LIMIT 1`,
      )
      .get() as Record<string, unknown> | undefined;
    return r ? toRow(r) : null;
  }

  dismissRecovery(id: string): void {
    this.db.prepare('UPDATE broadcasts SET recovery_dismissed = 1 WHERE id = ?').run(id);
  }

  finish(id: string, status: 'ended' | 'interrupted', endedAt: number, f: BroadcastFigures): void {
    this.db
      .prepare(
        `UPDATE broadcasts SET status = @status, ended_at = @endedAt, duration_sec = @durationSec,
           peak_viewers = @peakViewers, unique_viewers = @uniqueViewers, likes = @likes, gifts = @gifts,
           gift_value = @giftValue, messages = @messages, top_gifters = @topGifters WHERE id = @id`,
      )
      .run({ id, status, endedAt, ...f, topGifters: JSON.stringify(f.topGifters) });
  }

  addSample(id: string, s: BroadcastSample): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO broadcast_samples (broadcast_id, t, viewers, bitrate_kbps, fps, dropped)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(id, s.t, s.viewers, s.bitrateKbps, s.fps, s.dropped);
  }

  samples(id: string): BroadcastSample[] {
    return (
      this.db
        .prepare(
          'SELECT t, viewers, bitrate_kbps, fps, dropped FROM broadcast_samples WHERE broadcast_id = ? ORDER BY t',
        )
        .all(id) as {
        t: number;
        viewers: number;
        bitrate_kbps: number;
        fps: number;
        dropped: number;
      }[]
    ).map((r) => ({ t: r.t, viewers: r.viewers, bitrateKbps: r.bitrate_kbps, fps: r.fps, dropped: r.dropped }));
  }

  /** Figures the samples can tell when the platform cannot (a crashed broadcast): duration and peak viewers. */
  sampleFigures(id: string): { firstT: number | null; lastT: number | null; peakViewers: number } {
    const r = this.db
      .prepare('SELECT MIN(t) AS a, MAX(t) AS b, MAX(viewers) AS p FROM broadcast_samples WHERE broadcast_id = ?')
      .get(id) as {
      a: number | null;
      b: number | null;
      p: number | null;
    };
    return { firstT: r.a, lastT: r.b, peakViewers: r.p ?? 0 };
  }

  setRecording(id: string, path: string, sizeBytes: number): void {
    this.db
      .prepare(
        `INSERT INTO broadcast_recordings (broadcast_id, path, size_bytes) VALUES (?, ?, ?)
         ON CONFLICT (broadcast_id, path) DO UPDATE SET size_bytes = excluded.size_bytes`,
      )
      .run(id, path, sizeBytes);
  }

  recordings(id: string): { path: string; sizeBytes: number }[] {
    return (
      this.db
        .prepare('SELECT path, size_bytes FROM broadcast_recordings WHERE broadcast_id = ? ORDER BY path')
        .all(id) as { path: string; size_bytes: number }[]
    ).map((r) => ({ path: r.path, sizeBytes: r.size_bytes }));
  }
}
