// The relay's source keeps each frame with its own sound, however the two pipes arrive: a compositor's video
// lagging its sound (what a loaded machine showed: up to 6 frames), its sound lagging the video, a stall and the
// burst after it, a prepared scene taking over. The pipes are real streams fed on a simulated clock; every frame
// and every sample carries the number of the frame it belongs to, so each tick's pair can be read back.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_RELAY_HOLD_S, RelaySource, SHRINK_AFTER_S } from './relaySource';

const FPS = 30;
const RATE = 48000;
const BYTES_PER_SECOND = RATE * 4;
const SAMPLES_PER_FRAME = RATE / FPS;
/** Sound leaves the compositor in frames of 1024 samples, as ffmpeg's filters give it. */
const CHUNK_SAMPLES = 1024;

interface Timing {
  seconds: number;
  /** When frame k leaves the compositor, after its moment k/FPS. */
  videoLag: (k: number) => number;
  /** When the sound chunk ending at `end` seconds leaves the compositor, after that moment. */
  audioLag: (end: number) => number;
}

interface Tick {
  /** The frame shown (fresh or held), numbered from 0; -1 before the first. */
  frame: number;
  fresh: boolean;
  /** The frame whose moment the tick's sound is from; null for silence. */
  sound: number | null;
}

const frameOf = (k: number) => {
  const b = Buffer.alloc(8);
  b.writeUInt32LE(k + 1);
  return b;
};

function soundChunk(from: number, samples: number): Buffer {
  const b = Buffer.alloc(samples * 4);
  for (let i = 0; i < samples; i++) b.writeUInt32LE(Math.floor((from + i) / SAMPLES_PER_FRAME) + 1, i * 4);
  return b;
}

/** Runs a source through `t.seconds` of ticks; the source goes live with its first frame, as the relay does. */
function simulate(t: Timing, onTick?: (src: RelaySource) => void): Tick[] {
  const video = new PassThrough();
  const audio = new PassThrough();
  const src = new RelaySource(video, audio, 8, FPS, BYTES_PER_SECOND);
  src.once('frame', () => src.goLive());
  const events: { at: number; order: number; run: () => void }[] = [];
  for (let k = 0; k < t.seconds * FPS; k++)
    events.push({ at: k / FPS + t.videoLag(k), order: 1, run: () => video.write(frameOf(k)) });
  for (let s = 0; s < t.seconds * RATE; s += CHUNK_SAMPLES) {
    const end = (s + CHUNK_SAMPLES) / RATE;
    events.push({ at: end + t.audioLag(end), order: 0, run: () => audio.write(soundChunk(s, CHUNK_SAMPLES)) });
  }
  const ticks: Tick[] = [];
  let shown = -1;
  for (let i = 1; i <= t.seconds * FPS; i++)
    events.push({
      at: i / FPS + 0.0005,
      order: 2,
      run: () => {
        const { frame, sound, silent } = src.take(BYTES_PER_SECOND / FPS);
        if (frame) shown = frame.slices[0]!.readUInt32LE(0) - 1;
        ticks.push({ frame: shown, fresh: !!frame, sound: silent ? null : sound.readUInt32LE(0) - 1 });
        onTick?.(src);
      },
    });
  events.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const e of events) e.run();
  return ticks;
}

/** Fresh frames after `fromTick` shown with another moment's sound, and by how many frames at most. */
function mismatches(ticks: Tick[], fromTick: number): { count: number; worst: number; paired: number } {
  const fresh = ticks.slice(fromTick).filter((t) => t.fresh && t.sound !== null);
  const off = fresh.map((t) => Math.abs(t.sound! - t.frame));
  return { count: off.filter((d) => d > 0).length, worst: Math.max(0, ...off), paired: fresh.length };
}

