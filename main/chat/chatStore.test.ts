// The chat repository on a real SQLite file: a batch is all or nothing; search input is never query syntax.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatItem } from '../contract/chat';
import { openStudioStorage } from '../storage';
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

  it('quotes every word of a search so FTS5 syntax in it is plain text', () => {
    expect(ftsQuery('a "b" c*d OR')).toBe('"""b""" AND "c*d"');
    expect(ftsQuery('say "hello" NEAR')).toBe('"say" AND """hello""" AND "NEAR"');
    expect(ftsQuery('  ')).toBeNull();
  });
});
