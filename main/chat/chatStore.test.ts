// The chat repository on a real SQLite file: a batch is all or nothing and searchable once stored; search input is
// never query syntax.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatItem } from '../contract/chat';
import { openDatabase, openStudioStorage, runMigrations, type SqliteDatabase } from '../storage';
import { studioMigrations } from '../storage/migrations';
import { ChatStore, ftsQuery } from './chatStore';

const item = (id: string, text: string, at = Date.now()): ChatItem => ({
  id,
  roomId: 'r',
  kind: 'text',
  userId: 'u',
  nick: 'U',
  text,
  at,
});

/** How many index entries match: a line indexed twice would count twice. */
const indexed = (db: SqliteDatabase, match: string) =>
  (
    db.prepare('SELECT COUNT(*) AS c FROM chat_messages_fts WHERE chat_messages_fts MATCH ?').get(match) as {
      c: number;
    }
  ).c;

describe('chat store', () => {
  it('writes a batch in one transaction: a bad row rolls the whole batch back', () => {
    const storage = openStudioStorage(join(mkdtempSync(join(tmpdir(), 'chat-store-')), 'studio.db'));
    const store = new ChatStore(storage.db);
    store.saveBatch('r', [item('1', 'one'), item('2', 'two')], []);
    expect(() =>
      store.saveBatch('r', [item('3', 'three'), { ...item('4', 'four'), data: 1n as unknown as string }], []),
    ).toThrow();
    expect(store.recent('r', 10).map((i) => i.id)).toEqual(['1', '2']);
    store.saveBatch('r', [], ['1']);
    expect(store.message('r', '1')?.revoked).toBe(true);
    storage.close();
  });

  it('finds every stored line once, in the batch that stored it, duplicates and Chinese included', () => {
    const storage = openStudioStorage(join(mkdtempSync(join(tmpdir(), 'chat-store-')), 'studio.db'));
    const store = new ChatStore(storage.db);
    const lines = (from: number, n: number) =>
      Array.from({ length: n }, (_, k) => item(`m${from + k}`, `主播好棒 line#${from + k}#`));
    store.saveBatch('r', lines(0, 1500), []);
    store.saveBatch('r', [...lines(1000, 1000), item('x', 'a plain line')], []); // 500 already stored
    for (const n of [0, 999, 1000, 1499, 1500, 1999])
      expect(store.search(`line#${n}#`, 'r', 5).map((i) => i.id)).toEqual([`m${n}`]);
    expect(indexed(storage.db, '"主播好"')).toBe(2000);
    expect(indexed(storage.db, '"plain"')).toBe(1);
    expect(store.search('主播好棒', 'r', 5000)).toHaveLength(2000);
    storage.close();
  });

  it('keeps the lines a database indexed per row before version 32 found once, and indexes the new ones', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'chat-store-')), 'studio.db');
    const old = openDatabase(file);
    runMigrations(
      old,
      studioMigrations.filter((m) => m.version <= 31),
    );
    new ChatStore(old).saveBatch('r', [item('a', 'before the upgrade'), item('b', 'upgrade day')], []);
    old.close();
    const storage = openStudioStorage(file);
    const store = new ChatStore(storage.db);
    store.saveBatch('r', [item('c', 'after the upgrade'), item('a', 'before the upgrade')], []);
    expect(store.search('upgrade', 'r', 10).map((i) => i.id)).toEqual(['c', 'b', 'a']);
    expect(store.search('before', 'r', 10).map((i) => i.id)).toEqual(['a']);
    expect(indexed(storage.db, '"upgrade"')).toBe(3);
    // The per-row trigger (nine times the cost a line) is gone: the batch indexes its own rows.
    expect(storage.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all()).toEqual([]);
    storage.close();
  });

  it('quotes every word of a search so FTS5 syntax in it is plain text', () => {
    expect(ftsQuery('a "b" c*d OR')).toBe('"""b""" AND "c*d"');
    expect(ftsQuery('say "hello" NEAR')).toBe('"say" AND """hello""" AND "NEAR"');
    expect(ftsQuery('  ')).toBeNull();
  });
});
