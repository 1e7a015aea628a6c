// Shared by the end-to-end tests: starts the built headless host as a real child process, and Debian's
// Chromium through playwright-core. Screenshots land under test-output/e2e/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const root = resolve(import.meta.dirname, '..');
export const screenshotDir = join(root, 'test-output', 'e2e');
mkdirSync(screenshotDir, { recursive: true });

/** How long a host has to exit after a stop signal before it is killed (it closes each service within 10 s). */
const HOST_EXIT_WAIT_MS = 25_000;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs, headless: true });
}

export interface RunningHost {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startHost(
  options: { dataDir?: string; args?: string[]; env?: NodeJS.ProcessEnv; safetyScript?: string } = {},
): Promise<RunningHost> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'studio-e2e-'));
  const child = spawn(
    process.execPath,
    [
      // With a safety script: the test-support entry that hands content safety's doubles to createStudio.
      ...(options.safetyScript
        ? [
            '--import',
            'tsx',
            join(root, 'testSupport', 'scriptedSafetyHost.ts'),
            '--safety-script',
            options.safetyScript,
          ]
        : [join(root, 'out', 'main', 'headless.js')]),
      '--port',
      '0',
      '--data-dir',
      dataDir,
      ...(options.args ?? []),
    ],
    {
      cwd: root,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`The host printed no URL in 30 s:\n${out}`)), 30_000);
    const check = () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => reject(new Error(`The host exited (${code}) before printing its URL:\n${out}`)));
  });
  return {
    url,
    dataDir,
    process: child,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        // The studio closes each service in bounded time; a host still up long after is killed so the next test
        // gets its ports and folders, and what it said last is printed for the reader.
        const guard = setTimeout(() => {
          console.log(`The host had not exited ${HOST_EXIT_WAIT_MS} ms after ${signal}: killed. It said last:`);
          console.log(out.split('\n').slice(-30).join('\n'));
          child.kill('SIGKILL');
        }, HOST_EXIT_WAIT_MS);
        child.once('exit', () => {
          clearTimeout(guard);
          done();
        });
        child.kill(signal);
      }),
  };
}

export async function shot(page: Page, name: string): Promise<string> {
  const file = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Text i18next shows for a key it could not find: the studio marks it ⟦key⟧. */
export async function untranslatedKeys(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return [...text.matchAll(/⟦([^⟧]+)⟧/g)].map((m) => m[1] ?? '');
}
