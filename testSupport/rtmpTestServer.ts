// A real RTMP server (node-media-server) in its own process on a loopback port, for tests and benchmarks:
// killing it is a real server going away. Counts publishes from its own log, which is the only source of
// truth here (its events lie for refused and resumed sessions, MEDIA.md).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../main/media/ffmpegFeatures';

export { freePort };

export class RtmpTestServer {
  private child: ChildProcess | null = null;
  publishes = 0;
  log = '';

  /** With a secret, the server refuses every publish whose `sign` query it did not make (its own auth). */
  constructor(
    readonly port: number,
    private readonly publishSecret = '',
  ) {}

  static async create(o: { publishSecret?: string } = {}): Promise<RtmpTestServer> {
    const s = new RtmpTestServer(await freePort(), o.publishSecret);
    await s.start();
    return s;
  }

  /** The server's process (its CPU is the receiving end's, apart from the studio's). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  url(key = 'live/test'): string {
    return `rtmp://127.0.0.1:${this.port}/${key}`;
  }

  /** A push address this server's auth accepts for the next `seconds`. */
  signedUrl(key = 'live/test', seconds = 600): string {
    const exp = Math.floor(Date.now() / 1000) + seconds;
    const hash = createHash('md5').update(`/${key}-${exp}-${this.publishSecret}`).digest('hex');
    return `${this.url(key)}?sign=${exp}-${hash}`;
  }

  start(): Promise<void> {
    const nms = createRequire(import.meta.url).resolve('node-media-server');
    const store = mkdtempSync(join(tmpdir(), 'nms-store-'));
    const script = `
      const NMS = require(${JSON.stringify(nms)});
      const s = new NMS({ bind: '127.0.0.1', rtmp: { port: ${this.port}, chunk_size: 60000, gop_cache: true, ping: 30, ping_timeout: 60 }, store: { path: ${JSON.stringify(store)} }${this.publishSecret ? `, auth: { publish: true, secret: ${JSON.stringify(this.publishSecret)} }` : ''} });
      s.on('postPublish', (session) => console.log('PUBLISH ' + session.streamPath));
      s.run();
      console.log('READY');`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`RTMP server did not start:\n${this.log}`)), 15000);
      const onData = (d: Buffer) => {
        this.log += d.toString();
        this.publishes = (this.log.match(/PUBLISH /g) ?? []).length;
        if (/Rtmp Server listening/i.test(this.log) || this.log.includes('READY')) {
          // READY prints before listen completes; wait for the port to answer.
          clearTimeout(timer);
          setTimeout(resolve, 300);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
    });
  }

  kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}
