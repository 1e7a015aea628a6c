// Going live waits until the stream has really arrived: the push is connected and the platform's ingest
// reports it, so a refused key or an unreachable server is reported at "go live", not found by viewers.
import type { PlatformClient } from '../platformClient';
import type { BroadcastMedia } from './broadcastMedia';

/** Resolves once the media engine's push is connected; rejects in plain words after `timeoutMs`. */
export function waitForPush(media: BroadcastMedia, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let last = 'no answer from the media engine';
    const timer = setTimeout(
      () =>
        done(
          new Error(
            `the ingest did not take the stream within ${Math.round(timeoutMs / 1000)} s (${last}). Check the network and the server address.`,
          ),
        ),
      timeoutMs,
    );
    const off = media.onStats((m) => {
      last = m.push.state === 'reconnecting' ? `reconnecting, attempt ${m.push.attempt}` : m.push.state;
      if (m.push.state === 'connected') done(null);
    });
    const done = (err: Error | null) => {
      clearTimeout(timer);
      off();
      if (err) reject(err);
      else resolve();
    };
  });
}

/** The platform says the room's stream has arrived at its ingest (where it reports that at all). */
export async function waitForStreamAtIngest(client: PlatformClient, roomId: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const room = (await client.liveRooms().catch(() => [])).find((r) => r.roomId === roomId);
    if (!room || room.streamUp === undefined || room.streamUp) return;
    if (Date.now() > until)
      throw new Error(
        `the platform's ingest did not receive the stream within ${Math.round(timeoutMs / 1000)} s: it refused the push or never saw it.`,
      );
    await new Promise((r) => setTimeout(r, 300));
  }
}
