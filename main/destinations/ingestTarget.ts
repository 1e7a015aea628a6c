// Where a destination publishes: a service's server and the VJ's key kept apart, as OBS sends them (the key
// is the publish name verbatim: Bilibili's starts with "?streamname="), and the words that may carry the key
// scrubbed before they reach a log, an event or the renderer.
import type { PushTarget } from '../media';

/** The server's path is the RTMP app, the key the stream; with no key the server is a whole push address. */
export function ingestTarget(server: string, key: string | null): PushTarget | string {
  if (!key) return server;
  const u = new URL(server);
  const secure = u.protocol === 'rtmps:';
  const app = u.pathname.split('/').filter(Boolean).join('/');
  return {
    secure,
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 443 : 1935,
    app,
    stream: key,
    tcUrl: `${u.protocol}//${u.host}/${app}`,
  };
}

const HIDDEN = '••••';

/** Every form of the key a server or a URL parser could echo, replaced. */
export function withoutKey(text: string, key: string | null): string {
  if (!key) return text;
  let out = text;
  for (const form of new Set([key, encodeURIComponent(key), safeDecode(key)]))
    if (form.length >= 4) out = out.split(form).join(HIDDEN);
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
