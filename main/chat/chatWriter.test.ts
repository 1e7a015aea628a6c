// The chat writer's thread: batches reach the studio's SQLite file (and its full-text index) through a connection
// of its own, settled() waits for them, and a thread that dies loses no line. Real SQLite files in a temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatItem } from '../contract/chat';
import { openStudioStorage } from '../storage';
import { ThreadChatWriter } from './chatWriter';
import { ChatStore } from './chatStore';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open() {
  const dir = mkdtempSync(join(tmpdir(), 'chat-writer-'));
  dirs.push(dir);
  const storage = openStudioStorage(join(dir, 'studio.db'));
  const store = new ChatStore(storage.db);
  const logged: string[] = [];
  const writer = new ThreadChatWriter(storage.file, store, (l) => logged.push(l));
  return { storage, store, writer, logged };
}

const line = (id: string, text: string): ChatItem => ({
  id,
  roomId: 'r',
  kind: 'text',
  userId: 'viewer',
  nick: '观众',
  text,
  at: Date.now(),
});
const count = (s: ReturnType<typeof open>) =>
  (s.storage.db.prepare('SELECT COUNT(*) AS c FROM chat_messages').get() as { c: number }).c;

describe('chat writer thread', () => {
  it('writes batches on its own connection, searchable once settled', async () => {
    const s = open();
    for (let b = 0; b < 20; b++)
      s.writer.write(
        'r',
        Array.from({ length: 500 }, (_, i) => line(`m${b}-${i}`, i === 7 ? `needle number b${b}x` : 'great show')),
        [],
      );
    s.writer.write('r', [], ['m3-7']);
    await s.writer.settled();
    expect(count(s)).toBe(10_000);
    expect(s.store.search('needle b3x', 'r', 10).map((i) => [i.id, i.revoked ?? false])).toEqual([['m3-7', true]]);
    expect(s.store.search('needle', 'r', 100)).toHaveLength(20);
    expect(s.logged).toEqual([]);
    await s.writer.close();
    s.storage.close();
  });

  it('logs a batch SQLite refuses, and goes on with the next', async () => {
    const s = open();
    s.writer.write('r', [line('a', 'one')], []);
    s.writer.write('r', [line('b', 'two'), { ...line('c', 'three'), data: 1n as unknown as string }], []);
    s.writer.write('r', [line('d', 'four')], []);
    await s.writer.settled();
    expect(s.store.recent('r', 10).map((i) => i.id)).toEqual(['a', 'd']);
    expect(s.logged).toEqual([expect.stringContaining('could not save a chat batch')]);
    await s.writer.close();
    s.storage.close();
  });

  it('writes on the main connection what a dead thread had not written, and everything after', async () => {
    const s = open();
    const worker = (s.writer as unknown as { worker: Worker }).worker;
    s.writer.write('r', [line('x1', 'before')], []);
    await s.writer.settled();
    // The thread is ended with a batch on its way to it: posted once its end has begun, the thread never takes it
    // (posted before, a quick thread could write and confirm it first, and nothing would be left in flight).
    const ended = worker.terminate();
    s.writer.write('r', [line('x2', 'in flight')], []);
    await ended;
    s.writer.write('r', [line('x3', 'after')], []);
    await s.writer.settled();
    expect(s.store.recent('r', 10).map((i) => i.id)).toEqual(['x1', 'x2', 'x3']);
    expect(s.logged.some((l) => l.includes('written in line'))).toBe(true);
    await s.writer.close();
    s.storage.close();
  });
});
