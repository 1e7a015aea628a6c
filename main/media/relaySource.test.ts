// The relay's source keeps each frame with its own sound, however the two pipes arrive: a compositor's video
// lagging its sound (what a loaded machine showed: up to 6 frames), its sound lagging the video, a stall and the
// burst after it, a prepared scene taking over; and, paired by the frames' times, a canvas whose first frame is
// late, whose frames are unevenly spaced or too few. The pipes are real streams fed on a simulated clock; every
// frame carries its moment and every sample its own number, so each tick's pair can be read back.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PrintedFrames } from './printedFrames';
import { MAX_RELAY_HOLD_S, RelaySource, SHRINK_AFTER_S } from './relaySource';

const FPS = 30;
const RATE = 48000;
const BYTES_PER_SECOND = RATE * 4;
const SAMPLES_PER_FRAME = RATE / FPS;
/** Sound leaves the compositor in frames of 1024 samples, as ffmpeg's filters give it. */
const CHUNK_SAMPLES = 1024;

interface Timing {
  seconds: number;
  /** When frame k leaves the compositor, after its moment. */
  videoLag: (k: number) => number;
  /** When the sound chunk ending at `end` seconds leaves the compositor, after that moment. */
  audioLag: (end: number) => number;
  /** Frame k's moment (its timestamp) in seconds; k/FPS by default. */
  moment?: (k: number) => number;
  /** Frames the canvas makes a second; FPS by default. */
  rate?: number;
  /** The compositor prints each frame's time (a live graph); otherwise the source pairs by count. */
  lines?: boolean;
  /** When frame k's time line comes, after its moment (default: just before the frame). */
  lineLag?: (k: number) => number;
}

interface Tick {
  /** The moment of the frame shown (fresh or held), in samples; -1 before the first. */
  frame: number;
  fresh: boolean;
  /** The first sample of the tick's sound; null for silence. */
  sound: number | null;
}

const sample = (seconds: number) => Math.round(seconds * RATE);

const frameOf = (moment: number) => {
  const b = Buffer.alloc(8);
  b.writeUInt32LE(sample(moment) + 1);
  return b;
};

function soundChunk(from: number, samples: number): Buffer {
  const b = Buffer.alloc(samples * 4);
  for (let i = 0; i < samples; i++) b.writeUInt32LE(from + i + 1, i * 4);
  return b;
}

/** What the compositor prints for frame k at `moment`, with a meter's reading before it (which is not a frame). */
const timeLine = (k: number, moment: number) =>
  `frame:${k} pts:${k * 3200} pts_time:${k / 15}\nlavfi.astats.Overall.Peak_level=-6.0\nvj_meter=0\n` +
  `frame:${k}    pts:${Math.round(moment * 1e6)}  pts_time:${moment.toFixed(6)}\nvj_frame=1\n`;

function newSource(lines: boolean) {
  const video = new PassThrough();
  const audio = new PassThrough();
  const times = lines ? new PassThrough() : null;
  const printed = times ? PrintedFrames.read(times) : null;
  return { video, audio, times, src: new RelaySource(video, audio, 8, FPS, BYTES_PER_SECOND, printed) };
}

