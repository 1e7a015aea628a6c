// An entry for end-to-end runs: the headless host exactly as main/headless.ts starts it, with content safety's
// scripted classifier and synthetic program handed to createStudio. `--safety-script FILE` names the scores;
// every other argument is the headless host's own. Run from source: node --import tsx testSupport/scriptedSafetyHost.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHeadlessArgs } from '../main/headless/args';
import { launchHeadless, serveUntilSignalled, type LaunchedHeadless } from '../main/headless/launch';
import { readAppVersion } from '../main/system';
import { startPlatform } from './platform';
import { feedSyntheticProgram, scriptedClassifierFromFile } from './scriptedSafety';

async function main(): Promise<LaunchedHeadless> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--safety-script');
  const script = at >= 0 ? argv.splice(at, 2)[1] : undefined;
  if (!script) throw new Error('--safety-script FILE is required');
  const classifier = scriptedClassifierFromFile(script);
  return launchHeadless({
    args: parseHeadlessArgs(argv),
    rendererDir: join(root, 'out', 'renderer'),
    appVersion: readAppVersion(join(root, 'package.json')),
    say: (line) => console.log(line),
    warn: (line) => console.error(line),
    platformStarter: (o) => startPlatform(o),
    safety: { safetyClassifier: () => classifier, programFrames: feedSyntheticProgram },
  });
}

serveUntilSignalled(main());
