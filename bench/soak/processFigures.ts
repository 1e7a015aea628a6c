// What a long show is watched for, read from the OS: a process's resident memory and open files, the ffmpeg
// processes a studio has running, the Node heap after a full collection, and file sizes (SQLite and its WAL).
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

const MB = 1024 * 1024;

/** Resident set size of a process in MB (VmRSS), null once it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Where a process's resident memory lies (/proc/<pid>/smaps_rollup): anonymous (heaps, malloc arenas, V8) or
 * file-backed (code and mapped files such as a SQLite database), in MB; null once it is gone. */
export function residentSplitMb(pid: number | 'self' = 'self'): { anonMb: number; fileMb: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
    const anon = kb('Anonymous');
    return { anonMb: anon / 1024, fileMb: (kb('Rss') - anon) / 1024 };
  } catch {
    return null;
  }
}

/** Open file descriptors of a process (sockets, pipes and files alike). */
export function openFds(pid: number | 'self' = 'self'): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** What the open descriptors are, grouped (socket, pipe, anon_inode:..., or the file's folder), for finding a leak. */
export function fdKinds(pid: number | 'self' = 'self'): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    const kind = /^(socket|pipe|anon_inode:[^\]]+)/.exec(target)?.[1] ?? target.replace(/\/[^/]*$/, '/');
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

export interface ChildProcessFigure {
  pid: number;
  /** What it runs, e.g. the ffmpeg's first output or its role, shortened. */
  what: string;
  rssMb: number;
}

/** Every process whose parent is `parent` and whose program is `comm` (e.g. each ffmpeg a studio spawned). */
export function childProcesses(parent: number, comm = 'ffmpeg'): ChildProcessFigure[] {
  const out: ChildProcessFigure[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may hold spaces, so split after its closing parenthesis.
      const close = stat.lastIndexOf(')');
      const procComm = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      if (ppid !== parent || procComm !== comm) continue;
      const pid = Number(name);
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean);
      out.push({ pid, what: describeFfmpeg(args), rssMb: rssMb(pid) ?? 0 });
    } catch {
      // The process ended while it was read.
    }
  }
  return out.sort((a, b) => a.pid - b.pid);
}

/** A short name for an ffmpeg from its arguments: what it reads and where it writes. */
function describeFfmpeg(args: string[]): string {
  const inputs = args.flatMap((a, i) => (args[i - 1] === '-i' ? [a] : []));
  const input = inputs.length > 1 ? `${inputs.length} inputs` : (inputs[0] ?? '?');
  const shortIn = input.replace(/^.*\//, '').replace(/\?.*$/, '').slice(0, 40);
  const out = args.at(-1) ?? '';
  return `${shortIn} → ${out.replace(/^.*\//, '').slice(0, 30)}`;
}

let gcFunction: (() => void) | null = null;
/** The collector: `global.gc` under --expose-gc, else exposed at run time (vitest's workers start without it). */
function fullGc(): void {
  if (!gcFunction) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) gcFunction = exposed;
    else {
      setFlagsFromString('--expose-gc');
      gcFunction = runInNewContext('gc') as () => void;
    }
  }
  gcFunction();
}

/** The Node heap in MB after two full collections (the second catches what finalizers freed). */
export function heapAfterGcMb(): number {
  fullGc();
  fullGc();
  return process.memoryUsage().heapUsed / MB;
}

/** A file's size in MB, 0 when it does not exist (a WAL checkpointed away). */
export function fileMb(path: string): number {
  try {
    return statSync(path).size / MB;
  } catch {
    return 0;
  }
}

/** Least-squares slope of y over x: growth per unit of x, robust to one noisy sample at either end. */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  if (sxx === 0) return 0;
  return points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx;
}
