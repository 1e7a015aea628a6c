// 连线 PK in the studio: follows the platform's PK state for the live room (once a second, and at once after
// each of the VJ's own acts), shows linked VJs in the program (PartnerFeeds), publishes this room's link feed
// while linked, and keeps the score bar, countdown and result on the program (pkOverlay), changed by runtime
// commands. The platform decides everything (links, scores, results); the studio only shows what it says.
import { EventEmitter } from 'node:events';
import { StudioError } from '../contract';
import type { SceneItem } from '../contract/scene';
import { refusalWords, type BilingualWords } from '../contract/refusalWords';
import type { PkLiveVj, PkStudioState } from '../contract/pk';
import type { PkBattle, PkInvite, PkLink, PkRoomState } from '../../common/platformApi/pkSchemas';
import { PartnerFeeds, type PartnerCompositePort } from './partnerFeeds';
import { pkOverlay } from './pkOverlay';

/** The platform calls PK needs (PlatformClient satisfies it). */
export interface PkPlatformPort {
  pkState(): Promise<PkRoomState>;
  pkInvite(toRoomId: string): Promise<PkInvite>;
  pkAnswerInvite(inviteId: string, answer: 'accept' | 'decline' | 'cancel'): Promise<PkLink | null>;
  pkEndLink(linkId: string): Promise<void>;
  pkStartBattle(linkId: string, durationSec: number): Promise<PkBattle>;
  pkAnswerBattle(battleId: string, answer: 'accept' | 'decline' | 'end'): Promise<PkBattle>;
  roomBattles(roomId: string): Promise<PkBattle[]>;
  liveRooms(): Promise<{ roomId: string; title: string; host?: unknown }[]>;
}

export interface PkCompositePort extends PartnerCompositePort {
  setOverlay(items: SceneItem[]): Promise<void>;
  setLayout(layout: 'sideBySide' | 'grid'): Promise<void>;
}

/** This room's link feed: the program without the partner's voice (mix-minus), pushed to the platform while linked. */
export interface LinkFeedPort {
  /** Starts the feed for this partner, or moves it to a new one (the first link ended, another remains). */
  start(pushUrl: string, partnerUserId: string): void;
  stop(): void;
}

export interface PkServiceOptions {
  /** The signed-in platform client, or null. */
  platform(): PkPlatformPort | null;
  /** The live room, or null when not live. */
  roomId(): string | null;
  composite: PkCompositePort;
  /** The program's size, while the media engine runs. */
  canvas(): { width: number; height: number } | null;
  linkFeed: LinkFeedPort;
  ffmpegPath: string;
  pollMs?: number;
  stallMs?: number;
  log?: (line: string) => void;
}

const hostOf = (host: unknown): { userId: string; nickname: string } => {
  const h = (host ?? {}) as { userId?: unknown; nickname?: unknown };
  const userId = typeof h.userId === 'string' ? h.userId : '';
  return { userId, nickname: typeof h.nickname === 'string' && h.nickname ? h.nickname : userId };
};

export class PkService extends EventEmitter<{ state: [PkStudioState] }> {
  private remote: PkRoomState | null = null;
  private notice: PkStudioState['notice'] = null;
  private readonly partners: PartnerFeeds;
  private timer: NodeJS.Timeout | null = null;
  /** The partner the link feed is made for (its mix-minus leaves their voice out), while it runs. */
  private feedPartner: string | null = null;
  private linkCount = 0;
  private overlayKey = '';
  private polling: Promise<void> | null = null;
  private lastEmitted = '';
  private readonly log: (line: string) => void;

  constructor(private readonly o: PkServiceOptions) {
    super();
    this.log = o.log ?? (() => {});
    this.partners = new PartnerFeeds({
      composite: o.composite,
      ffmpegPath: o.ffmpegPath,
      stallMs: o.stallMs,
      changed: () => this.emitState(),
      vanished: (link, why) => {
        this.log(`pk: ${link.partner.userId}'s feed vanished: ${why}`);
        this.say(refusalWords.pk.partnerLost(link.partner.nickname));
      },
      log: this.log,
    });
    this.timer = setInterval(() => void this.poll(), o.pollMs ?? 1000);
  }

