// Makes sure the studio can write its data folder before anything opens a database in it, and says so plainly
// when it cannot (a read-only disk, a path through a file, no permission).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function ensureWritableDataDir(dir: string): void {
  const probe = join(dir, `.write-check-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, 'ok');
    rmSync(probe, { force: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the disk is read-only'
          : code === 'ENOTDIR' || code === 'EEXIST'
            ? 'part of that path is a file, not a folder'
            : code === 'ENOSPC'
              ? 'the disk is full'
              : (err as Error).message;
    throw new Error(
      `The studio cannot write its data folder ${dir} (${why}). ` +
        'Choose another folder with --data-dir DIR (or STUDIO_DATA_DIR), or fix its permissions. Nothing was changed.',
      { cause: err },
    );
  }
}
