// `npm start`: builds the studio when needed, then opens the Electron studio, or, where no Electron runtime can be
// had (a headless server, an offline machine), starts the headless host instead. Its decisions: ./startPlan.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareElectronNative } from './electronNative.mjs';
import { chooseRuntime, electronEnv, needsBuild, packageBin } from './startPlan.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const forceHeadless = args.includes('--headless') || process.env.STUDIO_HEADLESS === '1';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function buildIfStale() {
  const built = join(root, 'out', 'main', 'headless.js');
  const sources = ['main', 'preload', 'renderer', 'platform'].filter((d) => existsSync(join(root, d)));
  const stale = needsBuild({
    builtMtimeMs: existsSync(built) ? statSync(built).mtimeMs : null,
    newestSourceMtimeMs: Math.max(0, ...sources.map((d) => newestMtime(join(root, d)))),
  });
  if (!stale) return;
  console.log('Building the studio…');
  const pkgFile = require.resolve('electron-vite/package.json');
  const bin = packageBin(JSON.parse(readFileSync(pkgFile, 'utf8')), dirname(pkgFile), 'electron-vite');
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(
      r.error
        ? `The studio could not be built: ${r.error.message}`
        : 'The studio could not be built (the lines above say why). Run `npm install` if node_modules is incomplete.',
    );
    process.exit(r.status ?? 1);
  }
}

function electronBinary() {
  const pkgDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

function tryInstallElectron() {
  const pkgDir = dirname(require.resolve('electron/package.json'));
  console.log('Fetching the Electron runtime (first run)…');
  const r = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { cwd: pkgDir, stdio: 'pipe', timeout: 120_000 });
  return r.status === 0 ? electronBinary() : null;
}

buildIfStale();
const electronExe = forceHeadless ? null : (electronBinary() ?? tryInstallElectron());
const native = electronExe ? await prepareElectronNative(root) : null;
const { runtime, note } = chooseRuntime({ forceHeadless, electronExe, native });
if (note) console.log(note);
const passThrough = args.filter((a) => a !== '--headless');
const child =
  runtime === 'electron'
    ? spawn(electronExe, [root, ...passThrough], {
        cwd: root,
        stdio: 'inherit',
        env: electronEnv(process.env, native?.sqliteBinding ?? null),
      })
    : spawn(process.execPath, [join(root, 'out', 'main', 'headless.js'), ...passThrough], {
        cwd: root,
        stdio: 'inherit',
      });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
