// The bandwidth test against the real platform's RTMP ingest on loopback: a measured rate above zero, a
// suggestion consistent with it, progress on the bus, plain words when nothing listens, and the platform
// never sees a publish.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../../testSupport/platform';
import { EventBus } from '../api';
import type { EventPayload } from '../contract';
import { presets } from '../media/presets';
import { BandwidthTester, HEADROOM, suggestPreset } from './bandwidthTest';
import { freePort } from '../media/ffmpegFeatures';

let platform: RunningPlatform;
const streamEvents: unknown[] = [];
beforeAll(async () => {
  platform = await startPlatform({
    host: '127.0.0.1',
    port: 0,
    rtmpPort: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'bw-')),
    hls: false,
    log: () => {},
  });
  platform.events.on('stream', (e: unknown) => streamEvents.push(e));
}, 30000);
afterAll(async () => {
  await platform?.close();
});

/** A TCP relay to the ingest that reads the uploader at most `kbps`: a slow uplink, made real. */
function slowLink(targetPort: number, kbps: number): Promise<{ url: string; server: Server }> {
  const bytesPerMs = kbps / 8;
  const server = createServer((client) => {
    const up = connect(targetPort, '127.0.0.1');
    up.pipe(client);
    client.on('data', (chunk: Buffer) => {
      up.write(chunk);
      client.pause();
      setTimeout(() => client.resume(), chunk.length / bytesPerMs);
    });
    client.on('close', () => up.destroy());
    up.on('close', () => client.destroy());
    client.on('error', () => up.destroy());
    up.on('error', () => client.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `rtmp://127.0.0.1:${(server.address() as { port: number }).port}`, server }),
    ),
  );
}

function tester(o: { local?: string | null; last?: string | null; live?: boolean } = {}) {
  const bus = new EventBus();
  const progress: EventPayload<'session.bandwidthProgress'>[] = [];
  bus.subscribe((name, payload) => {
    if (name === 'session.bandwidthProgress') progress.push(payload);
  });
  const t = new BandwidthTester({
    bus,
    localIngest: () => (o.local === undefined ? platform.rtmpUrl : o.local),
    lastPushUrl: () => o.last ?? null,
    isLive: () => o.live ?? false,
  });
  return { t, progress };
}

describe('bandwidth test', () => {
  it('measures the upload to the embedded ingest and suggests a preset that fits with headroom', async () => {
    const { t, progress } = tester();
    const r = await t.run({ seconds: 2 });
    console.log(`bandwidth test on loopback: ${JSON.stringify(r)}`);
    expect(r.ingest).toBe(platform.rtmpUrl.replace('rtmp://', ''));
    expect(r.measuredKbps).toBeGreaterThan(0);
    expect(r.stages.length).toBeGreaterThan(0);
    expect(r.measuredKbps).toBe(Math.max(...r.stages.map((s) => s.achievedKbps)));
    // The suggestion follows from the measure: the headroom share, and the best preset within it.
    expect(r.suggestedKbps).toBe(Math.floor(r.measuredKbps * HEADROOM));
    expect(r.suggestedKbps).toBeLessThan(r.measuredKbps);
    const fits = Object.values(presets).filter((p) => p.videoKbps + p.audioKbps <= r.suggestedKbps);
    if (r.presetId) {
      const chosen = presets[r.presetId];
      expect(chosen.videoKbps + chosen.audioKbps).toBeLessThanOrEqual(r.suggestedKbps);
      expect(fits.every((p) => p.videoKbps <= chosen.videoKbps)).toBe(true);
    } else expect(fits).toEqual([]);
    // Progress went up to the end, and nothing was ever published to the platform.
    expect(progress.length).toBeGreaterThan(3);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    if (r.capped) expect(fractions.at(-1)).toBe(1);
    expect(progress.some((p) => p.kbps > 0)).toBe(true);
    expect(streamEvents).toEqual([]);
  }, 30000);

  it('measures what a slow uplink really carries, and stops raising the rate once it is full', async () => {
    const port = Number(new URL(platform.rtmpUrl).port);
    const link = await slowLink(port, 3000);
    try {
      const r = await tester({ local: link.url }).t.run({ seconds: 2.5 });
      console.log(`bandwidth test through a 3000 kbit/s link: ${JSON.stringify(r)}`);
      expect(r.capped).toBe(false);
      expect(r.measuredKbps).toBeGreaterThan(0);
      // Never more than the link carries (a little over for the relay's first chunk).
      expect(r.measuredKbps).toBeLessThan(3000 * 1.15);
      expect(r.stages.length).toBeLessThan(5);
      expect(r.presetId).toBe(suggestPreset(r.measuredKbps).presetId);
    } finally {
      link.server.close();
    }
  }, 30000);

  it('suggests by the headroom rule: nothing below the smallest preset, the biggest when the uplink is wide', () => {
    const smallest = presets['720p30'].videoKbps + presets['720p30'].audioKbps;
    expect(suggestPreset(smallest).presetId).toBeNull();
    expect(suggestPreset(Math.ceil(smallest / HEADROOM) + 1).presetId).toBe('720p30');
    expect(suggestPreset(100_000).presetId).toBe('1080p60');
  });

  it('says in plain words when the ingest is unreachable, when there is none, and while live', async () => {
    const port = await freePort();
    await expect(tester({ local: `rtmp://127.0.0.1:${port}` }).t.run({ seconds: 1 })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('refused the connection'),
      zh: expect.stringContaining('拒绝了连接'),
    });
    await expect(tester({ local: null }).t.run({ seconds: 1 })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('push address'),
    });
    await expect(tester({ live: true }).t.run({ seconds: 1 })).rejects.toMatchObject({ code: 'conflict' });
    // Cloud mode: the last push host, never its stream key.
    expect(
      tester({ local: null, last: 'rtmp://push.example.com/live/stream1?txSecret=abc&txTime=FF' }).t.target(),
    ).toBe('rtmp://push.example.com/live');
  });
});
