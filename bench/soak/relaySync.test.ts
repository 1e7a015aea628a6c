// The program's A/V sync through the real compositor and the frame relay: the soak's sync clip (a flash and a
// tone burst made together) on a wall-clock canvas, read back from what the relay hands the encoder, tick by
// tick. A frame goes with the sound of its own moment (within half a frame) and shows the file's picture nearest
// its moment (within half a frame), so each burst starts within a frame of its flash, from the first flash on.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { SceneItem } from '../../main/contract/scene';
import { neutralBeauty } from '../../main/media/beautyFilter';
import { CompositorRunner } from '../../main/media/compositorRunner';
import { blackFrame, FrameRelay, type RelayCounters } from '../../main/media/frameRelay';
import { buildCompositor } from '../../main/media/sceneGraph';
import { defaultFfmpegLocation } from '../../main/system';
import { sceneItem, sceneOnBackground, until } from '../../testSupport/media';
import { RtmpIngest } from '../../platform/ingest/rtmpIngest';
import { guestStreamName } from '../../platform/rooms/guestStreams';
import { quietArgs } from '../../common/ffmpeg/commandParts';
import { makeSyncClip, pairOffsets, SYNC_PERIOD_S } from './syncClip';

const loc = defaultFfmpegLocation();
const W = 320;
const H = 180;
const FPS = 30;
const BYTES_PER_SECOND = 48000 * 4;
/** Sound read back in 1 ms windows (48 samples), as the soak's measurement reads it. */
const WINDOW = 48;
const FLASHES = 4;

/** Mean luma of the clip's middle in a yuv420p frame given as slices. */
function lumaOf(slices: Buffer[], clip: { x: number; y: number; width: number; height: number }): number {
  const frame = slices.length === 1 ? (slices[0] as Buffer) : Buffer.concat(slices);
  let sum = 0;
  let n = 0;
  const [x0, y0] = [clip.x + Math.round(clip.width / 4), clip.y + Math.round(clip.height / 4)];
  for (let y = y0; y < y0 + clip.height / 2; y += 2)
    for (let x = x0; x < x0 + clip.width / 2; x += 2, n++) sum += frame[y * W + x] as number;
  return sum / n;
}

const RECT = { x: 64, y: 40, width: 160, height: 90 };

/**
 * Runs a scene of a dark canvas and `item` (showing the sync clip in RECT) through the real compositor and relay
 * until FLASHES flashes have gone to the encoder; returns each burst minus its flash, in ms.
 */
async function offsetsThroughRelay(
  ffmpeg: string,
  dir: string,
  item: SceneItem,
  inputs: { mediaAudio?: Record<string, boolean>; guestUrls?: Record<string, string> },
  clip: { periodS: number; flashes: number } = { periodS: SYNC_PERIOD_S, flashes: FLASHES },
): Promise<{ offsetsMs: number[]; freshShare: number }> {
  const plan = buildCompositor({
    scene: sceneOnBackground('Sync', '#202020', { width: W, height: H }, [item]),
    width: W,
    height: H,
    fps: FPS,
    platform: process.platform,
    beauty: neutralBeauty,
    safetyMask: 'none',
    textDir: dir,
    guestUrls: inputs.guestUrls ?? {},
    placeholders: {},
    microphone: null,
    mediaAudio: inputs.mediaAudio ?? {},
  });
  writeFileSync(plan.slateFile, '');
  const sink = { video: new PassThrough(), audio: new PassThrough() };
  sink.video.resume();
  sink.audio.resume();
  const relay = new FrameRelay(sink, (W * H * 3) / 2, FPS, BYTES_PER_SECOND, blackFrame(W, H));
  const runner = new CompositorRunner(ffmpeg, relay);
  runner.on('died', (e) => console.log(`the compositor stopped: ${e.message}`));
  const luma: { t: number; v: number }[] = [];
  const rms: { t: number; v: number }[] = [];
  let samples = 0;
  relay.on('tick', (frame, n, audio) => {
    luma.push({ t: (n - 1) / FPS, v: lumaOf(frame.slices, RECT) });
    for (let w = 0; w + WINDOW * 4 <= audio.length; w += WINDOW * 4) {
      let sq = 0;
      for (let i = 0; i < WINDOW; i++) sq += audio.readInt16LE(w + i * 4) ** 2;
      rms.push({ t: (samples + w / 4) / 48000, v: 10 * Math.log10(sq / WINDOW + 1e-9) });
    }
    samples += audio.length / 4;
  });
  // The share of ticks with a fresh frame, from a second after the compositor's first frame (its start is slow).
  let firstFresh = -1;
  let from: RelayCounters | null = null;
  relay.on('tick', () => {
    const c = relay.counters;
    if (firstFresh < 0 && c.fresh > 0) firstFresh = c.ticks;
    if (!from && firstFresh >= 0 && c.ticks >= firstFresh + FPS) from = { ...c };
  });
  const pairs = () => pairOffsets(luma, rms, clip.periodS).offsetsMs;
  try {
    await runner.launch(plan, false);
    relay.start();
    await until(() => pairs().length >= clip.flashes, 60_000, `${clip.flashes} flashes`);
  } finally {
    relay.stop();
    await runner.stop();
  }
  const c = relay.counters;
  const start = from as RelayCounters | null;
  const freshShare = start && c.ticks > start.ticks ? (c.fresh - start.fresh) / (c.ticks - start.ticks) : 0;
  console.log(
    `${item.source.kind}: burst minus flash ${pairs().join(' ')} ms; first fresh frame at tick ${firstFresh}`,
  );
  console.log(`relay: ${JSON.stringify(c)}; fresh frames after the first second: ${(freshShare * 100).toFixed(0)} %`);
  return { offsetsMs: pairs(), freshShare };
}

