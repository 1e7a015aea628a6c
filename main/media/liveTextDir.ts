// Where the compositor's live text files live (the chat box's lines, the goal, text items, the slate): in
// memory where the system has a RAM file system, else in the studio's work folder. A busy chat replaces a dozen
// files five times a second; on a journalled disk each atomic replace is a rename that waits for the disk
// (~2 ms of the studio's main thread and ~0.25 ms of CPU each on ext4), in memory it is ~0.15 ms and ~0.02 ms.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { processIsRunning } from '../../common/processAlive';

/** The RAM file system a studio may keep its live text in, or null where there is none. */
export function memoryRoot(platform: NodeJS.Platform): string | null {
  return platform === 'linux' ? '/dev/shm' : null;
}

export interface LiveTextDir {
  path: string;
  /** Whether the files are in memory (and so removed when the studio closes). */
  inMemory: boolean;
  remove(): void;
}

/** Folders left by studios that ended without closing (killed, crashed): their process is gone. */
export function removeOrphans(root: string): string[] {
  const gone: string[] = [];
  for (const name of readdirSync(root)) {
    const pid = Number(/^studio-text-(\d+)-/.exec(name)?.[1]);
    if (!pid || processIsRunning(pid)) continue;
    rmSync(join(root, name), { recursive: true, force: true });
    gone.push(name);
  }
  return gone;
}

/**
 * A folder of its own in memory for this studio (two studios never share one; named with its process, so the
 * next studio removes what a killed one left), else `fallback`.
 */
export function liveTextDir(fallback: string, root: string | null = memoryRoot(process.platform)): LiveTextDir {
  if (root) {
    try {
      removeOrphans(root);
      const path = mkdtempSync(join(root, `studio-text-${process.pid}-`));
      return { path, inMemory: true, remove: () => rmSync(path, { recursive: true, force: true }) };
    } catch {
      // No such folder, or not ours to write in: the work folder serves.
    }
  }
  mkdirSync(fallback, { recursive: true });
  return { path: fallback, inMemory: false, remove: () => {} };
}
