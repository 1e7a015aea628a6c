// A hardware encoder that fails falls back to x264 without dropping the push: at start (VA-API asked for on a
// machine without its device, real ffmpeg failing for real) and mid-show (an "NVENC" stood in by x264, as
// this machine has no GPU, killed while pushing). The ingest sees one connection and one publish, and the
// stream's timestamps go on.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encoderStageArgs } from './encoderCommand';
import { IngestLink } from '../../testSupport/ingestLink';
import { customPreset, MediaEngine } from './index';
import { RtmpTestServer } from '../../testSupport/rtmpTestServer';
import { until } from '../../testSupport/media';

let server: RtmpTestServer;
beforeAll(async () => {
  server = await RtmpTestServer.create();
}, 30000);
afterAll(async () => {
  await server?.kill();
});

function newEngine(encoderStageArgsFor?: typeof encoderStageArgs) {
  const dir = mkdtempSync(join(tmpdir(), 'fallback-it-'));
  return new MediaEngine({
    ffmpegPath: 'ffmpeg',
    workDir: join(dir, 'work'),
    recordingsDir: join(dir, 'rec'),
    preset: customPreset('720p30', 320, 180),
    x264Preset: 'ultrafast',
    encoderStageArgs: encoderStageArgsFor,
  });
}

describe('hardware encoder fallback', () => {
  it('falls back to x264 when the chosen encoder fails at start, says so, and the push connects once', async () => {
    const link = new IngestLink(server.port);
    await link.listen();
    const engine = newEngine();
    const notices: string[] = [];
    engine.on('notice', (n) => notices.push(`${n.source}: ${n.message}`));
    try {
      await engine.start({ encoder: 'h264_vaapi' });
      engine.startPush(`rtmp://127.0.0.1:${link.port}/live/fallback-start`);
      await until(() => engine.push.state.state === 'live', 30000, 'the push live on x264');
      await until(() => link.video.length > 60, 20000, 'two seconds of frames at the ingest');
      expect(engine.status().encoder).toBe('libx264');
      expect(
        notices.some((n) => /^encoder: The VA-API encoder stopped \(.+\); the studio switched to x264/.test(n)),
      ).toBe(true);
      expect(engine.push.state.connects).toBe(1);
      expect(link.connections).toBe(1);
    } finally {
      await engine.stop();
      link.close();
    }
  }, 60000);

  it('falls back mid-show without dropping the push: one connection, timestamps going on', async () => {
    const link = new IngestLink(server.port);
    await link.listen();
    // This machine has no GPU: an "NVENC" that encodes with x264 stands in for one, and is killed mid-show.
    const engine = newEngine((o) =>
      encoderStageArgs({ ...o, encoder: o.encoder === 'h264_nvenc' ? 'libx264' : o.encoder }),
    );
    const notices: string[] = [];
    const states: string[] = [];
    engine.on('notice', (n) => notices.push(`${n.source}: ${n.message}`));
    engine.push.on('change', (s) => states.push(s.state));
    try {
      await engine.start({ encoder: 'h264_nvenc' });
      engine.startPush(`rtmp://127.0.0.1:${link.port}/live/fallback-mid`);
      await until(() => link.video.length > 90, 30000, 'three seconds of frames on "NVENC"');
      expect(engine.status().encoder).toBe('h264_nvenc');
      const publishesBefore = server.publishes;
      const before = link.video.length;
      const lastBefore = link.video.at(-1)!.timestamp;
      process.kill(engine.pids()[0] as number, 'SIGKILL'); // the encoder stage
      await until(() => engine.status().encoder === 'libx264', 10000, 'the fallback');
      await until(() => link.video.length > before + 90, 30000, 'three more seconds of frames on x264');
      // Frames the killed encoder had already written still arrive; x264's first frame is the one after the hold.
      const after = link.video.slice(before - 1);
      const resumed = after.findIndex((f, i) => i > 0 && f.timestamp - after[i - 1]!.timestamp > 100);
      const hold = after[resumed]!.timestamp - after[resumed - 1]!.timestamp;
      console.log(
        `killed "NVENC" after ${lastBefore} ms of stream; x264 went on at ${after[resumed]?.timestamp} ms, ` +
          `${hold} ms after the last frame; ${after.length - resumed} frames since; ${link.connections} connection; ` +
          `push states ${states.join(' → ')}`,
      );
      expect(notices.some((n) => /^encoder: The NVIDIA NVENC encoder stopped .*the push goes on\.$/.test(n))).toBe(
        true,
      );
      expect(link.connections).toBe(1);
      expect(engine.push.state).toMatchObject({ state: 'live', connects: 1 });
      expect(states).not.toContain('reconnecting');
      expect(server.publishes).toBe(publishesBefore);
      expect(after[resumed]?.keyframe).toBe(true);
      expect(hold).toBeLessThan(5000);
      // One hold, then time runs on: no frame goes back, no second jump.
      for (let i = 1; i < after.length; i++) {
        expect(after[i]!.timestamp).toBeGreaterThan(after[i - 1]!.timestamp);
        if (i !== resumed) expect(after[i]!.timestamp - after[i - 1]!.timestamp).toBeLessThanOrEqual(100);
      }
    } finally {
      await engine.stop();
      link.close();
    }
  }, 90000);
});