describe('the program’s sound and picture, paired by the frames’ times', () => {
  it.skipIf(!loc.found)(
    'a media file: a flash and its burst leave the relay within a frame of each other, from the first flash on',
    async () => {
      const ffmpeg = loc.found ? loc.path : 'ffmpeg';
      const dir = mkdtempSync(join(tmpdir(), 'relay-sync-'));
      const clip = join(dir, 'sync.mkv');
      await makeSyncClip(ffmpeg, clip);
      const item = sceneItem('clip', { kind: 'mediaFile', path: clip, loop: true }, RECT);
      const { offsetsMs } = await offsetsThroughRelay(ffmpeg, dir, item, { mediaAudio: { [clip]: true } });
      expect(offsetsMs.length).toBeGreaterThanOrEqual(FLASHES);
      // Half a frame for the picture the canvas took from the file, half for the sound the relay paired it with.
      for (const off of offsetsMs) expect(Math.abs(off)).toBeLessThanOrEqual(1000 / FPS);
    },
    90_000,
  );

  it.skipIf(!loc.found)(
    "a co-host guest's live stream (H.264 and AAC from the platform's ingest, which starts a player with its cached GOP): the bursts within EBU R37's window of their flashes (40 ms early, 60 ms late), and the canvas not starved",
    async () => {
      const ffmpeg = loc.found ? loc.path : 'ffmpeg';
      const dir = mkdtempSync(join(tmpdir(), 'relay-sync-guest-'));
      const clip = join(dir, 'sync.mkv');
      // 4 s between flashes: a sound late by the cached GOP's second, or by a 2 s GOP, cannot pass for one on time.
      const periodS = 4;
      await makeSyncClip(ffmpeg, clip, 0, periodS);
      // The platform's ingest: a player of a guest's stream starts with the cached GOP (as Tencent's CDN does).
      const ingest = new RtmpIngest({ host: '127.0.0.1', port: 0, authorize: () => ({ ok: true }) });
      await ingest.listen();
      const url = `rtmp://127.0.0.1:${ingest.port}/live/${guestStreamName('room1', 'g1')}`;
      // The guest's stream, live: the clip looped at its own pace, keyframes every 2 s as a guest's bridge sends.
      const publisher = spawn(
        ffmpeg,
        [
          ...quietArgs(),
          '-re',
          '-stream_loop',
          '-1',
          '-i',
          clip,
          ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '60'],
          ...['-c:a', 'aac', '-ar', '48000', '-f', 'flv', url],
        ],
        { stdio: 'ignore' },
      );
      try {
        await until(() => ingest.liveStreams().length > 0, 20_000, 'the guest publishing');
        // The ingest's GOP cache now holds the second since the last keyframe, which the studio's pull gets at once.
        await new Promise((r) => setTimeout(r, 3000));
        const item = sceneItem('guest', { kind: 'cohost', guestUserId: 'g1' }, RECT);
        const { offsetsMs, freshShare } = await offsetsThroughRelay(
          ffmpeg,
          dir,
          item,
          { guestUrls: { g1: url } },
          { periodS, flashes: FLASHES },
        );
        expect(offsetsMs.length).toBeGreaterThanOrEqual(FLASHES);
        const sorted = [...offsetsMs].sort((a, b) => a - b);
        const mid = sorted.length / 2;
        const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
        // EBU R37's window for a programme's sound against its picture: at most 40 ms early, 60 ms late (was ~1 s late).
        expect(median, `offsets ${offsetsMs.join(', ')}`).toBeGreaterThan(-40);
        expect(median, `offsets ${offsetsMs.join(', ')}`).toBeLessThan(60);
        // Starved (the canvas waiting on each packet of the guest's sound), a sixth of the ticks had a fresh frame.
        expect(freshShare).toBeGreaterThan(0.5);
      } finally {
        publisher.kill('SIGKILL');
        await ingest.close();
      }
    },
    150_000,
  );
});