describe('the relay source pairs each frame with its own sound', () => {
  it('when the video leaves the compositor 50 to 200 ms after its sound, varying frame to frame', () => {
    // Lags as a loaded machine showed them (beauty's video branch running behind the file's sound).
    const ticks = simulate({
      seconds: 20,
      videoLag: (k) => 0.05 + 0.15 * Math.abs(Math.sin(k / 17)),
      audioLag: () => 0,
    });
    // Once the sound has waited for the slowest frame so far, every frame goes out with its own sound.
    expect(mismatches(ticks, 30)).toMatchObject({ count: 0, worst: 0 });
    expect(mismatches(ticks, 30).paired).toBeGreaterThan(560);
    // That wait costs a tick of silence per tick the lag grew (0.15 s: 5 ticks), once; none after.
    expect(ticks.filter((t) => t.sound === null).length).toBeLessThanOrEqual(6);
    expect(ticks.slice(30).filter((t) => t.sound === null)).toEqual([]);
  });

  it('when the sound leaves the compositor 150 ms after its frame: the picture waits for it', () => {
    const ticks = simulate({ seconds: 10, videoLag: () => 0.002, audioLag: () => 0.15 });
    expect(mismatches(ticks, 15)).toMatchObject({ count: 0, worst: 0 });
    expect(mismatches(ticks, 15).paired).toBeGreaterThan(250);
  });

  it('through a 400 ms stall of the compositor and the burst after it; the wait it left is cut back', () => {
    const stall = (at: number) => (at >= 3 && at < 3.4 ? 3.4 - at : 0);
    const held: number[] = [];
    let longest = 0;
    let shortened = 0;
    const ticks = simulate(
      { seconds: 12, videoLag: (k) => 0.01 + stall(k / FPS + 0.01), audioLag: (end) => stall(end) },
      (src) => {
        held.push(src.audioBytes / BYTES_PER_SECOND);
        longest = Math.max(longest, src.frames.length);
        shortened = src.shortened;
      },
    );
    // Before, and once the burst has come in, every frame goes out with its own sound.
    expect(mismatches(ticks.slice(0, 89), 15).count).toBe(0);
    expect(mismatches(ticks, 120)).toMatchObject({ count: 0, worst: 0 });
    // What a source holds stays bounded: MAX_RELAY_HOLD_S of sound and the frames that go with it.
    const most = Math.max(...held);
    expect(most).toBeGreaterThan(0.25);
    expect(most).toBeLessThanOrEqual(MAX_RELAY_HOLD_S + 0.001);
    expect(longest).toBeLessThanOrEqual(Math.ceil(MAX_RELAY_HOLD_S * FPS) + 1);
    // The stall's wait goes unused afterwards: within SHRINK_AFTER_S or two it is cut back to a tick to spare.
    const after = held.slice(Math.round((3.4 + 2 * SHRINK_AFTER_S) * FPS));
    console.log(`held at most ${Math.round(most * 1000)} ms, then ${Math.round(Math.max(...after) * 1000)} ms`);
    expect(shortened).toBeGreaterThanOrEqual(5);
    expect(Math.max(...after)).toBeLessThan(0.1);
  });

  it('a source that waited (a prepared scene) goes live with its newest frame and that frame’s sound', () => {
    const video = new PassThrough();
    const audio = new PassThrough();
    const src = new RelaySource(video, audio, 8, FPS, BYTES_PER_SECOND);
    for (let k = 0; k < 5; k++) video.write(frameOf(k));
    audio.write(soundChunk(0, 5 * SAMPLES_PER_FRAME + 700));
    // Paused after its first frame: the compositor blocks on its pipe; the frames written meanwhile wait in it.
    expect(video.isPaused()).toBe(true);
    src.goLive();
    expect(src.frames.length).toBe(1);
    const { frame, sound, silent } = src.take(BYTES_PER_SECOND / FPS);
    expect(silent).toBe(false);
    expect(sound.readUInt32LE(0) - 1).toBe(frame!.slices[0]!.readUInt32LE(0) - 1);
  });
});
