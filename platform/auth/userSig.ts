// Tencent TLSSigAPIv2 UserSig: signing and verifying, byte for byte as TENCENT-CLOUD.md describes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';

export interface UserSigFields {
  identifier: string;
  sdkAppId: number;
  /** Unix seconds at signing. */
  time: number;
  /** Validity in seconds. */
  expire: number;
  userBuf?: Buffer;
}

function contentToSign(f: UserSigFields): string {
  let s = `TLS.identifier:${f.identifier}\nTLS.sdkappid:${f.sdkAppId}\nTLS.time:${f.time}\nTLS.expire:${f.expire}\n`;
  if (f.userBuf) s += `TLS.userbuf:${f.userBuf.toString('base64')}\n`;
  return s;
}

function hmac(secretKey: string, f: UserSigFields): string {
  return createHmac('sha256', Buffer.from(secretKey, 'utf8')).update(contentToSign(f)).digest('base64');
}

/** Tencent's URL-safe base64 variant: + → *, / → -, = → _. */
export function base64UrlEscape(b64: string): string {
  return b64.replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}
export function base64UrlUnescape(s: string): string {
  return s.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
}

export function genUserSig(secretKey: string, f: UserSigFields): string {
  const doc: Record<string, string | number> = {
    'TLS.ver': '2.0',
    'TLS.identifier': f.identifier,
    'TLS.sdkappid': f.sdkAppId,
    'TLS.expire': f.expire,
    'TLS.time': f.time,
  };
  if (f.userBuf) doc['TLS.userbuf'] = f.userBuf.toString('base64');
  doc['TLS.sig'] = hmac(secretKey, f);
  return base64UrlEscape(deflateSync(Buffer.from(JSON.stringify(doc), 'utf8')).toString('base64'));
}

export type VerifyResult = { ok: true; fields: UserSigFields; expiresAt: number } | { ok: false; reason: string };

/** Checks a UserSig for this identifier and app; `now` in unix seconds. */
export function verifyUserSig(
  secretKey: string,
  sig: string,
  expected: { identifier: string; sdkAppId: number },
  now = Math.floor(Date.now() / 1000),
): VerifyResult {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(inflateSync(Buffer.from(base64UrlUnescape(sig), 'base64')).toString('utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return { ok: false, reason: 'The UserSig is not in TLSSigAPIv2 format.' };
  }
  const identifier = doc['TLS.identifier'];
  const sdkAppId = Number(doc['TLS.sdkappid']);
  const time = Number(doc['TLS.time']);
  const expire = Number(doc['TLS.expire']);
  const sigValue = doc['TLS.sig'];
  if (
    typeof identifier !== 'string' ||
    typeof sigValue !== 'string' ||
    !Number.isFinite(time) ||
    !Number.isFinite(expire)
  ) {
    return { ok: false, reason: 'The UserSig lacks a required field.' };
  }
  if (identifier !== expected.identifier) return { ok: false, reason: 'The UserSig belongs to another user.' };
  if (sdkAppId !== expected.sdkAppId) return { ok: false, reason: 'The UserSig belongs to another SDKAppID.' };
  if (now > time + expire) return { ok: false, reason: 'The UserSig has expired.' };
  const userBufRaw = doc['TLS.userbuf'];
  const fields: UserSigFields = {
    identifier,
    sdkAppId,
    time,
    expire,
    ...(typeof userBufRaw === 'string' ? { userBuf: Buffer.from(userBufRaw, 'base64') } : {}),
  };
  const want = Buffer.from(hmac(secretKey, fields));
  const got = Buffer.from(sigValue);
  if (want.length !== got.length || !timingSafeEqual(want, got))
    return { ok: false, reason: 'The UserSig signature does not match.' };
  return { ok: true, fields, expiresAt: time + expire };
}
