// One broadcast while it is live: its heartbeat every 10 s, the viewer count from the live room list, the
// room's chat tally, live figures at 1 Hz into SQLite and to the UI, and its recording files written down.
import { statSync } from 'node:fs';
import type { EventBus } from '../api';
import type { LiveStats, SessionState } from '../contract';
import type { PlatformClient } from '../platformClient';
import type { BroadcastRepository } from '../storage';
import type { BroadcastMedia, MediaStatsSample } from './broadcastMedia';
import type { DropWarning } from './dropWarning';
import type { LiveFigures } from './liveFigures';
import { describe, heartbeatProblem, roomLostProblem, roomResumedNotice, type Problem } from './problem';
import { RoomTallyWatcher, type Tally } from './roomTally';

/** What a live broadcast reads and writes of the session that started it. */
export interface LiveBroadcastDeps {
  media: BroadcastMedia;
  repo: BroadcastRepository;
  bus: EventBus;
  figures: LiveFigures;
  drops: DropWarning;
  heartbeatMs?: number;
  statsMs?: number;
  viewersMs?: number;
  state: () => SessionState;
  set: (patch: Partial<SessionState>) => void;
  /** Cloud mode: the tally the room's chat keeps. */
  chatTally: () => Tally | null;
  /** A broadcast that ended or was replaced writes nothing more into the session. */
  isCurrent: (live: LiveBroadcast) => boolean;
  /** The platform has ended the room for good (410): the session ends, saying why. */
  roomGone: (live: LiveBroadcast, problem: Problem) => void;
}

export interface LiveRoom {
  broadcastId: string;
  roomId: string;
  client: PlatformClient;
  startedAt: number;
  /** The local hub's chat, for likes, gifts and messages as they happen (null in cloud mode). */
  hub: { imUrl: string; token: string; groupId: string } | null;
}

export class LiveBroadcast {
  readonly broadcastId: string;
  readonly roomId: string;
  readonly client: PlatformClient;
  readonly startedAt: number;
  readonly tally: RoomTallyWatcher | null;
  private missedHeartbeats = 0;
  private readonly timers: NodeJS.Timeout[] = [];
  private lastMedia: MediaStatsSample | null = null;
  private readonly unsubscribe: () => void;
  /** When the recording files were last written down, and how many there were. */
  private keptAt = 0;
  private keptFiles = 0;

  constructor(
    room: LiveRoom,
    private readonly d: LiveBroadcastDeps,
  ) {
    this.broadcastId = room.broadcastId;
    this.roomId = room.roomId;
    this.client = room.client;
    this.startedAt = room.startedAt;
    this.unsubscribe = d.media.onStats((m) => {
      if (d.isCurrent(this)) this.lastMedia = m;
    });
    // Likes, gifts and messages as they happen; viewers come from the platform's own count.
    this.tally = room.hub
      ? new RoomTallyWatcher(room.hub.imUrl, room.hub.token, room.hub.groupId, (t) => {
          if (d.isCurrent(this))
            d.figures.report({ likes: t.likes, gifts: t.gifts, giftValue: t.giftValue, messages: t.messages });
        })
      : null;
  }

  start(): void {
    this.timers.push(setInterval(() => void this.heartbeat(), this.d.heartbeatMs ?? 10_000));
    this.timers.push(setInterval(() => this.tick(), this.d.statsMs ?? 1000));
    this.timers.push(setInterval(() => void this.readViewers(), this.d.viewersMs ?? 3000));
  }

  /** The timers stop and the chat tally closes. */
  stopTimers(): void {
    for (const t of this.timers) clearInterval(t);
    this.tally?.close();
  }

  /** At the end: nothing more is read from the media or the chat. */
  stop(): void {
    this.stopTimers();
    this.unsubscribe();
  }

  /**
   * The platform ends a room after three missed heartbeats. A studio that comes back from a freeze within the
   * platform's grace window finds the room resumed by this heartbeat and says so; past it the room is gone (410)
   * and the broadcast ends cleanly, with the end page.
   */
  private async heartbeat(): Promise<void> {
    try {
      const answer = await this.client.heartbeat(this.roomId);
      this.d.figures.fromHeartbeat(answer);
      if (!this.d.isCurrent(this)) return;
      if (answer.resumed) this.d.set({ problem: roomResumedNotice });
      else if (this.missedHeartbeats > 0) this.d.set({ problem: null });
      this.missedHeartbeats = 0;
    } catch (err) {
      if (!this.d.isCurrent(this)) return;
      const e = describe(err);
      if (e.code === 'gone') return this.d.roomGone(this, roomLostProblem(e));
      this.missedHeartbeats++;
      this.d.set({ problem: heartbeatProblem(e, this.missedHeartbeats) });
    }
  }

  private async readViewers(): Promise<void> {
    try {
      this.d.figures.fromRoomList(this.roomId, await this.client.liveRooms());
    } catch {
      // The viewer count waits for the next read; the heartbeat reports real trouble.
    }
  }

  tick(): void {
    const { media, repo, figures } = this.d;
    const s = this.d.state();
    const now = Date.now();
    const m = this.lastMedia;
    const f = figures.get();
    const connection = m ? { state: m.push.state, attempt: m.push.attempt } : s.connection;
    const stats: LiveStats = {
      broadcastId: this.broadcastId,
      elapsedSec: Math.round((now - this.startedAt) / 1000),
      viewers: f.viewers,
      likes: f.likes,
      gifts: f.gifts,
      giftValue: f.giftValue,
      messages: f.messages,
      latestGift: (this.tally?.tally ?? this.d.chatTally())?.latestGift ?? null,
      bitrateKbps: m?.bitrateKbps ?? 0,
      fps: m?.fps ?? 0,
      droppedFrames: m?.droppedFrames ?? 0,
      dropWarning: m ? this.d.drops.push(m.droppedFrames, m.speed) : false,
      cpuPercent: m?.cpuPercent ?? null,
      connection,
    };
    repo.addSample(this.broadcastId, {
      t: now,
      viewers: f.viewers,
      bitrateKbps: stats.bitrateKbps,
      fps: stats.fps,
      dropped: stats.droppedFrames,
    });
    // A new file is written down at once (a crash must find it); sizes every few seconds. Ticks can be late
    // on a busy machine, so this goes by time passed, not by the second on the clock.
    if (media.recordingFiles().length !== this.keptFiles || now - this.keptAt >= 3000) this.keepRecordingSizes();
    if (connection.state !== s.connection.state || connection.attempt !== s.connection.attempt)
      this.d.set({ connection });
    // The recording may also be started or stopped from the media panel: follow the engine.
    const recording = media.isRecording();
    if (recording !== this.d.state().recording) this.d.set({ recording });
    this.d.bus.emit('session.stats', stats);
  }

  keepRecordingSizes(): void {
    const files = this.d.media.recordingFiles();
    this.keptAt = Date.now();
    this.keptFiles = files.length;
    for (const path of files) {
      let size: number;
      try {
        size = statSync(path).size;
      } catch {
        size = 0; // not written yet
      }
      this.d.repo.setRecording(this.broadcastId, path, size);
    }
  }
}
