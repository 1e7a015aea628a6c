import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedQuery, txSecret, txTimeHex, verifyCallbackSign, verifyTxSecret } from './pushSign';

describe('Tencent Cloud Live signatures', () => {
  it('matches the worked example from the docs', () => {
    expect(txSecret('e12c46f2612d5106e2034781ab261ca3', 'test', '5C271099')).toBe('f85a2ab363fe4deaffef9754d79da6fe');
    expect(txTimeHex(0x5c271099)).toBe('5C271099');
  });

  it('verifies a signed push and refuses unsigned, expired, tampered and other-stream pushes', () => {
    const key = 'k';
    const now = 1_700_000_000;
    const q = Object.fromEntries(new URLSearchParams(signedQuery(key, 'room1', now + 60)));
    expect(verifyTxSecret(key, 'room1', q, now).ok).toBe(true);
    expect(verifyTxSecret(key, 'room1', {}, now)).toMatchObject({
      ok: false,
      reason: { en: expect.stringContaining('not signed'), zh: expect.stringContaining('没有签名') },
    });
    expect(verifyTxSecret(key, 'room1', q, now + 61)).toMatchObject({
      ok: false,
      reason: { en: expect.stringContaining('expired'), zh: expect.stringContaining('过期') },
    });
    expect(verifyTxSecret(key, 'room2', q, now).ok).toBe(false);
    expect(verifyTxSecret(key, 'room1', { ...q, txTime: txTimeHex(now + 3600) }, now).ok).toBe(false);
  });

  it('verifies callback signatures', () => {
    const t = 1_700_000_100;
    const sign = createHash('md5')
      .update('cbkey' + t)
      .digest('hex');
    expect(verifyCallbackSign('cbkey', t, sign, t - 5).ok).toBe(true);
    expect(verifyCallbackSign('cbkey', String(t), sign, t - 5).ok).toBe(true);
    expect(verifyCallbackSign('cbkey', t, sign, t + 1).ok).toBe(false);
    expect(verifyCallbackSign('other', t, sign, t - 5).ok).toBe(false);
  });
});
