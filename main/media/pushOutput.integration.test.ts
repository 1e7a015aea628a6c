// The push on a network slower than the stream: a real RTMP server behind a loopback relay that can stop
// reading, as a congested uplink does. Video is dropped up to the next keyframe instead of queueing, the
// server only ever sees whole GOPs resume, and a server that takes nothing at all is redialled.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputState } from '../contract/media';
import { PushOutput } from './pushOutput';
import { IngestLink } from '../../testSupport/ingestLink';
import { RtmpTestServer } from '../../testSupport/rtmpTestServer';
import { sleep, until } from '../../testSupport/media';
import { TsFanout } from './tsFanout';

let server: RtmpTestServer;
let ts: Buffer;
beforeAll(async () => {
  server = await RtmpTestServer.create();
  const file = join(mkdtempSync(join(tmpdir(), 'push-it-')), 'program.ts');
  // 60 s of 640x360 at 4 Mbit/s with a keyframe every 2 s, as the encoder stage writes it. The kernel's own
  // buffers on loopback take several megabytes before the push's queue grows: the holds below outlast them.
  await new Promise<void>((resolve, reject) =>
    execFile(
      'ffmpeg',
      [
        '-v',
        'error',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=640x360:rate=30:duration=60',
        '-f',
        'lavfi',
        '-i',
        'sine=duration=60',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-b:v',
        '4M',
        '-minrate',
        '4M',
        '-maxrate',
        '4M',
        '-bufsize',
        '4M',
        '-x264-params',
        'nal-hrd=cbr',
        '-g',
        '60',
        '-bf',
        '0',
        '-c:a',
        'aac',
        '-f',
        'mpegts',
        '-y',
        file,
      ],
      (err, _o, stderr) => (err ? reject(new Error(String(stderr))) : resolve()),
    ),
  );
  ts = readFileSync(file);
}, 60000);
afterAll(async () => {
  await server?.kill();
});

/** Feeds the encode's TS from `from` to `to` seconds of program at `speed` times realtime. */
async function feed(fanout: TsFanout, fromS: number, toS: number, speed: number): Promise<void> {
  const step = 188 * 100;
  const byteAt = (s: number) => Math.min(ts.length, Math.floor((ts.length * s) / 60 / 188) * 188);
  const [from, to] = [byteAt(fromS), byteAt(toS)];
  const bytesPerMs = (ts.length / 60000) * speed;
  const t0 = Date.now();
  for (let at = from; at < to; at += step) {
    fanout.push(ts.subarray(at, Math.min(to, at + step)));
    const due = (at + step - from) / bytesPerMs - (Date.now() - t0);
    if (due > 1) await sleep(due);
  }
}

describe('the push on a congested network', () => {
  it('drops video to the next keyframe while the network is stuck, and never reconnects for a short stall', async () => {
    const link = new IngestLink(server.port);
    await link.listen();
    const fanout = new TsFanout();
    const states: OutputState[] = [];
    const push = new PushOutput(() => fanout, { queueLimitBytes: 256 * 1024, stallMs: 8000 });
    const errors: string[] = [];
    push.on('change', (s) => states.push(s));
    push.on('error', (e) => errors.push(e.code));
    try {
      push.start(`rtmp://127.0.0.1:${link.port}/live/congested`);
      await until(() => states.some((s) => s.state === 'starting'), 5000, 'dialling');
      await sleep(300);
      await feed(fanout, 0, 5, 1); // at the program's own pace
      expect(push.state.state).toBe('live');
      link.hold(true); // 30 s of program in 3 s while the network takes nothing
      await feed(fanout, 5, 35, 10);
      const dropped = push.droppedFrames;
      link.hold(false);
      await feed(fanout, 35, 60, 5);
      await sleep(1000);
      console.log(
        `held 3 s: ${dropped} of 900 video frames dropped, 1 connection, ${link.video.length} frames reached the server`,
      );
      expect(dropped).toBeGreaterThan(30);
      expect(link.connections).toBe(1);
      expect(errors).toEqual([]);
      expect(states.filter((s) => s.state === 'reconnecting')).toEqual([]);
      // Every jump in the video timestamps the server saw lands on a keyframe.
      const v = link.video;
      const jumps = v.filter((f, i) => i > 0 && f.timestamp - (v[i - 1] as { timestamp: number }).timestamp > 50);
      expect(jumps.length).toBeGreaterThan(0);
      expect(jumps.every((f) => f.keyframe)).toBe(true);
      expect(v.at(-1)?.timestamp).toBeGreaterThan(59000); // it caught up to the end of the program
    } finally {
      await push.stop();
      link.close();
    }
  }, 90000);

  it('redials a server that takes nothing for the stall time, showing the attempt, and goes live again', async () => {
    const link = new IngestLink(server.port);
    await link.listen();
    const fanout = new TsFanout();
    const states: OutputState[] = [];
    const push = new PushOutput(() => fanout, { queueLimitBytes: 256 * 1024, stallMs: 1500, backoffMs: [200] });
    const errors: string[] = [];
    push.on('change', (s) => states.push(s));
    push.on('error', (e) => errors.push(e.code));
    try {
      push.start(`rtmp://127.0.0.1:${link.port}/live/stalled`);
      await sleep(300);
      await feed(fanout, 0, 3, 1);
      expect(push.state.state).toBe('live');
      link.hold(true);
      const feeding = feed(fanout, 3, 60, 5);
      await until(() => push.state.state === 'reconnecting', 10000, 'the stall to be noticed');
      expect(push.state.detail).toMatch(/^reconnecting \(attempt 1\): The connection timed out/);
      link.hold(false);
      await until(() => push.state.state === 'live', 10000, 'live again');
      await feeding;
      expect(errors[0]).toBe('timeout');
      expect(link.connections).toBeGreaterThanOrEqual(2);
      expect(push.state.connects).toBeGreaterThanOrEqual(2);
    } finally {
      await push.stop();
      link.close();
    }
  }, 60000);
});
