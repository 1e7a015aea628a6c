// Starts the headless host from its command line: checks the data folder first, opens its log file, builds the
// studio, serves it (on a free port, said so, when the asked one is taken), says in plain words what is missing
// (ffmpeg), and, for the real process, keeps it alive through stray faults (logged, the VJ told) and stops it
// cleanly on a signal.
import { dirname } from 'node:path';
import { createStudio, type Studio, type StudioOptions } from '../app';
import { ensureWritableDataDir, installCrashGuard, type FfmpegLocation } from '../system';
import { openFileLog, type FileLog } from './fileLog';
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
  /** Test doubles for content safety, passed on to createStudio (an end-to-end entry hands scripted ones). */
  safety?: Pick<StudioOptions, 'safetyClassifier' | 'programFrames'>;
  ffmpeg?: FfmpegLocation;
  /** Where the studio's log lines go besides the log file (stderr by default). */
  log?: (line: string) => void;
  /** The process whose stray exceptions and rejections are caught (the real one in main/headless.ts). */
  guard?: NodeJS.EventEmitter;
}

export interface LaunchedHeadless {
  studio: Studio;
  host: HeadlessHost;
  fileLog: FileLog;
  stop(): Promise<void>;
}

function isAddressInUse(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === 'EADDRINUSE';
}

export async function launchHeadless(o: HeadlessLaunchOptions): Promise<LaunchedHeadless> {
  ensureWritableDataDir(o.args.dataDir);
  const fileLog = openFileLog(o.args.dataDir);
  const echo = o.log ?? ((line: string) => console.error(`[studio] ${line}`));
  const log = (line: string) => {
    fileLog.write(line);
    echo(line);
  };
  let bus: Studio['bus'] | null = null;
  const unguard = o.guard
    ? installCrashGuard({
        target: o.guard,
        log,
        logPlace: fileLog.path,
        notify: (notice) => bus?.emit('system.notice', notice),
      })
    : () => {};
  const studio = await createStudio({
    dataDir: o.args.dataDir,
    runtime: 'headless',
    appVersion: o.appVersion,
    platformStarter: o.platformStarter ?? null,
    ...o.safety,
    ...(o.ffmpeg ? { ffmpeg: o.ffmpeg } : {}),
    ...(o.args.obsWebSocketPort !== undefined ? { obsWebSocketPort: o.args.obsWebSocketPort } : {}),
    logsFolder: { path: dirname(fileLog.path) },
    log,
  }).catch((err: unknown) => {
    unguard();
    throw err;
  });
  bus = studio.bus;
  const ffmpeg = studio.system.ffmpeg;
  if (!ffmpeg.found) o.warn(`${ffmpeg.message} Until then the studio runs without capture, push or recording.`);
  let host: HeadlessHost;
  try {
    host = await startHeadlessHost({ studio, rendererDir: o.rendererDir, host: o.args.host, port: o.args.port });
  } catch (err) {
    if (!isAddressInUse(err) || o.args.port === 0) {
      unguard();
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
    fileLog,
    async stop() {
      await host.close();
      await studio.close();
      unguard();
    },
  };
}

/**
 * Serves a headless host as the whole process (an entry's last step): says where it runs, stops it cleanly on
 * SIGINT or SIGTERM, and when it cannot start says why in plain words and exits 1.
 */
export function serveUntilSignalled(launching: Promise<LaunchedHeadless>): void {
  launching.then(
    (launched) => {
      console.log(`VJ Studio is running at ${launched.host.url}`);
      const stop = async () => {
        await launched.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    },
    (err: unknown) => {
      console.error(`VJ Studio could not start: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
