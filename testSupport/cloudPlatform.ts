// A platform in cloud mode against the IM REST stand-in, as the cloud tests start one: a push domain and key in
// the shapes of a real Tencent Cloud Live account, and IM REST answered by the stand-in.
import { startImRestStandIn, type ImRestStandIn } from './imRestStandIn';
import { tempPlatform, type PlatformOptions, type TempPlatform } from './platform';

/** The push domain and its authentication key that the cloud tests sign push URLs with. */
export const testPushAccount = {
  pushDomain: '12345.livepush.myqcloud.com',
  pushKey: 'e12c46f2612d5106e2034781ab261ca3',
};

/**
 * Starts the stand-in, then the platform pointed at it. `adminUserId`, when given, is the IM app admin of both;
 * `cloud` adds to or overrides the cloud options, `options` the platform's. Close the platform, then the stand-in.
 */
export async function startCloudPlatform(
  account: { sdkAppId: number; secretKey: string; adminUserId?: string },
  cloud: Partial<NonNullable<PlatformOptions['cloud']>> = {},
  options: Partial<PlatformOptions> = {},
): Promise<{ platform: TempPlatform; tencent: ImRestStandIn }> {
  const { sdkAppId, secretKey, adminUserId } = account;
  const tencent = await startImRestStandIn({ sdkAppId, secretKey, ...(adminUserId ? { adminUserId } : {}) });
  const platform = await tempPlatform({
    sdkAppId,
    secretKey,
    ...options,
    cloud: { ...testPushAccount, imApiBase: tencent.url, ...(adminUserId ? { adminUserId } : {}), ...cloud },
  });
  return { platform, tencent };
}
