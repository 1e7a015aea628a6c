// The platform's options, their defaults, and the secret key kept in the data dir when none is given.
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OperatorGrant } from './accounts/operators';
import type { HubOptions } from './im/hub';
import type { PlatformSafetyOptions } from './safety';

export interface CloudOptions {
  /** Tencent Cloud Live push domain, e.g. 12345.livepush.myqcloud.com. */
  pushDomain: string;
  /** The push authentication key of that domain. */
  pushKey: string;
  playDomain?: string;
  playKey?: string;
  /** How viewers reach the play domain: https (the default, with the domain's certificate) or plain http. */
  playScheme?: 'https' | 'http';
  /** IM REST base, https://console.tim.qq.com by default (a local fake in tests). */
  imApiBase?: string;
  /** The IM app admin account used for REST calls; "administrator" by default. */
  adminUserId?: string;
  /** Cloud Live callback key: callbacks at POST /api/v1/callbacks/live are checked against it. */
  callbackKey?: string;
  /** Tencent IM webhook authentication token: webhooks at POST /api/v1/callbacks/im are checked against it. */
  imCallbackToken?: string;
  /** Waits between tries of a failed IM REST call (500 ms, then 2 s); tests shorten them. */
  retryDelaysMs?: number[];
  /** How often, at most, the live rooms’ viewer counts are read from Tencent IM (10 s); tests shorten it. */
  viewerCountEveryMs?: number;
}

export interface PlatformOptions {
  host?: string;
  port?: number;
  rtmpPort?: number;
  dataDir: string;
  sdkAppId?: number;
  secretKey?: string;
  heartbeatSeconds?: number;
  /** How long a room ended for missed heartbeats may be resumed by its VJ (600 s; tests shorten it). */
  resumeGraceSeconds?: number;
  ffmpegPath?: string;
  cloud?: CloudOptions;
  /**
   * Operators (may end any room, credit accounts, act as Admin in any chat), granted at start: a user ID names an
   * existing account (the platform refuses to start otherwise), `{ userId, password }` creates it or must match it.
   */
  operators?: OperatorGrant[];
  /** Coins a one-click guest starts with (local mode). */
  guestBalance?: number;
  /** UserSig and token validity; 7 days by default. */
  sessionSeconds?: number;
  /** Turn the HLS remux off (tests that do not need it save an ffmpeg). */
  hls?: boolean;
  chat?: HubOptions;
  /** Content safety: sample live rooms (off by default), with which classifier. */
  safety?: PlatformSafetyOptions;
  /**
   * Tests only: the source served as the viewer page's chat SDK module (/tencentChat.js) instead of the one that
   * loads @tencentcloud/chat, e.g. a stand-in speaking to a test's Tencent IM stand-in. Never set by the product.
   */
  viewerChatSdkModule?: string;
  /** Where log lines go; silent by default when embedded. */
  log?: (line: string) => void;
}

/** The local default app ID: clearly not a real Tencent SDKAppID (those start at 1400000000). */
export const LOCAL_SDK_APP_ID = 1;

/** The secret key: given, or generated once and kept in `<dataDir>/secret.key` (mode 0600). */
export function resolveSecretKey(dataDir: string, given?: string): string {
  if (given) return given;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (key.length >= 32) return key;
  }
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, key + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

/** In local mode the push key is derived from the secret key, so one key protects both. */
export function localPushKey(secretKey: string): string {
  return createHmac('sha256', secretKey).update('vj-platform push key').digest('hex').slice(0, 32);
}
