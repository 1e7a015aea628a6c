// The joint-broadcasting state machine, one per broadcast:
//   requested ─┐
//   invited ───┴─> accepted -> arriving -> live -> leaving -> ended
// A guest is announced to the room only once their frames really arrive in the composite, and the "left"
// notice always goes out before their video is closed. Nothing here can stop the VJ's own broadcast: every
// dependency failure ends that one guest with a reason, never throws out.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { GuestToHost, HostToGuest, RoomNotice } from './signals';
import { refusalWords, type BilingualWords } from '../contract/refusalWords';

const words = refusalWords.cohost;

export type GuestState = 'requested' | 'invited' | 'accepted' | 'arriving' | 'live' | 'leaving' | 'ended';
export type EndReason =
  'declined' | 'timeout' | 'cancelled' | 'removed' | 'left' | 'lost' | 'no_stream' | 'show_ended' | 'failed';

export interface Guest {
  userId: string;
  nickname: string;
  inviteId: string;
  state: GuestState;
  since: number;
  endReason?: EndReason;
  detail?: string;
}

/**
 * Where a guest publishes (pushUrl, or whipUrl from a browser), where the studio pulls them, and where their return
 * feed goes.
 */
export interface GuestUrls {
  pushUrl: string;
  pullUrl: string;
  whipUrl?: string;
  returnPushUrl?: string;
  whepUrl?: string;
}

export interface CohostDeps {
  /** Sends a one-to-one custom message to a guest. */
  sendToGuest(userId: string, message: HostToGuest): Promise<void>;
  /** Tells the whole room (a custom group message). */
  announce(notice: RoomNotice): Promise<void>;
  /** Asks the platform for this guest's signed push URL and the URL the studio pulls it from. */
  guestStream(userId: string): Promise<GuestUrls>;
  /** Puts the guest's stream into the composite / takes it out. The composite reports arrival itself. */
  /** Watches for the guest's stream at pullUrl; their return feed (when the platform takes one) goes to returnUrl. */
  addToComposite(userId: string, pullUrl: string, returnUrl?: string): Promise<void>;
  removeFromComposite(userId: string): Promise<void>;
  nicknameOf?(userId: string): string;
  now?(): number;
  setTimer?(fn: () => void, ms: number): unknown;
  clearTimer?(handle: unknown): void;
}

export interface CohostLimits {
  maxGuests: number;
  inviteTimeoutMs: number;
  /** How long an accepted guest has to get frames into the composite. */
  arrivalTimeoutMs: number;
}

/**
 * A guest's arrival window counts from the moment they are told to publish: a browser guest may first have to
 * allow the camera in a permission prompt, then connect (ICE, DTLS) before the first frame can reach the program.
 */
export const defaultLimits: CohostLimits = { maxGuests: 3, inviteTimeoutMs: 30_000, arrivalTimeoutMs: 45_000 };

/** The refusal when there is no broadcast for a guest to join. */
export const notLiveWords = words.notLive;

export class CohostError extends Error {
  constructor(
    readonly code: 'full' | 'busy' | 'not_found' | 'invalid_state',
    readonly words: BilingualWords,
  ) {
    super(words.en);
  }
}

const ACTIVE: GuestState[] = ['accepted', 'arriving', 'live'];
/** Viewers' requests to join waiting at once: any viewer may ask, so a long show must not keep them all. */
export const MAX_WAITING_REQUESTS = 50;
/** Ended guests and requests remembered (the panel shows the latest few); older ones are forgotten. */
export const ENDED_REMEMBERED = 20;
/** One viewer may ask to join at most once in this long: asking and leaving in a loop must not churn the panel. */
export const REQUEST_COOLDOWN_MS = 10_000;
/** Viewers whose last request time is kept for the cooldown; the oldest are forgotten first. */
export const MAX_REMEMBERED_ASKERS = 1000;

export class CohostController extends EventEmitter<{ change: [Guest[]]; ended: [Guest] }> {
  private readonly guests = new Map<string, Guest>();
  private readonly timers = new Map<string, unknown>();
  /** When each recent asker last asked (insertion order = oldest first). */
  private readonly lastAsked = new Map<string, number>();
  readonly limits: CohostLimits;

  constructor(
    private readonly deps: CohostDeps,
    limits: Partial<CohostLimits> = {},
  ) {
    super();
    this.limits = { ...defaultLimits, ...limits };
  }

  list(): Guest[] {
    return [...this.guests.values()].map((g) => ({ ...g }));
  }

  get(userId: string): Guest | undefined {
    const g = this.guests.get(userId);
    return g ? { ...g } : undefined;
  }

