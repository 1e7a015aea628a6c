// Entry of the headless host: `npm start` runs this where no Electron runtime exists.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPlatform } from '../platform';
import { parseHeadlessArgs } from './headless/args';
import { launchHeadless, serveUntilSignalled, type LaunchedHeadless } from './headless/launch';
import { readAppVersion } from './system';

async function main(): Promise<LaunchedHeadless> {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = join(here, '..', '..');
  let args;
  try {
    args = parseHeadlessArgs(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  return launchHeadless({
    args,
    rendererDir: join(root, 'out', 'renderer'),
    appVersion: readAppVersion(join(root, 'package.json')),
    say: (line) => console.log(line),
    warn: (line) => console.error(line),
    guard: process,
    // Local mode: the platform runs inside the studio on loopback.
    platformStarter: (o) => startPlatform(o),
  });
}

serveUntilSignalled(main());
