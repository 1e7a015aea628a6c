// Audio meters on real ffmpeg: the meter chain's own output parsed, and the engine reporting the levels of
// the scene on air — the test tone near its known level, silence as silence, a muted source silent.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { AudioMix, Scene, SceneItem } from '../contract/scene';
import { AudioMeters, LevelParser, SILENCE_DB, type MeterReading } from './audioLevels';
import { customPreset, MediaEngine } from './index';
import { SINE_AMPLITUDE, TEST_MIC_TONE } from './sceneAudio';
import { buildCompositor, TEST_TONE_VOLUME } from './sceneGraph';
import { diffScene } from './sceneDiff';
import { neutralBeauty } from './beautyFilter';
import { sceneItem } from '../../testSupport/media';

const db = (amplitude: number) => 20 * Math.log10(amplitude);
/** A sine's RMS is its peak over √2. */
const RMS_OF_SINE = db(Math.SQRT1_2);
/** The tones are mono; the meters read them in stereo, where ffmpeg spreads a mono channel at 1/√2 a side. */
const MONO_IN_STEREO = db(Math.SQRT1_2);
const tonePeak = db(SINE_AMPLITUDE * TEST_TONE_VOLUME) + MONO_IN_STEREO;
const micPeak = db(SINE_AMPLITUDE * TEST_MIC_TONE.volume) + MONO_IN_STEREO;

