// Rooms from creation to end: the live list, owner-only heartbeats and end, moderators, likes, stream state, stats.
import { randomBytes } from 'node:crypto';
import type { CreatedRoom, HeartbeatResponse, LiveRoom, RoomStats } from '../../common/platformApi/schemas';
import { acts, refusals, type Words } from '../http/refusals';
import { HttpError } from '../http/router';
import type { CloudRoomChat } from '../cloud/cloudRoomChat';
import { CloudChatError } from '../cloud/cloudRoomChat';
import type { ChatHub } from '../im/hub';
import type { AccountRow } from '../storage/accountsRepo';
import type { RoomRow, RoomsRepo } from '../storage/roomsRepo';
import { guestStreamName, returnStreamName } from './guestStreams';
import { playUrls, pushUrl, type StreamUrlConfig } from './streamUrls';

export interface GuestStream {
  streamName: string;
  pushUrl: string;
  pushExpiresAt: number;
  /** What the studio's compositor reads: RTMP from the embedded ingest, HTTP-FLV from Cloud Live. */
  pullUrl: string;
  playUrls: { flv: string; hls: string };
  /** Local mode: where the guest's page publishes over WebRTC (WHIP); the platform bridges it to pushUrl. */
  whipUrl?: string;
  /** Local mode: where the studio pushes the guest's return feed (the program with their mix-minus). */
  returnPushUrl?: string;
  /** Local mode: where the guest's page plays that return feed over WebRTC (WHEP). */
  whepUrl?: string;
}

/** How many of a room's biggest gifters its end stats name. */
const TOP_GIFTERS = 5;

/** A studio frozen past three heartbeats (a laptop lid, a blocked event loop) has this long to pick its room up. */
export const RESUME_GRACE_SECONDS = 600;

export type EndReason = 'ended' | 'heartbeat_lost';

export interface RoomServiceHooks {
  /** Called once when a room ends (cut the publisher, stop HLS). */
  roomEnded?(room: RoomRow, reason: EndReason): void;
  /**
   * Before a viewer's guest stream is issued anew: whatever is left of their last time on video (a WHIP session
   * still closing, its stream still on the ingest) is ended, so the studio never watches the old stream.
   */
  guestStreamReleased?(room: RoomRow, userId: string, streamName: string): Promise<void>;
  /** The host put a viewer on video: the guest may now publish their stream (WHIP). */
  guestStreamIssued?(room: RoomRow, userId: string, stream: GuestStream): void;
  /** How many watch a room when the platform's chat hub does not hold them (cloud mode: Tencent IM's count). */
  viewerCount?(groupId: string): number;
}

export class RoomService {
  private monitor: NodeJS.Timeout | null = null;
  readonly hooks: RoomServiceHooks = {};

  constructor(
    private readonly repo: RoomsRepo,
    private readonly hub: ChatHub,
    private readonly urls: StreamUrlConfig,
    private readonly heartbeatSeconds: number,
    /** Cloud mode: the rooms' Tencent IM groups, where the platform's own signals are sent as the IM admin. */
    private readonly cloudChat: CloudRoomChat | null = null,
    /** How long a room ended for lost heartbeats may be resumed by its VJ's next heartbeat (a frozen studio). */
    private readonly resumeGraceSeconds = RESUME_GRACE_SECONDS,
  ) {}

  async create(owner: AccountRow, title: string): Promise<CreatedRoom> {
    // A VJ has one live room: starting again (after a crash, say) ends the old one first.
    for (const old of this.repo.liveOwnedBy(owner.userId)) this.end(old, 'ended');
    const room = this.repo.create(owner.userId, title, randomBytes(4).toString('hex'), Date.now());
    if (this.cloudChat) {
      try {
        await this.cloudChat.open({
          groupId: room.groupId,
          ownerId: owner.userId,
          ownerNickname: owner.nickname,
          title,
        });
      } catch (e) {
        // No chat group, no room: it leaves the live list at once and the VJ is told why.
        this.hub.endRoom(room.groupId, 'ended');
        this.repo.end(room.roomId, 'ended', Date.now(), { peakViewers: 0, messages: 0 });
        if (e instanceof CloudChatError) throw new HttpError(502, 'bad_gateway', { en: e.message, zh: e.zh });
        throw e;
      }
    }
    const push = pushUrl(this.urls, room.streamName);
    return {
      roomId: room.roomId,
      groupId: room.groupId,
      pushUrl: push.url,
      pushExpiresAt: push.expiresAt,
      playUrls: playUrls(this.urls, room.streamName),
    };
  }

