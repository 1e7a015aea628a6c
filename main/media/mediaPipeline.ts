// The running pipeline's life cycle: the encoder stage, the frame relay in front of it, the compositor behind
// it, the outputs on the stage's fan-out (push, recording, return feeds), the preview and the 1 Hz stats.
// What the program shows (scene, look, sources, overlays, transitions) is the MediaEngine's (mediaEngine.ts).
import { EventEmitter } from 'node:events';
import type { Preset } from '../contract/media';
import type { MeterReading } from './audioLevels';
import { CompositorRunner, type AppliedInfo } from './compositorRunner';
import { fellBackWords, streamMetadata, type VideoEncoderId } from './encoderCommand';
import type { MediaError } from './ffmpegErrors';
import { blackFrame, FrameRelay } from './frameRelay';
import type { MediaEngineEvents, MediaEngineOptions, ProgramFrame } from './mediaEngineTypes';
import { presets } from './presets';
import { PreviewTap, type PreviewFrame } from './previewTap';
import type { SafetySample } from './safetySamples';
import { ProgramStage } from './programStage';
import { PushOutput } from './pushOutput';
import { RecordOutput } from './recordOutput';
import { ReturnFeed, ReturnFeeds } from './returnFeed';
import { AUDIO_RATE, type CompositorPlan } from './sceneGraph';
import { StatsSampler } from './statsSampler';
import type { TsFanout } from './tsFanout';

export abstract class MediaPipeline extends EventEmitter<MediaEngineEvents> {
  preset: Preset;
  encoder: VideoEncoderId;
  protected relay: FrameRelay | null = null;
  protected stage: ProgramStage | null = null;
  protected compositor: CompositorRunner | null = null;
  protected readonly preview = new PreviewTap();
  private readonly programListeners = new Set<(f: ProgramFrame) => void>();
  private readonly safetyListeners = new Set<(s: SafetySample) => void>();
  readonly push: PushOutput;
  readonly record: RecordOutput;
  /** Low-latency feeds of the program to the parties in the show, each with its own mix (returnFeed.ts). */
  readonly returnFeeds: ReturnFeeds;
  private statsTimer: NodeJS.Timeout | null = null;
  private readonly sampler = new StatsSampler();
  protected lastError: MediaError | null = null;
  protected closed = false;
  protected readonly log: (line: string) => void;

  constructor(protected readonly o: MediaEngineOptions) {
    super();
    this.preset = o.preset ?? presets['1080p30'];
    this.encoder = o.encoder ?? 'libx264';
    this.log = o.log ?? (() => {});
    const fanout = () => this.stage?.fanout ?? null;
    this.push = new PushOutput(fanout, { backoffMs: o.pushBackoffMs, metadata: () => streamMetadata(this.preset) });
    this.record = new RecordOutput(o.ffmpegPath, fanout, o.recordingsDir);
    this.returnFeeds = new ReturnFeeds(
      (url) => new ReturnFeed({ ffmpegPath: o.ffmpegPath, url, fanout, log: this.log }),
    );
    for (const out of [this.push, this.record]) {
      out.on('change', () => this.emitState());
      out.on('error', (e) => this.notice(out === this.push ? 'push' : 'recording', e));
    }
  }

  /** Builds the compositor for what the program shows now and launches it behind the stage. */
  protected abstract rebuild(): Promise<void>;
  protected abstract onApplied(info: AppliedInfo): void;
  protected abstract onCompositorDied(e: MediaError, lines: string[]): void;
  protected abstract emitLevels(measured: MeterReading[]): void;
  protected abstract emitState(): void;

  get running(): boolean {
    return this.relay !== null;
  }

  /** Frames written to the encoder so far (the stage's clock). */
  get frameIndex(): number {
    return this.relay?.frameIndex ?? 0;
  }

  /** The one encode's fan-out, for outputs beyond the push and the recording (more destinations). */
  get fanout(): TsFanout | null {
    return this.stage?.fanout ?? null;
  }

  /** The one encoder's process, for its CPU figure. */
  get encoderPid(): number | undefined {
    return this.stage?.pid;
  }

  get relayCounters() {
    return this.relay?.counters ?? null;
  }

  get currentPlan(): CompositorPlan | null {
    return this.compositor?.plan ?? null;
  }

  protected notice(source: string, e: MediaError): void {
    this.lastError = e;
    this.log(`${source}: ${e.code}: ${e.line}`);
    this.emit('notice', { ...e, source });
  }

