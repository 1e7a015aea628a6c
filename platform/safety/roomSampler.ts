// Samples every live room's stream from the platform's own ingest at a low rate: one small ffmpeg per room
// pulling its FLV and decoding key frames only, a shared classifier worker, and the studio's N/M policy.
// Rooms come and go; this follows the live list every few seconds.
import { defaultSafetyPolicy, safetyPolicySchema, type SafetyPolicy } from '../../common/safety/safetyModel';
import type { Classifier, ClassifyOutcome } from '../../common/safety/classifier';
import { FrameSampler } from '../../common/safety/frameSampler';
import { SourceTracker } from '../../common/safety/policy';
import { StreamFrameReader } from '../../common/safety/streamFrameReader';
import type { SafetyBoard } from './safetyBoard';

export interface SampledRoom {
  roomId: string;
  streamUp: boolean;
  flvUrl: string;
}

export interface RoomSamplerOptions {
  ffmpeg: string;
  classifier: Classifier;
  board: SafetyBoard;
  liveRooms: () => SampledRoom[];
  sampleSeconds: number;
  policy?: SafetyPolicy;
  reconcileMs?: number;
  log?: (line: string) => void;
}

interface Watched {
  reader: StreamFrameReader;
  sampler: FrameSampler;
  tracker: SourceTracker;
}

export class RoomSampler {
  private readonly watched = new Map<string, Watched>();
  private readonly timer: NodeJS.Timeout;
  private readonly policy: SafetyPolicy;

  constructor(private readonly o: RoomSamplerOptions) {
    this.policy = o.policy ?? safetyPolicySchema.parse(structuredClone(defaultSafetyPolicy));
    this.timer = setInterval(() => this.reconcile(), o.reconcileMs ?? 3000);
    this.timer.unref?.();
    this.reconcile();
  }

  reconcile(): void {
    const live = new Map(
      this.o
        .liveRooms()
        .filter((r) => r.streamUp)
        .map((r) => [r.roomId, r]),
    );
    for (const [id, w] of this.watched) {
      if (live.has(id)) continue;
      w.reader.stop();
      w.sampler.stop();
      this.watched.delete(id);
    }
    for (const [id, room] of live) {
      if (this.watched.has(id)) continue;
      const tracker = new SourceTracker(this.policy);
      const sampler = new FrameSampler({
        source: { kind: 'program' },
        classifier: this.o.classifier,
        intervalMs: this.o.sampleSeconds * 1000,
        onOutcome: (outcome) => this.judge(id, tracker, outcome),
      });
      const reader = new StreamFrameReader({
        ffmpeg: this.o.ffmpeg,
        url: room.flvUrl,
        onFrame: (f) => sampler.feed(f),
        log: this.o.log,
      });
      this.watched.set(id, { reader, sampler, tracker });
      reader.start();
      sampler.start();
    }
  }

  private judge(roomId: string, tracker: SourceTracker, outcome: ClassifyOutcome): void {
    if (!outcome.ok) return;
    for (const t of tracker.observe(outcome.scores)) {
      const score = t.type === 'act' ? t.score : outcome.scores[t.className];
      this.o.board.report({
        roomId,
        level: t.type === 'act' ? 'flagged' : 'clean',
        origin: 'sampler',
        className: t.className,
        score,
        message:
          t.type === 'act'
            ? `The platform's sampler saw ${t.className} (${Math.round(score * 100)}%) in ${this.policy.consecutiveToAct} samples in a row.`
            : `The platform's sampler has seen clean pictures again.`,
        at: Date.now(),
      });
    }
  }

  get watching(): string[] {
    return [...this.watched.keys()];
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const w of this.watched.values()) {
      w.reader.stop();
      w.sampler.stop();
    }
    this.watched.clear();
    await this.o.classifier.close();
  }
}
