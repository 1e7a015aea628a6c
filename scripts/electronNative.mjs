// Builds the native modules for Electron's ABI in a folder of their own, so node_modules keeps the build for Node
// that the headless host and the tests load. The Electron studio is pointed at this copy (STUDIO_SQLITE_BINDING).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { electronNativeAction, electronNativeTarget, NATIVE_MODULES, nativeFailureReason } from './startPlan.mjs';

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

function bindingFile(dir) {
  return join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

export async function prepareElectronNative(root, log = console.log) {
  const electronDir = join(root, 'node_modules', 'electron');
  const electronVersion = readJson(join(electronDir, 'package.json')).version;
  const abi = existsSync(join(electronDir, 'abi_version'))
    ? readFileSync(join(electronDir, 'abi_version'), 'utf8').trim()
    : null;
  const moduleVersions = Object.fromEntries(
    NATIVE_MODULES.map((name) => [name, readJson(join(root, 'node_modules', name, 'package.json')).version]),
  );
  const target = electronNativeTarget({
    electronVersion,
    abi,
    platform: process.platform,
    arch: process.arch,
    moduleVersions,
  });
  const dir = join(root, 'node_modules', '.cache', 'vj-studio-electron-native');
  const stampFile = join(dir, 'built-for.json');
  const stamp = existsSync(stampFile) ? readJson(stampFile) : null;
  const action = electronNativeAction({ target, stamp, bindingsPresent: existsSync(bindingFile(dir)) });
  if (action === 'ready') return { ok: true, sqliteBinding: bindingFile(dir) };

  log(`Preparing the database module for Electron ${electronVersion} (first run; kept apart from Node's build)…`);
  try {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    for (const name of NATIVE_MODULES) {
      const from = join(root, 'node_modules', name);
      // Everything but Node's build output: the copy is compiled (or fetched) for Electron from scratch.
      cpSync(from, join(dir, 'node_modules', name), {
        recursive: true,
        filter: (src) => relative(from, src).split(sep)[0] !== 'build',
      });
    }
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'vj-studio-electron-native', private: true, dependencies: moduleVersions }, null, 2),
    );
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({ buildPath: dir, electronVersion, arch: process.arch, onlyModules: NATIVE_MODULES, force: true });
    if (!existsSync(bindingFile(dir))) throw new Error('the build finished without producing better_sqlite3.node');
    writeFileSync(stampFile, JSON.stringify(target, null, 2));
    return { ok: true, sqliteBinding: bindingFile(dir) };
  } catch (err) {
    rmSync(stampFile, { force: true });
    return { ok: false, electronVersion, reason: nativeFailureReason(err) };
  }
}
