// The embedded platform as the studio runs it: on a thread of its own, reached over loopback. Its API and chat
// hub answer real clients, its log reaches the studio's, a taken default port falls back to a free one, a close
// ends the thread and frees the ports, and a platform that stopped by itself is started again when next needed.
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChatClient, signUpWithRoom, startPlatformThread, type ThreadPlatform } from '../../testSupport/platform';
import { EmbeddedPlatformHost, type PlatformStartOptions } from './embeddedPlatform';

const dirs: string[] = [];
const studioDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'studio-embedded-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}
/** The studio's starter, keeping each platform it started. */
const keeping = (started: ThreadPlatform[]) => async (o: PlatformStartOptions) => {
  const p = await startPlatformThread(o);
  started.push(p);
  return p;
};
const portOf = (s: Server) => (s.address() as { port: number }).port;
const closeServer = (s: Server) => new Promise<void>((r) => s.close(() => r()));

describe('the embedded platform on its own thread', () => {
  it('serves its API and chat hub over loopback, logs through the studio, and frees its ports on close', async () => {
    const lines: string[] = [];
    const started: ThreadPlatform[] = [];
    // Free ports, taken then let go, as the studio's defaults.
    const probe = [await listenOn(0), await listenOn(0)];
    const ports = { http: portOf(probe[0]!), rtmp: portOf(probe[1]!) };
    for (const s of probe) await closeServer(s);
    const host = new EmbeddedPlatformHost(keeping(started), studioDir(), ports, (l) => lines.push(l));
    const platform = await host.ensure();
    expect(platform.httpUrl).toBe(`http://127.0.0.1:${ports.http}`);
    expect(await host.ensure()).toBe(platform); // one platform, shared

    const vj = await signUpWithRoom(platform.httpUrl, 'vj_thread');
    const chat = await ChatClient.connect(started[0]!.imUrl, vj.token);
    try {
      expect(await chat.request({ type: 'join', groupId: vj.groupId })).toMatchObject({ type: 'joined' });
    } finally {
      chat.close();
    }
    await expect.poll(() => lines.some((l) => l.startsWith('platform: '))).toBe(true);

    await host.close();
    await started[0]!.stopped; // the thread has ended
    // Both ports are free again.
    for (const port of [ports.http, ports.rtmp]) await closeServer(await listenOn(port));
  }, 60_000);

  it('falls back to free ports when the defaults are taken, with the reason in the log', async () => {
    const taken = await listenOn(0);
    const lines: string[] = [];
    const host = new EmbeddedPlatformHost(startPlatformThread, studioDir(), { http: portOf(taken), rtmp: 0 }, (l) =>
      lines.push(l),
    );
    try {
      const platform = await host.ensure();
      expect(platform.httpUrl).not.toBe(`http://127.0.0.1:${portOf(taken)}`);
      expect(lines.join('\n')).toMatch(/are taken; using free ones/);
      expect((await fetch(`${platform.httpUrl}/api/v1/rooms`)).status).toBeLessThan(500);
    } finally {
      await host.close();
      await closeServer(taken);
    }
  }, 60_000);

  it('starts the platform again when it stopped by itself', async () => {
    const started: ThreadPlatform[] = [];
    const host = new EmbeddedPlatformHost(keeping(started), studioDir(), { http: 0, rtmp: 0 });
    try {
      await host.ensure();
      // The thread ends without the host asking (as a crash would end it).
      await started[0]!.close();
      await expect.poll(async () => (await host.ensure()) !== undefined && started.length).toBe(2);
      const again = await host.ensure();
      expect((await fetch(`${again.httpUrl}/api/v1/rooms`)).status).toBeLessThan(500);
    } finally {
      await host.close();
    }
  }, 60_000);
});
