// Joint broadcasting wired to the rest of the studio: the state machine (cohostController) speaks to guests
// through the chat's one-to-one custom messages and to the room through group custom messages, asks the
// platform for each guest's stream, watches that stream (guestMonitor), and puts the guest into the program
// scene the media engine composites (layouts). Everything it does to the media engine is a scene change
// behind the engine's frame relay: the VJ's encoder, push and recording never restart for a guest.
import { EventEmitter } from 'node:events';
import type { ChatItem } from '../contract/chat';
import type { Scene, SceneItem } from '../contract/scene';
import { refusalWords } from '../contract/refusalWords';
import {
  CohostController,
  CohostError,
  notLiveWords,
  type CohostLimits,
  type Guest,
  type GuestUrls,
} from './cohostController';
import { GuestMonitor } from './guestMonitor';
import { composeProgram, GUEST_ITEM_PREFIX, withoutGuests, type CohostLayout, type GuestSlot } from './layouts';
import { parseGuestSignal, type HostToGuest, type RoomNotice } from './signals';

/** What the co-host service needs of the chat: one-to-one and room custom messages, and what arrives. */
export interface CohostChatPort {
  sendCustom(payload: { data: string; description?: string }, to?: string): Promise<void>;
  onItems(listener: (items: readonly ChatItem[]) => void): () => void;
}

/** What it needs of the media engine (MediaEngine satisfies it). */
export interface CohostMediaPort {
  readonly running: boolean;
  readonly preset: { width: number; height: number };
  getScene(): Scene;
  setScene(scene: Scene): Promise<unknown>;
  setGuestStream(guestUserId: string, url: string | null): Promise<void>;
  /** The guest's return feed (the program with their mix-minus) to this push URL, or none (null). */
  setReturnFeed?(guestUserId: string, url: string | null): Promise<void>;
  on(event: 'guestFrame' | 'guestGone', listener: (e: { guestUserId: string }) => void): unknown;
  off(event: 'guestFrame' | 'guestGone', listener: (e: { guestUserId: string }) => void): unknown;
}

export interface CohostGuestView {
  userId: string;
  nickname: string;
  state: Guest['state'];
  since: number;
  endReason: NonNullable<Guest['endReason']> | null;
  /** Invitations in flight: when they run out (ms since epoch). */
  expiresAt: number | null;
  /** dBFS of the guest's voice, while their stream is watched. */
  audioLevel: number | null;
  muted: boolean;
}

export interface CohostStateView {
  layout: CohostLayout;
  maxGuests: number;
  guests: CohostGuestView[];
}

export interface CohostServiceOptions {
  chat: CohostChatPort;
  /** The platform's guest stream URLs for the current room. */
  guestStream(userId: string): Promise<GuestUrls>;
  /** The media engine of the broadcast, or null when nothing is on air. */
  media(): CohostMediaPort | null;
  ffmpegPath: string;
  limits?: Partial<CohostLimits>;
  /** Silence after which a guest's stream counts as gone (default 2.5 s, so a vanished guest goes within 5 s). */
  stallMs?: number;
  log?: (line: string) => void;
}

const ENDED_KEPT = 6;

export class CohostService extends EventEmitter<{ state: [CohostStateView] }> {
  readonly controller: CohostController;
  private layout: CohostLayout = 'pip';
  /** Guests whose stream is in the program scene, in arrival order. */
  private slots: GuestSlot[] = [];
  private readonly muted = new Set<string>();
  private readonly monitors = new Map<string, GuestMonitor>();
  private readonly levels = new Map<string, number>();
  private readonly nicknames = new Map<string, string>();
  /** Where each guest's return feed is pushed (local mode). */
  private readonly returnUrls = new Map<string, string>();
  private readonly limits: CohostLimits;
  private media: CohostMediaPort | null = null;
  /** The VJ's own program scene, unscaled, while guests are placed on it. */
  private base: Scene | null = null;
  private unsubscribeChat: (() => void) | null = null;
  private levelTimer: NodeJS.Timeout | null = null;
  private levelsDirty = false;
  /** Linked VJs (PK) shown like guests, outside the invitation state machine: the PK service owns them. */
  private readonly partners = new Set<string>();
  /** Items drawn over the program (the PK score bar); ids carry GUEST_ITEM_PREFIX so scenes never keep them. */
  private overlay: SceneItem[] = [];
  private readonly log: (line: string) => void;
  private readonly onFrame = (e: { guestUserId: string }) => void this.controller.onGuestFrames(e.guestUserId);
  private readonly onGone = (e: { guestUserId: string }) => {
    // The compositor lost a guest we still show (its input died): they are gone.
    if (this.slots.some((s) => s.userId === e.guestUserId)) void this.controller.onGuestLost(e.guestUserId);
  };

