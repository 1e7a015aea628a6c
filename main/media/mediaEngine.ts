// The media engine: the running pipeline as one object. It starts the frame relay in front of the program
// stage (programStage.ts), runs the compositor behind it and decides when a scene change is a command or a
// new compositor; what a compositor draws (compositorPlanner.ts), outputs, preview, guests, text files and
// stats live in modules of their own.
// See index.ts for the design and why.
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import type { Beauty, MediaStatus, OutputState, Preset, SafetyMask } from '../contract/media';
import type { Scene } from '../contract/scene';
import { SILENCE_DB, type MeterReading } from './audioLevels';
import { beautyCommands, neutralBeauty, type FilterCommand } from './beautyFilter';
import { CompositorRunner, type AppliedInfo } from './compositorRunner';
import { defaultScene } from './defaultScene';
import { fellBackWords, streamMetadata, type VideoEncoderId } from './encoderCommand';
import type { MediaError } from './ffmpegErrors';
import { StatsSampler } from './statsSampler';
import { blackFrame, FrameRelay } from './frameRelay';
import { presets } from './presets';
import { PreviewTap, type PreviewFrame } from './previewTap';
import { PushOutput } from './pushOutput';
import { RecordOutput } from './recordOutput';
import { ReturnFeed, ReturnFeeds } from './returnFeed';
import { diffScene } from './sceneDiff';
import { AUDIO_RATE, SAFETY_BLUR, SAFETY_SLATE, SAFETY_SLATE_TEXT, type CompositorPlan } from './sceneGraph';
import { soundChannels } from './sceneAudio';
import type { SourceDevices } from './sourceDevices';
import { CompositorPlanner, type ProgramLook } from './compositorPlanner';
import { showsGuest, type GuestSources } from './guestSources';
import { LiveTextFiles } from './liveTextFiles';
import { markLostSources } from './lostSources';
import type { MediaEngineEvents, MediaEngineOptions, ProgramFrame } from './mediaEngineTypes';
import { ProgramOverlays } from './programOverlays';
import { ProgramStage } from './programStage';
import type { TransitionSpec } from './programTransition';
import { TransitionDirector } from './transitionDirector';
import { WidgetFiles, type WidgetData } from './widgetFiles';
import type { LiveFigures } from './textContent';
import type { TsFanout } from './tsFanout';

export class MediaEngine extends EventEmitter<MediaEngineEvents> {
  preset: Preset;
  encoder: VideoEncoderId;
  private scene: Scene;
  private beauty: Beauty = { ...neutralBeauty };
  private safetyMask: SafetyMask = 'none';
  private readonly texts = new LiveTextFiles();
  private readonly widgets: WidgetFiles;
  private readonly planner: CompositorPlanner;
  private readonly guests: GuestSources;
  private readonly devices: SourceDevices;
  private relay: FrameRelay | null = null;
  private stage: ProgramStage | null = null;
  private compositor: CompositorRunner | null = null;
  private readonly preview: PreviewTap;
  private readonly programListeners = new Set<(f: ProgramFrame) => void>();
  readonly push: PushOutput;
  readonly record: RecordOutput;
  /** Low-latency feeds of the program to the parties in the show, each with its own mix (returnFeed.ts). */
  readonly returnFeeds: ReturnFeeds;
  private statsTimer: NodeJS.Timeout | null = null;
  private lastError: MediaError | null = null;
  private compositorFailures = 0;
  private closed = false;
  private readonly log: (line: string) => void;
  readonly transitions: TransitionDirector;
  /** Alerts and widgets: prepared slots changed by commands (programOverlays.ts). */
  readonly overlays = new ProgramOverlays(
    (commands) => this.compositor?.send(commands),
    () => void (this.running ? this.rebuild() : undefined),
    () => this.preset,
  );

  constructor(private readonly o: MediaEngineOptions) {
    super();
    this.preset = o.preset ?? presets['1080p30'];
    this.encoder = o.encoder ?? 'libx264';
    this.log = o.log ?? (() => {});
    this.scene = defaultScene(this.preset.width, this.preset.height);
    this.transitions = new TransitionDirector({
      ffmpegPath: o.ffmpegPath,
      relay: () => this.relay,
      geometry: () => this.preset,
      onFailed: (line) => this.notice('transition', { code: 'unknown', message: line, line }),
    });
    mkdirSync(o.workDir, { recursive: true });
    this.widgets = new WidgetFiles(o.workDir);
    this.planner = new CompositorPlanner({
      ffmpegPath: o.ffmpegPath,
      workDir: o.workDir,
      fontFile: o.fontFile,
      platform: o.platform ?? process.platform,
      resolveGuestUrl: o.resolveGuestUrl,
      overlays: () => this.overlays.chain(),
    });
    this.guests = this.planner.guests;
    this.devices = this.planner.devices;
    this.preview = new PreviewTap();
    this.push = new PushOutput(() => this.stage?.fanout ?? null, {
      backoffMs: o.pushBackoffMs,
      metadata: () => streamMetadata(this.preset),
    });
    this.record = new RecordOutput(o.ffmpegPath, () => this.stage?.fanout ?? null, o.recordingsDir);
    const fanout = () => this.stage?.fanout ?? null;
    this.returnFeeds = new ReturnFeeds(
      (url) => new ReturnFeed({ ffmpegPath: o.ffmpegPath, url, fanout, log: this.log }),
    );
    for (const out of [this.push, this.record]) {
      out.on('change', () => this.emitState());
      out.on('error', (e) => this.notice(out === this.push ? 'push' : 'recording', e));
    }
  }

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