  /** The VJ invites a viewer. */
  async invite(userId: string): Promise<Guest> {
    const existing = this.guests.get(userId);
    if (existing && existing.state !== 'ended' && existing.state !== 'requested') {
      throw new CohostError('busy', words.busy(existing.nickname));
    }
    this.assertRoom();
    const guest = this.put(userId, 'invited', existing?.inviteId);
    this.arm(userId, this.limits.inviteTimeoutMs, () => void this.expireInvite(userId));
    await this.safeSend(guest, {
      type: 'cohost.invite',
      inviteId: guest.inviteId,
      expiresInMs: this.limits.inviteTimeoutMs,
    });
    return { ...guest };
  }

  /** The VJ takes back an invitation still in flight. */
  async cancel(userId: string): Promise<void> {
    const g = this.need(userId);
    if (g.state !== 'invited') throw new CohostError('invalid_state', words.noInvitation(g.nickname));
    this.finish(g, 'cancelled');
    await this.safeSend(g, { type: 'cohost.cancel', inviteId: g.inviteId, reason: 'cancelled' });
  }

  /** The VJ accepts a viewer's request to join. */
  async acceptRequest(userId: string): Promise<void> {
    const g = this.need(userId);
    if (g.state !== 'requested') throw new CohostError('invalid_state', words.notAsked(g.nickname));
    this.assertRoom();
    await this.startGuest(g);
  }

  /** The VJ removes a guest, whatever stage they are at. */
  async remove(userId: string): Promise<void> {
    const g = this.need(userId);
    if (g.state === 'ended') return;
    if (g.state === 'invited') return this.cancel(userId);
    if (g.state === 'requested') {
      this.finish(g, 'declined');
      return;
    }
    await this.takeOff(g, 'removed');
  }

  /** The VJ ends the show: every guest leaves cleanly first. */
  async endAll(): Promise<void> {
    for (const g of [...this.guests.values()]) {
      if (g.state === 'invited') await this.cancel(g.userId);
      else if (ACTIVE.includes(g.state)) await this.takeOff(g, 'show_ended');
      else if (g.state === 'requested') this.finish(g, 'declined');
    }
  }

  /** A custom message from a guest (already parsed and validated). */
  async onGuestSignal(userId: string, message: GuestToHost): Promise<void> {
    const g = this.guests.get(userId);
    switch (message.type) {
      case 'cohost.request':
        if (g && g.state !== 'ended') return; // a repeat request changes nothing
        if (!this.mayAsk(userId)) return; // asked a moment ago
        if (this.count('requested') >= MAX_WAITING_REQUESTS) return; // the VJ has enough to choose from
        this.put(userId, 'requested');
        return;
      case 'cohost.accept':
        if (!g || g.state !== 'invited' || g.inviteId !== message.inviteId) return;
        await this.startGuest(g);
        return;
      case 'cohost.decline':
        if (!g || g.state !== 'invited' || g.inviteId !== message.inviteId) return;
        this.finish(g, 'declined');
        return;
      case 'cohost.leave':
        if (!g) return;
        if (g.state === 'requested' || g.state === 'invited') this.finish(g, 'left');
        else if (ACTIVE.includes(g.state)) await this.takeOff(g, 'left', false);
        return;
    }
  }

  /** The composite saw this guest's first frame: only now does the room hear that they joined. */
  async onGuestFrames(userId: string): Promise<void> {
    const g = this.guests.get(userId);
    if (!g || g.state !== 'arriving') return;
    this.disarm(userId);
    this.set(g, 'live');
    try {
      await this.deps.announce({ type: 'cohost.joined', userId, nickname: g.nickname });
    } catch {
      // The guest is on screen either way; a lost notice is not worth taking them off.
    }
  }

  /** The composite lost this guest's stream (crash, network): they leave the composite. */
  async onGuestLost(userId: string): Promise<void> {
    const g = this.guests.get(userId);
    if (!g || !ACTIVE.includes(g.state)) return;
    await this.takeOff(g, 'lost');
  }

  private async startGuest(g: Guest): Promise<void> {
    this.disarm(g.userId);
    this.set(g, 'accepted');
    let urls: GuestUrls;
    try {
      urls = await this.deps.guestStream(g.userId);
    } catch (err) {
      this.finish(g, 'failed', `The platform gave no stream address for the guest: ${(err as Error).message}`);
      await this.safeSend(g, { type: 'cohost.end', inviteId: g.inviteId, reason: 'no_stream' });
      return;
    }
    this.set(g, 'arriving');
    this.arm(g.userId, this.limits.arrivalTimeoutMs, () => void this.takeOff(g, 'no_stream'));
    await this.safeSend(g, {
      type: 'cohost.start',
      inviteId: g.inviteId,
      pushUrl: urls.pushUrl,
      ...(urls.whipUrl ? { whipUrl: urls.whipUrl } : {}),
      ...(urls.whepUrl ? { whepUrl: urls.whepUrl } : {}),
    });
    try {
      await this.deps.addToComposite(g.userId, urls.pullUrl, urls.returnPushUrl);
    } catch (err) {
      await this.takeOff(g, 'failed', true, (err as Error).message);
    }
  }

