// One broadcast, in the seed's order: a room from the platform → the push with the room's URL → confirm to
// the platform → live (liveBroadcast.ts: heartbeat, figures, recording files) → the end and its figures.
import { randomUUID } from 'node:crypto';
import type { EventBus } from '../api';
import { StudioError, type SessionState } from '../contract';
import { refusalWords } from '../contract/refusalWords';
import type { PlatformEndStats } from '../platformClient';
import type { BroadcastRepository } from '../storage';
import type { AccountService } from './accountService';
import type { BroadcastMedia } from './broadcastMedia';
import { DropWarning } from './dropWarning';
import { LiveFigures } from './liveFigures';
import { RecoveryKeeper } from './recovery';
import { waitForPush, waitForStreamAtIngest } from './streamArrival';
import { endFigures } from './endFigures';
import { LiveBroadcast, type LiveBroadcastDeps } from './liveBroadcast';
import { causeOf, describe, endProblem, problemOf, type Problem } from './problem';
import type { Tally } from './roomTally';

const words = refusalWords.session;

export interface BroadcastSessionOptions {
  account: AccountService;
  media: BroadcastMedia;
  repo: BroadcastRepository;
  bus: EventBus;
  log: (line: string) => void;
  heartbeatMs?: number;
  statsMs?: number;
  /** How often the live room list is read for the viewer count. */
  viewersMs?: number;
  /** How long the ingest may take to accept the push before going live is called off. */
  pushTimeoutMs?: number;
}

export class BroadcastSession {
  private s: SessionState = {
    phase: 'idle',
    step: null,
    broadcastId: null,
    roomId: null,
    title: null,
    startedAt: null,
    viewerUrl: null,
    recording: false,
    micMuted: false,
    cameraOff: false,
    connection: { state: 'idle', attempt: 0 },
    problem: null,
    recovery: null,
  };
  private live: LiveBroadcast | null = null;
  private readonly figures = new LiveFigures();
  private readonly drops = new DropWarning();
  private chatTally: Tally | null = null;
  readonly recovery: RecoveryKeeper;
  private readonly liveDeps: LiveBroadcastDeps;

  constructor(private readonly o: BroadcastSessionOptions) {
    this.recovery = new RecoveryKeeper(o.repo, o.media, o.log);
    this.liveDeps = {
      ...o,
      figures: this.figures,
      drops: this.drops,
      state: () => this.state(),
      set: (patch) => this.set(patch),
      chatTally: () => this.chatTally,
      isCurrent: (live) => this.live === live,
      roomGone: (live, problem) => {
        if (this.live === live && this.s.phase === 'live')
          void this.end(problem).catch((err: unknown) => o.log(`ending a room the platform let go: ${String(err)}`));
      },
    };
  }

  state(): SessionState {
    return { ...this.s, recovery: this.recovery.current() };
  }

  /** Cloud mode: the tally the room's chat keeps (in local mode the hub's own watcher keeps it). */
  reportTally(t: Tally): void {
    if (!this.live) return;
    this.chatTally = t;
    this.figures.report({ likes: t.likes, gifts: t.gifts, giftValue: t.giftValue, messages: t.messages });
  }

  /** On start: broadcasts left open by a crash become interrupted, their recordings repaired. */
  async recoverAfterCrash(): Promise<void> {
    await this.recovery.markInterrupted();
    await this.recovery.checkRoom(() => this.o.account.signedInClient().client);
    this.changed();
  }

  async goLive(
    title: string,
    record: boolean,
    resumeRoom?: { roomId: string; pushUrl: string; groupId?: string },
  ): Promise<SessionState> {
    if (this.s.phase === 'starting' || this.s.phase === 'live' || this.s.phase === 'ending') {
      throw new StudioError('conflict', words.alreadyLive);
    }
    const { client, userId, serverUrl, viewerUrl, imUrl, token } = this.o.account.signedInClient();
    this.figures.reset();
    this.drops.reset();
    this.chatTally = null;
    this.set({
      phase: 'starting',
      step: 'room',
      title,
      problem: null,
      broadcastId: null,
      roomId: null,
      startedAt: null,
      recording: false,
      connection: { state: 'connecting', attempt: 0 },
    });

    let room: { roomId: string; pushUrl: string; groupId?: string };
    try {
      room = resumeRoom ?? (await client.createRoom(title));
    } catch (err) {
      return this.failStart(describe(err));
    }
    const broadcastId = randomUUID();
    const startedAt = Date.now();
    this.o.repo.create({
      id: broadcastId,
      roomId: room.roomId,
      groupId: room.groupId ?? '',
      title,
      userId,
      serverUrl,
      pushUrl: room.pushUrl,
      viewerUrl,
      startedAt,
    });
    this.set({ step: 'pipeline', broadcastId, roomId: room.roomId, viewerUrl });

    try {
      await this.o.media.startPush(room.pushUrl);
      await waitForPush(this.o.media, this.o.pushTimeoutMs ?? 30_000);
    } catch (err) {
      await this.o.media.stopPush().catch(() => undefined);
      const e = describe(err);
      await client.endRoom(room.roomId).catch(() => undefined);
      this.o.repo.discard(broadcastId);
      return this.failStart(problemOf(e.code, words.pushFailedCheckSource(causeOf(e))));
    }
    let recordProblem: Problem | null = null;
    if (record) {
      try {
        await this.o.media.startRecording();
      } catch (err) {
        const e = describe(err);
        recordProblem = problemOf('media_error', words.liveWithoutRecording(causeOf(e)));
      }
    }

    this.set({ step: 'confirm' });
    try {
      await waitForStreamAtIngest(client, room.roomId, this.o.pushTimeoutMs ?? 30_000);
    } catch (err) {
      await this.o.media.stopPush().catch(() => undefined);
      if (this.o.media.isRecording()) await this.o.media.stopRecording().catch(() => []);
      await client.endRoom(room.roomId).catch(() => undefined);
      this.o.repo.discard(broadcastId);
      const e = describe(err);
      return this.failStart(problemOf('media_error', words.pushFailedCheckNetwork(causeOf(e))));
    }
    try {
      this.figures.fromHeartbeat(await client.heartbeat(room.roomId));
    } catch (err) {
      await this.o.media.stopPush().catch(() => undefined);
      if (this.o.media.isRecording()) await this.o.media.stopRecording().catch(() => []);
      this.o.repo.discard(broadcastId);
      const e = describe(err);
      return this.failStart(problemOf('platform_error', words.notConfirmed(causeOf(e))));
    }

    const hub = imUrl ? { imUrl, token, groupId: room.groupId || room.roomId } : null;
    const live = new LiveBroadcast({ broadcastId, roomId: room.roomId, client, startedAt, hub }, this.liveDeps);
    this.live = live;
    live.start();
    this.set({
      phase: 'live',
      step: null,
      startedAt,
      recording: this.o.media.isRecording(),
      problem: recordProblem,
      connection: { state: 'connected', attempt: 0 },
    });
    return this.state();
  }

