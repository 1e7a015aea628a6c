// The headless host: the studio's main-side services in plain Node, serving the built renderer and the
// studio API at /api, guarded by a random token. Loopback only unless a host is given.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Studio } from '../app';
import { serveApiSocket } from './apiSocket';
import { resolveStaticFile, sendFile } from '../../common/http/staticFiles';
import { checkToken, newToken, TOKEN_COOKIE } from './tokenGuard';

export interface HeadlessHostOptions {
  studio: Studio;
  rendererDir: string;
  host?: string;
  port?: number;
  token?: string;
}

export interface HeadlessHost {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders });
  res.end(message);
}

export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HeadlessHost> {
  const token = options.token ?? newToken();
  const host = options.host ?? '127.0.0.1';
  const { studio } = options;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://studio.invalid');
    const source = checkToken(req, url, token);
    if (!source) {
      refuse(res, 401, 'This studio needs its access token. Open the full address the studio printed when it started.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(res, 405, 'Only GET is served here; the studio API is the WebSocket at /api.');
      return;
    }
    const file = resolveStaticFile(options.rendererDir, url.pathname);
    if (!file) {
      refuse(res, 404, 'Not found.');
      return;
    }
    const headers: Record<string, string> = { ...securityHeaders };
    if (source === 'query') headers['Set-Cookie'] = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    sendFile(res, file, headers);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://studio.invalid');
    if (url.pathname !== '/api') {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    const origin = req.headers.origin;
    const sameOrigin = !origin || origin === `http://${req.headers.host}`;
    const authorized = sameOrigin && checkToken(req, url, token) !== null;
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!authorized) {
        ws.close(4401, sameOrigin ? 'A valid token is required.' : 'Cross-origin connections are refused.');
        return;
      }
      serveApiSocket(ws, `${req.socket.remoteAddress}:${req.socket.remotePort}`, studio.router, studio.bus);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/?token=${token}`,
    port,
    token,
    server,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      // A page still loading a file or a recording does not hold the studio open.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
