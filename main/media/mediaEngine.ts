// The media engine: owns the stage (frame relay → encoder → TS fan-out), the compositor behind it, the
// outputs, the preview and the 1 Hz stats. See index.ts for the design and why.
import { EventEmitter } from 'node:events';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import type { Beauty, MediaStats, MediaStatus, OutputState, Preset, SafetyMask } from '../contract/media';
import type { Scene } from '../contract/scene';
import { SILENCE_DB, type MeterReading } from './audioLevels';
import { beautyCommands, neutralBeauty, type FilterCommand } from './beautyFilter';
import { CompositorRunner, type AppliedInfo } from './compositorRunner';
import { defaultScene, holdsDevice } from './defaultScene';
import { encoderStageArgs, type VideoEncoderId } from './encoderCommand';
import { describeExit, type MediaError } from './ffmpegErrors';
import { FfmpegProcess } from './ffmpegProcess';
import { StatsSampler } from './statsSampler';
import { blackFrame, FrameRelay } from './frameRelay';
import { presets } from './presets';
import type { PreviewFrame } from './previewOutput';
import { PreviewTap } from './previewTap';
import { parseStatsLine } from './progressReader';
import { PushOutput } from './pushOutput';
import { RecordOutput } from './recordOutput';
import { diffScene } from './sceneDiff';
import { AUDIO_RATE, buildCompositor, SAFETY_BLUR, SAFETY_SLATE, SAFETY_SLATE_TEXT, type CompositorPlan } from './sceneGraph';
import { capturedAudioDevice, hasAudioStream, muteMicrophones, soundChannels } from './sceneAudio';
import { TsFanout } from './tsFanout';
import { freePort, hasFilter } from './ffmpegFeatures';
import { liveText, sanitizeLine, type LiveFigures } from './textContent';

export interface MediaEngineOptions {
  ffmpegPath: string;
  /** Scratch folder (text files for drawtext). */
  workDir: string;
  recordingsDir: string;
  preset?: Preset;
  encoder?: VideoEncoderId;
  x264Preset?: string;
  platform?: NodeJS.Platform;
  resolveGuestUrl?: (guestUserId: string) => string | null | Promise<string | null>;
  pushBackoffMs?: number[];
  fontFile?: string;
  log?: (line: string) => void;
}

/** One composed frame: yuv420p planes as slices of what the compositor wrote. */
export interface ProgramFrame {
  slices: readonly Buffer[];
  width: number;
  height: number;
  at: number;
}

export interface GuestFrameEvent {
  guestUserId: string;
  at: number;
}

export interface MediaEngineEvents {
  stats: [MediaStats];
  state: [MediaStatus];
  applied: [AppliedInfo];
  guestFrame: [GuestFrameEvent];
  guestGone: [GuestFrameEvent];
  notice: [MediaError & { source: string }];
  /** Peak and RMS (dBFS) of every sound channel of the scene on air, about ten times a second. */
  levels: [MeterReading[]];
}

export class MediaEngine extends EventEmitter<MediaEngineEvents> {
  preset: Preset;
  encoder: VideoEncoderId;
  private scene: Scene;
  private beauty: Beauty = { ...neutralBeauty };
  private safetyMask: SafetyMask = 'none';
  private figures: LiveFigures = { viewers: 0, likes: 0, latestGift: '' };
  private chatLines: string[] = [];
  private guestUrls: Record<string, string | null> = {};
  private readonly mediaAudio: Record<string, boolean> = {};
  private placeholders: Record<string, string> = {};
  private microphone: string | null = null;
  /** The device a scene's microphone source without one of its own captures (the first one found). */
  private defaultMicrophone: string | null = null;
  private micMuted = false;
  private readonly removedGuests = new Set<string>();
  private relay: FrameRelay | null = null;
  private stage: FfmpegProcess | null = null;
  private fanout: TsFanout | null = null;
  private compositor: CompositorRunner | null = null;
  private readonly preview: PreviewTap;
  private readonly programListeners = new Set<(f: ProgramFrame) => void>();
  readonly push: PushOutput;
  readonly record: RecordOutput;
  private statsTimer: NodeJS.Timeout | null = null;
  private encoderFigures = { speed: 0, kbps: 0 };
  private lastError: MediaError | null = null;
  private shownGuests = new Set<string>();
  private compositorFailures = 0;
  private closed = false;
  private zmqAvailable: Promise<boolean> | null = null;
  private readonly platform: NodeJS.Platform;
  private readonly log: (line: string) => void;

