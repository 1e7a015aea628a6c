// Push and playback URLs for a room's stream: the embedded ingest (local mode) or Tencent Cloud Live (cloud mode).
import { signedQuery } from '../ingest/pushSign';

export interface StreamUrlConfig {
  /** rtmp://127.0.0.1:1935 in local mode. */
  rtmpBase: string;
  /** http://127.0.0.1:8080 in local mode. */
  httpBase: string;
  pushKey: string;
  cloud?: { pushDomain: string; playDomain?: string; playKey?: string; playScheme?: 'https' | 'http' };
  pushValiditySeconds: number;
}

export function pushUrl(
  c: StreamUrlConfig,
  streamName: string,
  now = Math.floor(Date.now() / 1000),
): { url: string; expiresAt: number } {
  const expiresAt = now + c.pushValiditySeconds;
  const base = c.cloud ? `rtmp://${c.cloud.pushDomain}` : c.rtmpBase;
  return { url: `${base}/live/${streamName}?${signedQuery(c.pushKey, streamName, expiresAt)}`, expiresAt };
}

export function playUrls(
  c: StreamUrlConfig,
  streamName: string,
  now = Math.floor(Date.now() / 1000),
): { flv: string; hls: string } {
  if (c.cloud) {
    const origin = playOrigin(c.cloud);
    const q = c.cloud.playKey ? `?${signedQuery(c.cloud.playKey, streamName, now + 86400)}` : '';
    return { flv: `${origin}/live/${streamName}.flv${q}`, hls: `${origin}/live/${streamName}.m3u8${q}` };
  }
  return { flv: `${c.httpBase}/live/${streamName}.flv`, hls: `${c.httpBase}/hls/${streamName}/index.m3u8` };
}

/** Cloud Live's play domain as an origin (scheme://domain): what viewers fetch the stream from. */
export function playOrigin(cloud: { pushDomain: string; playDomain?: string; playScheme?: 'https' | 'http' }): string {
  return `${cloud.playScheme ?? 'https'}://${cloud.playDomain ?? cloud.pushDomain}`;
}
