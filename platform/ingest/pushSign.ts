// Tencent Cloud Live URL signatures: txSecret = md5(KEY + StreamName + txTime), txTime = unix expiry in upper-case hex.
import { createHash, timingSafeEqual } from 'node:crypto';
import { refusals, type Words } from '../http/refusals';

export function txTimeHex(expiresAtSec: number): string {
  return Math.floor(expiresAtSec).toString(16).toUpperCase();
}

export function txSecret(key: string, streamName: string, txTime: string): string {
  return createHash('md5')
    .update(key + streamName + txTime, 'utf8')
    .digest('hex');
}

/** The query string a signed push or play URL carries. */
export function signedQuery(key: string, streamName: string, expiresAtSec: number): string {
  const t = txTimeHex(expiresAtSec);
  return `txSecret=${txSecret(key, streamName, t)}&txTime=${t}`;
}

/** A refusal's reason in both languages: the ingest logs the English, an HTTP answer carries both. */
export type SignatureCheck = { ok: true; expiresAt: number } | { ok: false; reason: Words };

/** Checks a publish's txSecret/txTime for a stream name; `now` in unix seconds. */
export function verifyTxSecret(
  key: string,
  streamName: string,
  query: { txSecret?: unknown; txTime?: unknown },
  now = Math.floor(Date.now() / 1000),
): SignatureCheck {
  const { txSecret: secret, txTime: time } = query;
  if (typeof secret !== 'string' || typeof time !== 'string' || secret === '' || time === '')
    return { ok: false, reason: refusals.pushUnsigned };
  if (!/^[0-9A-Fa-f]{1,12}$/.test(time)) return { ok: false, reason: refusals.txTimeNotHex };
  const expiresAt = parseInt(time, 16);
  if (expiresAt < now) return { ok: false, reason: refusals.pushExpired };
  const want = Buffer.from(txSecret(key, streamName, time));
  const got = Buffer.from(secret.toLowerCase());
  if (want.length !== got.length || !timingSafeEqual(want, got))
    return { ok: false, reason: refusals.pushSignMismatch };
  return { ok: true, expiresAt };
}

/** Cloud Live callback signature: sign = md5(callbackKey + t), t a decimal unix expiry. */
export function verifyCallbackSign(
  callbackKey: string,
  t: unknown,
  sign: unknown,
  now = Math.floor(Date.now() / 1000),
): SignatureCheck {
  const tNum = typeof t === 'number' ? t : typeof t === 'string' && /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(tNum) || typeof sign !== 'string') return { ok: false, reason: refusals.callbackUnsigned };
  if (tNum < now) return { ok: false, reason: refusals.callbackExpired };
  const want = Buffer.from(
    createHash('md5')
      .update(callbackKey + String(tNum))
      .digest('hex'),
  );
  const got = Buffer.from(sign.toLowerCase());
  if (want.length !== got.length || !timingSafeEqual(want, got))
    return { ok: false, reason: refusals.callbackSignMismatch };
  return { ok: true, expiresAt: tNum };
}