  constructor(private readonly o: MediaEngineOptions) {
    super();
    this.preset = o.preset ?? presets['1080p30'];
    this.encoder = o.encoder ?? 'libx264';
    this.platform = o.platform ?? process.platform;
    this.log = o.log ?? (() => {});
    this.scene = defaultScene(this.preset.width, this.preset.height);
    mkdirSync(o.workDir, { recursive: true });
    this.preview = new PreviewTap(o.ffmpegPath, () => this.preset, () => this.running);
    this.push = new PushOutput(o.ffmpegPath, () => this.fanout, { backoffMs: o.pushBackoffMs });
    this.record = new RecordOutput(o.ffmpegPath, () => this.fanout, o.recordingsDir);
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
    this.fanout = new TsFanout();
    this.startStage();
    const p = this.preset;
    const relay = new FrameRelay(this.stageSink(), (p.width * p.height * 3) / 2, p.fps, AUDIO_RATE * 4, blackFrame(p.width, p.height));
    this.relay = relay;
    relay.on('tick', (frame) => {
      this.preview.offer(frame);
      for (const l of this.programListeners) l({ slices: frame.slices, width: p.width, height: p.height, at: frame.at });
    });
    this.compositor = new CompositorRunner(this.o.ffmpegPath, relay);
    this.compositor.on('applied', (info) => this.onApplied(info));
    this.compositor.on('died', (e, exit, plan) => this.onCompositorDied(e, plan, exit.lastLines));
    this.compositor.on('levels', (levels) => this.emitLevels(levels));
    relay.start();
    await this.rebuild();
    this.preview.stageStarted();
    this.statsTimer = setInterval(() => this.tickStats(), 1000);
    this.emitState();
  }

  private stageSink() {
    const stage = this.stage as FfmpegProcess;
    return { video: stage.stdin, audio: stage.pipe(3) };
  }

  /** The encoder stage. It only restarts if it dies; outputs then re-attach (push reconnects). */
  private startStage(): void {
    const stage = new FfmpegProcess('encoder', this.o.ffmpegPath, encoderStageArgs({ preset: this.preset, encoder: this.encoder, x264Preset: this.o.x264Preset }), 1);
    this.stage = stage;
    stage.stdout.on('data', (chunk: Buffer) => this.fanout?.push(chunk));
    stage.on('line', (line) => {
      const s = parseStatsLine(line);
      if (s) this.encoderFigures = { speed: s.speed, kbps: s.kbps };
    });
    stage.on('exit', (exit) => {
      if (exit.requested || this.stage !== stage || this.closed) return;
      this.notice('encoder', describeExit(exit.lastLines, 'The encoder stopped; restarting it.'));
      setTimeout(() => {
        if (this.closed || !this.relay) return;
        this.fanout = new TsFanout();
        this.startStage();
        this.relay.setSink(this.stageSink());
        this.push.restart();
        this.record.restart();
      }, 200);
    });
  }

  private plan(zmqPort?: number): CompositorPlan {
    const p = this.preset;
    return buildCompositor({
      scene: this.micMuted ? muteMicrophones(this.scene) : this.scene,
      width: p.width,
      height: p.height,
      fps: p.fps,
      platform: this.platform,
      beauty: this.beauty,
      safetyMask: this.safetyMask,
      textDir: this.o.workDir,
      guestUrls: Object.fromEntries(Object.entries(this.guestUrls).map(([id, url]) => [id, this.removedGuests.has(id) ? null : url])),
      placeholders: this.placeholders,
      microphone: this.micMuted ? null : this.microphone,
      defaultMicrophone: this.defaultMicrophone,
      fontFile: this.o.fontFile,
      zmqPort,
      mediaAudio: this.mediaAudio,
    });
  }

  /** A port for the compositor's zmq filter, when this ffmpeg has it (else commands go through stdin). */
  private async commandPort(): Promise<number | undefined> {
    this.zmqAvailable ??= hasFilter(this.o.ffmpegPath, 'zmq');
    return (await this.zmqAvailable) ? freePort() : undefined;
  }

  private writeText(file: string, text: string): void {
    const tmp = `${file}.tmp`;
    // drawtext cannot draw an empty file; a space is nothing on screen.
    writeFileSync(tmp, text.length ? text : ' ');
    renameSync(tmp, file);
  }

  private writeTexts(plan: CompositorPlan): void {
    this.writeText(plan.slateFile, "We'll be right back");
    for (const item of this.scene.items) {
      const file = plan.textFiles[item.id];
      if (!file) continue;
      if (item.source.kind === 'text') this.writeText(file, item.source.live ? liveText(item.source.text, this.figures) : sanitizeLine(item.source.text, true));
      else if (item.source.kind === 'chatOverlay') this.writeText(file, this.chatLines.slice(-item.source.lines).join('\n'));
    }
  }

