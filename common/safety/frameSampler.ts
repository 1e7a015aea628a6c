// Samples one source at a fixed interval: keeps only the latest frame it was fed (the frame relay runs at
// 30 fps; a frame can be fed lazily, so it is only assembled when a tick takes it) and hands one to the
// classifier per tick. It never queues: a tick that finds the classifier busy,
// or no new frame, is dropped, so the media pipeline is never held up by a verdict. Ticks keep a fixed schedule
// (a tick that fires late does not push the next one back), and each verdict is timed from when its tick was
// due, so the time a busy event loop took to get to the tick counts too.
import type { SafetySource } from './safetyModel';
import type { Classifier, ClassifyOutcome } from './classifier';
import type { FrameInput } from './classifierProtocol';

export interface FrameSamplerOptions {
  source: SafetySource;
  classifier: Classifier;
  intervalMs: number;
  /** dueToVerdictMs: from when the sample was due (its tick's scheduled time) to this verdict. */
  onOutcome: (outcome: ClassifyOutcome, source: SafetySource, dueToVerdictMs: number) => void;
}

export class FrameSampler {
  private latest: FrameInput | (() => FrameInput) | null = null;
  private fresh = false;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = false;
  /** Ticks dropped because a verdict was still pending. */
  dropped = 0;
  sampled = 0;

  constructor(private readonly o: FrameSamplerOptions) {}

  get source(): SafetySource {
    return this.o.source;
  }

  /** Called for every frame the source produces; cheap, keeps a reference only (or a function that makes it). */
  feed(frame: FrameInput | (() => FrameInput)): void {
    this.latest = frame;
    this.fresh = true;
  }

  start(): void {
    if (this.timer) return;
    this.schedule(performance.now() + this.o.intervalMs);
  }

  private schedule(dueAt: number): void {
    this.timer = setTimeout(
      () => {
        this.tick(dueAt);
        // The next slot on the schedule still ahead: slots missed while this one was late are skipped.
        const now = performance.now();
        const missed = Math.max(0, Math.floor((now - dueAt) / this.o.intervalMs));
        if (this.timer) this.schedule(dueAt + (missed + 1) * this.o.intervalMs);
      },
      Math.max(0, dueAt - performance.now()),
    );
    this.timer.unref?.();
  }

  setIntervalMs(ms: number): void {
    this.o.intervalMs = ms;
    if (this.timer) {
      this.stop();
      this.start();
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private tick(dueAt: number): void {
    if (!this.latest || !this.fresh) return;
    if (this.inFlight) {
      this.dropped++;
      return;
    }
    const latest = this.latest;
    const frame = typeof latest === 'function' ? latest() : latest;
    this.fresh = false;
    this.inFlight = true;
    this.sampled++;
    void this.o.classifier.classify(frame).then((outcome) => {
      this.inFlight = false;
      if (outcome.ok === false && outcome.reason === 'busy') this.dropped++;
      this.o.onOutcome(outcome, this.o.source, performance.now() - dueAt);
    });
  }
}
