// media.* and recordings.* behind the API: the engine, the recordings library, the device and encoder
// lists (cached), and the events (stats, state, preview frames) put on the studio's bus.
import type { TransitionSpec } from './programTransition';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { overlayFont } from './overlayFont';
import type { EventBus } from '../api/eventBus';
import { StudioError } from '../contract/errors';
import { refusalWords } from '../contract/refusalWords';
import type { Beauty, Device, EncoderInfo, MediaStatus, PresetId, SafetyMask } from '../contract/media';
import type { Scene } from '../contract/scene';
import { RecordingsLibrary } from '../recordings';
import { listDevices } from './deviceList';
import { liveTextDir, type LiveTextDir } from './liveTextDir';
import { isVideoEncoderId } from './encoderCommand';
import { preferredEncoder, probeEncoders } from './encoderProbe';
import { MediaEngine } from './mediaEngine';
import { presets } from './presets';
import { scaleScene } from './sceneScale';

export interface MediaServiceOptions {
  ffmpegPath: string | null;
  dataDir: string;
  bus: EventBus;
  log: (line: string) => void;
  resolveGuestUrl?: (guestUserId: string) => string | null | Promise<string | null>;
}

export class MediaService {
  readonly engine: MediaEngine;
  readonly library: RecordingsLibrary;
  private devicesCache: Promise<Device[]> | null = null;
  private encodersCache: Promise<EncoderInfo[]> | null = null;
  private previewToBus: (() => void) | null = null;
  private program: { scene: Scene; canvas: { width: number; height: number } } | null = null;
  private readonly ffmpeg: string;
  private readonly textDir: LiveTextDir;
  readonly repaired: Promise<void>;

  constructor(private readonly o: MediaServiceOptions) {
    this.ffmpeg = o.ffmpegPath ?? 'ffmpeg';
    const recordingsDir = join(o.dataDir, 'recordings');
    this.textDir = liveTextDir(join(o.dataDir, 'media-work'));
    this.engine = new MediaEngine({
      ffmpegPath: this.ffmpeg,
      workDir: this.textDir.path,
      recordingsDir,
      preset: presets['720p30'],
      log: o.log,
      resolveGuestUrl: o.resolveGuestUrl,
      // Names and chat from the room are in any script: a CJK font where this system has one.
      fontFile: overlayFont(process.platform),
    });
    this.library = new RecordingsLibrary(recordingsDir, this.ffmpeg);
    this.engine.on('stats', (s) => o.bus.emit('media.stats', s));
    this.engine.on('state', (s) => o.bus.emit('media.state', s));
    this.engine.on('notice', (n) =>
      o.bus.emit('system.notice', {
        level: n.source === 'push' ? 'warning' : 'error',
        code: `media_${n.code}`,
        message: `${n.source}: ${n.message}`,
      }),
    );
    // Recordings a crash left open are repaired at start, before anything records again.
    this.repaired = o.ffmpegPath
      ? this.library.repairUnfinished().then(
          (r) => r.forEach((x) => o.log(`recording ${x.file}: ${x.message}`)),
          (err: Error) => o.log(`repairing recordings: ${err.message}`),
        )
      : Promise.resolve();
  }

  private need(): void {
    if (!this.o.ffmpegPath) throw new StudioError('unavailable', refusalWords.media.noFfmpeg);
  }

  devices(): Promise<Device[]> {
    this.need();
    this.devicesCache ??= listDevices(this.ffmpeg);
    return this.devicesCache;
  }

  encoders(): Promise<EncoderInfo[]> {
    this.need();
    this.encodersCache ??= probeEncoders(this.ffmpeg);
    return this.encodersCache;
  }

  async start(input: { preset?: PresetId; encoder?: string }): Promise<MediaStatus> {
    this.need();
    if (
      input.encoder &&
      !(isVideoEncoderId(input.encoder) && (await this.encoders()).some((e) => e.id === input.encoder))
    ) {
      throw new StudioError('invalid_input', refusalWords.media.noEncoder(input.encoder));
    }
    if (this.engine.running && input.preset && input.preset !== this.engine.preset.id) await this.engine.stop();
    await this.repaired;
    const preset = input.preset ? presets[input.preset] : undefined;
    if (preset && this.program) await this.engine.setScene(scaleScene(this.program.scene, this.program.canvas, preset));
    // Without a choice, the best encoder a probe proved (hardware first); x264 where none did.
    const encoder =
      input.encoder && isVideoEncoderId(input.encoder) ? input.encoder : preferredEncoder(await this.encoders());
    await this.engine.start({ preset, encoder });
    return this.engine.status();
  }

  /** Preview frames as events for the windows (JPEG in base64). */
  setPreview(on: boolean): void {
    if (on && !this.previewToBus) {
      this.previewToBus = this.engine.onPreviewFrame((f) =>
        this.o.bus.emit('media.preview', {
          jpeg: f.jpeg.toString('base64'),
          width: f.width,
          height: f.height,
          capturedAt: f.capturedAt,
        }),
      );
    } else if (!on && this.previewToBus) {
      this.previewToBus();
      this.previewToBus = null;
    }
  }

  setScene(scene: Scene, transition?: TransitionSpec) {
    this.program = null;
    return this.engine.setScene(scene, transition);
  }

  /** The scene editor's program scene, drawn on its own canvas: scaled to the output (again if it changes). */
  applyProgram(scene: Scene, canvas: { width: number; height: number }, transition?: TransitionSpec) {
    this.program = { scene, canvas };
    return this.engine.setScene(this.decorateProgram(scaleScene(scene, canvas, this.engine.preset)), transition);
  }

  private decorateProgram: (scene: Scene) => Scene = (scene) => scene;

  /** Co-hosting places its guests on every program scene, after scaling to the output (additive hook). */
  setProgramDecorator(decorate: (scene: Scene) => Scene): void {
    this.decorateProgram = decorate;
  }

  setBeauty(patch: Partial<Beauty>): Beauty {
    return this.engine.setBeauty(patch);
  }

  setSafetyMask(mask: SafetyMask): void {
    this.engine.setSafetyMask(mask);
  }

  startPush(url: string): void {
    if (!this.engine.running) throw new StudioError('conflict', refusalWords.media.startFirst);
    this.engine.startPush(url);
  }

  startRecording(segmentMinutes?: number): void {
    if (!this.engine.running) throw new StudioError('conflict', refusalWords.media.startFirst);
    this.engine.startRecording(Math.round((segmentMinutes ?? 60) * 60));
  }

  async listRecordings() {
    return { folder: this.library.folder, recordings: await this.library.list(this.engine.record.openPrefixes) };
  }

  /** Starts an export and reports progress as recordings.progress events. */
  exportRecording(name: string): { jobId: string } {
    this.library.reveal(name); // refuses an unknown name at once
    const jobId = randomUUID();
    const emit = (fraction: number, done: boolean, output: string | null, error: string | null) =>
      this.o.bus.emit('recordings.progress', { jobId, name, fraction, done, output, error });
    this.library
      .export(name, (f) => emit(f, false, null, null))
      .then(
        (output) => emit(1, true, output, null),
        (err: Error) => emit(0, true, null, err.message),
      );
    return { jobId };
  }

  async close(): Promise<void> {
    this.previewToBus?.();
    await this.engine.stop();
    this.textDir.remove();
  }
}
