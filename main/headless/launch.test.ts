import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../system';
import { launchHeadless, type LaunchedHeadless } from './launch';

const rendererDir = mkdtempSync(join(tmpdir(), 'launch-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>VJ Studio</title>');
const launched: LaunchedHeadless[] = [];
const servers: Server[] = [];
afterAll(async () => {
  for (const l of launched) await l.stop();
  for (const s of servers) await new Promise((r) => s.close(r));
});

function occupyPort(): Promise<number> {
  const server = createServer();
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

function lines() {
  const said: string[] = [];
  const warned: string[] = [];
  return { said, warned, say: (l: string) => said.push(l), warn: (l: string) => warned.push(l) };
}

describe('launchHeadless', () => {
  it('takes a free port when the asked one is taken, says so, and serves the page there', async () => {
    const taken = await occupyPort();
    const out = lines();
    const l = await launchHeadless({
      args: { host: '127.0.0.1', port: taken, dataDir: mkdtempSync(join(tmpdir(), 'launch-data-')) },
      rendererDir,
      appVersion: '0.0.1',
      say: out.say,
      warn: out.warn,
      log: () => {},
    });
    launched.push(l);
    expect(l.host.port).not.toBe(taken);
    expect(out.said.join('\n')).toContain(
      `Port ${taken} is taken by another program, so the studio took a free one: ${l.host.port}.`,
    );
    const page = await fetch(l.host.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('VJ Studio');
    expect((await fetch(`http://127.0.0.1:${l.host.port}/`)).status).toBe(401);
    // Settings → Open logs folder: the headless host cannot open a window on the VJ's screen, so it names it.
    const reply = await l.studio.router.dispatch('system.openLogsFolder', {}, { transport: 'internal', peer: 't' });
    expect(reply).toEqual({ ok: true, value: { path: dirname(l.fileLog.path), opened: false } });
  });

  it('refuses a data folder it cannot write, in plain words, before creating anything', async () => {
    const base = mkdtempSync(join(tmpdir(), 'launch-file-'));
    writeFileSync(join(base, 'a-file'), 'not a folder');
    const dataDir = join(base, 'a-file', 'studio');
    const out = lines();
    await expect(
      launchHeadless({
        args: { host: '127.0.0.1', port: 0, dataDir },
        rendererDir,
        appVersion: '0.0.1',
        say: out.say,
        warn: out.warn,
        log: () => {},
      }),
    ).rejects.toThrow(
      `The studio cannot write its data folder ${dataDir} (part of that path is a file, not a folder). Choose another folder with --data-dir DIR`,
    );
    expect(out.said).toEqual([]);
  });

  it('starts without ffmpeg and names the three places it looked and how to get one', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'launch-nopath-'));
    mkdirSync(join(empty, 'bin'));
    const out = lines();
    const l = await launchHeadless({
      args: { host: '127.0.0.1', port: 0, dataDir: mkdtempSync(join(tmpdir(), 'launch-data-')) },
      rendererDir,
      appVersion: '0.0.1',
      say: out.say,
      warn: out.warn,
      log: () => {},
      ffmpeg: locateFfmpeg({ env: { PATH: join(empty, 'bin') }, staticPath: join(empty, 'ffmpeg'), platform: 'linux' }),
    });
    launched.push(l);
    const warning = out.warned.join('\n');
    expect(warning).toContain('FFMPEG_PATH (not set)');
    expect(warning).toContain(`the ffmpeg-static binary (${join(empty, 'ffmpeg')} does not exist)`);
    expect(warning).toContain('"ffmpeg" on the PATH (not there)');
    expect(warning).toContain('brew install ffmpeg');
    expect(warning).toContain('runs without capture, push or recording');
    expect(existsSync(join(empty, 'ffmpeg'))).toBe(false);
    expect((await fetch(l.host.url)).status).toBe(200);
  });
});
