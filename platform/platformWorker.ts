// The platform's thread (thread.ts): starts the platform with the studio's options, forwards its log and stream
// events, and closes it when asked. An error at start goes back with its code (a taken port: EADDRINUSE).
import { parentPort, workerData } from 'node:worker_threads';
import { startPlatform } from './index';
import type { FromPlatformThread, PlatformThreadOptions } from './thread';

const port = parentPort!;
const send = (m: FromPlatformThread) => port.postMessage(m);
const options = workerData as Omit<PlatformThreadOptions, 'log'>;

try {
  const platform = await startPlatform({ ...options, log: (line) => send({ type: 'log', line }) });
  platform.events.on('stream', (event) => send({ type: 'stream', event }));
  port.on('message', (m: { type?: unknown }) => {
    if (m?.type !== 'close') return;
    platform
      .close()
      .catch((err: Error) => send({ type: 'log', line: `the platform did not close cleanly: ${err.message}` }))
      .finally(() => {
        send({ type: 'closed' });
        // Anything the platform left open (a timer, a socket) must not keep the thread: it is done.
        setImmediate(() => process.exit(0));
      });
  });
  send({
    type: 'ready',
    httpUrl: platform.httpUrl,
    rtmpUrl: platform.rtmpUrl,
    imUrl: platform.imUrl,
    sdkAppId: platform.sdkAppId,
    mode: platform.mode,
    dataDir: platform.dataDir,
  });
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  send({ type: 'failed', message: e.message, code: typeof e.code === 'string' ? e.code : null });
  setImmediate(() => process.exit(0));
}
