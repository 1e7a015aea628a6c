// The embedded platform on a thread of its own. In local mode the studio hosts its viewers' platform (their chat
// hub, the ingest, the viewer page); on the studio's own event loop a flood of viewers' messages or a burst of
// joins would take the time the frame relay's clock, the studio's API and the renderer's events need. Here the
// platform runs on a worker thread: it speaks to the studio over loopback as any business server does, and only
// its start, its log lines, its stream events and its stop cross the thread. A platform that crashes ends its
// thread, not the studio, and is started again the next time the studio needs it.
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../common/workerThread';
import type { PlatformOptions } from './config';
import type { RunningPlatform, StreamEvent } from './index';

/** What may cross to the platform's thread: plain values only (the log is forwarded as messages). */
export type PlatformThreadOptions = Pick<
  PlatformOptions,
  | 'host'
  | 'port'
  | 'rtmpPort'
  | 'dataDir'
  | 'sdkAppId'
  | 'secretKey'
  | 'heartbeatSeconds'
  | 'resumeGraceSeconds'
  | 'ffmpegPath'
  | 'guestBalance'
  | 'sessionSeconds'
  | 'hls'
  | 'chat'
> & { log?: (line: string) => void };

export type ToPlatformThread = { type: 'close' };
export type FromPlatformThread =
  | { type: 'log'; line: string }
  | { type: 'stream'; event: StreamEvent }
  | ({ type: 'ready' } & Omit<RunningPlatform, 'events' | 'close'>)
  | { type: 'failed'; message: string; code: string | null }
  | { type: 'closed' };

/** How long a closing platform may take to end its rooms and close its files before its thread is torn down. */
const CLOSE_GRACE_MS = 10_000;

export interface ThreadPlatform extends RunningPlatform {
  /** Settles when the thread ends, asked to or not. */
  readonly stopped: Promise<void>;
}

/** Starts the platform on its own thread; rejects as `startPlatform` would (a taken port keeps its code). */
export function startPlatformThread(options: PlatformThreadOptions): Promise<ThreadPlatform> {
  const { log, ...data } = options;
  const say = log ?? (() => {});
  const worker: Worker = spawnWorker(import.meta.url, 'platformWorker.ts', 'platformWorker.js', data);
  const events = new EventEmitter<{ stream: [StreamEvent] }>();
  let closing = false;
  let closedCleanly = false;
  let ready = false;
  const stopped = new Promise<void>((resolve) => {
    worker.once('exit', (code) => {
      if (!closing && ready)
        say(`the platform stopped unexpectedly (exit code ${code}); it starts again when the studio needs it`);
      resolve();
    });
  });
  return new Promise<ThreadPlatform>((resolve, reject) => {
    worker.on('error', (err) => {
      say(`the platform's thread failed: ${err.message}`);
      if (!ready) reject(err);
    });
    worker.once('exit', (code) => {
      if (!ready) reject(new Error(`The platform's thread ended before it started (exit code ${code}).`));
    });
    worker.on('message', (m: FromPlatformThread) => {
      switch (m.type) {
        case 'log':
          say(m.line);
          return;
        case 'stream':
          events.emit('stream', m.event);
          return;
        case 'failed': {
          const err = new Error(m.message) as NodeJS.ErrnoException;
          if (m.code) err.code = m.code;
          reject(err);
          return;
        }
        case 'closed':
          closedCleanly = true;
          return;
        case 'ready':
          ready = true;
          resolve({
            httpUrl: m.httpUrl,
            rtmpUrl: m.rtmpUrl,
            imUrl: m.imUrl,
            sdkAppId: m.sdkAppId,
            mode: m.mode,
            dataDir: m.dataDir,
            events,
            stopped,
            close: async () => {
              if (closing) return stopped;
              closing = true;
              worker.postMessage({ type: 'close' } satisfies ToPlatformThread);
              let timer: NodeJS.Timeout | undefined;
              const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), CLOSE_GRACE_MS)));
              if ((await Promise.race([stopped, late])) === 'late') {
                say(`the platform took over ${CLOSE_GRACE_MS / 1000} s to close; its thread was ended`);
                await worker.terminate();
              } else if (!closedCleanly) say('the platform ended before it had closed');
              clearTimeout(timer);
            },
          });
          return;
      }
    });
  });
}
