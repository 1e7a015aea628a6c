// What the program shows, over the pipeline's life cycle (mediaPipeline.ts): the scene and when its change is
// a command or a new compositor, the look (beauty, safety mask), guests and devices, live texts, widgets,
// alerts and transitions. What a compositor draws is compositorPlanner.ts's. See index.ts for the design.
import { mkdirSync } from 'node:fs';
import type { Beauty, MediaStatus, OutputState, Preset, SafetyMask } from '../contract/media';
import type { Scene } from '../contract/scene';
import { SILENCE_DB, type MeterReading } from './audioLevels';
import { beautyCommands, neutralBeauty, type FilterCommand } from './beautyFilter';
import type { AppliedInfo } from './compositorRunner';
import { defaultScene } from './defaultScene';
import type { VideoEncoderId } from './encoderCommand';
import type { MediaError } from './ffmpegErrors';
import { diffScene } from './sceneDiff';
import { SAFETY_BLUR, SAFETY_SLATE, SAFETY_SLATE_TEXT, type CompositorPlan } from './sceneGraph';
import { soundChannels } from './sceneAudio';
import type { SourceDevices } from './sourceDevices';
import { CompositorPlanner, type ProgramLook } from './compositorPlanner';
import { showsGuest, type GuestSources } from './guestSources';
import { LiveTextFiles } from './liveTextFiles';
import { markLostSources } from './lostSources';
import { MediaPipeline } from './mediaPipeline';
import type { MediaEngineOptions } from './mediaEngineTypes';
import { ProgramOverlays } from './programOverlays';
import type { TransitionSpec } from './programTransition';
import { TransitionDirector } from './transitionDirector';
import { WidgetFiles, type WidgetData } from './widgetFiles';
import type { LiveFigures } from './textContent';

/**
 * Widget data is written at most this often: a busy chat changes the box many times a second, and each write is
 * a dozen files (drawtext re-reads them five times a second anyway).
 */
export const WIDGET_WRITE_MS = 200;

export class MediaEngine extends MediaPipeline {
  private scene: Scene;
  private beauty: Beauty = { ...neutralBeauty };
  private safetyMask: SafetyMask = 'none';
  private readonly texts = new LiveTextFiles();
  private readonly widgets: WidgetFiles;
  private readonly planner: CompositorPlanner;
  private readonly guests: GuestSources;
  private readonly devices: SourceDevices;
  private compositorFailures = 0;
  private widgetsWrittenAt = 0;
  private widgetTimer: NodeJS.Timeout | null = null;
  readonly transitions: TransitionDirector;
  /** Alerts and widgets: prepared slots changed by commands (programOverlays.ts). */
  readonly overlays = new ProgramOverlays(
    (commands) => this.compositor?.send(commands),
    () => void (this.running ? this.rebuild() : undefined),
    () => this.preset,
  );

  constructor(o: MediaEngineOptions) {
    super(o);
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
    await this.launch();
  }

  private look(): ProgramLook {
    return { preset: this.preset, beauty: this.beauty, safetyMask: this.safetyMask };
  }

  private writeTexts(plan: CompositorPlan): void {
    this.texts.write(plan, this.scene);
    this.widgets.write(this.scene);
  }

  /** Channels the meters did not read (a muted guest, a device not found) read as silence. */
  protected emitLevels(measured: MeterReading[]): void {
    const byId = new Map(measured.map((m) => [m.id, m]));
    const levels = soundChannels(this.scene).map((id) => byId.get(id) ?? { id, peakDb: SILENCE_DB, rmsDb: SILENCE_DB });
    for (const m of measured) if (!levels.includes(m)) levels.push(m);
    this.emit('levels', levels);
  }

  protected async rebuild(): Promise<void> {
    if (!this.compositor) return;
    const plan = await this.planner.planFor(this.scene, this.look());
    for (const n of plan.notices) this.notice('scene', { code: 'device_not_found', message: n, line: n });
    this.writeTexts(plan);
    await this.compositor.launch(plan, this.devices.holdsDevice(this.scene));
  }

  protected onApplied(info: AppliedInfo): void {
    this.compositorFailures = 0;
    this.overlays.resync();
    this.compositor?.send(this.widgets.write(this.scene, true));
    this.emit('applied', info);
    const { appeared, left } = this.guests.applied(info.plan.guests);
    for (const g of appeared) this.emit('guestFrame', { guestUserId: g, at: Date.now() });
    for (const g of left) this.emit('guestGone', { guestUserId: g, at: Date.now() });
  }

  protected onCompositorDied(e: MediaError, lines: string[]): void {
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

  /** Live data of the widget items (chat box, goal bar, top gifters, viewers): files and commands. */
  setWidgetData(data: Partial<WidgetData>): void {
    this.widgets.set(data);
    if (this.widgetTimer) return;
    const wait = this.widgetsWrittenAt + WIDGET_WRITE_MS - Date.now();
    if (wait <= 0) return this.writeWidgets();
    this.widgetTimer = setTimeout(() => {
      this.widgetTimer = null;
      this.writeWidgets();
    }, wait);
    this.widgetTimer.unref();
  }

  private writeWidgets(): void {
    this.widgetsWrittenAt = Date.now();
    if (this.compositor?.plan) this.compositor.send(this.widgets.write(this.scene));
  }

  /** A co-host guest's pull URL appeared (string) or went away (null): rebuilt behind the stage. */
  async setGuestStream(guestUserId: string, url: string | null): Promise<void> {
    if (this.guests.setUrl(guestUserId, url) && this.running && showsGuest(this.scene, guestUserId))
      await this.rebuild();
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

  protected emitState(): void {
    this.emit('state', this.status());
  }
}