  constructor(private readonly o: CohostServiceOptions) {
    super();
    this.log = o.log ?? (() => {});
    this.controller = new CohostController(
      {
        sendToGuest: (userId, m) => this.sendToGuest(userId, m),
        announce: (n) => this.announce(n),
        guestStream: (userId) => o.guestStream(userId),
        addToComposite: (userId, url, returnUrl) => this.addToComposite(userId, url, returnUrl),
        removeFromComposite: (userId) => this.removeFromComposite(userId),
        nicknameOf: (userId) => this.nicknames.get(userId) ?? userId,
      },
      o.limits,
    );
    this.limits = this.controller.limits;
    this.controller.on('change', () => this.emitState());
    this.unsubscribeChat = o.chat.onItems((items) => this.onChatItems(items));
    this.levelTimer = setInterval(() => {
      if (!this.levelsDirty) return;
      this.levelsDirty = false;
      this.emitState();
    }, 250);
  }

  // ── calls ──

  async invite(userId: string, nickname?: string): Promise<CohostGuestView> {
    this.needMedia();
    if (nickname) this.nicknames.set(userId, nickname);
    const g = await this.controller.invite(userId);
    return this.view(g);
  }

  cancel(userId: string): Promise<void> {
    return this.controller.cancel(userId);
  }

  async acceptRequest(userId: string): Promise<void> {
    this.needMedia();
    await this.controller.acceptRequest(userId);
  }

  async decline(userId: string): Promise<void> {
    await this.controller.remove(userId);
  }

  remove(userId: string): Promise<void> {
    return this.controller.remove(userId);
  }

  async setMuted(userId: string, muted: boolean): Promise<void> {
    const g = this.controller.get(userId);
    if (!g || g.state === 'ended') throw new CohostError('not_found', refusalWords.cohost.notOnVideo(userId));
    if (muted) this.muted.add(userId);
    else this.muted.delete(userId);
    this.slots = this.slots.map((s) => (s.userId === userId ? { ...s, muted } : s));
    await this.applyProgram();
    this.emitState();
  }

  async setLayout(layout: CohostLayout): Promise<void> {
    this.layout = layout;
    await this.applyProgram();
    this.emitState();
  }

  /** A linked VJ's feed goes into the program beside the VJ, as a guest's does (same layouts, same mix). */
  async placePartner(userId: string, nickname: string, pullUrl: string): Promise<void> {
    const m = this.needMedia();
    this.partners.add(userId);
    if (!this.slots.some((s) => s.userId === userId)) this.slots.push({ userId, nickname, muted: false });
    await m.setGuestStream(userId, pullUrl);
    await this.applyProgram();
    this.emitState();
  }

  /** The linked VJ leaves the program (the link ended, or their feed vanished). */
  async dropPartner(userId: string): Promise<void> {
    if (!this.partners.delete(userId)) return;
    this.slots = this.slots.filter((s) => s.userId !== userId);
    await this.applyProgram();
    // Placed again meanwhile (a new link with the same VJ right after the last one ended): their stream stays.
    if (!this.partners.has(userId)) await this.media?.setGuestStream(userId, null);
    this.emitState();
  }

  /** Replaces the overlay; when only values changed (text, position, visibility) the engine runs commands. */
  async setOverlay(items: SceneItem[]): Promise<void> {
    this.overlay = items;
    await this.applyProgram();
  }

  /** The VJ ends the show: every guest leaves cleanly first (the room hears "left" before video closes). */
  async endAll(): Promise<void> {
    await this.controller.endAll();
  }

  state(): CohostStateView {
    const all = this.controller.list();
    const ended = all.filter((g) => g.state === 'ended').slice(-ENDED_KEPT);
    const open = all.filter((g) => g.state !== 'ended');
    return {
      layout: this.layout,
      maxGuests: this.limits.maxGuests,
      guests: [...open, ...ended].map((g) => this.view(g)),
    };
  }

  /**
   * The program scene with the guests placed on it. Whoever sends the program scene to the media engine
   * (the scenes area) passes it through here, so a scene change keeps the guests on screen.
   */
  decorate(scene: Scene): Scene {
    this.base = withoutGuests(scene);
    return this.compose(this.base);
  }

  async close(): Promise<void> {
    await this.endAll().catch(() => {});
    for (const m of this.monitors.values()) m.stop();
    this.monitors.clear();
    this.unsubscribeChat?.();
    this.unsubscribeChat = null;
    if (this.levelTimer) clearInterval(this.levelTimer);
    this.levelTimer = null;
    this.detachMedia();
  }

  // ── wiring ──

  private needMedia(): CohostMediaPort {
    const m = this.o.media();
    if (!m || !m.running) throw new CohostError('invalid_state', notLiveWords);
    if (this.media !== m) {
      this.detachMedia();
      this.media = m;
      m.on('guestFrame', this.onFrame);
      m.on('guestGone', this.onGone);
    }
    return m;
  }

  private detachMedia(): void {
    this.media?.off('guestFrame', this.onFrame);
    this.media?.off('guestGone', this.onGone);
    this.media = null;
  }

