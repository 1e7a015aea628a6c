// Four destinations off one encode, on loopback against real ingests (node-media-server in processes of
// their own): two that take the stream, one that refuses the key, one whose network stops reading. Each
// reaches its own state; one ingest killed and brought back, and a destination added and removed while
// live, leave the others' received frames without a gap over 100 ms and without a missing frame, checked
// on the media timestamps the ingest received against every frame the encode made (not on this busy
// machine's wall clock, whose stalls every output inherits alike).
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestLink, largestGaps } from '../../testSupport/ingestLink';
import { encodeProgram, feedProgram, type EncodedProgram } from '../../testSupport/programFeed';
import { RtmpTestServer } from '../../testSupport/rtmpTestServer';
import { sleep, until } from '../../testSupport/media';
import { TsDemuxer } from '../media/rtmp/tsDemux';
import { TsFanout } from '../media/tsFanout';
import { FileSecretStore } from '../session';
import { DestinationBook } from './destinationBook';
import { DestinationsService } from './destinationsService';

let program: EncodedProgram;
let ingestA: RtmpTestServer;
let ingestB: RtmpTestServer;
let strict: RtmpTestServer;
beforeAll(async () => {
  [program, ingestA, ingestB, strict] = await Promise.all([
    // 6 Mbit/s, so the few megabytes the kernel buffers on loopback fill within seconds once D stops reading.
    encodeProgram(50, '640x360', 6000),
    RtmpTestServer.create(),
    RtmpTestServer.create(),
    RtmpTestServer.create({ publishSecret: 'only-signed-keys' }),
  ]);
}, 60000);
afterAll(async () => {
  await Promise.all([ingestA?.kill(), ingestB?.kill(), strict?.kill()]);
});

