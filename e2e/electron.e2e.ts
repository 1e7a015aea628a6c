// The same shell in the real Electron window, where an Electron runtime exists. Elsewhere it says why it
// is skipped.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { root, shot } from './harness';

function electronBinary(): string | null {
  const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

const exe = electronBinary();
const hasDisplay = Boolean(process.env.DISPLAY || process.platform !== 'linux');
const reason = !exe
  ? 'no Electron runtime is installed on this machine (its binary downloads on first run, which needs the internet)'
  : !hasDisplay
    ? 'there is no display (DISPLAY is unset)'
    : '';
if (reason) console.log(`Skipping the Electron end-to-end test: ${reason}.`);

describe.skipIf(Boolean(reason))('Electron studio', () => {
  it('opens one hardened window whose System panel fills in over IPC', async () => {
    const app = await electron.launch({
      executablePath: exe ?? undefined,
      args: [root],
      env: { ...process.env, STUDIO_DATA_DIR: mkdtempSync(join(tmpdir(), 'studio-electron-')) },
    });
    const page = await app.firstWindow();
    await page.getByTestId('system-panel').first().locator('[data-field=schema] dd').waitFor();
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((window as unknown as { studio: object }).studio).sort())).toEqual([
      'call',
      'onEvent',
    ]);
    await shot(page, 'electron-shell');
    await app.close();
  });
});