  /** Channels the meters did not read (a muted guest, a device not found) read as silence. */
  private emitLevels(measured: MeterReading[]): void {
    const byId = new Map(measured.map((m) => [m.id, m]));
    const levels = soundChannels(this.scene).map((id) => byId.get(id) ?? { id, peakDb: SILENCE_DB, rmsDb: SILENCE_DB });
    for (const m of measured) if (!levels.includes(m)) levels.push(m);
    this.emit('levels', levels);
  }

  private async resolveGuests(): Promise<void> {
    // Media files with sound join the mix; a file without an audio stream must not name one.
    for (const item of this.scene.items) if (item.source.kind === 'mediaFile' && !(item.source.path in this.mediaAudio)) this.mediaAudio[item.source.path] = await hasAudioStream(this.o.ffmpegPath, item.source.path);
    for (const item of this.scene.items) {
      if (item.source.kind !== 'cohost') continue;
      const id = item.source.guestUserId;
      if (id in this.guestUrls) continue;
      this.guestUrls[id] = this.o.resolveGuestUrl ? await this.o.resolveGuestUrl(id) : null;
    }
  }

  private async rebuild(): Promise<void> {
    if (!this.compositor) return;
    await this.resolveGuests();
    const plan = this.plan(await this.commandPort());
    for (const n of plan.notices) this.notice('scene', { code: 'device_not_found', message: n, line: n });
    this.writeTexts(plan);
    await this.compositor.launch(plan, holdsDevice(this.scene, this.microphone ?? capturedAudioDevice(this.scene, this.defaultMicrophone)));
  }

  private onApplied(info: AppliedInfo): void {
    this.compositorFailures = 0;
    this.emit('applied', info);
    const now = new Set(info.plan.guests);
    for (const g of now) if (!this.shownGuests.has(g)) this.emit('guestFrame', { guestUserId: g, at: Date.now() });
    for (const g of this.shownGuests) if (!now.has(g)) this.emit('guestGone', { guestUserId: g, at: Date.now() });
    this.shownGuests = now;
  }

  private onCompositorDied(e: MediaError, plan: CompositorPlan, lines: string[] = []): void {
    if (this.closed) return;
    this.notice('compositor', e);
    // A sound device that failed to open (no sound server, a device gone) leaves the mix; the show goes on.
    for (const a of this.scene.audio ?? []) {
      const device = (a.device || (a.kind === 'microphone' ? (this.defaultMicrophone ?? this.microphone ?? '') : a.kind === 'desktop' ? 'pulse:@DEFAULT_MONITOR@' : '')).replace(/^[^:]+:/, '');
      if (device && lines.some((l) => l.includes(device))) this.placeholders[a.id] = 'Device unavailable';
    }
    // A vanished device or guest: its item becomes a placeholder and the show goes on.
    for (const item of this.scene.items) {
      const s = item.source;
      const id = s.kind === 'camera' ? s.deviceId.replace(/^[^:]+:/, '') : s.kind === 'cohost' ? (this.guestUrls[s.guestUserId] ?? '') : s.kind === 'image' || s.kind === 'mediaFile' ? s.path : '';
      if (!id || !e.line.includes(id)) continue;
      if (s.kind === 'cohost') this.guestUrls[s.guestUserId] = null;
      else this.placeholders[item.id] = s.kind === 'camera' ? 'Camera lost' : 'Source unavailable';
    }
    void plan;
    this.compositorFailures++;
    const wait = Math.min(5000, 250 * 2 ** Math.min(this.compositorFailures - 1, 5));
    setTimeout(() => {
      if (!this.closed && this.compositor && !this.compositor.current) void this.rebuild();
    }, wait);
  }

  /** Shows a scene: values change by command within ~100 ms; a new shape is rebuilt behind the stage. */
  async setScene(scene: Scene, transition?: { type: 'cut' | 'fade'; durationMs: number }): Promise<'commands' | 'rebuild' | 'unchanged'> {
    void transition; // a fade is shown as a cut for now (see index.ts)
    const prev = this.scene;
    const plan = this.compositor?.plan;
    for (const k of Object.keys(this.placeholders)) if (!scene.items.some((i) => i.id === k) && !scene.audio?.some((a) => a.id === k)) delete this.placeholders[k];
    this.scene = scene;
    if (!this.running || !plan) return 'rebuild';
    const audible = (s: Scene) => (this.micMuted ? muteMicrophones(s) : s);
    const change = diffScene(audible(prev), audible(scene), plan.targets, this.preset.width, this.preset.height, plan.meters);
    if (change.kind === 'rebuild') {
      await this.rebuild();
      return 'rebuild';
    }
    if (change.kind === 'commands') {
      this.compositor?.send(change.commands);
      this.writeTexts(plan);
    }
    this.emitState();
    return change.kind;
  }

