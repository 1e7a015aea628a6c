import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chooseRuntime,
  electronEnv,
  electronNativeAction,
  electronNativeTarget,
  NATIVE_MODULES,
  nativeFailureReason,
  needsBuild,
  packageBin,
} from './startPlan.mjs';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('the build step', () => {
  it("finds electron-vite's command through its package.json, which its exports map hides from resolve", () => {
    expect(() => require.resolve('electron-vite/bin/electron-vite.js')).toThrow(/not defined by "exports"/);
    const pkgFile = require.resolve('electron-vite/package.json');
    const bin = packageBin(readJson(pkgFile), dirname(pkgFile), 'electron-vite');
    expect(existsSync(bin)).toBe(true);
    expect(packageBin({ name: 'x', bin: 'cli.js' }, '/p', 'x')).toBe(join('/p', 'cli.js'));
    expect(() => packageBin({ name: 'x', bin: { y: 'y.js' } }, '/p', 'x')).toThrow('x declares no "x" command');
  });

  it('builds when nothing is built or a source is newer', () => {
    expect(needsBuild({ builtMtimeMs: null, newestSourceMtimeMs: 0 })).toBe(true);
    expect(needsBuild({ builtMtimeMs: 100, newestSourceMtimeMs: 101 })).toBe(true);
    expect(needsBuild({ builtMtimeMs: 100, newestSourceMtimeMs: 100 })).toBe(false);
  });
});

describe("Electron's build of the native modules", () => {
  const target = electronNativeTarget({
    electronVersion: '45.4.1',
    abi: '150',
    platform: 'win32',
    arch: 'x64',
    moduleVersions: { 'better-sqlite3': '12.11.1' },
  });

  it('is reused only when it was made for this Electron, machine and module version', () => {
    expect(electronNativeAction({ target, stamp: target, bindingsPresent: true })).toBe('ready');
    expect(electronNativeAction({ target, stamp: null, bindingsPresent: true })).toBe('build');
    expect(electronNativeAction({ target, stamp: target, bindingsPresent: false })).toBe('build');
    expect(
      electronNativeAction({ target, stamp: { ...target, electronVersion: '45.4.0' }, bindingsPresent: true }),
    ).toBe('build');
    expect(electronNativeAction({ target, stamp: { ...target, arch: 'arm64' }, bindingsPresent: true })).toBe('build');
    expect(
      electronNativeAction({
        target,
        stamp: { ...target, modules: { 'better-sqlite3': '12.10.0' } },
        bindingsPresent: true,
      }),
    ).toBe('build');
  });

  it('covers every native module among the dependencies the main process loads', () => {
    const deps = Object.keys(readJson(join(root, 'package.json')).dependencies as Record<string, string>);
    const native = deps.filter((d) => existsSync(join(root, 'node_modules', d, 'binding.gyp'))).sort();
    expect([...NATIVE_MODULES].sort()).toEqual(native);
  });

  it('hands the Electron studio the path of its own build, leaving the rest of the environment as it was', () => {
    const env = electronEnv({ PATH: '/bin' }, '/cache/better_sqlite3.node');
    expect(env).toEqual({ PATH: '/bin', STUDIO_SQLITE_BINDING: '/cache/better_sqlite3.node' });
    expect(electronEnv({ PATH: '/bin' }, null)).toEqual({ PATH: '/bin' });
  });
});

describe('which runtime opens the studio', () => {
  it('is Electron only when its runtime and its native build are both ready', () => {
    expect(
      chooseRuntime({ forceHeadless: false, electronExe: '/e', native: { ok: true, sqliteBinding: '/b' } }),
    ).toEqual({ runtime: 'electron', note: null });
    expect(chooseRuntime({ forceHeadless: true, electronExe: '/e', native: null })).toEqual({
      runtime: 'headless',
      note: null,
    });
    const noElectron = chooseRuntime({ forceHeadless: false, electronExe: null, native: null });
    expect(noElectron.runtime).toBe('headless');
    expect(noElectron.note).toContain('No Electron runtime here');
  });

  it('falls back to the headless host in plain words when the native build cannot be had offline', () => {
    const offline = new Error('getaddrinfo ENOTFOUND github.com');
    const reason = nativeFailureReason(offline);
    expect(reason).toBe('the download failed (no internet connection?)');
    const r = chooseRuntime({
      forceHeadless: false,
      electronExe: '/e',
      native: { ok: false, electronVersion: '45.4.1', reason },
    });
    expect(r.runtime).toBe('headless');
    expect(r.note).toContain(
      "The studio's database module could not be prepared for Electron 45.4.1: the download failed (no internet connection?).",
    );
    expect(r.note).toContain('Starting the headless host instead');
    // What node-gyp says offline when it cannot fetch Electron's headers (seen here, with no internet).
    const gypOffline = new Error(
      'This is most likely not a problem with node-gyp or the package itself and\nis related to network connectivity.',
    );
    expect(nativeFailureReason(gypOffline)).toBe('the download failed (no internet connection?)');
    // What @electron/rebuild throws here offline (node-gyp's own words about the network go to stderr).
    expect(nativeFailureReason(new Error("node-gyp failed to rebuild '/x/node_modules/better-sqlite3'"))).toBe(
      'no prebuilt module could be downloaded and compiling it failed ' +
        "(that needs Electron's headers from the internet and a C++ build toolchain)",
    );
    expect(nativeFailureReason('first line\nsecond')).toBe('first line');
  });
});
