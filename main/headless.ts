// Entry of the headless host: `npm start` runs this where no Electron runtime exists.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPlatform } from '../platform';
import { parseHeadlessArgs } from './headless/args';
import { launchHeadless } from './headless/launch';
import { readAppVersion } from './system';

async function main(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = join(here, '..', '..');
  let args;
  try {
    args = parseHeadlessArgs(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const launched = await launchHeadless({
    args,
    rendererDir: join(root, 'out', 'renderer'),
    appVersion: readAppVersion(join(root, 'package.json')),
    say: (line) => console.log(line),
    warn: (line) => console.error(line),
    guard: process,
    // Local mode: the platform runs inside the studio on loopback.
    platformStarter: (o) => startPlatform(o),
  });
  console.log(`VJ Studio is running at ${launched.host.url}`);
  const stop = async () => {
    await launched.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(`VJ Studio could not start: ${(err as Error).message}`);
  process.exit(1);
});