  private onChatItems(items: readonly ChatItem[]): void {
    for (const item of items) {
      // Guests speak to the VJ one to one; a room message can never drive the state machine.
      if (item.kind !== 'custom' || !item.to || item.to === item.userId || !item.data) continue;
      const signal = parseGuestSignal(item.data);
      if (!signal) continue;
      if (item.nick) this.nicknames.set(item.userId, item.nick.slice(0, 100));
      void this.controller.onGuestSignal(item.userId, signal).catch((e: Error) => this.log(`cohost: ${e.message}`));
    }
  }

  private async sendToGuest(userId: string, m: HostToGuest): Promise<void> {
    await this.o.chat.sendCustom({ data: JSON.stringify(m), description: m.type }, userId);
  }

  private async announce(n: RoomNotice): Promise<void> {
    const words = n.type === 'cohost.joined' ? `${n.nickname} joined on video` : `${n.nickname} left the video`;
    await this.o.chat.sendCustom({ data: JSON.stringify(n), description: words });
  }

  /** The guest was told where to publish: watch for their stream, and composite it once it is there. */
  private async addToComposite(userId: string, pullUrl: string, returnUrl?: string): Promise<void> {
    this.needMedia();
    if (returnUrl) this.returnUrls.set(userId, returnUrl);
    this.monitors.get(userId)?.stop();
    const monitor = new GuestMonitor({ ffmpegPath: this.o.ffmpegPath, url: pullUrl, stallMs: this.o.stallMs });
    this.monitors.set(userId, monitor);
    monitor.on('level', (db) => {
      this.levels.set(userId, db);
      this.levelsDirty = true;
    });
    monitor.on('up', () => void this.showGuest(userId, pullUrl));
    monitor.on('gone', (why) => {
      this.log(`cohost: ${userId}: ${why}`);
      void this.controller.onGuestLost(userId);
    });
    monitor.start();
  }

  private async showGuest(userId: string, pullUrl: string): Promise<void> {
    const g = this.controller.get(userId);
    const m = this.media;
    if (!g || g.state !== 'arriving' || !m) return;
    if (!this.slots.some((s) => s.userId === userId))
      this.slots.push({ userId, nickname: g.nickname, muted: this.muted.has(userId) });
    try {
      await m.setGuestStream(userId, pullUrl);
      await this.applyProgram();
      // The guest hears and sees the show from now on: the program, without their own voice.
      const returnUrl = this.returnUrls.get(userId);
      if (returnUrl) await m.setReturnFeed?.(userId, returnUrl);
    } catch (e) {
      this.log(`cohost: could not show ${userId}: ${(e as Error).message}`);
      await this.controller.onGuestLost(userId);
    }
  }

  private async removeFromComposite(userId: string): Promise<void> {
    this.monitors.get(userId)?.stop();
    this.monitors.delete(userId);
    this.levels.delete(userId);
    const shown = this.slots.some((s) => s.userId === userId);
    this.slots = this.slots.filter((s) => s.userId !== userId);
    this.muted.delete(userId);
    const hadReturn = this.returnUrls.delete(userId);
    const m = this.media;
    if (!m) return;
    if (hadReturn) await m.setReturnFeed?.(userId, null);
    if (shown) await this.applyProgram();
    await m.setGuestStream(userId, null);
  }

  private compose(base: Scene): Scene {
    const m = this.media ?? this.o.media();
    if ((this.slots.length === 0 && this.overlay.length === 0) || !m) return base;
    const program = composeProgram(base, this.slots, this.layout, m.preset.width, m.preset.height);
    // The scene holds at most 32 items: the overlay goes on top, the VJ's last items give way.
    const placed = program.items.filter((i) => !i.id.startsWith(GUEST_ITEM_PREFIX));
    const guests = program.items.filter((i) => i.id.startsWith(GUEST_ITEM_PREFIX));
    const room = Math.max(0, 32 - guests.length - this.overlay.length);
    return { ...program, items: [...placed.slice(0, room), ...guests, ...this.overlay] };
  }

  /** Shows the VJ's own scene (kept unscaled aside while guests are on) with the guests placed on it. */
  private async applyProgram(): Promise<void> {
    const m = this.media;
    if (!m || !m.running) return;
    const current = m.getScene();
    const had = current.items.some((i) => i.id.startsWith(GUEST_ITEM_PREFIX));
    const decorated = this.slots.length > 0 || this.overlay.length > 0;
    if (!had && !decorated) return;
    const base = this.base ?? withoutGuests(current);
    this.base = decorated ? base : null;
    await m.setScene(this.compose(base));
  }

  private view(g: Guest): CohostGuestView {
    return {
      userId: g.userId,
      nickname: g.nickname,
      state: g.state,
      since: g.since,
      endReason: g.endReason ?? null,
      expiresAt: g.state === 'invited' ? g.since + this.limits.inviteTimeoutMs : null,
      audioLevel: this.levels.get(g.userId) ?? null,
      muted: this.muted.has(g.userId),
    };
  }

  private emitState(): void {
    this.emit('state', this.state());
  }
}
