// Vitest's global setup: every test run keeps its temporary files (platform data folders, RTMP stores, recordings,
// Chromium profiles, ffmpeg's scratch) in one folder of its own under the system's, removed when the run ends, so
// a run that passes or fails leaves nothing behind. The forked test processes inherit it as TMPDIR (TEMP/TMP on
// Windows). Folders of runs that died (their process is gone) are swept at the next start.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processIsRunning } from '../common/processAlive';

const PREFIX = 'vj-tests-';
const VARIABLES = ['TMPDIR', 'TEMP', 'TMP'] as const;

export default function setup(): () => void {
  const root = tmpdir();
  sweepDeadRuns(root);
  const dir = mkdtempSync(join(root, `${PREFIX}${process.pid}-`));
  const before = VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of VARIABLES) process.env[name] = dir;
  return () => {
    for (const [name, value] of before) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
}

function sweepDeadRuns(root: string): void {
  for (const name of readdirSync(root)) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && processIsRunning(pid)) continue;
    rmSync(join(root, name), { recursive: true, force: true });
  }
}