/** Runs a graph of two metered sources for one second and returns what the meters printed on fd 4. */
function meterOutput(sources: string[], meters: AudioMeters, mixes: (AudioMix | undefined)[] = []): string {
  const chains = sources.map((s, i) => `${s}${meters.chain(`m${i}`, mixes[i])}[a${i}]`);
  const graph = `${chains.join(';')};${sources.map((_, i) => `[a${i}]`).join('')}amix=inputs=${sources.length}[out]`;
  const r = spawnSync(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-filter_complex',
      graph,
      '-map',
      '[out]',
      '-t',
      '1',
      '-f',
      's16le',
      'pipe:1',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe', 'ignore', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  expect(String(r.stderr)).toBe('');
  return String(r.output[4]);
}

describe('audio meters', () => {
  it('reads 10 times a second: a tone at its known peak and RMS, silence and a muted tone as silence', () => {
    const meters = new AudioMeters();
    const muted = { gainDb: 0, muted: true, noiseSuppression: false };
    const text = meterOutput(
      [`sine=f=440:r=48000,volume=${TEST_TONE_VOLUME}`, 'anullsrc=r=48000:cl=stereo', 'sine=f=440:r=48000'],
      meters,
      [undefined, undefined, muted],
    );
    expect(text).toMatch(/^frame:0 +pts:0/);
    expect(text).toContain('lavfi.astats.Overall.Peak_level=-inf');
    // The parser takes ffmpeg's own output in pieces of any size.
    const parser = new LevelParser(meters.ids);
    const readings: MeterReading[] = [];
    for (let i = 0; i < text.length; i += 97) readings.push(...parser.push(text.slice(i, i + 97)));
    const of = (id: string) => readings.filter((r) => r.id === id);
    expect(of('m0').length).toBeGreaterThanOrEqual(10);
    expect(of('m0').length).toBeLessThanOrEqual(11);
    for (const r of of('m0')) {
      expect(r.peakDb).toBeCloseTo(tonePeak, 0);
      expect(r.rmsDb).toBeCloseTo(tonePeak + RMS_OF_SINE, 0);
    }
    expect(of('m1').every((r) => r.peakDb === SILENCE_DB && r.rmsDb === SILENCE_DB)).toBe(true);
    expect(of('m2').length).toBeGreaterThanOrEqual(10);
    expect(of('m2').every((r) => r.peakDb === SILENCE_DB)).toBe(true);
  });

  it('reads gain and noise suppression: -6 dB reads 6 dB lower, suppressed hiss far lower', () => {
    const meters = new AudioMeters();
    const hiss = 'anoisesrc=r=48000:a=0.05:c=white:s=7';
    const text = meterOutput([hiss, hiss, hiss], meters, [
      undefined,
      { gainDb: -6, muted: false, noiseSuppression: false },
      { gainDb: 0, muted: false, noiseSuppression: true },
    ]);
    const readings = new LevelParser(meters.ids).push(text);
    const rms = (id: string) => {
      const r = readings.filter((x) => x.id === id).slice(3); // the denoiser learns the noise first
      return r.reduce((a, x) => a + x.rmsDb, 0) / r.length;
    };
    expect(rms('m1') - rms('m0')).toBeCloseTo(-6, 0);
    expect(rms('m2')).toBeLessThan(rms('m0') - 6);
  });
});

const item = (id: string, source: SceneItem['source'], extra: Partial<SceneItem> = {}) =>
  sceneItem(id, source, { x: 0, y: 0, width: 320, height: 180 }, extra);

describe('the mix graph', () => {
  const base = {
    width: 320,
    height: 180,
    fps: 30,
    beauty: neutralBeauty,
    safetyMask: 'none' as const,
    textDir: '/tmp/t',
    guestUrls: {},
    placeholders: {},
    microphone: null,
  };
  const mix = { gainDb: -6, muted: false, noiseSuppression: true };
  const scene: Scene = {
    id: 's',
    name: 'S',
    items: [
      item('clip', { kind: 'mediaFile', path: '/media/clip.mp4', loop: true }, { audio: mix }),
      item('still', { kind: 'mediaFile', path: '/media/still.mp4', loop: true }),
    ],
    audio: [
      {
        id: 'desk',
        name: 'Desktop',
        kind: 'desktop',
        device: '',
        mix: { gainDb: 0, muted: false, noiseSuppression: false },
      },
      { id: 'mic', name: 'Mic', kind: 'microphone', device: 'pulse:usb-mic', mix },
    ],
  };

  it("meters each source after its gain, mute and noise suppression; a file's sound only when it has one", () => {
    const plan = buildCompositor({
      ...base,
      scene,
      platform: 'linux',
      mediaAudio: { '/media/clip.mp4': true, '/media/still.mp4': false },
    });
    expect(plan.meters).toEqual(['clip', 'desk', 'mic']);
    expect(plan.filterGraph).toMatch(
      /\[0:a\]asetpts=PTS-STARTPTS,aresample=48000:async=1000,aformat=channel_layouts=stereo,afftdn=nf=-25,volume@mix0=-6dB,asetnsamples/,
    );
    expect(plan.filterGraph).not.toContain('[1:a]');
    expect(plan.args.join(' ')).toContain('-f pulse -i @DEFAULT_MONITOR@');
    expect(plan.args.join(' ')).toContain('-f pulse -i usb-mic');
  });

  it('changes gain and mute by command, and rebuilds only for noise suppression or a guest leaving the mix', () => {
    const plan = buildCompositor({ ...base, scene, platform: 'linux', mediaAudio: { '/media/clip.mp4': true } });
    const withMix = (id: string, patch: Partial<AudioMix>): Scene => ({
      ...scene,
      items: scene.items.map((i) => (i.id === id ? { ...i, audio: { ...mix, ...i.audio, ...patch } } : i)),
      audio: scene.audio?.map((a) => (a.id === id ? { ...a, mix: { ...a.mix, ...patch } } : a)),
    });
    expect(diffScene(scene, withMix('mic', { gainDb: 3 }), plan.targets, 320, 180, plan.meters)).toMatchObject({
      kind: 'commands',
      commands: [{ target: 'volume@mix2', command: 'volume', arg: '3dB' }],
    });
    expect(diffScene(scene, withMix('clip', { muted: true }), plan.targets, 320, 180, plan.meters)).toMatchObject({
      kind: 'commands',
      commands: [{ target: 'volume@mix0', command: 'volume', arg: '0' }],
    });
    expect(
      diffScene(scene, withMix('desk', { noiseSuppression: true }), plan.targets, 320, 180, plan.meters).kind,
    ).toBe('rebuild');
  });

  it('leaves out what this OS cannot capture, with the reason; a missing default microphone quietly', () => {
    const plan = buildCompositor({
      ...base,
      scene: {
        ...scene,
        audio: [...(scene.audio ?? []), { id: 'm2', name: 'Mic 2', kind: 'microphone', device: '', mix }],
      },
      platform: 'win32',
    });
    expect(plan.meters).toEqual(['mic']);
    expect(plan.notices).toEqual([expect.stringMatching(/^Desktop: desktop audio needs a loopback device/)]);
  });
});

describe('media engine audio levels', () => {
  it('reports every channel of the scene on air about ten times a second, and follows mute', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'levels-it-'));
    const engine = new MediaEngine({
      ffmpegPath: 'ffmpeg',
      workDir: join(dir, 'work'),
      recordingsDir: join(dir, 'rec'),
      preset: customPreset('720p30', 320, 180),
    });
    const batches: { at: number; levels: MeterReading[] }[] = [];
    engine.on('levels', (levels) => batches.push({ at: Date.now(), levels }));
    const mix = { gainDb: 0, muted: false, noiseSuppression: false };
    const scene = (muted: boolean): Scene => ({
      id: 'sound',
      name: 'Sound',
      items: [item('pattern', { kind: 'testPattern', pattern: 'bars', tone: true }, { audio: { ...mix, muted } })],
      audio: [
        { id: 'mic', name: 'Microphone', kind: 'microphone', device: 'test', mix },
        // No microphone on this machine: the default one is left out of the mix and reads as silence.
        { id: 'default-mic', name: 'Microphone 2', kind: 'microphone', device: '', mix },
      ],
    });
    const last = (id: string) => batches.at(-1)?.levels.find((l) => l.id === id);
    const waitFor = async (check: () => boolean, what: string) => {
      const start = Date.now();
      while (!check()) {
        if (Date.now() - start > 30000) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await engine.setScene(scene(false));
    await engine.start();
    try {
      await waitFor(() => batches.length >= 25 && (last('pattern')?.peakDb ?? SILENCE_DB) > SILENCE_DB, 'tone levels');
      const recent = batches.slice(-20);
      const hz = (recent.length - 1) / (((recent.at(-1)?.at ?? 0) - (recent[0]?.at ?? 0)) / 1000);
      expect(hz).toBeGreaterThan(7);
      expect(hz).toBeLessThan(13);
      expect(last('pattern')?.peakDb).toBeCloseTo(tonePeak, 0);
      expect(last('pattern')?.rmsDb).toBeCloseTo(tonePeak + RMS_OF_SINE, 0);
      expect(last('mic')?.peakDb).toBeCloseTo(micPeak, 0);
      expect(last('default-mic')).toEqual({ id: 'default-mic', peakDb: SILENCE_DB, rmsDb: SILENCE_DB });

      // A mute is a command to the running graph: no new compositor.
      expect(await engine.setScene(scene(true))).toBe('commands');
      const since = batches.length;
      await waitFor(() => batches.length > since + 5 && last('pattern')?.peakDb === SILENCE_DB, 'muted tone silent');
      expect(last('mic')?.peakDb).toBeCloseTo(micPeak, 0);

      // The fader: -6 dB on the microphone, live, reads 6 dB lower.
      const quieter = scene(true);
      quieter.audio = quieter.audio?.map((a) => (a.id === 'mic' ? { ...a, mix: { ...a.mix, gainDb: -6 } } : a));
      expect(await engine.setScene(quieter)).toBe('commands');
      await waitFor(() => (last('mic')?.peakDb ?? 0) < micPeak - 3, 'microphone 6 dB lower');
      await waitFor(() => batches.length > since + 10, 'a few more readings');
      expect(last('mic')?.peakDb).toBeCloseTo(micPeak - 6, 0);

      // The VJ's mute hotkey silences every microphone of the scene.
      await engine.setMicMuted(true);
      const before = batches.length;
      await waitFor(() => batches.length > before + 5 && last('mic')?.peakDb === SILENCE_DB, 'muted microphone silent');
    } finally {
      await engine.stop();
    }
  }, 90_000);

  it("meters a media file's own sound, and gives a file without sound no audio input", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'levels-file-'));
    const withSound = join(dir, 'clip.mp4');
    const silentFilm = join(dir, 'film.mp4');
    // A mono 440 Hz sine at half of ffmpeg's 1/8 amplitude: -24.1 dBFS peak, -27.1 a side in stereo.
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=s=160x90:r=15',
      '-f',
      'lavfi',
      '-i',
      'sine=f=440:r=48000',
      '-af',
      'volume=0.5',
      '-ac',
      '1',
      '-t',
      '3',
      '-c:v',
      'libx264',
      '-c:a',
      'aac',
      '-shortest',
      withSound,
    ]);
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=s=160x90:r=15',
      '-t',
      '3',
      '-c:v',
      'libx264',
      silentFilm,
    ]);
    const engine = new MediaEngine({
      ffmpegPath: 'ffmpeg',
      workDir: join(dir, 'work'),
      recordingsDir: join(dir, 'rec'),
      preset: customPreset('720p30', 320, 180),
    });
    const batches: MeterReading[][] = [];
    engine.on('levels', (levels) => batches.push(levels));
    await engine.setScene({
      id: 'files',
      name: 'Files',
      items: [
        item('clip', { kind: 'mediaFile', path: withSound, loop: true }),
        item('film', { kind: 'mediaFile', path: silentFilm, loop: true }),
      ],
    });
    await engine.start();
    try {
      const start = Date.now();
      const last = (id: string) => batches.at(-1)?.find((l) => l.id === id);
      while (!((last('clip')?.peakDb ?? SILENCE_DB) > -40) || batches.length < 10) {
        if (Date.now() - start > 30000) throw new Error('no level from the media file');
        await new Promise((r) => setTimeout(r, 50));
      }
      // AAC is lossy: its peaks wander a little around the sine's.
      expect(Math.abs((last('clip')?.peakDb ?? 0) - (db(SINE_AMPLITUDE * 0.5) + MONO_IN_STEREO))).toBeLessThan(1.5);
      expect(last('film')).toEqual({ id: 'film', peakDb: SILENCE_DB, rmsDb: SILENCE_DB });
      expect(engine.currentPlan?.meters).toEqual(['clip']);
    } finally {
      await engine.stop();
    }
  }, 60_000);

  it('leaves out a sound device that cannot be opened and goes on: the tone still reads, the device reads silent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'levels-lost-'));
    const engine = new MediaEngine({
      ffmpegPath: 'ffmpeg',
      workDir: join(dir, 'work'),
      recordingsDir: join(dir, 'rec'),
      preset: customPreset('720p30', 320, 180),
    });
    const batches: MeterReading[][] = [];
    const notices: string[] = [];
    engine.on('levels', (levels) => batches.push(levels));
    engine.on('notice', (n) => notices.push(n.message));
    const mix = { gainDb: 0, muted: false, noiseSuppression: false };
    await engine.setScene({
      id: 'lost',
      name: 'Lost',
      items: [item('pattern', { kind: 'testPattern', pattern: 'bars', tone: true })],
      audio: [{ id: 'gone', name: 'USB mic', kind: 'microphone', device: 'alsa:vj-no-such-device', mix }],
    });
    await engine.start();
    try {
      const start = Date.now();
      const last = (id: string) => batches.at(-1)?.find((l) => l.id === id);
      while (!((last('pattern')?.peakDb ?? SILENCE_DB) > SILENCE_DB)) {
        if (Date.now() - start > 30000) throw new Error(`no levels; notices: ${notices.join(' | ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(notices.length).toBeGreaterThan(0);
      expect(last('pattern')?.peakDb).toBeCloseTo(tonePeak, 0);
      expect(last('gone')).toEqual({ id: 'gone', peakDb: SILENCE_DB, rmsDb: SILENCE_DB });
    } finally {
      await engine.stop();
    }
  }, 60_000);
});
