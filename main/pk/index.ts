// 连线 PK in the studio: the service, its handlers, and how the studio wires it to its parts.
import type { CohostService } from '../cohost';
import type { MediaEngine } from '../media/mediaEngine';
import { MixMinusLinkFeed } from './linkFeed';
import { PkService, type PkPlatformPort } from './pkService';

export { PkService } from './pkService';
export type { PkPlatformPort, PkCompositePort, LinkFeedPort, PkServiceOptions } from './pkService';
export { pkHandlers } from './pkHandlers';
export { pkOverlay, PK_ITEM_IDS, PK_COLOURS } from './pkOverlay';

export interface StudioPkDeps {
  cohost: CohostService;
  engine: MediaEngine;
  /** The signed-in platform client (throws in plain words when not signed in). */
  platform(): PkPlatformPort;
  /** The live room, or null. */
  liveRoomId(): string | null;
  ffmpegPath: string;
  log: (line: string) => void;
}

export function createStudioPk(d: StudioPkDeps): PkService {
  return new PkService({
    platform: () => {
      try {
        return d.platform();
      } catch {
        return null;
      }
    },
    roomId: d.liveRoomId,
    composite: d.cohost,
    canvas: () => (d.engine.running ? d.engine.preset : null),
    linkFeed: new MixMinusLinkFeed(() => d.engine, d.log),
    ffmpegPath: d.ffmpegPath,
    log: d.log,
  });
}
