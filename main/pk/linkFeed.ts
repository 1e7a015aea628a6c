// This room's link feed while linked: the one encode's program pushed to the platform under the link key it
// granted, from the studio's own process (PushOutput on the fan-out: no encode, no process, and neither the
// room's push nor the recording restarts). Its sound is the program's; a mix-minus (the VJ's own voice only)
// comes with the return feed of joint broadcasting.
import { PushOutput } from '../media/pushOutput';
import type { TsFanout } from '../media/tsFanout';
import type { LinkFeedPort } from './pkService';

export class ProgramLinkFeed implements LinkFeedPort {
  private push: PushOutput | null = null;

  constructor(
    private readonly fanout: () => TsFanout | null,
    private readonly log: (line: string) => void = () => {},
  ) {}

  start(pushUrl: string): void {
    this.stop();
    const push = new PushOutput(this.fanout, { backoffMs: [250, 500, 1000], stallMs: 4000 });
    push.on('error', (e) => this.log(`pk: link feed: ${e.message}`));
    push.start(pushUrl);
    this.push = push;
  }

  stop(): void {
    void this.push?.stop();
    this.push = null;
  }
}
