import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packagedAppPaths, packagedFfmpeg } from './packagedApp.mjs';

const root = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  strategy?: { matrix: { include: Record<string, string>[] } };
  steps: Step[];
}
const workflow = parse(read('.github/workflows/release.yml')) as {
  on: { push: { tags: string[] } };
  jobs: Record<string, Job>;
};
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
const build = workflow.jobs.build!;
const runs = build.steps.map((s) => s.run ?? '');

describe('the release workflow', () => {
  it('runs from a version tag and builds each installer on its own runner', () => {
    expect(workflow.on.push.tags).toEqual(['v*.*.*']);
    const targets = build.strategy!.matrix.include.map((m) => `${m.platform}-${m.arch} ${m.target} on ${m.runner}`);
    expect(targets).toEqual([
      'win32-x64 --win nsis --x64 on windows-2022',
      'darwin-arm64 --mac dmg --arm64 on macos-14',
      'darwin-x64 --mac dmg --x64 on macos-13',
      'linux-x64 --linux AppImage --x64 on ubuntu-22.04',
    ]);
    expect(workflow.jobs.publish!.needs).toBe('build');
  });

  it('names only scripts that exist and npm scripts that package.json has', () => {
    const pkgScripts = Object.keys(JSON.parse(read('package.json')).scripts as Record<string, string>);
    const named = steps.flatMap((s) => [...(s.run ?? '').matchAll(/\b(scripts\/[\w./-]+\.m?js)\b/g)].map((m) => m[1]!));
    expect(named.length).toBeGreaterThanOrEqual(5);
    for (const file of named) expect(existsSync(join(root, file)), file).toBe(true);
    for (const m of steps.flatMap((s) => [...(s.run ?? '').matchAll(/\bnpm run (\S+)/g)]))
      expect(pkgScripts, `npm run ${m[1]}`).toContain(m[1]);
  });

  it('names actions as owner/name@version, each step doing one of run or uses', () => {
    for (const s of steps) {
      expect(!!s.run !== !!s.uses, JSON.stringify(s)).toBe(true);
      if (s.uses) expect(s.uses).toMatch(/^[\w-]+\/[\w-]+(\/[\w-]+)*@v\d+(\.\d+)*$/);
    }
  });

  it("fetches ffmpeg for the target, runs the packaged one's -version and smoke-tests the app on every runner", () => {
    const order = (pattern: RegExp) => runs.findIndex((r) => pattern.test(r));
    const fetch = order(/fetchFfmpeg\.mjs --platform \$\{\{ matrix\.platform \}\} --arch \$\{\{ matrix\.arch \}\}/);
    const pack = order(/electron-builder \$\{\{ matrix\.target \}\} --publish never/);
    const ffmpeg = order(/checkPackagedFfmpeg\.mjs/);
    const smoke = build.steps.filter((s) => /smokeTest\.mjs/.test(s.run ?? ''));
    expect(fetch).toBeGreaterThanOrEqual(0);
    expect(pack).toBeGreaterThan(fetch);
    expect(ffmpeg).toBeGreaterThan(pack);
    // Between them the two smoke steps cover every runner: xvfb-run on Linux, as is elsewhere.
    expect(smoke.map((s) => `${s.if} → ${s.run}`)).toEqual([
      "matrix.platform == 'linux' → xvfb-run -a node scripts/release/smokeTest.mjs --dist dist",
      "matrix.platform != 'linux' → node scripts/release/smokeTest.mjs --dist dist",
    ]);
    expect(runs.findIndex((r) => /smokeTest/.test(r))).toBeGreaterThan(ffmpeg);
  });

  it('says whether it signs before packaging', () => {
    const status = runs.findIndex((r) => /signingStatus\.mjs/.test(r));
    expect(status).toBeGreaterThanOrEqual(0);
    expect(status).toBeLessThan(runs.findIndex((r) => /electron-builder/.test(r)));
  });
});

describe("electron-builder's config", () => {
  const config = parse(read('electron-builder.yml')) as {
    asarUnpack: string[];
    npmRebuild: boolean;
    publish: { provider: string };
    win: { target: string[] };
    mac: { target: string[] };
    linux: { target: string[] };
  };

  it('keeps ffmpeg and the native modules (SQLite, ONNX Runtime) unpacked, so they can be executed and loaded', () => {
    expect(config.asarUnpack).toContain('node_modules/ffmpeg-static/**');
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.asarUnpack).toContain('node_modules/onnxruntime-node/bin/**');
    expect(config.npmRebuild).toBe(true);
    expect(config.publish.provider).toBe('github');
    expect([config.win.target, config.mac.target, config.linux.target]).toEqual([['nsis'], ['dmg'], ['AppImage']]);
  });

  it('puts the packaged ffmpeg where the studio looks for it', () => {
    expect(packagedFfmpeg('dist', 'linux', 'x64')).toBe(
      join('dist', 'linux-unpacked', 'resources', 'app.asar.unpacked', 'node_modules', 'ffmpeg-static', 'ffmpeg'),
    );
    expect(packagedFfmpeg('dist', 'win32', 'x64')).toBe(
      join('dist', 'win-unpacked', 'resources', 'app.asar.unpacked', 'node_modules', 'ffmpeg-static', 'ffmpeg.exe'),
    );
    expect(packagedAppPaths('dist', 'darwin', 'arm64').executable).toBe(
      join('dist', 'mac-arm64', 'VJ Studio.app', 'Contents', 'MacOS', 'VJ Studio'),
    );
  });
});
