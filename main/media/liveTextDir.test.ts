import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { liveTextDir, memoryRoot, removeOrphans } from './liveTextDir';

const made: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'live-text-test-'));
  made.push(d);
  return d;
};
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('liveTextDir', () => {
  it('keeps live text in memory on Linux only', () => {
    expect(memoryRoot('linux')).toBe('/dev/shm');
    expect(memoryRoot('win32')).toBeNull();
    expect(memoryRoot('darwin')).toBeNull();
  });

  it('gives each studio its own folder under the memory root, removed when the studio closes', () => {
    const root = scratch();
    const a = liveTextDir(join(root, 'fallback'), root);
    const b = liveTextDir(join(root, 'fallback'), root);
    expect(a.inMemory).toBe(true);
    expect(a.path.startsWith(root)).toBe(true);
    expect(a.path).not.toBe(b.path);
    writeFileSync(join(a.path, 'line.txt'), 'hello');
    a.remove();
    expect(existsSync(a.path)).toBe(false);
    expect(existsSync(b.path)).toBe(true);
  });

  it('removes the folders of studios whose process is gone, never a live one’s nor anything else', () => {
    const root = scratch();
    // A process id no process has (above the kernel's largest).
    const dead = join(root, 'studio-text-4194999-abc123');
    const live = join(root, `studio-text-${process.pid}-def456`);
    const other = join(root, 'someone-else');
    for (const d of [dead, live, other]) mkdirSync(d);
    expect(removeOrphans(root)).toEqual(['studio-text-4194999-abc123']);
    expect([existsSync(dead), existsSync(live), existsSync(other)]).toEqual([false, true, true]);
    const dir = liveTextDir(join(root, 'fallback'), root);
    expect(dir.path).toContain(`studio-text-${process.pid}-`);
    expect(existsSync(live)).toBe(true);
  });

  it('falls back to the work folder where the memory root cannot be used, and never removes it', () => {
    const root = scratch();
    const fallback = join(root, 'media-work');
    const dir = liveTextDir(fallback, join(root, 'no-such-root'));
    expect(dir).toMatchObject({ path: fallback, inMemory: false });
    expect(existsSync(fallback)).toBe(true);
    dir.remove();
    expect(existsSync(fallback)).toBe(true);
    expect(liveTextDir(fallback, null).path).toBe(fallback);
  });

  it('uses the real memory file system of this machine when it has one', () => {
    const dir = liveTextDir(join(scratch(), 'fallback'));
    try {
      if (process.platform === 'linux' && existsSync('/dev/shm')) expect(dir.path.startsWith('/dev/shm/')).toBe(true);
      else expect(dir.inMemory).toBe(false);
    } finally {
      dir.remove();
    }
  });
});
