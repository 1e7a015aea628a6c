// This room's link feed while linked: the return-feed machinery of joint broadcasting (main/media/returnFeed.ts)
// keyed by the partner's user id. The program's video as the one encode made it (copied: no encode, and neither
// the room's push nor the recording restarts) with the partner's mix-minus from the compositor (the program's
// sound without the partner's own voice), pushed to the platform under the link key it granted. The partner hears
// this VJ, never their own voice coming back a moment late.
import type { LinkFeedPort } from './pkService';

/** What the link feed needs of the media engine (MediaEngine satisfies it). */
export interface ReturnFeedPort {
  /** Starts, replaces or stops (null) the program-with-mix-minus feed for this party. */
  setReturnFeed(partyUserId: string, url: string | null): Promise<void>;
}

export class MixMinusLinkFeed implements LinkFeedPort {
  private partner: string | null = null;

  constructor(
    private readonly engine: () => ReturnFeedPort,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** The partner whose voice the feed leaves out, while it runs. */
  get keyedBy(): string | null {
    return this.partner;
  }

  start(pushUrl: string, partnerUserId: string): void {
    const before = this.partner;
    this.partner = partnerUserId;
    if (before && before !== partnerUserId) this.set(before, null);
    this.set(partnerUserId, pushUrl);
  }

  stop(): void {
    if (this.partner) this.set(this.partner, null);
    this.partner = null;
  }

  private set(partner: string, url: string | null): void {
    this.engine()
      .setReturnFeed(partner, url)
      .catch((e: Error) => this.log(`pk: link feed for ${partner}: ${e.message}`));
  }
}
