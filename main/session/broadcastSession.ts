// One broadcast, in the seed's order: a room from the platform → the push with the room's URL → confirm to
// the platform → live (liveBroadcast.ts: heartbeat, figures, recording files) → the end and its figures.
import { randomUUID } from 'node:crypto';
import type { EventBus } from '../api';
import { StudioError, type SessionState } from '../contract';
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
import { describe, endProblem, type Problem } from './problem';
import type { Tally } from './roomTally';

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
      throw new StudioError('conflict', {
        en: 'You are already live. End this broadcast before starting another.',
        zh: '你正在直播，请先结束本场直播再开始新的直播。',
      });
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
      return this.failStart({
        code: e.code,
        message: `The stream could not start: ${e.message} The room was given back to the platform; fix the source or encoder on Set-up and go live again.`,
        zh: `推流未能开始：${e.zh} 房间已交还平台；请在“设置”中检查信号源或编码器后重新开播。`,
      });
    }
    let recordProblem: Problem | null = null;
    if (record) {
      try {
        await this.o.media.startRecording();
      } catch (err) {
        const e = describe(err);
        recordProblem = {
          code: 'media_error',
          message: `You are live, but the local recording did not start: ${e.message}`,
          zh: `已开播，但本地录制未能开始：${e.zh}`,
        };
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
      return this.failStart({
        code: 'media_error',
        message: `The stream could not start: ${e.message} The room was given back to the platform; check the network, then go live again.`,
        zh: `推流未能开始：${e.zh} 房间已交还平台；请检查网络后重新开播。`,
      });
    }
    try {
      this.figures.fromHeartbeat(await client.heartbeat(room.roomId));
    } catch (err) {
      await this.o.media.stopPush().catch(() => undefined);
      if (this.o.media.isRecording()) await this.o.media.stopRecording().catch(() => []);
      this.o.repo.discard(broadcastId);
      const e = describe(err);
      return this.failStart({
        code: 'platform_error',
        message: `The platform did not confirm the broadcast: ${e.message}`,
        zh: `平台没有确认本场直播：${e.zh}`,
      });
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
    if (!r)
      throw new StudioError('not_found', {
        en: 'There is no interrupted broadcast whose room the platform still holds. Go live in a new room.',
        zh: '没有平台仍保留房间的中断直播，请在新房间开播。',
      });
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

  async end(): Promise<{ broadcastId: string }> {
    const live = this.live;
    if (!live || this.s.phase !== 'live')
      throw new StudioError('conflict', { en: 'There is no broadcast to end.', zh: '没有可以结束的直播。' });
    this.set({ phase: 'ending' });
    live.stop();
    live.tick();
    const problems: { en: string; zh: string }[] = [];
    await this.o.media.stopPush().catch((err: unknown) => {
      const e = describe(err);
      problems.push({ en: `the push did not stop cleanly (${e.message})`, zh: `推流没有正常停止（${e.zh}）` });
    });
    if (this.o.media.isRecording()) {
      await this.o.media.stopRecording().catch((err: unknown) => {
        const e = describe(err);
        problems.push({
          en: `the recording did not close cleanly (${e.message}); it is repaired on the next start`,
          zh: `录像没有正常关闭（${e.zh}），下次启动时会自动修复`,
        });
        return [];
      });
    }
    live.keepRecordingSizes();
    let stats: PlatformEndStats | null = null;
    try {
      stats = await live.client.endRoom(live.roomId);
    } catch (err) {
      const e = describe(err);
      problems.push({
        en: `the platform did not end the room (${e.message}); it ends by itself after 3 missed heartbeats, and the figures below are the studio's own`,
        zh: `平台没有结束房间（${e.zh}），错过 3 次心跳后会自动结束，以下数据为工作室自己的统计`,
      });
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
      problem: endProblem(problems),
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
      throw new StudioError('media_error', {
        en: `The recording did not start: ${describe(err).message}`,
        zh: `录制未能开始：${describe(err).message}`,
      });
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
