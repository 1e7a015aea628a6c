// Sign-in against guessing: the same scrypt work for an unknown user as for a wrong password (timed on the real
// service and SQLite file), failures slowing the next try per account and per address through the real HTTP API,
// the throttle's memory bounded, and bearer tokens kept only as their SHA-256 (old plain ones migrated).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../common/sqlite/database';
import { runMigrations } from '../../common/sqlite/migrationRunner';
import { hashPassword } from '../auth/password';
import {
  ACCOUNT_FREE_FAILURES,
  ADDRESS_FREE_FAILURES,
  MAX_TRACKED_SIGN_IN_KEYS,
  SignInThrottle,
} from '../auth/signInThrottle';
import { startPlatform } from '../index';
import { AccountsRepo } from '../storage/accountsRepo';
import { platformMigrations } from '../storage/migrations';
import { api, signUp, sleep, tempPlatform } from '../../testSupport/platform';
import { AccountService } from './accountService';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'platform-signin-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('sign-in timing', () => {
  it('answers an unknown user and a wrong password after the same work (medians within 20 %)', async () => {
    const db = openDatabase(join(tempDir(), 'platform.sqlite'));
    runMigrations(db, platformMigrations);
    const repo = new AccountsRepo(db);
    const accounts = new AccountService(repo, {
      sdkAppId: 1,
      secretKey: 'k'.repeat(64),
      sessionSeconds: 3600,
      guestBalance: 0,
      imUrl: () => undefined,
      mode: 'local',
      reservedUserIds: [],
      imAdmin: 'administrator',
    });
    const rounds = 15;
    for (let i = 0; i < rounds; i++)
      await accounts.create({ userId: `real_${i}`, password: 'right-pw', nickname: 'R' });
    const timed = async (userId: string, address: string) => {
      const t = performance.now();
      await expect(accounts.signIn(userId, 'wrong-pw', address)).rejects.toThrow(
        'The user ID or the password is wrong.',
      );
      return performance.now() - t;
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    await timed('warm_up', '10.9.9.9');
    // Interleaved, each from its own address and on its own account, so the throttle never steps in.
    for (let i = 0; i < rounds; i++) {
      unknown.push(await timed(`ghost_${i}`, `10.0.1.${i}`));
      wrong.push(await timed(`real_${i}`, `10.0.2.${i}`));
    }
    const [u, w] = [median(unknown), median(wrong)];
    console.log(`sign-in medians: unknown user ${u.toFixed(1)} ms, wrong password ${w.toFixed(1)} ms`);
    expect(Math.abs(u - w) / Math.max(u, w)).toBeLessThan(0.2);
    expect(Math.min(u, w)).toBeGreaterThan(5); // both paths ran scrypt (N=16384), not a quick lookup
    db.close();
  }, 60_000);
});

describe('sign-in attempts through the real API', () => {
  let p: Awaited<ReturnType<typeof tempPlatform>>;
  beforeAll(async () => {
    p = await tempPlatform();
  });
  afterAll(() => p.cleanup());
  const signIn = (userId: string, password: string) => api(p.httpUrl, 'POST', '/api/v1/sessions', { userId, password });

  it(`lets an account fail ${ACCOUNT_FREE_FAILURES} times, then makes it wait longer after each failure`, async () => {
    await signUp(p.httpUrl, 'target_acct');
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) expect((await signIn('target_acct', 'guess')).status).toBe(401);
    // Even the right password waits now: a guesser cannot tell a hit from the limit.
    const limited = await signIn('target_acct', 'secret-pw');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toEqual({
      code: 'rate_limited',
      message: 'Too many failed sign-ins: wait 1 s, then try again.',
      zh: '登录失败次数过多：请等待 1 秒后再试。',
    });
    await sleep(1100);
    expect((await signIn('target_acct', 'guess')).status).toBe(401);
    expect((await signIn('target_acct', 'secret-pw')).body.error?.message).toBe(
      'Too many failed sign-ins: wait 2 s, then try again.',
    );
    await sleep(2100);
    expect((await signIn('target_acct', 'secret-pw')).status).toBe(200);
    // A success clears the account's count.
    expect((await signIn('target_acct', 'guess')).status).toBe(401);
    expect((await signIn('target_acct', 'secret-pw')).status).toBe(200);
  }, 30_000);

  it(`stops one address after ${ADDRESS_FREE_FAILURES} failures over any accounts`, async () => {
    // The previous test's two misses after its last wait came from this address too.
    const before = 7;
    for (let i = before; i < ADDRESS_FREE_FAILURES; i++) expect((await signIn(`nobody_${i}`, 'x')).status).toBe(401);
    const limited = await signIn('fresh_name', 'x');
    expect(limited.status).toBe(429);
    expect(limited.body.error?.message).toMatch(/^Too many failed sign-ins: wait \d+ s, then try again\.$/);
  }, 30_000);
});

describe('the throttle’s memory', () => {
  it(`remembers at most ${MAX_TRACKED_SIGN_IN_KEYS} accounts and addresses under a flood of invented names`, () => {
    let now = 0;
    const t = new SignInThrottle(() => now);
    for (let i = 0; i < 30_000; i++) {
      now++;
      t.failed(`invented_${i}`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    }
    expect(t.tracked).toBe(MAX_TRACKED_SIGN_IN_KEYS);
  });
});

describe('bearer tokens at rest', () => {
  it('are kept as their SHA-256, and plain ones from before are migrated and still sign in', async () => {
    const dir = tempDir();
    const file = join(dir, 'platform.sqlite');
    // A database as the platform left it before migration 2: a token stored as it is.
    const old = openDatabase(file);
    runMigrations(
      old,
      platformMigrations.filter((m) => m.version === 1),
    );
    old
      .prepare('INSERT INTO accounts (user_id, nickname, password_hash, created_at) VALUES (?, ?, ?, ?)')
      .run('old_user', 'Old', await hashPassword('secret-pw'), new Date().toISOString());
    old
      .prepare('INSERT INTO tokens (token, user_id, expires_at) VALUES (?, ?, ?)')
      .run('plain-old-token', 'old_user', Date.now() + 3600_000);
    old.close();

    const p = await startPlatform({ port: 0, rtmpPort: 0, dataDir: dir, hls: false });
    try {
      const me = await api(p.httpUrl, 'GET', '/api/v1/me', undefined, 'plain-old-token');
      expect(me.body).toMatchObject({ userId: 'old_user' });
      const fresh = await api<{ token: string }>(p.httpUrl, 'POST', '/api/v1/sessions', {
        userId: 'old_user',
        password: 'secret-pw',
      });
      const db = openDatabase(file);
      const stored = (db.prepare('SELECT token FROM tokens').all() as { token: string }[]).map((r) => r.token);
      db.close();
      const sha = (s: string) => createHash('sha256').update(s).digest('hex');
      expect(stored.sort()).toEqual([sha('plain-old-token'), sha(fresh.body.token)].sort());
      expect(stored).not.toContain(fresh.body.token);
      // What rests in the file is no token: presenting it signs nobody in.
      expect((await api(p.httpUrl, 'GET', '/api/v1/me', undefined, sha(fresh.body.token))).status).toBe(401);
    } finally {
      await p.close();
    }
  });
});
