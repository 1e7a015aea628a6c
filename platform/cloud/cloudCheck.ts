// `npm run platform -- --check-cloud`: each cloud setting checked as far as it can be from here, with what
// failed and why (a UserSig Tencent IM's REST API accepts, a push URL that signs, the callback key).
import { createHash } from 'node:crypto';
import type { CloudOptions } from '../config';
import { signedQuery, txSecret, verifyCallbackSign, verifyTxSecret } from '../ingest/pushSign';
import { ImRestClient } from './imRestClient';

export interface CloudCheckLine {
  setting: string;
  ok: boolean;
  /** What was checked and found, or what failed and why, in plain words. */
  words: string;
}

/** Tencent's REST codes that mean the app ID, the key or the admin is wrong. */
const SIGNATURE_CODES: Record<number, string> = {
  60006: 'Tencent does not know this SDKAppID',
  60010: 'the admin identifier is not this app’s administrator',
  70001: 'the UserSig has expired: check this machine’s clock',
  70003: 'the UserSig does not parse: check the secret key',
  70009: 'the UserSig’s signature does not match: the secret key does not belong to this SDKAppID',
  70013: 'the UserSig names another identifier than the admin',
};

export async function checkCloud(o: {
  sdkAppId: number;
  secretKey: string;
  cloud: CloudOptions;
}): Promise<CloudCheckLine[]> {
  const lines: CloudCheckLine[] = [];
  const admin = o.cloud.adminUserId ?? 'administrator';
  const base = o.cloud.imApiBase ?? 'https://console.tim.qq.com';
  const im = new ImRestClient({ baseUrl: base, sdkAppId: o.sdkAppId, secretKey: o.secretKey, adminUserId: admin });
  try {
    await im.call('im_open_login_svc', 'account_check', { CheckItem: [{ UserID: admin }] });
    lines.push({
      setting: 'SDKAppID, secret key, admin identifier',
      ok: true,
      words: `Tencent IM (${base}) accepted a UserSig for ${admin} signed with the secret key for SDKAppID ${o.sdkAppId}.`,
    });
  } catch (e) {
    const code = (e as { errorCode?: number }).errorCode ?? -1;
    const why = SIGNATURE_CODES[code] ?? (e as Error).message;
    lines.push({ setting: 'SDKAppID, secret key, admin identifier', ok: false, words: `Tencent IM refused: ${why}.` });
  }

  // The documented worked example proves the signing; then a URL for this domain must verify with its own key.
  const example =
    txSecret('e12c46f2612d5106e2034781ab261ca3', 'test', '5C271099') === 'f85a2ab363fe4deaffef9754d79da6fe';
  const stream = 'check_cloud';
  const query = Object.fromEntries(
    new URLSearchParams(signedQuery(o.cloud.pushKey, stream, Math.floor(Date.now() / 1000) + 600)),
  );
  const pushOk =
    example && verifyTxSecret(o.cloud.pushKey, stream, query).ok && /^[A-Za-z0-9.:-]+$/.test(o.cloud.pushDomain);
  lines.push({
    setting: 'push domain and key',
    ok: pushOk,
    words: pushOk
      ? `rtmp://${o.cloud.pushDomain}/live/${stream}?txSecret=…&txTime=… signs with the push key (Tencent's worked example matches).`
      : `The push URL does not sign: ${example ? `"${o.cloud.pushDomain}" is not a domain name` : 'the signing does not match Tencent’s worked example'}.`,
  });
  lines.push({
    setting: 'play domain',
    ok: true,
    words: o.cloud.playDomain
      ? `Playback from https://${o.cloud.playDomain}/live/<stream>.flv and .m3u8${o.cloud.playKey ? ', signed with the play key' : ''}.`
      : 'Not set: viewers play from the push domain.',
  });
  if (o.cloud.callbackKey) {
    const t = Math.floor(Date.now() / 1000) + 60;
    const sign = createHash('md5')
      .update(o.cloud.callbackKey + String(t))
      .digest('hex');
    const ok =
      verifyCallbackSign(o.cloud.callbackKey, t, sign).ok && !verifyCallbackSign(o.cloud.callbackKey, t, 'x').ok;
    lines.push({
      setting: 'callback key',
      ok,
      words: ok
        ? 'A callback signed md5(key + t) is accepted and a wrongly signed one refused.'
        : 'The callback check does not accept its own signature.',
    });
  } else
    lines.push({
      setting: 'callback key',
      ok: false,
      words: 'Not set: Cloud Live cannot tell the platform a stream arrived.',
    });
  lines.push({
    setting: 'IM webhook token',
    ok: true,
    words: o.cloud.imCallbackToken
      ? 'Set: Tencent IM webhooks are checked against it.'
      : 'Not set: no after-send webhook, so moderators cannot recall messages.',
  });
  return lines;
}

/** The check as the command prints it: one line a setting, then how many failed. */
export function formatCloudCheck(lines: CloudCheckLine[]): string {
  const failed = lines.filter((l) => !l.ok).length;
  return [
    ...lines.map((l) => `${l.ok ? 'ok  ' : 'FAIL'} ${l.setting}: ${l.words}`),
    failed ? `${failed} of ${lines.length} settings failed.` : `All ${lines.length} settings check out.`,
  ].join('\n');
}
