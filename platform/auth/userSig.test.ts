import { createHmac } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { base64UrlUnescape, genUserSig, verifyUserSig } from './userSig';

const key = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';

describe('UserSig (TLSSigAPIv2)', () => {
  it('encodes the documented JSON document, deflated and escaped', () => {
    const sig = genUserSig(key, { identifier: 'vj_1', sdkAppId: 1400000000, time: 1_700_000_000, expire: 86400 });
    expect(sig).not.toMatch(/[+/=]/);
    const doc = JSON.parse(inflateSync(Buffer.from(base64UrlUnescape(sig), 'base64')).toString()) as Record<
      string,
      unknown
    >;
    expect(doc).toMatchObject({
      'TLS.ver': '2.0',
      'TLS.identifier': 'vj_1',
      'TLS.sdkappid': 1400000000,
      'TLS.time': 1_700_000_000,
      'TLS.expire': 86400,
    });
    const content = 'TLS.identifier:vj_1\nTLS.sdkappid:1400000000\nTLS.time:1700000000\nTLS.expire:86400\n';
    expect(doc['TLS.sig']).toBe(createHmac('sha256', key).update(content).digest('base64'));
  });

  it('verifies its own signatures and refuses tampering, another user, another app and expiry', () => {
    const now = 1_700_000_000;
    const sig = genUserSig(key, { identifier: 'vj_1', sdkAppId: 1400000000, time: now, expire: 600 });
    expect(verifyUserSig(key, sig, { identifier: 'vj_1', sdkAppId: 1400000000 }, now + 10).ok).toBe(true);
    expect(verifyUserSig('wrong', sig, { identifier: 'vj_1', sdkAppId: 1400000000 }, now)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('signature'),
    });
    expect(verifyUserSig(key, sig, { identifier: 'vj_2', sdkAppId: 1400000000 }, now).ok).toBe(false);
    expect(verifyUserSig(key, sig, { identifier: 'vj_1', sdkAppId: 1 }, now).ok).toBe(false);
    expect(verifyUserSig(key, sig, { identifier: 'vj_1', sdkAppId: 1400000000 }, now + 601)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('expired'),
    });
    expect(verifyUserSig(key, 'garbage', { identifier: 'vj_1', sdkAppId: 1400000000 }, now).ok).toBe(false);
  });

  it('signs a userbuf into the content when one is given', () => {
    const sig = genUserSig(key, { identifier: 'u', sdkAppId: 1, time: 10, expire: 10, userBuf: Buffer.from('room-1') });
    const r = verifyUserSig(key, sig, { identifier: 'u', sdkAppId: 1 }, 12);
    expect(r.ok && r.fields.userBuf?.toString()).toBe('room-1');
  });
});
