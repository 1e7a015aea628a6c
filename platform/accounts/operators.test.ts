// Operators exist only by an explicit act on the platform's machine: registering a user ID that a grant names
// never makes an operator; the CLI command (run as a real process) and a grant with a password do.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../index';
import { api, signIn, signUp } from '../../testSupport/platform';

const dirs: string[] = [];
const running: RunningPlatform[] = [];
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'platform-operators-'));
  dirs.push(d);
  return d;
}
async function start(dir: string, operators: Parameters<typeof startPlatform>[0]['operators'] = []) {
  const p = await startPlatform({ port: 0, rtmpPort: 0, dataDir: dir, hls: false, operators });
  running.push(p);
  return p;
}
afterAll(async () => {
  for (const p of running) await p.close().catch(() => undefined);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const credit = (base: string, token: string, userId: string) =>
  api(base, 'POST', `/api/v1/accounts/${userId}/recharge`, { amount: 1000 }, token);

describe('operators', () => {
  it('are never made by registering a name a grant lists: a grant naming no account stops the start', async () => {
    const dir = dataDir();
    await expect(start(dir, ['boss'])).rejects.toThrow(
      /The operator "boss" names no account\. Create it first, or grant it with a password/,
    );
    // The platform runs without the grant; a stranger takes the name and is no operator.
    const p = await start(dir);
    const stranger = await signUp(p.httpUrl, 'boss');
    expect((await credit(p.httpUrl, stranger.token, 'boss')).status).toBe(403);
    await p.close();
    // A grant with a password does not take over the stranger's account.
    await expect(start(dir, [{ userId: 'boss', password: 'the-owner-pw' }])).rejects.toThrow(
      /already exists with another password/,
    );
  });

  it('are made by the CLI command on the machine, as a real process, and can then credit accounts', async () => {
    const dir = dataDir();
    const pwFile = join(dir, 'pw');
    writeFileSync(pwFile, 'op-password-1\n', { mode: 0o600 });
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const run = (args: string[]) =>
      promisify(execFile)(tsx, ['platform/cli.ts', 'operator', ...args], { timeout: 60_000 });
    const added = await run(['add', 'chief', '--password-file', pwFile, '--nickname', 'Chief', '--data-dir', dir]);
    expect(added.stdout).toContain('"chief" is an operator');
    const p = await start(dir);
    const chief = await signIn(p.httpUrl, 'chief', 'op-password-1');
    const fan = await signUp(p.httpUrl, 'fan_ops');
    expect((await credit(p.httpUrl, chief.token, 'fan_ops')).body).toEqual({ balance: 1000 });
    expect((await credit(p.httpUrl, fan.token, 'fan_ops')).status).toBe(403);
    const missing = await run(['add', 'nobody_here', '--data-dir', dir]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(missing).toMatchObject({ code: 1 });
    expect((missing as { stderr: string }).stderr).toContain('names no account');
  }, 90_000);

  it('an existing account named by user ID alone is granted at start', async () => {
    const dir = dataDir();
    const first = await start(dir);
    await signUp(first.httpUrl, 'known_op');
    await first.close();
    const p = await start(dir, ['known_op']);
    const op = await signIn(p.httpUrl, 'known_op');
    await signUp(p.httpUrl, 'fan_known');
    expect((await credit(p.httpUrl, op.token, 'fan_known')).status).toBe(200);
  });

  it('nobody can register the IM admin identity that the platform speaks as', async () => {
    const p = await start(dataDir());
    for (const userId of ['administrator', 'Administrator']) {
      const r = await api(p.httpUrl, 'POST', '/api/v1/accounts', { userId, password: 'secret-pw', nickname: 'x' });
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({
        message: 'This user ID is reserved for the platform itself; choose another.',
        zh: '这个用户 ID 由平台自己保留，请换一个。',
      });
    }
  });
});
