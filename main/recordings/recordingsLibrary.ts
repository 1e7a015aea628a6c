// The recordings on disk: list with duration, size, date and thumbnail; delete; export (remux to a plain
// MP4 with progress); and, on start, the repair of segments a crash left open (their journal remains).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { StudioError } from '../contract/errors';
import { refusalWords } from '../contract/refusalWords';
import type { Recording } from '../contract/recordings';
import { remuxArgs, thumbnailArgs } from '../media/outputCommands';
import { JOURNAL_SUFFIX } from '../media/recordOutput';
import { probeDuration, runWithProgress } from './mediaProbe';

export interface RepairResult {
  file: string;
  ok: boolean;
  message: string;
}

export class RecordingsLibrary {
  private readonly thumbs: string;
  private readonly repairedList: string;

  constructor(
    readonly folder: string,
    private readonly ffmpeg: string,
  ) {
    mkdirSync(folder, { recursive: true });
    this.thumbs = join(folder, '.thumbs');
    this.repairedList = join(folder, '.repaired.json');
  }

  private repairedNames(): Set<string> {
    try {
      return new Set(JSON.parse(readFileSync(this.repairedList, 'utf8')) as string[]);
    } catch {
      return new Set();
    }
  }

  /**
   * Finds recordings a crash left open (a journal without a clean stop) and remuxes each unfinished segment
   * into a plain MP4. Segments the segment muxer had closed are whole already and are left alone.
   */
  async repairUnfinished(skipPrefixes: ReadonlySet<string> = new Set()): Promise<RepairResult[]> {
    const results: RepairResult[] = [];
    const repaired = this.repairedNames();
    for (const journal of readdirSync(this.folder).filter((f) => f.startsWith('.') && f.endsWith(JOURNAL_SUFFIX))) {
      const prefix = journal.slice(1, -JOURNAL_SUFFIX.length);
      if (skipPrefixes.has(prefix)) continue;
      let closed = new Set<string>();
      try {
        closed = new Set(
          readFileSync(join(this.folder, `.${prefix}.csv`), 'utf8')
            .split(/\r?\n/)
            .map((l) => l.split(',')[0] ?? '')
            .filter(Boolean)
            .map((f) => basename(f)),
        );
      } catch {
        // No segment closed before the crash.
      }
      const open = readdirSync(this.folder).filter(
        (f) => f.startsWith(`${prefix}-`) && f.endsWith('.mp4') && !closed.has(f),
      );
      for (const name of open) {
        const file = join(this.folder, name);
        const tmp = join(this.folder, `.${name}.repair.mp4`);
        try {
          await runWithProgress(this.ffmpeg, remuxArgs(file, tmp), null, () => {});
          renameSync(tmp, file);
          repaired.add(name);
          results.push({ file, ok: true, message: 'repaired' });
        } catch (err) {
          rmSync(tmp, { force: true });
          // Nothing readable (killed before the first fragment): keep the bytes aside, out of the list.
          renameSync(file, join(this.folder, `.${name}.unreadable`));
          results.push({ file, ok: false, message: (err as Error).message });
        }
      }
      rmSync(join(this.folder, journal), { force: true });
    }
    writeFileSync(this.repairedList, JSON.stringify([...repaired]));
    return results;
  }

  private path(name: string): string {
    const file = join(this.folder, basename(name));
    if (basename(name) !== name || name.startsWith('.') || !existsSync(file))
      throw new StudioError('not_found', refusalWords.recordings.noSuchRecording(name));
    return file;
  }

  private async thumbnail(file: string, name: string): Promise<string | null> {
    mkdirSync(this.thumbs, { recursive: true });
    const thumb = join(this.thumbs, `${name}.jpg`);
    if (!existsSync(thumb)) {
      await runWithProgress(this.ffmpeg, thumbnailArgs(file, thumb), null, () => {}).catch(() => undefined);
      if (!existsSync(thumb))
        await runWithProgress(
          this.ffmpeg,
          thumbnailArgs(file, thumb).map((a) => (a === '1' ? '0' : a)),
          null,
          () => {},
        ).catch(() => undefined);
    }
    return existsSync(thumb) ? `data:image/jpeg;base64,${readFileSync(thumb).toString('base64')}` : null;
  }

  async list(skipOpen: ReadonlySet<string> = new Set()): Promise<Recording[]> {
    const repaired = this.repairedNames();
    const names = readdirSync(this.folder).filter((f) => f.endsWith('.mp4') && !f.startsWith('.'));
    const out: Recording[] = [];
    for (const name of names) {
      const file = join(this.folder, name);
      const st = statSync(file);
      const open = [...skipOpen].some((p) => name.startsWith(`${p}-`));
      out.push({
        name,
        path: file,
        sizeBytes: st.size,
        durationSec: await probeDuration(this.ffmpeg, file),
        createdAt: st.birthtimeMs || st.mtimeMs,
        thumbnail: open ? null : await this.thumbnail(file, name),
        repaired: repaired.has(name),
      });
    }
    return out.sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
  }

  delete(name: string): void {
    const file = this.path(name);
    rmSync(file);
    rmSync(join(this.thumbs, `${name}.jpg`), { force: true });
  }

  reveal(name: string): string {
    return this.path(name);
  }

  /** Remuxes a recording into `<name>-export.mp4` (index first, plays and seeks everywhere). */
  async export(name: string, onProgress: (fraction: number) => void): Promise<string> {
    const file = this.path(name);
    const output = join(this.folder, name.replace(/\.mp4$/i, '') + '-export.mp4');
    const tmp = join(this.folder, `.${basename(output)}.tmp.mp4`);
    const duration = await probeDuration(this.ffmpeg, file);
    onProgress(0);
    try {
      await runWithProgress(this.ffmpeg, remuxArgs(file, tmp), duration, onProgress);
      renameSync(tmp, output);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw new StudioError('media_error', refusalWords.recordings.exportFailed(name, (err as Error).message));
    }
    onProgress(1);
    return output;
  }
}
