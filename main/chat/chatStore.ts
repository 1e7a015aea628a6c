// The chat area's SQLite repository: batches of messages (one transaction each), search, the moderation
// log, blocked words and room settings. The only place chat SQL lives.
import type { ChatItem, ModerationActionName, ModerationEntry } from '../contract/chat';
import type { SqliteDatabase } from '../storage';

interface EntryRow {
  id: number;
  room_id: string;
  actor: string;
  action: string;
  target_user: string | null;
  target_message: string | null;
  detail: string | null;
  at: number;
}

function toEntry(r: EntryRow): ModerationEntry {
  return {
    id: r.id,
    roomId: r.room_id,
    actor: r.actor,
    action: r.action as ModerationActionName,
    targetUser: r.target_user,
    targetMessage: r.target_message,
    detail: r.detail,
    at: r.at,
  };
}

function toItem(row: { item: string; revoked: number }): ChatItem {
  const item = JSON.parse(row.item) as ChatItem;
  return row.revoked ? { ...item, revoked: true } : item;
}

/** FTS5 query from free text: each word quoted, so no user input is read as query syntax. */
export function ftsQuery(text: string): string | null {
  const words = text
    .split(/\s+/)
    .map((w) => w.trim())
    .filter((w) => [...w].length >= 3);
  if (!words.length) return null;
  return words.map((w) => `"${w.replaceAll('"', '""')}"`).join(' AND ');
}

export interface RoomSettings {
  pinnedMessageId: string | null;
  slowModeSeconds: number;
  muteAll: boolean;
}

export class ChatStore {
  private readonly insertMessage;
  private readonly lastSeq;
  private readonly indexAfter;
  private readonly markRevoked;
  private readonly writeBatch;

