// Cloud mode: how many are watching each live room, as Tencent IM counts its AVChatRoom's online members. The live
// list reads the last count; a read starts a new round in the background when the last is older than the interval,
// so Tencent is asked at most once per interval a room, never per request, and never while nobody looks.
import type { ImRestClient } from './imRestClient';

/** Tencent asks that the online count be read at most every 5 to 10 s a group. */
export const VIEWER_COUNT_EVERY_MS = 10_000;

export class CloudViewerCounts {
  private readonly counts = new Map<string, number>();
  private lastRound = 0;
  private refreshing: Promise<void> | null = null;
  private stopped = false;
  /** Groups whose count failed last time: logged once until it works again, not every round. */
  private readonly failing = new Set<string>();

  constructor(
    private readonly im: ImRestClient,
    /** The AVChatRooms of the rooms live now: the only ones counted (and kept), so the map is bounded by them. */
    private readonly liveGroups: () => string[],
    private readonly log: (line: string) => void,
    private readonly everyMs = VIEWER_COUNT_EVERY_MS,
  ) {}

  /** The last count Tencent gave for this group (0 before the first); a stale one is asked for again. */
  count(groupId: string): number {
    if (Date.now() - this.lastRound >= this.everyMs) void this.refresh();
    return this.counts.get(groupId) ?? 0;
  }

  stop(): void {
    this.stopped = true;
  }

  /** One round over the live rooms (one at a time; a round still running is not started twice). */
  refresh(): Promise<void> {
    return (this.refreshing ??= this.round().finally(() => (this.refreshing = null)));
  }

  private async round(): Promise<void> {
    this.lastRound = Date.now();
    const live = new Set(this.liveGroups());
    for (const id of this.counts.keys()) if (!live.has(id)) this.counts.delete(id);
    for (const id of this.failing) if (!live.has(id)) this.failing.delete(id);
    for (const groupId of live) {
      // A room that ended meanwhile is not asked about (its group is being dismissed).
      if (this.stopped || !this.liveGroups().includes(groupId)) continue;
      try {
        const reply = await this.im.call('group_open_http_svc', 'get_online_member_num', { GroupId: groupId });
        const n = Number(reply.OnlineMemberNum);
        if (Number.isFinite(n) && n >= 0) this.counts.set(groupId, n);
        this.failing.delete(groupId);
      } catch (e) {
        // The last count stays shown; the failure is said once, in the platform's log.
        if (!this.failing.has(groupId))
          this.log(`cloud chat: the viewer count of ${groupId} could not be read: ${(e as Error).message}`);
        this.failing.add(groupId);
      }
    }
    this.lastRound = Date.now();
  }
}
