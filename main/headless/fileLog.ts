// The headless host's log file, `<data dir>/logs/studio.log`: one time-stamped line per entry, appended
// synchronously (so a report written just before a crash is on disk), and moved aside to studio.old.log when it
// passes MAX_LOG_BYTES, so it never fills a disk.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const MAX_LOG_BYTES = 5 * 1024 * 1024;

export interface FileLog {
  path: string;
  write(line: string): void;
}

export function openFileLog(dataDir: string, maxBytes = MAX_LOG_BYTES): FileLog {
  const dir = join(dataDir, 'logs');
  const path = join(dir, 'studio.log');
  mkdirSync(dir, { recursive: true });
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    size = 0;
  }
  return {
    path,
    write(line) {
      const entry = `${new Date().toISOString()} ${line}\n`;
      try {
        if (size > 0 && size + entry.length > maxBytes) {
          renameSync(path, join(dir, 'studio.old.log'));
          size = 0;
        }
        appendFileSync(path, entry);
        size += Buffer.byteLength(entry);
      } catch {
        // A log that cannot be written must never be what stops the show.
      }
    },
  };
}