  constructor(private readonly db: SqliteDatabase) {
    this.insertMessage = db.prepare(
      `INSERT OR IGNORE INTO chat_messages (id, room_id, kind, user_id, nick, text, at, item) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.lastSeq = db.prepare('SELECT max(seq) FROM chat_messages').pluck();
    // The batch's rows are indexed for search in one statement, in the same transaction that stores them: every
    // stored line is searchable as soon as it is stored (a trigger per row cost nine times as much a line).
    this.indexAfter = db.prepare(
      'INSERT INTO chat_messages_fts (rowid, text, nick) SELECT seq, text, nick FROM chat_messages WHERE seq > ?',
    );
    this.markRevoked = db.prepare('UPDATE chat_messages SET revoked = 1 WHERE room_id = ? AND id = ?');
    this.writeBatch = db.transaction((roomId: string, items: ChatItem[], revoked: string[]) => {
      // Inside the write transaction no other connection inserts, so every row after this one is the batch's.
      const before = (this.lastSeq.get() as number | null) ?? 0;
      for (const i of items)
        this.insertMessage.run(i.id, i.roomId, i.kind, i.userId, i.nick, i.text, Math.round(i.at), JSON.stringify(i));
      if (items.length) this.indexAfter.run(before);
      for (const messageId of revoked) this.markRevoked.run(roomId, messageId);
    });
  }

  /** One batch of the feed, written in one transaction. */
  saveBatch(roomId: string, items: ChatItem[], revoked: string[]): void {
    if (items.length || revoked.length) this.writeBatch.immediate(roomId, items, revoked);
  }

  message(roomId: string, messageId: string): ChatItem | null {
    const row = this.db
      .prepare('SELECT item, revoked FROM chat_messages WHERE room_id = ? AND id = ?')
      .get(roomId, messageId) as { item: string; revoked: number } | undefined;
    return row ? toItem(row) : null;
  }

  recent(roomId: string, limit: number): ChatItem[] {
    const rows = this.db
      .prepare('SELECT item, revoked FROM chat_messages WHERE room_id = ? ORDER BY seq DESC LIMIT ?')
      .all(roomId, limit) as {
      item: string;
      revoked: number;
    }[];
    return rows.reverse().map(toItem);
  }

  userMessages(roomId: string, userId: string, limit: number): ChatItem[] {
    const rows = this.db
      .prepare('SELECT item, revoked FROM chat_messages WHERE room_id = ? AND user_id = ? ORDER BY seq DESC LIMIT ?')
      .all(roomId, userId, limit) as { item: string; revoked: number }[];
    return rows.reverse().map(toItem);
  }

  /** Newest first. Words of three characters or more use the trigram index; shorter ones a plain scan. */
  search(query: string, roomId: string | undefined, limit: number): ChatItem[] {
    const fts = ftsQuery(query);
    const room = roomId ?? null;
    const rows = fts
      ? this.db
          .prepare(
            `SELECT m.item, m.revoked FROM chat_messages_fts f JOIN chat_messages m ON m.seq = f.rowid
             WHERE chat_messages_fts MATCH ? AND (? IS NULL OR m.room_id = ?) ORDER BY m.seq DESC LIMIT ?`,
          )
          .all(fts, room, room, limit)
      : this.db
          .prepare(
            `SELECT item, revoked FROM chat_messages WHERE (instr(text, ?) > 0 OR instr(nick, ?) > 0)
             AND (? IS NULL OR room_id = ?) ORDER BY seq DESC LIMIT ?`,
          )
          .all(query.trim(), query.trim(), room, room, limit);
    return (rows as { item: string; revoked: number }[]).map(toItem);
  }

  log(entry: Omit<ModerationEntry, 'id'>): ModerationEntry {
    const r = this.db
      .prepare(
        `INSERT INTO chat_moderation_log (room_id, actor, action, target_user, target_message, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(entry.roomId, entry.actor, entry.action, entry.targetUser, entry.targetMessage, entry.detail, entry.at);
    return { ...entry, id: Number(r.lastInsertRowid) };
  }

  moderationLog(roomId: string, limit: number): ModerationEntry[] {
    return (
      this.db
        .prepare('SELECT * FROM chat_moderation_log WHERE room_id = ? ORDER BY id DESC LIMIT ?')
        .all(roomId, limit) as EntryRow[]
    ).map(toEntry);
  }

  userModeration(roomId: string, userId: string, limit = 100): ModerationEntry[] {
    return (
      this.db
        .prepare('SELECT * FROM chat_moderation_log WHERE room_id = ? AND target_user = ? ORDER BY id DESC LIMIT ?')
        .all(roomId, userId, limit) as EntryRow[]
    ).map(toEntry);
  }

  blockedWords(): string[] {
    return (this.db.prepare('SELECT word FROM chat_blocked_words ORDER BY word').all() as { word: string }[]).map(
      (r) => r.word,
    );
  }

  /** Whether obscenity's built-in English list is on (kept in the settings table; on unless turned off). */
  builtInBlockedWords(): boolean {
    const row = this.db.prepare("SELECT value FROM settings WHERE key = 'chat.blockedWords.builtIn'").get() as
      { value: string } | undefined;
    return row ? row.value !== 'false' : true;
  }

  setBlockedWords(words: string[], builtIn: boolean): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO chat_blocked_words (word, added_at) VALUES (?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM chat_blocked_words').run();
      for (const w of words) insert.run(w, Date.now());
      this.db
        .prepare(
          `INSERT INTO settings (key, value, updated_at) VALUES ('chat.blockedWords.builtIn', ?, ?)
          ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        )
        .run(String(builtIn), new Date().toISOString());
    })();
  }

  roomSettings(roomId: string): RoomSettings {
    const row = this.db.prepare('SELECT * FROM chat_rooms WHERE room_id = ?').get(roomId) as
      { pinned_message_id: string | null; slow_mode_seconds: number; mute_all: number } | undefined;
    return {
      pinnedMessageId: row?.pinned_message_id ?? null,
      slowModeSeconds: row?.slow_mode_seconds ?? 0,
      muteAll: !!row?.mute_all,
    };
  }

  saveRoomSettings(roomId: string, s: RoomSettings): void {
    this.db
      .prepare(
        `INSERT INTO chat_rooms (room_id, pinned_message_id, slow_mode_seconds, mute_all) VALUES (?, ?, ?, ?)
         ON CONFLICT(room_id) DO UPDATE SET pinned_message_id = excluded.pinned_message_id,
           slow_mode_seconds = excluded.slow_mode_seconds, mute_all = excluded.mute_all`,
      )
      .run(roomId, s.pinnedMessageId, s.slowModeSeconds, s.muteAll ? 1 : 0);
  }
}
