// On-stream alerts: the room's platform signals (a billed gift line, the live figures, co-hosts going live)
// become alerts, queued one at a time and drawn in the program's prepared slots, with an optional sound
// mixed into the program's audio. Settings are kept; a test button and a pause for a clean picture.
import type { ChatItem } from '../contract/chat';
import type { CohostGuestInfo } from '../contract/cohost';
import {
  alertSettingsSchema,
  defaultAlertSettings,
  MAX_LISTED_ALERTS,
  type Alert,
  type AlertSettings,
  type AlertsState,
  type AlertType,
} from '../contract/onstream';
import type { ProgramOverlays } from '../media/programOverlays';
import { AlertQueue, type AlertRequest } from './alertQueue';
import { alertSound, cohostAlert, crossedStep, fillTemplate, giftAlert, milestoneAlert, tierColor } from './alertRules';
import { AlertSlots } from './alertSlots';
import { AlertSounds } from './alertSound';

/** Where alert settings were kept before they went with the scene profile: a new profile starts from them. */
const SETTINGS_KEY = 'onstream.alerts';
const profileKey = (profileId: string) => `${SETTINGS_KEY}.${profileId}`;
/** Co-hosts remembered as already announced in one show (a room has at most a few). */
export const MAX_ANNOUNCED_COHOSTS = 64;

export interface OnstreamProgram {
  overlays: ProgramOverlays;
  playSound(pcm: Buffer): void;
}

export interface OnstreamServiceOptions {
  settings: { get<T>(key: string): T | undefined; set(key: string, value: unknown): void };
  /** The scene profile in use: each keeps its own alert settings. */
  profileId: () => string;
  program: OnstreamProgram;
  workDir: string;
  ffmpegPath: string | null;
  fontFile: string | undefined;
  emit: (state: AlertsState) => void;
  log: (line: string) => void;
}

export class OnstreamService {
  private settings: AlertSettings;
  private profileId: string;
  readonly queue = new AlertQueue(() => this.settings.gapMs);
  private readonly slots: AlertSlots;
  private readonly sounds: AlertSounds | null;
  private likes = 0;
  private viewers = 0;
  private readonly announced = new Set<string>();

  constructor(private readonly o: OnstreamServiceOptions) {
    this.profileId = o.profileId();
    this.settings = this.stored();
    this.slots = new AlertSlots(o.workDir, o.fontFile);
    this.slots.prepare();
    this.sounds = o.ffmpegPath ? new AlertSounds(o.ffmpegPath, o.log) : null;
    this.queue.on('show', (a) => {
      this.slots.write(a.type, a.text);
      this.draw();
      if (a.sound && this.sounds)
        void this.sounds.load(a.sound, a.volume).then((pcm) => {
          if (pcm && this.queue.showing?.id === a.id) o.program.playSound(pcm);
        });
    });
    this.queue.on('hide', () => this.draw());
    this.queue.on('change', () => o.emit(this.state()));
    this.draw();
  }

  /** The profile's settings, else those kept before profiles had their own, else the defaults. */
  private stored(): AlertSettings {
    for (const key of [profileKey(this.profileId), SETTINGS_KEY]) {
      const kept = alertSettingsSchema.safeParse(this.o.settings.get(key));
      if (kept.success) return kept.data;
    }
    return defaultAlertSettings;
  }

  /** The scene profile may have changed: its own alert settings take over. */
  profileChanged(): void {
    const id = this.o.profileId();
    if (id === this.profileId) return;
    this.profileId = id;
    this.settings = this.stored();
    this.draw();
    this.o.emit(this.state());
  }

  private draw(): void {
    const showing = this.queue.showing;
    this.o.program.overlays.set('alerts', (w, h) => this.slots.layers(this.settings, w, h, showing));
  }

  state(): AlertsState {
    // What the VJ sees of an alert (not its sound file or duration).
    const seen = (a: Alert): Alert => ({ id: a.id, type: a.type, text: a.text, color: a.color, at: a.at });
    const showing = this.queue.showing;
    return {
      settings: this.settings,
      paused: this.queue.paused,
      showing: showing ? seen(showing) : null,
      queued: this.queue.queued,
      upNext: this.queue.upNext(MAX_LISTED_ALERTS).map(seen),
      played: this.queue.played,
      dropped: this.queue.dropped,
    };
  }

  private push(req: AlertRequest | null): void {
    if (req) this.queue.push(req);
  }

  /** Feed lines: gifts the platform announced become alerts (a line that only looks like one never does). */
  onChatItems(items: readonly ChatItem[]): void {
    for (const item of items) this.push(giftAlert(this.settings, item));
  }

  /** The live figures: a like or viewer count crossing its step. */
  onFigures(f: { likes: number; viewers: number }): void {
    const likes = crossedStep(this.likes, f.likes, this.settings.likeStep);
    const viewers = crossedStep(this.viewers, f.viewers, this.settings.viewerStep);
    // Each milestone once a show: counts that fall and rise again do not repeat it.
    this.likes = Math.max(this.likes, f.likes);
    this.viewers = Math.max(this.viewers, f.viewers);
    if (likes !== null) this.push(milestoneAlert(this.settings, 'likes', likes));
    if (viewers !== null) this.push(milestoneAlert(this.settings, 'viewers', viewers));
  }

  /** Co-hosts: a guest who goes live is announced once a show. */
  onCohosts(guests: readonly CohostGuestInfo[]): void {
    for (const g of guests) {
      if (g.state !== 'live' || this.announced.has(g.userId)) continue;
      if (this.announced.size >= MAX_ANNOUNCED_COHOSTS) this.announced.clear();
      this.announced.add(g.userId);
      this.push(cohostAlert(this.settings, g.nickname || g.userId));
    }
  }

  /** A new show: milestones and co-host announcements start again. */
  newShow(): void {
    this.likes = 0;
    this.viewers = 0;
    this.announced.clear();
  }

  testAlert(type: AlertType): void {
    const s = this.settings;
    const text = fillTemplate(s.styles[type].template, { nick: 'Test 测试', gift: 'Rocket 火箭', n: 100 });
    const style = s.styles[type];
    this.queue.push({
      type,
      text,
      color: type === 'gift' ? tierColor(s, 100) : s.color,
      durationMs: style.durationMs,
      ...alertSound(style),
    });
  }

  setPaused(paused: boolean): AlertsState {
    this.queue.setPaused(paused);
    return this.state();
  }

  skip(): AlertsState {
    this.queue.skip();
    return this.state();
  }

  setSettings(patch: Partial<AlertSettings>): AlertsState {
    this.settings = alertSettingsSchema.parse({ ...this.settings, ...patch });
    this.o.settings.set(profileKey(this.profileId), this.settings);
    this.draw();
    this.o.emit(this.state());
    return this.state();
  }

  close(): void {
    this.queue.close();
  }
}