  state(): PkStudioState {
    const r = this.remote;
    return {
      roomId: r?.roomId ?? null,
      invitesIn: r?.invitesIn ?? [],
      invitesOut: r?.invitesOut ?? [],
      links: (r?.links ?? []).map((l) => ({ ...l, shown: this.partners.shown(l.linkId) })),
      battle: r?.battle ?? null,
      notice: this.notice,
    };
  }

  async liveVjs(): Promise<PkLiveVj[]> {
    const mine = this.o.roomId();
    const rooms = (await this.client().liveRooms()) ?? [];
    return rooms
      .filter((r) => r.roomId !== mine)
      .map((r) => ({ roomId: r.roomId, title: r.title, ...hostOf(r.host) }))
      .filter((v) => v.userId);
  }

  async invite(roomId: string): Promise<void> {
    await this.client().pkInvite(roomId);
    await this.poll();
  }

  async answerInvite(inviteId: string, answer: 'accept' | 'decline' | 'cancel'): Promise<void> {
    await this.client().pkAnswerInvite(inviteId, answer);
    await this.poll();
  }

  async unlink(linkId: string): Promise<void> {
    await this.client().pkEndLink(linkId);
    await this.poll();
  }

  async startBattle(linkId: string, durationSec: number): Promise<void> {
    await this.client().pkStartBattle(linkId, durationSec);
    await this.poll();
  }

  async answerBattle(battleId: string, answer: 'accept' | 'decline' | 'end'): Promise<void> {
    await this.client().pkAnswerBattle(battleId, answer);
    await this.poll();
  }

  battles(roomId: string): Promise<PkBattle[]> {
    return this.client().roomBattles(roomId);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
    this.solo();
  }

  private client(): PkPlatformPort {
    const c = this.o.platform();
    if (!c) throw new StudioError('unauthorized', refusalWords.pk.signInFirst);
    return c;
  }

  /** One look at the platform's PK state; never two at once. */
  private poll(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => (this.polling = null));
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    const platform = this.o.platform();
    if (!this.o.roomId() || !platform) {
      if (this.remote) this.solo();
      return;
    }
    try {
      this.remote = await platform.pkState();
    } catch (e) {
      this.log(`pk: reading the state failed: ${(e as Error).message}`);
      return;
    }
    this.syncLayout(this.remote.links.length);
    this.partners.sync(this.remote.links);
    this.syncLinkFeed(this.remote);
    await this.syncOverlay();
    this.emitState();
  }

  /** A new link count picks the layout: 50/50 with one partner, a grid with more (the VJ may change it after). */
  private syncLayout(count: number): void {
    if (count === this.linkCount) return;
    this.linkCount = count;
    if (count === 0) return;
    void this.o.composite
      .setLayout(count > 1 ? 'grid' : 'sideBySide')
      .catch((e: Error) => this.log(`pk: layout: ${e.message}`));
  }

  private syncLinkFeed(r: PkRoomState): void {
    const partner = r.links[0]?.partner.userId ?? null;
    if (partner === this.feedPartner) return;
    if (partner) this.o.linkFeed.start(r.linkFeedPushUrl, partner);
    else this.o.linkFeed.stop();
    this.feedPartner = partner;
  }

  /** The bar, clock and result: present (hidden when idle) while linked, so a battle changes values only. */
  private async syncOverlay(): Promise<void> {
    const canvas = this.o.canvas();
    const r = this.remote;
    const items =
      canvas && r && r.links.length > 0
        ? pkOverlay({ battle: r.battle, roomId: r.roomId, now: Date.now(), ...canvas })
        : [];
    const key = JSON.stringify(items);
    if (key === this.overlayKey) return;
    this.overlayKey = key;
    await this.o.composite.setOverlay(items).catch((e: Error) => this.log(`pk: overlay: ${e.message}`));
  }

  /** Not live any more: partners out, link feed stopped, overlay gone. */
  private solo(): void {
    this.remote = null;
    this.partners.clear();
    if (this.feedPartner) this.o.linkFeed.stop();
    this.feedPartner = null;
    this.linkCount = 0;
    this.overlayKey = '';
    void this.o.composite.setOverlay([]).catch(() => {});
    this.emitState();
  }

  private say(words: BilingualWords): void {
    this.notice = { ...words, at: Date.now() };
    this.emitState();
  }

  private emitState(): void {
    const s = this.state();
    const key = JSON.stringify(s);
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.emit('state', s);
  }
}
