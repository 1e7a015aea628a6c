// Local mode: the platform runs inside the studio on loopback, its data under the studio's data dir.
// Default ports first (a stable address for viewers), free ones when those are taken.
import { join } from 'node:path';

export interface EmbeddedPlatform {
  httpUrl: string;
  rtmpUrl: string;
  sdkAppId: number;
  close(): Promise<void>;
}

export interface PlatformStartOptions {
  host: string;
  port: number;
  rtmpPort: number;
  dataDir: string;
  heartbeatSeconds?: number;
  log?: (line: string) => void;
}

export type PlatformStarter = (options: PlatformStartOptions) => Promise<EmbeddedPlatform>;

export const DEFAULT_PLATFORM_PORT = 8090;
export const DEFAULT_RTMP_PORT = 1935;

function isAddressInUse(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === 'EADDRINUSE' || /EADDRINUSE|address already in use/i.test(e?.message ?? '');
}

export class EmbeddedPlatformHost {
  private running: Promise<EmbeddedPlatform> | null = null;

  constructor(
    private readonly starter: PlatformStarter | null,
    private readonly studioDataDir: string,
    private readonly ports: { http: number; rtmp: number } = { http: DEFAULT_PLATFORM_PORT, rtmp: DEFAULT_RTMP_PORT },
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Starts the platform once; later calls share the same one. */
  ensure(): Promise<EmbeddedPlatform> {
    if (!this.starter)
      return Promise.reject(
        new Error('This build of the studio has no embedded platform. Use a business server (cloud mode).'),
      );
    const starter = this.starter;
    this.running ??= (async () => {
      const dataDir = join(this.studioDataDir, 'platform');
      // The embedded platform's own events (streams pushed and cut off, guests publishing) join the studio's log.
      const log = (line: string) => this.log(`platform: ${line}`);
      try {
        return await starter({ host: '127.0.0.1', port: this.ports.http, rtmpPort: this.ports.rtmp, dataDir, log });
      } catch (err) {
        if (!isAddressInUse(err)) throw err;
        this.log(`platform ports ${this.ports.http}/${this.ports.rtmp} are taken; using free ones`);
        return starter({ host: '127.0.0.1', port: 0, rtmpPort: 0, dataDir, log });
      }
    })();
    this.running.catch(() => (this.running = null));
    return this.running;
  }

  async close(): Promise<void> {
    const running = this.running;
    this.running = null;
    if (running) await (await running.catch(() => null))?.close();
  }
}
