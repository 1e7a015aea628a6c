// Entry of the headless host: `npm start` runs this where no Electron runtime exists.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPlatform } from '../platform';
import { createStudio } from './app';
import { parseHeadlessArgs } from './headless/args';
import { startHeadlessHost } from './headless/host';
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
  const studio = await createStudio({
    dataDir: args.dataDir,
    runtime: 'headless',
    appVersion: readAppVersion(join(root, 'package.json')),
    // Local mode: the platform runs inside the studio on loopback.
    platformStarter: (o) => startPlatform(o),
  });
  let host;
  try {
    host = await startHeadlessHost({
      studio,
      rendererDir: join(root, 'out', 'renderer'),
      host: args.host,
      port: args.port,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || args.port === 0) throw err;
    host = await startHeadlessHost({ studio, rendererDir: join(root, 'out', 'renderer'), host: args.host, port: 0 });
  }
  console.log(`VJ Studio is running at ${host.url}`);
  const stop = async () => {
    await host.close();
    await studio.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(`VJ Studio could not start: ${(err as Error).message}`);
  process.exit(1);
});