  /** Off the show in the promised order: tell the room, close the video, tell the guest. */
  private async takeOff(g: Guest, reason: EndReason, tellGuest = true, detail?: string): Promise<void> {
    if (g.state === 'leaving' || g.state === 'ended') return;
    this.disarm(g.userId);
    const wasLive = g.state === 'live';
    this.set(g, 'leaving');
    if (wasLive) {
      try {
        await this.deps.announce({ type: 'cohost.left', userId: g.userId, nickname: g.nickname, reason });
      } catch {
        // The guest still has to leave the composite.
      }
    }
    try {
      await this.deps.removeFromComposite(g.userId);
    } catch {
      // The compositor drops a guest whose stream is gone by itself.
    }
    if (tellGuest) {
      const endReason = reason === 'show_ended' || reason === 'no_stream' || reason === 'lost' ? reason : 'removed';
      await this.safeSend(g, { type: 'cohost.end', inviteId: g.inviteId, reason: endReason });
    }
    this.finish(g, reason, detail);
  }

  private async expireInvite(userId: string): Promise<void> {
    const g = this.guests.get(userId);
    if (!g || g.state !== 'invited') return;
    this.finish(g, 'timeout');
    await this.safeSend(g, { type: 'cohost.cancel', inviteId: g.inviteId, reason: 'timeout' });
  }

  private assertRoom(): void {
    const busy = [...this.guests.values()].filter((g) => g.state === 'invited' || ACTIVE.includes(g.state)).length;
    if (busy >= this.limits.maxGuests) {
      throw new CohostError('full', words.full(this.limits.maxGuests));
    }
  }

  private need(userId: string): Guest {
    const g = this.guests.get(userId);
    if (!g) throw new CohostError('not_found', words.notAGuest(userId));
    return g;
  }

  private put(userId: string, state: GuestState, previousInviteId?: string): Guest {
    const guest: Guest = {
      userId,
      nickname: this.deps.nicknameOf?.(userId) ?? userId,
      inviteId: state === 'requested' || !previousInviteId ? randomUUID() : previousInviteId,
      state,
      since: this.now(),
    };
    this.guests.set(userId, guest);
    this.emit('change', this.list());
    return guest;
  }

  private set(g: Guest, state: GuestState): void {
    g.state = state;
    g.since = this.now();
    this.emit('change', this.list());
  }

  private finish(g: Guest, reason: EndReason, detail?: string): void {
    this.disarm(g.userId);
    g.endReason = reason;
    if (detail) g.detail = detail;
    this.set(g, 'ended');
    this.emit('ended', { ...g });
    this.forgetOldEnded();
  }

  /** Rate limit per viewer: one request per REQUEST_COOLDOWN_MS, remembered for at most MAX_REMEMBERED_ASKERS. */
  private mayAsk(userId: string): boolean {
    const t = this.now();
    const last = this.lastAsked.get(userId);
    if (last !== undefined && t - last < REQUEST_COOLDOWN_MS) return false;
    this.lastAsked.delete(userId);
    this.lastAsked.set(userId, t);
    while (this.lastAsked.size > MAX_REMEMBERED_ASKERS) this.lastAsked.delete(this.lastAsked.keys().next().value!);
    return true;
  }

  /** How many viewers' request times are remembered now. */
  get rememberedAskers(): number {
    return this.lastAsked.size;
  }

  private count(state: GuestState): number {
    let n = 0;
    for (const g of this.guests.values()) if (g.state === state) n++;
    return n;
  }

  /** Keeps the latest ended entries only: every viewer a long show ever invited or heard from would stay otherwise. */
  private forgetOldEnded(): void {
    const ended = [...this.guests.values()].filter((g) => g.state === 'ended').sort((a, b) => a.since - b.since);
    for (const g of ended.slice(0, Math.max(0, ended.length - ENDED_REMEMBERED))) this.guests.delete(g.userId);
  }

  private async safeSend(g: Guest, message: HostToGuest): Promise<void> {
    try {
      await this.deps.sendToGuest(g.userId, message);
    } catch {
      // A guest who cannot be reached times out on their side; the show goes on.
    }
  }

  private arm(userId: string, ms: number, fn: () => void): void {
    this.disarm(userId);
    const set = this.deps.setTimer ?? ((f: () => void, t: number) => setTimeout(f, t));
    this.timers.set(userId, set(fn, ms));
  }

  private disarm(userId: string): void {
    const h = this.timers.get(userId);
    if (h === undefined) return;
    (this.deps.clearTimer ?? ((x: unknown) => clearTimeout(x as NodeJS.Timeout)))(h);
    this.timers.delete(userId);
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}
