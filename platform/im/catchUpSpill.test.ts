// The catch-up log's disk part: frames memory let go are read back from files in order, within bounds on bytes,
// frames and age (named constants), and the files go when the room ends.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatchUpLog, type CatchUpReader } from './catchUp';
import {
  CATCH_UP_DISK_BYTES,
  CATCH_UP_DISK_FRAMES,
  CATCH_UP_DISK_MS,
  CatchUpSpill,
  type SpillLimits,
} from './catchUpSpill';

function reader(): CatchUpReader & { got: string[] } {
  const got: string[] = [];
  return {
    got,
    send: (f) => got.push(f.toString()),
    get unsentBytes() {
      return 0;
    },
  };
}

const frame = (i: number) => Buffer.from(`frame ${i} `.padEnd(100, '.'));
const names = (r: { got: string[] }) => r.got.map((g) => Number(g.split(' ')[1]));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const limits = (l: Partial<SpillLimits>): SpillLimits => ({
  bytes: 1 << 20,
  ms: 600_000,
  frames: 10_000,
  segmentBytes: 1000,
  ...l,
});

describe('CatchUpSpill', () => {
  it('bounds what a stranger can make a room keep on disk: 1 GiB, 10 minutes, 100,000 frames', () => {
    expect(CATCH_UP_DISK_BYTES).toBe(1024 * 1024 * 1024);
    expect(CATCH_UP_DISK_MS).toBe(600_000);
    expect(CATCH_UP_DISK_FRAMES).toBe(100_000);
  });

  it('gives a reader behind what memory holds every frame from disk, then from memory, in order', () => {
    const spill = new CatchUpSpill(limits({}));
    const log = new CatchUpLog(300, 60_000, spill); // three frames fit in memory
    for (let i = 1; i <= 40; i++) log.append(i, frame(i), 1000);
    const r = reader();
    expect(log.follow(r, 0)).toBe(true); // nothing lost: 37 frames are on disk
    log.pump();
    expect(names(r)).toEqual(range(1, 40));
    const mid = reader();
    expect(log.follow(mid, 17)).toBe(true);
    log.pump();
    expect(names(mid)).toEqual(range(18, 40));
    expect(readdirSync(spill.folder!).length).toBeGreaterThan(1); // 3,700 bytes in files of 1,000
    log.close();
    expect(existsSync(spill.folder ?? '/nonexistent')).toBe(false);
  });

  it('drops the oldest frames past its frame, byte and age bounds, and says a reader from before lost some', () => {
    const byFrames = new CatchUpLog(100, 60_000, new CatchUpSpill(limits({ frames: 10 })));
    for (let i = 1; i <= 30; i++) byFrames.append(i, frame(i), 1000);
    const r1 = reader();
    expect(byFrames.follow(r1, 0)).toBe(false);
    byFrames.pump();
    expect(names(r1)).toEqual(range(20, 30)); // ten on disk and one in memory
    expect(byFrames.follow(reader(), 19)).toBe(true);

    const bySize = new CatchUpSpill(limits({ bytes: 1000, segmentBytes: 500 }));
    const sized = new CatchUpLog(100, 60_000, bySize);
    for (let i = 1; i <= 30; i++) sized.append(i, frame(i), 1000);
    const r2 = reader();
    expect(sized.follow(r2, 0)).toBe(false);
    sized.pump();
    expect(names(r2)).toEqual(range(21, 30)); // two 500-byte files: frames 21-29, then memory's 30
    expect(readdirSync(bySize.folder!)).toHaveLength(2);

    const aged = new CatchUpLog(100, 60_000, new CatchUpSpill(limits({ ms: 10_000 })));
    for (let i = 1; i <= 10; i++) aged.append(i, frame(i), 1000 * i);
    aged.append(11, frame(11), 70_000); // memory lets 10 go; on disk, frames from before 60,000 age out
    const r3 = reader();
    expect(aged.follow(r3, 0)).toBe(false);
    aged.pump();
    expect(names(r3)).toEqual([10, 11]);
    for (const l of [byFrames, sized, aged]) l.close();
  });

  it('a full disk loses what is on disk, not the room: readers behind are told, and the disk is tried again', () => {
    const root = mkdtempSync(join(tmpdir(), 'spill-full-'));
    try {
      // One frame a file; the second file is the kernel's always-full device, so its write fails with ENOSPC.
      const spill = new CatchUpSpill(limits({ segmentBytes: 100 }), root);
      const log = new CatchUpLog(100, 60_000, spill); // one frame fits in memory
      log.append(1, frame(1), 1000);
      log.append(2, frame(2), 1000); // frame 1 to disk, file 0
      symlinkSync('/dev/full', join(spill.folder!, '1.frames'));
      expect(() => log.append(3, frame(3), 1000)).not.toThrow(); // frame 2 meets the full disk
      expect(spill.lastError?.message).toMatch(/ENOSPC/);
      const behind = reader();
      expect(log.follow(behind, 0)).toBe(false); // frames 1 and 2 are gone, and it is told
      log.pump();
      expect(names(behind)).toEqual([3]);
      // The disk has room again: the frames after keep being caught up from it.
      for (let i = 4; i <= 8; i++) log.append(i, frame(i), 1000);
      const late = reader();
      expect(log.follow(late, 2)).toBe(true);
      log.pump();
      expect(names(late)).toEqual(range(3, 8));
      log.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('deletes the folders a crashed hub left behind, and not those of a hub still running', () => {
    const root = mkdtempSync(join(tmpdir(), 'spill-left-'));
    try {
      // A process that has ended: its id is free (a crash leaves the folder; nothing deletes it).
      const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
      const crashed = join(root, `vj-im-catchup-${ended}-abc`);
      const alive = join(root, `vj-im-catchup-${process.ppid}-def`);
      const other = join(root, 'someone-else');
      for (const d of [crashed, alive, other]) mkdirSync(d);
      const spill = new CatchUpSpill(limits({}), root);
      spill.add(1, frame(1), 1000, 1000);
      expect(existsSync(crashed)).toBe(false);
      expect(existsSync(alive)).toBe(true);
      expect(existsSync(other)).toBe(true);
      expect(spill.folder!.startsWith(join(root, `vj-im-catchup-${process.pid}-`))).toBe(true);
      spill.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