  private notice(source: string, e: MediaError): void {
    this.lastError = e;
    this.log(`${source}: ${e.code}: ${e.line}`);
    this.emit('notice', { ...e, source });
  }

  async start(options: { preset?: Preset; encoder?: VideoEncoderId } = {}): Promise<void> {
    if (this.running) return;
    this.closed = false;
    if (options.preset) {
      const resized = options.preset.width !== this.preset.width || options.preset.height !== this.preset.height;
      this.preset = options.preset;
      if (resized && this.scene.id === 'default') this.scene = defaultScene(this.preset.width, this.preset.height);
    }
    if (options.encoder) this.encoder = options.encoder;
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
    });
    this.compositor = new CompositorRunner(this.o.ffmpegPath, relay);
    this.compositor.on('applied', (info) => this.onApplied(info));
    this.compositor.on('died', (e, exit) => this.onCompositorDied(e, exit.lastLines));
    this.compositor.on('levels', (levels) => this.emitLevels(levels));
    this.compositor.on('preview', (f) => this.preview.frame(f));
    this.compositor.on('mixMinus', (guest, pcm) => this.returnFeeds.sound(guest, pcm));
    relay.start();
    await this.rebuild();
    this.statsTimer = setInterval(() => this.tickStats(), 1000);
    this.emitState();
  }

  private look(): ProgramLook {
    return { preset: this.preset, beauty: this.beauty, safetyMask: this.safetyMask };
  }

  private writeTexts(plan: CompositorPlan): void {
    this.texts.write(plan, this.scene);
    this.widgets.write(this.scene);
  }

  /** Channels the meters did not read (a muted guest, a device not found) read as silence. */
  private emitLevels(measured: MeterReading[]): void {
    const byId = new Map(measured.map((m) => [m.id, m]));
    const levels = soundChannels(this.scene).map((id) => byId.get(id) ?? { id, peakDb: SILENCE_DB, rmsDb: SILENCE_DB });
    for (const m of measured) if (!levels.includes(m)) levels.push(m);
    this.emit('levels', levels);
  }

  private async rebuild(): Promise<void> {
    if (!this.compositor) return;
    const plan = await this.planner.planFor(this.scene, this.look());
    for (const n of plan.notices) this.notice('scene', { code: 'device_not_found', message: n, line: n });
    this.writeTexts(plan);
    await this.compositor.launch(plan, this.devices.holdsDevice(this.scene));
  }

  private onApplied(info: AppliedInfo): void {
    this.compositorFailures = 0;
    this.overlays.resync();
    this.compositor?.send(this.widgets.write(this.scene, true));
    this.emit('applied', info);
    const { appeared, left } = this.guests.applied(info.plan.guests);
    for (const g of appeared) this.emit('guestFrame', { guestUserId: g, at: Date.now() });
    for (const g of left) this.emit('guestGone', { guestUserId: g, at: Date.now() });
  }

  private onCompositorDied(e: MediaError, lines: string[]): void {
    if (this.closed) return;
    this.notice('compositor', e);
    markLostSources({
      scene: this.scene,
      error: e,
      lines,
      guestUrls: this.guests.urls,
      placeholders: this.devices.placeholders,
      microphone: this.devices.capturedMicrophone,
    });
    this.compositorFailures++;
    const wait = Math.min(5000, 250 * 2 ** Math.min(this.compositorFailures - 1, 5));
    setTimeout(() => {
      if (!this.closed && this.compositor && !this.compositor.current) void this.rebuild();
    }, wait);
  }

  /**
   * Shows a scene: values change by command within ~100 ms; a new shape is rebuilt behind the stage. A
   * transition runs in the relay (transitionDirector.ts), the encoder and the push untouched.
   */
  async setScene(scene: Scene, transition?: TransitionSpec): Promise<'commands' | 'rebuild' | 'unchanged'> {
    const prev = this.scene;
    const plan = this.compositor?.plan;
    this.devices.keepFor(scene);
    this.scene = scene;
    if (!this.running || !plan) return 'rebuild';
    const change = diffScene(
      this.devices.audible(prev),
      this.devices.audible(scene),
      plan.targets,
      this.preset.width,
      this.preset.height,
      plan.meters,
    );
    if (change.kind === 'rebuild') {
      await this.transitions.run(transition, 'rebuild', () => this.rebuild());
      return 'rebuild';
    }
    if (change.kind === 'commands')
      await this.transitions.run(transition, 'commands', () => {
        this.compositor?.send(change.commands);
        this.writeTexts(plan);
      });
    this.emitState();
    return change.kind;
  }

  /**
   * Starts the next scene's compositor ahead (studio mode, or the scene a hotkey will show): the cut to
   * it is then a relay switch, one frame, instead of a process start. Not for scenes that hold a device.
   */
  async prepareScene(scene: Scene): Promise<void> {
    if (!this.compositor || this.devices.holdsDevice(scene)) return;
    const plan = await this.planner.planFor(scene, this.look());
    this.texts.write(plan, scene);
    this.widgets.write(scene);
    this.compositor.prepare(plan);
  }

  getScene(): Scene {
    return this.scene;
  }

  setBeauty(patch: Partial<Beauty>): Beauty {
    const next = { ...this.beauty, ...patch };
    const commands: FilterCommand[] = [];
    for (const t of Object.values(this.compositor?.plan?.targets ?? {}))
      if (t.beauty) commands.push(...beautyCommands(t.index, this.beauty, next));
    this.beauty = next;
    this.compositor?.send(commands);
    this.emitState();
    return next;
  }

  setSafetyMask(mask: SafetyMask): void {
    if (mask === this.safetyMask) return;
    this.safetyMask = mask;
    this.compositor?.send([
      { target: SAFETY_BLUR, command: 'enable', arg: mask === 'blur' ? '1' : '0' },
      { target: SAFETY_SLATE, command: 'enable', arg: mask === 'slate' ? '1' : '0' },
      { target: SAFETY_SLATE_TEXT, command: 'enable', arg: mask === 'slate' ? '1' : '0' },
    ]);
    this.emitState();
  }

  setLiveFigures(figures: Partial<LiveFigures>): void {
    this.texts.setFigures(figures);
    const plan = this.compositor?.plan;
    if (plan) this.writeTexts(plan);
  }

  /** Mixes a sound (s16le stereo at AUDIO_RATE) into the program's audio from the next frame. */
  playSound(pcm: Buffer): void {
    this.relay?.mixAudio(pcm);
  }

  /** Live data of the widget items (chat box, goal bar, top gifters, viewers): files and commands. */
  setWidgetData(data: Partial<WidgetData>): void {
    this.widgets.set(data);
    if (this.compositor?.plan) this.compositor.send(this.widgets.write(this.scene));
  }

  /** A co-host guest's pull URL appeared (string) or went away (null): rebuilt behind the stage. */
  async setGuestStream(guestUserId: string, url: string | null): Promise<void> {
    if (this.guests.setUrl(guestUserId, url) && this.running && showsGuest(this.scene, guestUserId))
      await this.rebuild();
  }

  /** A guest's return feed (the program with their mix-minus) starts on this push URL, or stops (null). */
  setReturnFeed(guestUserId: string, url: string | null): Promise<void> {
    return this.returnFeeds.set(guestUserId, url);
  }

  /** Safety or the VJ takes a guest out of the composite (a placeholder shows); back in when lifted. */
  async setGuestRemoved(guestUserId: string, removed: boolean): Promise<void> {
    this.guests.setRemoved(guestUserId, removed);
    if (this.running && showsGuest(this.scene, guestUserId)) await this.rebuild();
  }

  /** Camera off: every camera item shows a "camera off" card (the device is released). */
  async setCameraOff(off: boolean): Promise<void> {
    this.devices.setCameraOff(this.scene, off);
    if (this.running) await this.rebuild();
  }

  /** Mute: the microphone leaves the mix (the device is released); unmute brings it back. */
  async setMicMuted(muted: boolean): Promise<void> {
    if (this.devices.setMicMuted(this.scene, muted) && this.running) await this.rebuild();
  }

  async setDefaultMicrophone(deviceId: string | null): Promise<void> {
    if (this.devices.setDefaultMicrophone(this.scene, deviceId) && this.running) await this.rebuild();
  }

  async setMicrophone(deviceId: string | null): Promise<void> {
    this.devices.microphone = deviceId;
    if (this.running) await this.rebuild();
  }

  /** Tries the devices again: a camera plugged back in replaces its "camera lost" slate. */
  async retryLostSources(): Promise<void> {
    this.devices.retry();
    if (this.running) await this.rebuild();
  }

  /**
   * Every composed frame as the relay hands it to the encoder: raw yuv420p at the preset size, by reference
   * (never copied here). Content safety keeps the latest and copies one every few seconds, so sampling needs
   * no preview process. A listener must return at once and never write into the slices.
   */
  onProgramFrame(listener: (f: ProgramFrame) => void): () => void {
    this.programListeners.add(listener);
    return () => this.programListeners.delete(listener);
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

  private readonly sampler = new StatsSampler();

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

  status(): MediaStatus {
    const out = (s: OutputState) => ({ ...s });
    return {
      running: this.running,
      preset: this.preset,
      encoder: this.encoder,
      sceneId: this.scene.id,
      beauty: this.beauty,
      safetyMask: this.safetyMask,
      push: { ...out(this.push.state), url: this.push.url },
      recording: { ...out(this.record.state), folder: this.record.folder, currentFile: this.record.currentFile },
      preview: this.preview.active,
      lastError: this.lastError ? { code: this.lastError.code, message: this.lastError.message } : null,
    };
  }

  private emitState(): void {
    this.emit('state', this.status());
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
