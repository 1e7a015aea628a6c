// `npm run platform -- --check-cloud` run as a VJ's operator runs it (the CLI in its own process), against the IM
// REST stand-in: the right secret key passes every setting; a wrong one is named as the failure, with why.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImRestStandIn, type ImRestStandIn } from '../../testSupport/imRestStandIn';

const secretKey = 'check-cloud-secret-key-0123456789abcdef012345678';
const sdkAppId = 1400999001;
let rest: ImRestStandIn;

function checkCloud(key: string): Promise<{ code: number; out: string }> {
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const args = ['platform/cli.ts', '--check-cloud', '--sdk-app-id', String(sdkAppId), '--secret-key', key];
  args.push('--push-domain', '12345.livepush.myqcloud.com', '--push-key', 'e12c46f2612d5106e2034781ab261ca3');
  args.push('--play-domain', 'play.example.com', '--im-api-base', rest.url, '--callback-key', 'cb-key');
  args.push('--im-callback-token', 'im-token');
  return new Promise((done) =>
    execFile(tsx, args, { timeout: 60_000 }, (err, stdout, stderr) =>
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    ),
  );
}

beforeAll(async () => {
  rest = await startImRestStandIn({ sdkAppId, secretKey });
});
afterAll(() => rest.close());

describe('--check-cloud', () => {
  it('passes every setting with the right key, and a UserSig Tencent accepted proves it', async () => {
    const r = await checkCloud(secretKey);
    expect(r.out).toContain(
      `ok   SDKAppID, secret key, admin identifier: Tencent IM (${rest.url}) accepted a UserSig for administrator signed with the secret key for SDKAppID ${sdkAppId}.`,
    );
    expect(r.out).toMatch(/ok {3}push domain and key: rtmp:\/\/12345\.livepush\.myqcloud\.com\/live\/check_cloud/);
    expect(r.out).toMatch(/ok {3}play domain: Playback from https:\/\/play\.example\.com/);
    expect(r.out).toMatch(/ok {3}callback key: A callback signed md5\(key \+ t\) is accepted/);
    expect(r.out).toContain('All 5 settings check out.');
    expect(r.code).toBe(0);
    expect(rest.calls.at(-1)!.command).toBe('im_open_login_svc/account_check');
  }, 90_000);

  it('names the wrong secret key, says why, and exits non-zero', async () => {
    const r = await checkCloud('not-the-secret-key-0123456789abcdef0123456789ab');
    expect(r.out).toContain(
      'FAIL SDKAppID, secret key, admin identifier: Tencent IM refused: the UserSig’s signature does not match: the secret key does not belong to this SDKAppID.',
    );
    expect(r.out).toContain('1 of 5 settings failed.');
    expect(r.code).toBe(1);
  }, 90_000);
});
