// The packaged app's smoke test, on each release runner before publishing (xvfb-run on Linux): Playwright opens
// the real app, the window shows, system.info answers over IPC with runtime "electron", the page's web
// preferences are the hardened ones, a sign-in on the embedded platform works, and the app quits cleanly.
// Usage: node scripts/release/smokeTest.mjs [--dist dist]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { packagedAppPaths } from './packagedApp.mjs';

const i = process.argv.indexOf('--dist');
const dist = i > 0 ? process.argv[i + 1] : 'dist';
const { executable } = packagedAppPaths(dist, process.platform, process.arch);
const dataDir = mkdtempSync(join(tmpdir(), 'vj-studio-smoke-'));
let step = 'launch';
const pass = (what) => console.log(`  ✓ ${what}`);

const app = await electron.launch({
  executablePath: executable,
  args: process.platform === 'linux' ? ['--no-sandbox'] : [],
  env: { ...process.env, STUDIO_DATA_DIR: dataDir },
  timeout: 120_000,
});
try {
  step = 'the window opens';
  const page = await app.firstWindow({ timeout: 120_000 });
  await page.waitForLoadState('domcontentloaded');
  pass(`window "${await page.title()}" at ${page.url().split('#')[0]}`);

  step = 'system.info over IPC';
  const call = (name, input = {}) => page.evaluate(([n, x]) => globalThis.studio.call(n, x), [name, input]);
  const info = await call('system.info');
  if (!info.ok || info.value.runtime !== 'electron') throw new Error(`system.info answered ${JSON.stringify(info)}`);
  pass(
    `system.info: runtime electron ${info.value.electronVersion}, ffmpeg ${info.value.ffmpeg?.found ? info.value.ffmpeg.version : 'MISSING'}`,
  );
  if (!info.value.ffmpeg?.found) throw new Error(`the packaged app found no ffmpeg: ${info.value.ffmpeg?.message}`);

  step = 'hardened web preferences';
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const w = BrowserWindow.getAllWindows()[0];
    return w.webContents.getLastWebPreferences();
  });
  const want = { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false };
  for (const [key, value] of Object.entries(want))
    if (prefs[key] !== value) throw new Error(`webPreferences.${key} is ${prefs[key]}, not ${value}`);
  const nodeInPage = await page.evaluate(
    () => typeof globalThis.require !== 'undefined' || typeof globalThis.process !== 'undefined',
  );
  if (nodeInPage) throw new Error('the page can reach Node (require or process is defined)');
  pass('web preferences: isolated, sandboxed, no Node in the page');

  step = 'sign in on the embedded platform';
  const created = await call('account.create', { userId: 'smoke_vj', password: 'smoke-test-pw', nickname: 'Smoke' });
  if (!created.ok) throw new Error(`account.create answered ${JSON.stringify(created)}`);
  await call('account.signOut');
  const signedIn = await call('account.signIn', { userId: 'smoke_vj', password: 'smoke-test-pw' });
  if (!signedIn.ok || !signedIn.value.signedIn) throw new Error(`account.signIn answered ${JSON.stringify(signedIn)}`);
  pass(`signed in as ${signedIn.value.userId ?? 'smoke_vj'} on the embedded platform`);

  step = 'quit cleanly';
  const exited = new Promise((resolve) => app.process().once('exit', (code) => resolve(code)));
  await app.close();
  const code = await exited;
  if (code !== 0 && code !== null) throw new Error(`the app exited with ${code}`);
  pass('quit');
  console.log('Smoke test passed.');
} catch (err) {
  console.error(`Smoke test FAILED at "${step}": ${err.message}`);
  await app.close().catch(() => {});
  process.exitCode = 1;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