  /**
   * Starts the next scene's compositor ahead (studio mode, or the scene a hotkey will show): the cut to
   * it is then a relay switch, one frame, instead of a process start. Not for scenes that hold a device.
   */
  async prepareScene(scene: Scene): Promise<void> {
    if (!this.compositor || holdsDevice(scene, this.microphone ?? capturedAudioDevice(scene, this.defaultMicrophone))) return;
    const current = this.scene;
    this.scene = scene;
    await this.resolveGuests();
    const plan = this.plan(await this.commandPort());
    this.writeTexts(plan);
    this.scene = current;
    this.compositor.prepare(plan);
  }

  getScene(): Scene {
    return this.scene;
  }

  setBeauty(patch: Partial<Beauty>): Beauty {
    const next = { ...this.beauty, ...patch };
    const commands: FilterCommand[] = [];
    for (const t of Object.values(this.compositor?.plan?.targets ?? {})) if (t.beauty) commands.push(...beautyCommands(t.index, this.beauty, next));
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
    this.figures = { ...this.figures, ...figures };
    const plan = this.compositor?.plan;
    if (plan) this.writeTexts(plan);
  }

  setChatLines(lines: string[]): void {
    this.chatLines = lines.slice(-10).map((l) => sanitizeLine(l, false));
    const plan = this.compositor?.plan;
    if (plan) this.writeTexts(plan);
  }

  /** A co-host guest's pull URL appeared (string) or went away (null): rebuilt behind the stage. */
  async setGuestStream(guestUserId: string, url: string | null): Promise<void> {
    if (this.guestUrls[guestUserId] === url) return;
    this.guestUrls[guestUserId] = url;
    if (this.running && this.scene.items.some((i) => i.source.kind === 'cohost' && i.source.guestUserId === guestUserId)) await this.rebuild();
  }

  /** Safety or the VJ takes a guest out of the composite (a placeholder shows); back in when lifted. */
  async setGuestRemoved(guestUserId: string, removed: boolean): Promise<void> {
    if (removed) this.removedGuests.add(guestUserId);
    else this.removedGuests.delete(guestUserId);
    if (this.running && this.scene.items.some((i) => i.source.kind === 'cohost' && i.source.guestUserId === guestUserId)) await this.rebuild();
  }

  /** Camera off: every camera item shows a "camera off" card (the device is released). */
  async setCameraOff(off: boolean): Promise<void> {
    for (const item of this.scene.items) {
      if (item.source.kind !== 'camera') continue;
      if (off) this.placeholders[item.id] = 'Camera off';
      else if (this.placeholders[item.id] === 'Camera off') delete this.placeholders[item.id];
    }
    if (this.running) await this.rebuild();
  }

  /** Mute: the microphone leaves the mix (the device is released); unmute brings it back. */
  async setMicMuted(muted: boolean): Promise<void> {
    this.micMuted = muted;
    if (this.running && (this.microphone || this.scene.audio?.some((a) => a.kind === 'microphone'))) await this.rebuild();
  }

  async setDefaultMicrophone(deviceId: string | null): Promise<void> {
    if (deviceId === this.defaultMicrophone) return;
    this.defaultMicrophone = deviceId;
    if (this.running && this.scene.audio?.some((a) => a.kind === 'microphone' && !a.device)) await this.rebuild();
  }

  async setMicrophone(deviceId: string | null): Promise<void> {
    this.microphone = deviceId;
    if (this.running) await this.rebuild();
  }

  /** Tries the devices again: a camera plugged back in replaces its "camera lost" slate. */
  async retryLostSources(): Promise<void> {
    this.placeholders = {};
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
    return [this.stage?.pid, ...(this.compositor?.pids() ?? []), this.push.pid, this.record.pid, this.preview.pid].filter((p): p is number => typeof p === 'number');
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
      bytes: this.fanout?.bytesIn ?? 0,
      encoderSpeed: this.encoderFigures.speed,
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
    await Promise.all([this.push.stop(), this.record.stop()]);
    await this.compositor?.stop();
    await this.preview.stageStopped();
    this.relay?.stop();
    this.relay = null;
    this.compositor = null;
    const stage = this.stage;
    this.stage = null;
    if (stage) await stage.stop(3000, 'end-input');
    this.fanout = null;
    this.emitState();
  }
}
