// Starts a worker thread from its TypeScript source (under tsx or vitest) or from its file built beside the bundle.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const resolveFrom = createRequire(import.meta.url);

/**
 * `callerUrl` is the spawning module's import.meta.url. Run from source, the worker is `sourceName` beside it,
 * loaded through tsx; built, it is `builtName` beside the bundle (or one folder up, from a chunk).
 */
export function spawnWorker(callerUrl: string, sourceName: string, builtName: string, workerData: unknown): Worker {
  const here = fileURLToPath(callerUrl);
  if (here.endsWith('.ts')) {
    const source = pathToFileURL(join(dirname(here), sourceName)).href;
    const tsx = pathToFileURL(
      join(dirname(resolveFrom.resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs'),
    ).href;
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); })`;
    return new Worker(boot, { eval: true, workerData });
  }
  const candidates = [join(dirname(here), builtName), join(dirname(here), '..', builtName)];
  const built = candidates.find((c) => existsSync(c));
  if (!built) throw new Error(`a worker is missing from the build (looked for ${candidates.join(', ')})`);
  return new Worker(built, { workerData });
}
