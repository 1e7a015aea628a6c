// PK (连线 PK) on the platform: links between live rooms and gift battles between linked rooms, wired to the
// rooms, the chat hub (or Tencent IM in cloud mode) and the ingest's link feeds.
import type { SqliteDatabase } from '../../common/sqlite/database';
import type { PkSignal } from '../../common/platformApi/pkSchemas';
import type { AccountService } from '../accounts/accountService';
import type { CloudRoomChat } from '../cloud/cloudRoomChat';
import type { Router } from '../http/router';
import type { ChatHub } from '../im/hub';
import { playUrls, pushUrl, type StreamUrlConfig } from '../rooms/streamUrls';
import { PkBattlesRepo } from '../storage/pkBattlesRepo';
import type { RoomRow, RoomsRepo } from '../storage/roomsRepo';
import { linkFeedStreamName } from './linkFeeds';
import { PkBattles } from './pkBattles';
import { PkLinks } from './pkLinks';
import { registerPkRoutes } from './pkRoutes';

export { linkFeedStreamName, parseLinkFeedStreamName } from './linkFeeds';

/** How long a dropped link feed may take to come back before its VJ counts as vanished (5 s budget in all). */
export const LINK_FEED_GRACE_MS = 2000;

export interface PkDeps {
  db: SqliteDatabase;
  router: Router;
  accounts: AccountService;
  rooms: RoomsRepo;
  hub: ChatHub;
  /** Cloud mode: the rooms' Tencent IM groups (sent as the IM admin, tried again and reported like the room's). */
  cloudChat: CloudRoomChat | null;
  urls: StreamUrlConfig;
  log(line: string): void;
}

export interface RunningPk {
  /** A gift was credited to this battle inside its billing transaction. */
  credited(battleId: string): void;
  /** A room ended (by its VJ or lost heartbeats), or a linked VJ's feed vanished. */
  roomGone(roomId: string, reason: 'room_ended' | 'lost'): void;
  /**
   * A room's link feed dropped while it was linked: unless it is back within LINK_FEED_GRACE_MS (a studio
   * restarting its encoder republishes at once) or those links ended meanwhile, the VJ vanished and their links
   * end as lost.
   */
  linkFeedDropped(roomId: string, isBack: () => boolean): void;
  close(): void;
}

export function startPk(d: PkDeps): RunningPk {
  const repo = new PkBattlesRepo(d.db);
  const liveRoom = (roomId: string) => {
    const r = d.rooms.get(roomId);
    return r?.status === 'live' ? r : undefined;
  };
  const data = (signal: PkSignal) => ({ data: JSON.stringify(signal), description: 'pk', extension: '' });
  const tell = (userId: string, signal: PkSignal) => {
    // Cloud mode: studios read their PK state from GET /api/v1/pk/me; one-to-one signals are the local hub's.
    d.hub.tell(userId, data(signal));
  };
  const announce = (room: RoomRow, signal: PkSignal) => {
    if (d.cloudChat) d.cloudChat.announceLater(room.groupId, JSON.stringify(signal), 'pk', 'High');
    else d.hub.announce(room.groupId, { type: 'TIMCustomElem', payload: data(signal) }, 'High');
  };
  const linkFeedPullUrl = (room: RoomRow) => {
    const name = linkFeedStreamName(room.streamName);
    return d.urls.cloud ? playUrls(d.urls, name).flv : `${d.urls.rtmpBase}/live/${name}`;
  };
  let battles: PkBattles | null = null;
  const links = new PkLinks({
    liveRoom,
    linkFeedPullUrl,
    tell,
    unlinked: (a, b, reason) => battles?.unlinked(a, b, reason),
  });
  battles = new PkBattles({ repo, liveRoom, partnerOf: (l, r) => links.partnerOf(l, r), tell, announce });
  registerPkRoutes(d.router, {
    accounts: d.accounts,
    rooms: d.rooms,
    battlesRepo: repo,
    links,
    battles,
    linkFeedPushUrl: (room) => pushUrl(d.urls, linkFeedStreamName(room.streamName)).url,
  });
  const running = battles;
  const graces = new Set<NodeJS.Timeout>();
  return {
    credited: (battleId) => running.credited(battleId),
    roomGone: (roomId, reason) => links.roomGone(roomId, reason),
    linkFeedDropped: (roomId, isBack) => {
      // The feed fed the room's links of this moment. A studio stops it once its links ended (an unlink), so a
      // drop with no link left says nothing of the VJ; and one whose links all ended within the grace must not
      // end what was made since (an invitation or a new link right after an unlink).
      const fed = links.linkIdsOf(roomId);
      if (fed.length === 0) return;
      const t = setTimeout(() => {
        graces.delete(t);
        const stillFed = fed.some((linkId) => links.partnerOf(linkId, roomId) !== undefined);
        if (stillFed && !isBack() && liveRoom(roomId)) links.roomGone(roomId, 'lost');
      }, LINK_FEED_GRACE_MS);
      graces.add(t);
    },
    close: () => {
      for (const t of graces) clearTimeout(t);
      links.close();
      running.close();
    },
  };
}