  toLive(r: RoomRow): LiveRoom {
    return {
      roomId: r.roomId,
      groupId: r.groupId,
      title: r.title,
      host: { userId: r.ownerId, nickname: r.ownerNickname },
      viewerCount: this.hooks.viewerCount?.(r.groupId) ?? this.hub.onlineCount(r.groupId),
      startedAt: new Date(r.startedAt).toISOString(),
      streamUp: r.streamUp,
      playUrls: playUrls(this.urls, r.streamName),
    };
  }

  list(): LiveRoom[] {
    return this.repo.live().map((r) => this.toLive(r));
  }

  /** A live room or a plain 404. */
  requireLive(roomId: string): RoomRow {
    const room = this.repo.get(roomId);
    if (!room || room.status !== 'live') throw new HttpError(404, 'not_found', refusals.noLiveRoomNumber);
    return room;
  }

  private requireOwner(roomId: string, caller: AccountRow, what: Words): RoomRow {
    const room = this.repo.get(roomId);
    if (!room) throw new HttpError(404, 'not_found', refusals.noRoomNumber);
    if (room.ownerId !== caller.userId && caller.role !== 'operator')
      throw new HttpError(403, 'forbidden', refusals.onlyHostCan(what));
    return room;
  }

  /**
   * A co-host guest's signed push URL and the URLs the studio pulls it from. Only the room's host asks, and
   * only for a viewer who is in the room's chat (they got the invitation there).
   */
  async guestStream(roomId: string, caller: AccountRow, userId: string): Promise<GuestStream> {
    const room = this.requireOwner(roomId, caller, acts.putOnVideo);
    if (room.status !== 'live') throw new HttpError(410, 'gone', refusals.guestNeedsLiveRoom);
    if (userId === room.ownerId) throw new HttpError(400, 'invalid_input', refusals.hostOnVideo);
    if (!this.hub.isMember(room.groupId, userId)) throw new HttpError(404, 'not_found', refusals.viewerNotInRoom);
    const name = guestStreamName(room.streamName, userId);
    await this.hooks.guestStreamReleased?.(room, userId, name);
    const push = pushUrl(this.urls, name);
    const play = playUrls(this.urls, name);
    const pullUrl = this.urls.cloud ? play.flv : `${this.urls.rtmpBase}/live/${name}`;
    const stream: GuestStream = {
      streamName: name,
      pushUrl: push.url,
      pushExpiresAt: push.expiresAt,
      pullUrl,
      playUrls: play,
    };
    if (!this.urls.cloud) {
      const guestBase = `${this.urls.httpBase}/api/v1/rooms/${room.roomId}/guests/${userId}`;
      stream.whipUrl = `${guestBase}/whip`;
      stream.whepUrl = `${guestBase}/whep`;
      stream.returnPushUrl = pushUrl(this.urls, returnStreamName(room.streamName, userId)).url;
    }
    this.hooks.guestStreamIssued?.(room, userId, stream);
    return stream;
  }

  /**
   * The VJ's studio is alive. A room the platform ended for lost heartbeats comes back on the VJ's own heartbeat
   * within the grace window (and while the VJ has no other live room): back in the live list, its viewer pages
   * pick it up, its counters and gifts carried on (nothing is billed again). Otherwise an ended room is gone (410).
   */
  heartbeat(roomId: string, caller: AccountRow): HeartbeatResponse {
    const room = this.requireOwner(roomId, caller, acts.heartbeat);
    let resumed = false;
    if (room.status !== 'live') {
      if (room.endReason !== 'heartbeat_lost' || caller.userId !== room.ownerId)
        throw new HttpError(410, 'gone', refusals.roomEnded);
      if (!this.resume(room)) throw new HttpError(410, 'gone', refusals.roomLapsed(this.resumeGraceSeconds));
      resumed = true;
    } else this.repo.heartbeat(roomId, Date.now());
    const counters = { likes: room.likes, ...this.repo.giftTotals(roomId) };
    return { ok: true, nextInSeconds: this.heartbeatSeconds, ...counters, ...(resumed ? { resumed } : {}) };
  }

