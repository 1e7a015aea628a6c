// Files the platform serves besides the API: the viewer page, the player libraries, Tencent's chat SDK, HLS segments.
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { resolveStaticFile, sendFile } from '../../common/http/staticFiles';

const requireFromHere = createRequire(import.meta.url);

/** The player libraries and @tencentcloud/chat's ES module build (its core and group module), from node_modules. */
const vendor: Record<string, () => string> = {
  '/vendor/mpegts.js': () => requireFromHere.resolve('mpegts.js'),
  '/vendor/hls.js': () => join(dirname(requireFromHere.resolve('hls.js')), 'hls.min.js'),
  '/vendor/tencent-chat.js': () => join(dirname(requireFromHere.resolve('@tencentcloud/chat')), 'index.es.js'),
  '/vendor/tencent-chat-group.js': () =>
    join(dirname(requireFromHere.resolve('@tencentcloud/chat')), 'modules', 'group-module.js'),
};

/** Where the viewer page may connect: itself, and in cloud mode Tencent IM's web endpoints and the play domain. */
export function viewerCsp(cloud?: { playOrigin: string }): string {
  const remote = cloud
    ? ` https://*.im.qcloud.com https://*.my-imcloud.com https://*.tim.qq.com https://web.sdk.qcloud.com ${cloud.playOrigin}`
    : '';
  return (
    `default-src 'self'; media-src 'self' blob:${cloud ? ` ${cloud.playOrigin}` : ''}; worker-src 'self' blob:; ` +
    `connect-src 'self' ws: wss:${remote}; img-src 'self' data:`
  );
}

export interface ViewerFiles {
  dir: string;
  csp: string;
  /** Page modules served from memory in place of the folder's file (a test's stand-in of the SDK module). */
  replaced?: Record<string, string>;
}

export function defaultViewerDir(): string {
  const beside = join(import.meta.dirname, '..', 'viewer');
  return existsSync(join(beside, 'index.html')) ? beside : resolve(process.cwd(), 'platform', 'viewer');
}

const HLS_NAME = /^\/hls\/([A-Za-z0-9_-]{1,128})\/((?:index\.m3u8)|(?:seg_\d{1,8}\.ts))$/;

/** Serves a file for GET/HEAD requests the API did not take; false when nothing matched. */
export function serveFiles(
  req: IncomingMessage,
  res: ServerResponse,
  viewer: ViewerFiles,
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
  const page = { 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': viewer.csp };
  const replaced = viewer.replaced?.[path];
  if (replaced !== undefined) {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', ...page });
    res.end(req.method === 'HEAD' ? undefined : replaced);
    return true;
  }
  const file = resolveStaticFile(viewer.dir, path);
  if (!file || !existsSync(file)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found.');
    return true;
  }
  sendFile(res, file, page);
  return true;
}