describe('many destinations off one encode', () => {
  it('gives each its own state; a dead ingest, an added and a removed destination leave the others continuous', async () => {
    const linkB = new IngestLink(ingestB.port);
    const stuck = new IngestLink(ingestB.port);
    const linkE = new IngestLink(ingestB.port);
    await Promise.all([linkB.listen(), stuck.listen(), linkE.listen()]);
    const logs: string[] = [];
    const keysFile = join(mkdtempSync(join(tmpdir(), 'destinations-')), 'destinations');
    const fanout = new TsFanout();
    const service = new DestinationsService({
      book: new DestinationBook(new FileSecretStore(keysFile), (l) => logs.push(l)),
      fanout: () => fanout,
      log: (l) => logs.push(l),
      backoffMs: [300, 600, 1000],
      stallMs: 2500,
      queueLimitBytes: 128 * 1024,
    });
    const states: string[] = [];
    service.on('state', (s) => states.push(JSON.stringify(s)));
    const custom = (port: number, key: string) => ({ service: 'custom', server: `rtmp://127.0.0.1:${port}/live`, key });
    const refusedKey = 'unsigned-key-4f1c9a';
    const a = service.add({ ...custom(ingestA.port, 'a-key-0001'), name: 'A' });
    const b = service.add({ ...custom(linkB.port, 'b-key-0002'), name: 'B' });
    const c = service.add({ ...custom(strict.port, refusedKey), name: 'refuses the key' });
    const d = service.add({ ...custom(stuck.port, 'd-key-0004'), name: 'stops reading' });
    const of = (id: string) => service.state().destinations.find((x) => x.id === id);
    // Every video frame the encode made, by its timestamp, read off the fan-out itself.
    const made: number[] = [];
    const demuxer = new TsDemuxer((u) => u.kind === 'video' && made.push(Math.round(u.dts)));
    const control = new Writable({ write: (chunk: Buffer, _e, done) => (demuxer.push(chunk), done()) });
    const detachControl = fanout.attach({ name: 'control', stream: control, onOverflow: () => {} });
    const feeding = feedProgram(fanout, program);
    try {
      service.setLive(true);
      await until(() => [a, b, d].every((x) => of(x.id)?.output.state === 'live'), 15000, 'A, B and D live');
      await until(() => of(c.id)?.output.state === 'failed', 15000, 'the refused key to fail');
      expect(of(c.id)?.output.reason).toBe('bad_stream_key');
      expect(strict.log).not.toMatch(/PUBLISH \/live\/unsigned/); // the ingest never took it

      stuck.hold(true); // D's network stops taking anything: dropped to keyframes, then redialled
      await until(() => of(d.id)?.output.state === 'reconnecting', 30000, 'D to notice its stall');
      expect(of(d.id)?.output.reason).toBe('timeout');
      expect(service.output(d.id)?.droppedFrames).toBeGreaterThan(0);

      const bFramesBeforeKill = linkB.video.length;
      await ingestA.kill();
      await until(() => of(a.id)?.output.state === 'reconnecting', 10000, 'A to notice its ingest died');
      expect(of(a.id)?.output.reason).toMatch(/connection_(lost|refused)/);
      await sleep(1500);
      await ingestA.start();
      await until(
        () => of(a.id)?.output.state === 'live' && (of(a.id)?.output.connects ?? 0) >= 2,
        15000,
        'A live again',
      );
      expect(linkB.video.length - bFramesBeforeKill).toBeGreaterThan(60);

      const e = service.add({ ...custom(linkE.port, 'e-key-0005'), name: 'added live' });
      await until(() => of(e.id)?.output.state === 'live', 10000, 'the added destination live');
      await until(() => linkE.video.length > 30, 10000, 'frames at the added destination');
      await service.remove(e.id);
      expect(of(e.id)).toBeUndefined();
      const eFrames = linkE.video.length;
      await sleep(1000);
      expect(linkE.video.length).toBe(eFrames); // nothing more reaches a removed destination
      const fed = await feeding;
      await sleep(500);

      // What B's ingest received: every frame, none missing, however the others fared.
      const gaps = largestGaps(linkB.video);
      const bSeconds = (linkB.video.at(-1)!.timestamp - linkB.video[0]!.timestamp) / 1000;
      console.log(
        `B received ${linkB.video.length} frames over ${bSeconds.toFixed(1)} s of program; largest step ` +
          `${gaps.timestamp} ms in stream time, ${gaps.arrival} ms in arrival (the feed itself paused up to ` +
          `${fed.longestPauseMs} ms on this busy machine); A connected ${of(a.id)?.output.connects}x; ` +
          `D dropped ${service.output(d.id)?.droppedFrames} frames and dialled ${stuck.connections}x`,
      );
      expect(gaps.timestamp).toBeLessThanOrEqual(100);
      // Every frame the encode made from B's first to its last arrived, in order: none held back and
      // dropped to a keyframe while A was dead or D stuck (a held-back push drops, never waits).
      const received = linkB.video.map((f) => f.timestamp);
      const [first, last] = [received[0] as number, received.at(-1) as number];
      const expected = made.filter((t) => t >= first && t <= last);
      expect(expected.length).toBeGreaterThanOrEqual(Math.floor(bSeconds * 30));
      expect(received).toEqual(expected);
      expect(service.output(b.id)?.droppedFrames).toBe(0);
      expect(of(b.id)?.output).toMatchObject({ state: 'live', connects: 1, reason: null });
      expect(linkB.connections).toBe(1);
      expect(of(c.id)?.output.state).toBe('failed');

      // Keys rest in a 0600 file and nowhere else: not in a log line, not in a state the renderer sees.
      expect(statSync(keysFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(keysFile, 'utf8')).toContain(refusedKey);
      expect(logs.some((l) => l.includes('bad_stream_key'))).toBe(true);
      for (const key of [refusedKey, 'a-key-0001', 'b-key-0002', 'd-key-0004', 'e-key-0005']) {
        expect(logs.join('\n')).not.toContain(key);
        expect(states.join('\n')).not.toContain(key);
      }
    } finally {
      await feeding.catch(() => {});
      detachControl();
      await service.close();
      for (const l of [linkB, stuck, linkE]) l.close();
    }
  }, 120000);
});
