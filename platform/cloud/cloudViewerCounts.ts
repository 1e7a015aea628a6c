// Cloud mode: how many are watching each live room, as Tencent IM counts its AVChatRoom's online members. The live
// list reads the last count; the counts are asked for in the background, never per request of the list.
import type { ImRestClient } from './imRestClient';

/** Tencent asks that the online count be read at most every 5 to 10 s a group. */
export const VIEWER_COUNT_EVERY_MS = 10_000;

export class CloudViewerCounts {
  private readonly counts = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  /** Groups whose count failed last time: logged once until it works again, not every round. */
  private readonly failing = new Set<string>();

  constructor(
    private readonly im: ImRestClient,
    /** The AVChatRooms of the rooms live now: the only ones counted (and kept), so the map is bounded by them. */
    private readonly liveGroups: () => string[],
    private readonly log: (line: string) => void,
    private readonly everyMs = VIEWER_COUNT_EVERY_MS,
  ) {}

  /** The last count Tencent gave for this group; 0 before the first. */
  count(groupId: string): number {
    return this.counts.get(groupId) ?? 0;
  }

  start(): void {
    this.timer = setInterval(() => void this.refresh(), this.everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One round over the live rooms (one at a time; a round still running is not started twice). */
  refresh(): Promise<void> {
    return (this.refreshing ??= this.round().finally(() => (this.refreshing = null)));
  }

  private async round(): Promise<void> {
    const live = new Set(this.liveGroups());
    for (const id of this.counts.keys()) if (!live.has(id)) this.counts.delete(id);
    for (const id of this.failing) if (!live.has(id)) this.failing.delete(id);
    for (const groupId of live) {
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
  }
}
