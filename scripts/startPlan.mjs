// The decisions `npm start` makes, as pure functions: where the build tool is, whether to build, which runtime
// opens the studio, and whether Electron's copy of the native modules is ready. scripts/start.mjs acts on them.
import { join } from 'node:path';

/** The native modules the main process loads; each needs a build for the runtime that loads it. */
export const NATIVE_MODULES = ['better-sqlite3'];

/** The build tool's entry, read from its package.json `bin` (its `exports` map hides the file from resolve). */
export function packageBin(pkgJson, pkgDir, name) {
  const bin = typeof pkgJson.bin === 'string' ? pkgJson.bin : pkgJson.bin?.[name];
  if (!bin) throw new Error(`${pkgJson.name ?? name} declares no "${name}" command in its package.json.`);
  return join(pkgDir, bin);
}

/** Build when nothing is built yet, or any source is newer than the build. */
export function needsBuild({ builtMtimeMs, newestSourceMtimeMs }) {
  return builtMtimeMs === null || newestSourceMtimeMs > builtMtimeMs;
}

/** What the Electron build of the native modules must have been made for. */
export function electronNativeTarget({ electronVersion, abi, platform, arch, moduleVersions }) {
  return { electronVersion, abi, platform, arch, modules: moduleVersions };
}

/**
 * 'ready' when the stamp left by the last Electron build matches this Electron, machine and module versions and
 * every binding file is there; 'build' otherwise. The Node build in node_modules is never touched.
 */
export function electronNativeAction({ target, stamp, bindingsPresent }) {
  if (!bindingsPresent || !stamp) return 'build';
  return JSON.stringify(stamp) === JSON.stringify(target) ? 'ready' : 'build';
}

/** Which runtime opens the studio, and the line that says why when it is not the one asked for. */
export function chooseRuntime({ forceHeadless, electronExe, native }) {
  if (forceHeadless) return { runtime: 'headless', note: null };
  if (!electronExe)
    return {
      runtime: 'headless',
      note: 'No Electron runtime here (its download failed or is not possible offline): starting the headless host instead.',
    };
  if (native && !native.ok)
    return {
      runtime: 'headless',
      note:
        `The studio's database module could not be prepared for Electron ${native.electronVersion}: ${native.reason}. ` +
        'This needs the internet once (a prebuilt module or Electron headers to compile against). ' +
        'Starting the headless host instead; run `npm start` again when connected to open the Electron studio.',
    };
  return { runtime: 'electron', note: null };
}

/** The first line of a build failure, in words a VJ can act on (offline is by far the most common cause). */
export function nativeFailureReason(err) {
  const text = String(err?.message ?? err ?? 'unknown error');
  if (
    /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|getaddrinfo|socket hang up|network connectivity|proxy/i.test(
      text,
    )
  )
    return 'the download failed (no internet connection?)';
  // @electron/rebuild only says node-gyp failed; offline, that is because Electron's headers cannot be fetched.
  if (/gyp|make|compiler|cl\.exe|xcode/i.test(text))
    return (
      'no prebuilt module could be downloaded and compiling it failed ' +
      "(that needs Electron's headers from the internet and a C++ build toolchain)"
    );
  return text.split('\n')[0].slice(0, 300);
}

/** The environment the Electron studio starts with: where its own build of the database module is. */
export function electronEnv(baseEnv, sqliteBinding) {
  return sqliteBinding ? { ...baseEnv, STUDIO_SQLITE_BINDING: sqliteBinding } : { ...baseEnv };
}
