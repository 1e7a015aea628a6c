// Files the platform serves besides the API: the viewer page, the two player libraries, HLS segments.
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { resolveStaticFile, sendFile } from '../../common/http/staticFiles';

const requireFromHere = createRequire(import.meta.url);

/** The player libraries, straight from node_modules (no build step). */
const vendor: Record<string, () => string> = {
  '/vendor/mpegts.js': () => requireFromHere.resolve('mpegts.js'),
  '/vendor/hls.js': () => join(dirname(requireFromHere.resolve('hls.js')), 'hls.min.js'),
};

export function defaultViewerDir(): string {
  const beside = join(import.meta.dirname, '..', 'viewer');
  return existsSync(join(beside, 'index.html')) ? beside : resolve(process.cwd(), 'platform', 'viewer');
}

const HLS_NAME = /^\/hls\/([A-Za-z0-9_-]{1,128})\/((?:index\.m3u8)|(?:seg_\d{1,8}\.ts))$/;

/** Serves a file for GET/HEAD requests the API did not take; false when nothing matched. */
export function serveFiles(
  req: IncomingMessage,
  res: ServerResponse,
  viewerDir: string,
  hlsDir: (stream: string) => string,
): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const v = vendor[path];
  if (v) {
    sendFile(res, v(), {});
    return true;
  }
  const hls = HLS_NAME.exec(path);
  if (hls) {
    const file = join(hlsDir(hls[1]!), hls[2]!);
    if (!existsSync(file)) {
      res
        .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Access-Control-Allow-Origin': '*' })
        .end('Not yet: the stream has no segments.');
      return true;
    }
    sendFile(res, file, {
      'Access-Control-Allow-Origin': '*',
      ...(file.endsWith('.m3u8')
        ? { 'Content-Type': 'application/vnd.apple.mpegurl' }
        : { 'Content-Type': 'video/mp2t' }),
    });
    return true;
  }
  const file = resolveStaticFile(viewerDir, path);
  if (!file || !existsSync(file)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found.');
    return true;
  }
  sendFile(res, file, {
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy':
      "default-src 'self'; media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self' ws: wss:; img-src 'self' data:",
  });
  return true;
}