  private resume(room: RoomRow): boolean {
    if (this.repo.liveOwnedBy(room.ownerId).length > 0) return false;
    const now = Date.now();
    if (!this.repo.resume(room.roomId, now, now - this.resumeGraceSeconds * 1000)) return false;
    this.cloudChat?.keep(room.groupId);
    return true;
  }

  endByOwner(roomId: string, caller: AccountRow): { stats: RoomStats } {
    const room = this.requireOwner(roomId, caller, acts.endRoom);
    if (room.status === 'live') this.end(room, 'ended');
    return { stats: this.stats(roomId) };
  }

  addModerator(roomId: string, caller: AccountRow, userId: string, exists: boolean): void {
    const room = this.requireOwner(roomId, caller, acts.nameModerators);
    if (!exists) throw new HttpError(404, 'not_found', refusals.noAccount);
    if (userId === room.ownerId) throw new HttpError(400, 'invalid_input', refusals.hostInCharge);
    this.repo.addModerator(roomId, userId);
    this.hub.setAdmin(room.groupId, userId, true, caller.userId);
  }

  like(roomId: string, liker: AccountRow, count: number): number {
    const room = this.requireLive(roomId);
    const total = this.repo.addLikes(roomId, count);
    const data = JSON.stringify({
      type: 'like',
      count,
      total,
      from: { userId: liker.userId, nickname: liker.nickname },
    });
    // Likes are the first thing frequency control may drop, as on Tencent (Lowest priority).
    if (this.cloudChat) this.cloudChat.announceLater(room.groupId, data, 'like', 'Lowest');
    else
      this.hub.announce(
        room.groupId,
        { type: 'TIMCustomElem', payload: { data, description: 'like', extension: '' } },
        'Lowest',
      );
    return total;
  }

  end(room: RoomRow, reason: EndReason): void {
    const counters = this.hub.endRoom(room.groupId, reason);
    if (!this.repo.end(room.roomId, reason, Date.now(), counters)) return;
    this.hooks.roomEnded?.(room, reason);
    // The end notice, then the group's dismissal, in the background: ending never waits on Tencent. A room that
    // lost its heartbeats keeps its group through the resume window.
    const keepMs = reason === 'heartbeat_lost' ? this.resumeGraceSeconds * 1000 : 0;
    if (this.cloudChat) void this.cloudChat.close(room.groupId, reason, keepMs);
  }

  stats(roomId: string): RoomStats {
    const r = this.repo.get(roomId)!;
    const live = r.status === 'live' ? this.hub.counters(r.groupId) : { peakViewers: 0, messages: 0 };
    const { gifts, giftValue } = this.repo.giftTotals(roomId);
    return {
      durationSec: Math.round(((r.endedAt ?? Date.now()) - r.startedAt) / 1000),
      peakViewers: Math.max(r.peakViewers, live.peakViewers),
      uniqueViewers: this.repo.uniqueViewers(roomId),
      likes: r.likes,
      gifts,
      giftValue,
      messages: r.messages + live.messages,
      topGifters: this.repo.topGifters(roomId, TOP_GIFTERS),
    };
  }

  /** Stream pushed / cut off, as the ingest (or a Cloud Live callback) reports it. */
  setStreamUp(streamName: string, up: boolean): RoomRow | undefined {
    const room = this.repo.byStream(streamName);
    if (!room || room.status !== 'live') return undefined;
    this.repo.setStreamUp(room.roomId, up);
    return room;
  }

  findByStream(streamName: string): RoomRow | undefined {
    return this.repo.byStream(streamName);
  }

  /** A room whose VJ misses 3 heartbeats leaves the live list, and its viewers are told. */
  startHeartbeatMonitor(): void {
    const everyMs = Math.max(100, (this.heartbeatSeconds * 1000) / 4);
    this.monitor = setInterval(() => {
      const silentBefore = Date.now() - 3 * this.heartbeatSeconds * 1000;
      for (const room of this.repo.silentSince(silentBefore)) this.end(room, 'heartbeat_lost');
    }, everyMs);
  }

  stop(): void {
    if (this.monitor) clearInterval(this.monitor);
    this.monitor = null;
    this.cloudChat?.stop();
  }
}
