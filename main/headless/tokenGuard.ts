// The headless host's one secret: a random token every HTTP and WebSocket request must carry.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'studio_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return rest.join('=');
  }
  return null;
}

export type TokenSource = 'query' | 'cookie' | 'header';

/** Where the request carried a valid token, or null when it did not. */
export function checkToken(req: IncomingMessage, url: URL, token: string): TokenSource | null {
  const q = url.searchParams.get('token');
  if (q && sameToken(q, token)) return 'query';
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && sameToken(auth.slice(7), token)) return 'header';
  const c = cookieValue(req.headers.cookie, TOKEN_COOKIE);
  if (c && sameToken(c, token)) return 'cookie';
  return null;
}
