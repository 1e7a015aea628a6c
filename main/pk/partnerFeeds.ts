// The linked VJs' feeds in this studio's program: each partner's feed is watched (GuestMonitor: up, level,
// gone), placed in the program once it arrives and taken out the moment it stalls or ends, so a partner who
// vanishes leaves the program within the monitor's stall time (2.5 s), before the platform even says so.
import { GuestMonitor } from '../cohost/guestMonitor';
import type { PkLink } from '../../common/platformApi/pkSchemas';

/** What the partners need of the program (CohostService satisfies it). */
export interface PartnerCompositePort {
  placePartner(userId: string, nickname: string, pullUrl: string): Promise<void>;
  dropPartner(userId: string): Promise<void>;
}

interface Watched {
  link: PkLink;
  monitor: GuestMonitor | null;
  shown: boolean;
}

export class PartnerFeeds {
  private readonly watched = new Map<string, Watched>();

  constructor(
    private readonly o: {
      composite: PartnerCompositePort;
      ffmpegPath: string;
      stallMs?: number;
      changed: () => void;
      vanished: (link: PkLink, why: string) => void;
      log: (line: string) => void;
    },
  ) {}

  /** Follows the platform's list of links: new ones are watched, ended ones leave the program. */
  sync(links: readonly PkLink[]): void {
    const ids = new Set(links.map((l) => l.linkId));
    for (const [id, w] of this.watched) if (!ids.has(id)) this.forget(id, w);
    for (const link of links) {
      const w = this.watched.get(link.linkId) ?? { link, monitor: null, shown: false };
      this.watched.set(link.linkId, w);
      // A feed that vanished is watched again while the link lasts: it may come back.
      if (!w.monitor) this.watch(w);
    }
  }

  shown(linkId: string): boolean {
    return this.watched.get(linkId)?.shown ?? false;
  }

  clear(): void {
    for (const [id, w] of this.watched) this.forget(id, w);
  }

  private watch(w: Watched): void {
    const monitor = new GuestMonitor({
      ffmpegPath: this.o.ffmpegPath,
      url: w.link.partnerPullUrl,
      stallMs: this.o.stallMs,
    });
    w.monitor = monitor;
    monitor.on('up', () => {
      if (w.monitor !== monitor) return;
      const p = w.link.partner;
      this.o.composite
        .placePartner(p.userId, p.nickname, w.link.partnerPullUrl)
        .then(() => {
          w.shown = true;
          this.o.changed();
        })
        .catch((e: Error) => this.o.log(`pk: could not show ${p.userId}: ${e.message}`));
    });
    monitor.on('gone', (why) => {
      if (w.monitor !== monitor) return;
      w.monitor = null;
      const wasShown = w.shown;
      w.shown = false;
      void this.o.composite.dropPartner(w.link.partner.userId).finally(() => this.o.changed());
      if (wasShown) this.o.vanished(w.link, why);
    });
    monitor.start();
  }

  private forget(id: string, w: Watched): void {
    this.watched.delete(id);
    w.monitor?.stop();
    w.monitor = null;
    w.shown = false;
    void this.o.composite.dropPartner(w.link.partner.userId).finally(() => this.o.changed());
  }
}