  /** Go live again in the room of a crashed broadcast, if the platform still holds it. */
  async resume(): Promise<SessionState> {
    const r = this.recovery.resumable();
    if (!r) throw new StudioError('not_found', words.nothingToResume);
    this.recovery.dismiss();
    // The embedded platform may listen on another port than before the crash: same room, today's ingest.
    const ingest = this.o.account.localIngest();
    const pushUrl = ingest ? r.pushUrl.replace(/^rtmps?:\/\/[^/]+/, ingest.replace(/\/+$/, '')) : r.pushUrl;
    return this.goLive(r.title, true, { ...r, pushUrl });
  }

  dismissRecovery(): SessionState {
    this.recovery.dismiss();
    this.changed();
    return this.state();
  }

  /** Ends the broadcast; `cause` is why, when the studio did not choose to (the platform ended the room). */
  async end(cause?: Problem): Promise<{ broadcastId: string }> {
    const live = this.live;
    if (!live || this.s.phase !== 'live') throw new StudioError('conflict', words.nothingToEnd);
    this.set({ phase: 'ending' });
    live.stop();
    live.tick();
    const problems: { en: string; zh: string }[] = [];
    await this.o.media.stopPush().catch((err: unknown) => {
      problems.push(words.pushDidNotStop(causeOf(describe(err))));
    });
    if (this.o.media.isRecording()) {
      await this.o.media.stopRecording().catch((err: unknown) => {
        problems.push(words.recordingDidNotClose(causeOf(describe(err))));
        return [];
      });
    }
    live.keepRecordingSizes();
    let stats: PlatformEndStats | null = null;
    try {
      stats = await live.client.endRoom(live.roomId);
    } catch (err) {
      problems.push(words.roomNotEnded(causeOf(describe(err))));
    }
    const endedAt = Date.now();
    this.o.repo.finish(
      live.broadcastId,
      'ended',
      endedAt,
      endFigures(stats, this.figures.get(), live.tally?.tally ?? this.chatTally, live.startedAt, endedAt),
    );
    this.live = null;
    this.set({
      phase: 'ended',
      recording: false,
      connection: { state: 'idle', attempt: 0 },
      problem: cause ?? endProblem(problems),
    });
    void this.o.account.refreshBalance();
    return { broadcastId: live.broadcastId };
  }

  acknowledge(): SessionState {
    if (this.s.phase === 'ended')
      this.set({
        phase: 'idle',
        step: null,
        broadcastId: null,
        roomId: null,
        title: null,
        startedAt: null,
        problem: null,
      });
    return this.state();
  }

  async startRecording(): Promise<SessionState> {
    if (this.o.media.isRecording()) return this.state();
    try {
      await this.o.media.startRecording();
    } catch (err) {
      // The cause's own English stands in both languages here, as before.
      const why = describe(err).message;
      throw new StudioError('media_error', words.recordingDidNotStart({ en: why, zh: why }));
    }
    this.set({ recording: true });
    return this.state();
  }

  async stopRecording(): Promise<SessionState> {
    if (!this.o.media.isRecording()) return this.state();
    await this.o.media.stopRecording();
    this.live?.keepRecordingSizes();
    this.set({ recording: false });
    return this.state();
  }

  async setMic(muted: boolean): Promise<SessionState> {
    await this.o.media.setMicMuted(muted);
    this.set({ micMuted: muted });
    return this.state();
  }

  async setCamera(off: boolean): Promise<SessionState> {
    await this.o.media.setCameraOff(off);
    this.set({ cameraOff: off });
    return this.state();
  }

  /** Shutdown: timers stop; the broadcast stays open in SQLite only if the process dies before end(). */
  async close(): Promise<void> {
    if (this.live && this.s.phase === 'live')
      await this.end().catch((err: unknown) => this.o.log(`ending on shutdown: ${(err as Error).message}`));
    this.live?.stopTimers();
  }

  private failStart(problem: Problem): SessionState {
    this.set({ phase: 'idle', step: null, problem, connection: { state: 'idle', attempt: 0 }, recording: false });
    throw new StudioError(problem.code, { en: problem.message, zh: problem.zh });
  }

  private set(patch: Partial<SessionState>): void {
    this.s = { ...this.s, ...patch };
    this.changed();
  }

  private changed(): void {
    this.o.bus.emit('session.state', this.state());
  }
}