  /** Starts the stage, the relay in front of it and the compositor behind it; then the first rebuild. */
  protected async launch(): Promise<void> {
    const stage = new ProgramStage(
      this.o.ffmpegPath,
      { preset: this.preset, encoder: this.encoder, x264Preset: this.o.x264Preset },
      this.o.encoderStageArgs,
    );
    this.stage = stage;
    stage.on('notice', (e) => this.notice('encoder', e));
    stage.on('fellBack', ({ from, error }) => {
      this.encoder = stage.encoder;
      this.notice('encoder', { ...error, message: fellBackWords(from, error.message) });
      this.emitState();
    });
    stage.on('restarted', () => {
      this.relay?.setSink(stage.sink());
      this.push.restart();
      this.record.restart();
      void this.returnFeeds.restartAll();
      this.emit('stageRestarted');
    });
    stage.start();
    const p = this.preset;
    const relay = new FrameRelay(
      stage.sink(),
      (p.width * p.height * 3) / 2,
      p.fps,
      AUDIO_RATE * 4,
      blackFrame(p.width, p.height),
    );
    this.relay = relay;
    relay.on('tick', (frame, _n, audio) => {
      for (const l of this.programListeners)
        l({ slices: frame.slices, width: p.width, height: p.height, at: frame.at, audio });
      this.returnFeeds.frameSent(audio.length);
    });
    this.compositor = new CompositorRunner(this.o.ffmpegPath, relay);
    this.compositor.on('applied', (info) => this.onApplied(info));
    this.compositor.on('died', (e, exit) => this.onCompositorDied(e, exit.lastLines));
    this.compositor.on('levels', (levels) => this.emitLevels(levels));
    this.compositor.on('preview', (f) => this.preview.frame(f));
    this.compositor.on('safetySample', (sample) => {
      for (const l of this.safetyListeners) l(sample);
    });
    this.compositor.on('mixMinus', (guest, pcm) => this.returnFeeds.sound(guest, pcm));
    relay.start();
    await this.rebuild();
    this.statsTimer = setInterval(() => this.tickStats(), 1000);
    this.emitState();
  }

  /** Mixes a sound (s16le stereo at AUDIO_RATE) into the program's audio from the next frame. */
  playSound(pcm: Buffer): void {
    this.relay?.mixAudio(pcm);
  }

  /** A guest's return feed (the program with their mix-minus) starts on this push URL, or stops (null). */
  setReturnFeed(guestUserId: string, url: string | null): Promise<void> {
    return this.returnFeeds.set(guestUserId, url);
  }

  /**
   * Every composed frame as the relay hands it to the encoder: raw yuv420p at the preset size, by reference
   * (never copied here): what a derived encode takes. A listener must return at once and never write into
   * the slices.
   */
  onProgramFrame(listener: (f: ProgramFrame) => void): () => void {
    this.programListeners.add(listener);
    return () => this.programListeners.delete(listener);
  }

  /**
   * The program as content safety samples it: 224x224 yuv420p made by the compositor from the preview's small
   * picture, twice a second, each in a buffer of its own (safetySamples.ts).
   */
  onSafetySample(listener: (s: SafetySample) => void): () => void {
    this.safetyListeners.add(listener);
    return () => this.safetyListeners.delete(listener);
  }

  onPreviewFrame(listener: (f: PreviewFrame) => void): () => void {
    return this.preview.listen(listener);
  }

  setPreview(on: boolean): void {
    this.preview.set(on);
    this.emitState();
  }

  startPush(url: string): void {
    this.push.start(url);
  }

  stopPush(): Promise<void> {
    return this.push.stop();
  }

  startRecording(segmentSeconds = 3600): void {
    this.record.start(segmentSeconds);
  }

  stopRecording(): Promise<void> {
    return this.record.stop();
  }

  pids(): number[] {
    return [this.stage?.pid, ...(this.compositor?.pids() ?? []), this.record.pid].filter(
      (p): p is number => typeof p === 'number',
    );
  }

  private tickStats(): void {
    const relay = this.relay;
    if (!relay) return;
    const { stats, stalled } = this.sampler.sample({
      pids: this.pids(),
      ticks: relay.counters.ticks,
      dropped: relay.counters.dropped,
      repeated: relay.counters.repeated,
      framesIn: relay.source ? relay.source.framesIn : null,
      bytes: this.stage?.fanout?.bytesIn ?? 0,
      encoderSpeed: this.stage?.figures.speed ?? 0,
      compositorRestarts: this.compositor?.restarts ?? 0,
      outputs: { push: this.push.state, recording: this.record.state },
    });
    // A compositor that stops delivering (a frozen device) is killed and rebuilt; the last frame holds.
    if (stalled) this.compositor?.killStalled();
    this.emit('stats', stats);
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.statsTimer = null;
    await Promise.all([this.push.stop(), this.record.stop(), this.returnFeeds.stopAll()]);
    await this.compositor?.stop();
    this.relay?.stop();
    this.relay = null;
    this.compositor = null;
    const stage = this.stage;
    this.stage = null;
    await stage?.stop();
    this.emitState();
  }
}
