// After a crash: the broadcast the studio left open is marked interrupted with the figures its samples
// tell, its recording files are repaired by the media engine, and if the platform still holds its room
// the VJ is offered to go live again in it.
import type { Recovery } from '../contract';
import type { PlatformClient } from '../platformClient';
import type { BroadcastRepository, BroadcastRow } from '../storage';
import type { BroadcastMedia, RecordingFileInfo } from './broadcastMedia';

export class RecoveryKeeper {
  private row: BroadcastRow | null = null;
  private files: RecordingFileInfo[] = [];
  private roomStillLive = false;

  constructor(
    private readonly repo: BroadcastRepository,
    private readonly media: BroadcastMedia,
    private readonly log: (line: string) => void,
  ) {}

  async markInterrupted(): Promise<void> {
    for (const open of this.repo.openOnes()) {
      const s = this.repo.sampleFigures(open.id);
      const endedAt = s.lastT ?? open.startedAt;
      this.repo.finish(open.id, 'interrupted', endedAt, {
        durationSec: Math.max(0, (endedAt - open.startedAt) / 1000),
        peakViewers: s.peakViewers,
        uniqueViewers: open.uniqueViewers,
        likes: open.likes,
        gifts: open.gifts,
        giftValue: open.giftValue,
        messages: open.messages,
        topGifters: open.topGifters,
      });
      const paths = this.repo.recordings(open.id).map((r) => r.path);
      if (paths.length) {
        try {
          for (const f of await this.media.repair(paths)) this.repo.setRecording(open.id, f.path, f.sizeBytes);
        } catch (err) {
          this.log(`could not repair the recording of broadcast ${open.id}: ${(err as Error).message}`);
        }
      }
      this.log(`broadcast ${open.id} (room ${open.roomId}) was left open by a crash; marked interrupted`);
    }
    this.row = this.repo.latestInterrupted();
    this.files = [];
    if (this.row) {
      const kept = this.repo.recordings(this.row.id);
      try {
        this.files = kept.length ? await this.media.repair(kept.map((k) => k.path)) : [];
      } catch {
        this.files = kept.map((k) => ({ ...k, playable: false }));
      }
    }
  }

  /** Asks the platform whether the interrupted broadcast's room is still live (then it may be resumed). */
  async checkRoom(client: () => PlatformClient): Promise<void> {
    this.roomStillLive = false;
    if (!this.row) return;
    try {
      const rooms = await client().liveRooms();
      this.roomStillLive = rooms.some((r) => r.roomId === this.row?.roomId);
    } catch {
      this.roomStillLive = false;
    }
  }

  current(): Recovery | null {
    if (!this.row) return null;
    return {
      broadcastId: this.row.id,
      roomId: this.row.roomId,
      title: this.row.title,
      startedAt: this.row.startedAt,
      roomStillLive: this.roomStillLive,
      recordings: this.files,
    };
  }

  resumable(): { roomId: string; groupId: string; pushUrl: string; title: string } | null {
    if (!this.row || !this.roomStillLive) return null;
    return { roomId: this.row.roomId, groupId: this.row.groupId, pushUrl: this.row.pushUrl, title: this.row.title };
  }

  dismiss(): void {
    if (this.row) this.repo.dismissRecovery(this.row.id);
    this.row = null;
    this.files = [];
    this.roomStillLive = false;
  }
}