/** Runs a source through `t.seconds` of ticks; the source goes live with its first frame, as the relay does. */
function simulate(t: Timing, onTick?: (src: RelaySource) => void): Tick[] {
  const { video, audio, times, src } = newSource(t.lines ?? false);
  src.once('frame', () => src.goLive());
  const moment = t.moment ?? ((k: number) => k / FPS);
  const events: { at: number; order: number; run: () => void }[] = [];
  for (let k = 0; k < t.seconds * (t.rate ?? FPS); k++) {
    const at = moment(k);
    events.push({ at: at + t.videoLag(k), order: 1, run: () => video.write(frameOf(at)) });
    if (times)
      events.push({ at: at + (t.lineLag ?? t.videoLag)(k), order: 0.5, run: () => times.write(timeLine(k, at)) });
  }
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

/**
 * Fresh frames after `fromTick` shown with sound from another moment: how many (by more than half a frame), the
 * worst in frames and in ms (sound minus picture), and how many were paired at all.
 */
function mismatches(ticks: Tick[], fromTick: number) {
  const fresh = ticks.slice(fromTick).filter((t) => t.fresh && t.sound !== null);
  const off = fresh.map((t) => t.sound! - t.frame);
  const worstSamples = off.reduce((w, d) => (Math.abs(d) > Math.abs(w) ? d : w), 0);
  return {
    count: off.filter((d) => Math.abs(d) > SAMPLES_PER_FRAME / 2).length,
    worst: Math.round(Math.abs(worstSamples) / SAMPLES_PER_FRAME),
    worstMs: Math.round((worstSamples / RATE) * 1000),
    paired: fresh.length,
  };
}

for (const lines of [false, true])
  describe(`the relay source pairs each frame with its own sound (${lines ? 'by the frames’ times' : 'by count'})`, () => {
    it('when the video leaves the compositor 50 to 200 ms after its sound, varying frame to frame', () => {
      // Lags as a loaded machine showed them (beauty's video branch running behind the file's sound).
      const ticks = simulate({
        seconds: 20,
        videoLag: (k) => 0.05 + 0.15 * Math.abs(Math.sin(k / 17)),
        audioLag: () => 0,
        lines,
      });
      // Once the sound has waited for the slowest frame so far, every frame goes out with its own sound.
      expect(mismatches(ticks, 30)).toMatchObject({ count: 0, worst: 0 });
      expect(mismatches(ticks, 30).paired).toBeGreaterThan(560);
      // That wait costs a tick of silence per tick the lag grew (0.15 s: 5 ticks), once; none after.
      expect(ticks.filter((t) => t.sound === null).length).toBeLessThanOrEqual(6);
      expect(ticks.slice(30).filter((t) => t.sound === null)).toEqual([]);
    });

    it('when the sound leaves the compositor 150 ms after its frame: the picture waits for it', () => {
      const ticks = simulate({ seconds: 10, videoLag: () => 0.002, audioLag: () => 0.15, lines });
      expect(mismatches(ticks, 15)).toMatchObject({ count: 0, worst: 0 });
      expect(mismatches(ticks, 15).paired).toBeGreaterThan(250);
    });

    it('through a 400 ms stall of the compositor and the burst after it; the wait it left is cut back', () => {
      const stall = (at: number) => (at >= 3 && at < 3.4 ? 3.4 - at : 0);
      const held: number[] = [];
      let longest = 0;
      let shortened = 0;
      const ticks = simulate(
        { seconds: 12, videoLag: (k) => 0.01 + stall(k / FPS + 0.01), audioLag: (end) => stall(end), lines },
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
      expect(most).toBeLessThanOrEqual(MAX_RELAY_HOLD_S + 0.001);
      expect(longest).toBeLessThanOrEqual(Math.ceil(MAX_RELAY_HOLD_S * FPS) + 1);
      // The stall's wait goes unused afterwards: within SHRINK_AFTER_S or two it is cut back to a tick to spare.
      const after = held.slice(Math.round((3.4 + 2 * SHRINK_AFTER_S) * FPS));
      console.log(`held at most ${Math.round(most * 1000)} ms, then ${Math.round(Math.max(...after) * 1000)} ms`);
      expect(Math.max(...after)).toBeLessThan(0.1);
      if (lines) {
        // By time, the burst's frames older than the sound after the stall are late and go: no wait is left.
        expect(Math.max(...held.slice(Math.round(3.5 * FPS)))).toBeLessThan(0.05);
      } else {
        // By count, the burst fills the hold and the idle wait is cut back afterwards.
        expect(most).toBeGreaterThan(0.25);
        expect(shortened).toBeGreaterThanOrEqual(5);
      }
    });
  });

describe('paired by the frames’ times, the sound goes with the picture of its own moment', () => {
  /** A wall-clock canvas's frames: each at its moment plus a few ms of making, written 10 ms later. */
  const live = { videoLag: () => 0.01, audioLag: () => 0.002, lines: true };

  it('when the first frame comes 150 ms after the graph started (by count, the sound read 150 ms late)', () => {
    const moment = (k: number) => 0.15 + k / FPS;
    const ticks = simulate({ ...live, seconds: 10, moment });
    expect(mismatches(ticks, 0)).toMatchObject({ count: 0, worst: 0 });
    expect(mismatches(ticks, 0).paired).toBeGreaterThan(280);
    const byCount = mismatches(simulate({ ...live, seconds: 10, moment, lines: false }), 0);
    expect(Math.abs(byCount.worstMs)).toBeGreaterThanOrEqual(140);
  });

  it('when the frames come unevenly, up to 14 ms either side of their place', () => {
    const moment = (k: number) => 0.08 + k / FPS + 0.014 * Math.sin(k * 1.7);
    const ticks = simulate({ ...live, seconds: 10, moment });
    const m = mismatches(ticks, 0);
    expect(m.count).toBe(0);
    expect(Math.abs(m.worstMs)).toBeLessThanOrEqual(17);
    expect(m.paired).toBeGreaterThan(250);
  });

  it('when a starved canvas makes 20 frames a second of a 30 fps program', () => {
    const moment = (k: number) => 0.1 + k / 20;
    const ticks = simulate({ ...live, seconds: 10, moment, rate: 20 });
    const m = mismatches(ticks, 0);
    expect(m.count).toBe(0);
    expect(Math.abs(m.worstMs)).toBeLessThanOrEqual(17);
    // Every frame the canvas made is shown once; the ticks between hold the last one and play their sound.
    expect(m.paired).toBeGreaterThan(190);
    expect(ticks.slice(FPS).filter((t) => t.sound === null)).toEqual([]);
    const byCount = mismatches(simulate({ ...live, seconds: 10, moment, rate: 20, lines: false }), 0);
    expect(Math.abs(byCount.worstMs)).toBeGreaterThan(100);
  });

  it('when a frame’s time line comes up to 60 ms after the frame itself: the frame waits for it', () => {
    const moment = (k: number) => 0.12 + k / FPS;
    const ticks = simulate({ ...live, seconds: 6, moment, lineLag: (k) => 0.012 + 0.06 * Math.abs(Math.sin(k / 13)) });
    expect(mismatches(ticks, 0)).toMatchObject({ count: 0, worst: 0 });
    expect(mismatches(ticks, 0).paired).toBeGreaterThan(160);
  });
});

describe('a source that waited (a prepared scene) goes live with its newest frame and that frame’s sound', () => {
  for (const lines of [false, true])
    it(lines ? 'by the frames’ times, its first frame 130 ms in' : 'by count', () => {
      const { video, audio, times, src } = newSource(lines);
      const moment = (k: number) => (lines ? 0.13 : 0) + k / FPS;
      for (let k = 0; k < 5; k++) {
        times?.write(timeLine(k, moment(k)));
        video.write(frameOf(moment(k)));
      }
      audio.write(soundChunk(0, sample(moment(5)) + 700));
      // Paused after its first frame: the compositor blocks on its pipe; the frames written meanwhile wait in it.
      expect(video.isPaused()).toBe(true);
      src.goLive();
      expect(src.frames.length).toBe(1);
      const { frame, sound, silent } = src.take(BYTES_PER_SECOND / FPS);
      expect(silent).toBe(false);
      expect(sound.readUInt32LE(0) - 1).toBe(frame!.slices[0]!.readUInt32LE(0) - 1);
    });
});
