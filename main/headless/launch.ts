// Starts the headless host from its command line: checks the data folder first, builds the studio, serves it (on
// a free port, said so, when the asked one is taken) and says in plain words what is missing (ffmpeg).
import { createStudio, type Studio, type StudioOptions } from '../app';
import { ensureWritableDataDir, type FfmpegLocation } from '../system';
import type { HeadlessArgs } from './args';
import { startHeadlessHost, type HeadlessHost } from './host';

export interface HeadlessLaunchOptions {
  args: HeadlessArgs;
  rendererDir: string;
  appVersion: string;
  /** Lines for the person who started the studio (stdout). */
  say: (line: string) => void;
  /** Problems they should act on (stderr). */
  warn: (line: string) => void;
  platformStarter?: StudioOptions['platformStarter'];
  ffmpeg?: FfmpegLocation;
  log?: (line: string) => void;
}

export interface LaunchedHeadless {
  studio: Studio;
  host: HeadlessHost;
  stop(): Promise<void>;
}

function isAddressInUse(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === 'EADDRINUSE';
}

export async function launchHeadless(o: HeadlessLaunchOptions): Promise<LaunchedHeadless> {
  ensureWritableDataDir(o.args.dataDir);
  const studio = await createStudio({
    dataDir: o.args.dataDir,
    runtime: 'headless',
    appVersion: o.appVersion,
    platformStarter: o.platformStarter ?? null,
    ...(o.ffmpeg ? { ffmpeg: o.ffmpeg } : {}),
    ...(o.log ? { log: o.log } : {}),
    ...(o.args.obsWebSocketPort !== undefined ? { obsWebSocketPort: o.args.obsWebSocketPort } : {}),
  });
  const ffmpeg = studio.system.ffmpeg;
  if (!ffmpeg.found) o.warn(`${ffmpeg.message} Until then the studio runs without capture, push or recording.`);
  let host: HeadlessHost;
  try {
    host = await startHeadlessHost({ studio, rendererDir: o.rendererDir, host: o.args.host, port: o.args.port });
  } catch (err) {
    if (!isAddressInUse(err) || o.args.port === 0) {
      await studio.close();
      throw new Error(`The studio cannot listen on ${o.args.host} port ${o.args.port}: ${(err as Error).message}`, {
        cause: err,
      });
    }
    host = await startHeadlessHost({ studio, rendererDir: o.rendererDir, host: o.args.host, port: 0 });
    o.say(`Port ${o.args.port} is taken by another program, so the studio took a free one: ${host.port}.`);
  }
  return {
    studio,
    host,
    async stop() {
      await host.close();
      await studio.close();
    },
  };
}
