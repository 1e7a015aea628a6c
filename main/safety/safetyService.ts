// Content safety in the studio: samples the composed output and each guest, runs the policy on every verdict,
// masks the output or removes a guest through the media engine, tells the VJ, the moderators and the
// platform, and logs every event. Nothing here ever waits on the media pipeline or blocks it.
import type { EventBus } from '../api';
import {
  defaultSafetyPolicy,
  safetyPolicySchema,
  type ActiveFlag,
  type ClassifierStatus,
  type SafetyEvent,
  type SafetyMask,
  type SafetyPolicy,
  type SafetySource,
  type SafetyState,
} from '../contract/safety';
import { StudioError } from '../contract';
import { refusalWords } from '../contract/refusalWords';
import type { SettingsStore } from '../storage';
import type { Classifier, ClassifyOutcome } from '../../common/safety/classifier';
import type { FrameInput } from '../../common/safety/classifierProtocol';
import { FrameSampler } from '../../common/safety/frameSampler';
import { combinedMask, effectiveAction, removedGuests, SourceTracker, sourceId } from '../../common/safety/policy';
import type { SafetyEventStore } from './safetyEventStore';
import { StreamFrameReader } from '../../common/safety/streamFrameReader';
import { alertMessage, sourceWords } from './safetyAlertWords';

export const POLICY_KEY = 'safety.policy';

/** What the media engine does for safety: a mask on the output, a guest out of the composite. */
export interface SafetyActuator {
  setMask(mask: SafetyMask): void | Promise<void>;
  setGuestRemoved(guestUserId: string, removed: boolean): void | Promise<void>;
}

/**
 * A sample of the composed output as the media engine makes it for safety: 224x224 yuv420p (the classifier's
 * input size), scaled by the compositor's ffmpeg, in a buffer of its own that moves to the worker.
 */
export interface ProgramSample {
  format: 'yuv420p';
  width: number;
  height: number;
  data: Uint8Array;
  owned: true;
}

/** Someone else who hears of an alert: the moderators' feed, the platform. Failures are logged, never thrown. */
export type AlertSink = (alert: { event: SafetyEvent; source: SafetySource }) => void | Promise<void>;

export interface SafetyServiceOptions {
  settings: SettingsStore;
  store: SafetyEventStore;
  bus: EventBus;
  /** Made when the first source is attached, so a studio that never broadcasts never loads the model. */
  createClassifier: () => Classifier;
  ffmpeg?: string | null;
  log?: (line: string) => void;
  now?: () => number;
  /** Each verdict's time from when its sample was due (the benchmark's figure; a slow machine shows here). */
  onVerdictTiming?: (dueToVerdictMs: number, outcome: ClassifyOutcome, source: SafetySource) => void;
}

const NOTICE_GAP_MS = 60_000;

export class SafetyService {
  private policy: SafetyPolicy;
  private classifier: Classifier | null = null;
  private classifierStatus: ClassifierStatus = { status: 'off', restarts: 0 };
  private readonly samplers = new Map<string, FrameSampler>();
  private readonly readers = new Map<string, StreamFrameReader>();
  private readonly trackers = new Map<string, SourceTracker>();
  private readonly flags = new Map<string, ActiveFlag>();
  private readonly actuators = new Set<SafetyActuator>();
  private readonly sinks = new Set<AlertSink>();
  private mask: SafetyMask = 'none';
  private removed: string[] = [];
  private samples = 0;
  private skipped = 0;
  private lastSampleAt: number | null = null;
  private lastSkipNotice = 0;
  private readonly log: (line: string) => void;
  private readonly now: () => number;

  constructor(private readonly o: SafetyServiceOptions) {
    this.log = o.log ?? (() => {});
    this.now = o.now ?? Date.now;
    const stored = safetyPolicySchema.safeParse(o.settings.get(POLICY_KEY));
    this.policy = stored.success ? stored.data : safetyPolicySchema.parse(structuredClone(defaultSafetyPolicy));
  }

  getPolicy(): SafetyPolicy {
    return this.policy;
  }

  setPolicy(policy: SafetyPolicy): SafetyPolicy {
    this.policy = safetyPolicySchema.parse(policy);
    this.o.settings.set(POLICY_KEY, this.policy);
    for (const t of this.trackers.values()) t.setPolicy(this.policy);
    for (const s of this.samplers.values()) s.setIntervalMs(this.policy.intervalMs);
    if (!this.policy.enabled) {
      for (const s of this.samplers.values()) s.stop();
      this.flags.clear();
      this.applyFlags();
    } else {
      for (const [id, s] of this.samplers) if (id === 'program' || this.policy.sampleGuests) s.start();
    }
    if (!this.policy.sampleGuests) for (const id of [...this.readers.keys()]) this.stopSource(id);
    this.emitState();
    return this.policy;
  }

  state(): SafetyState {
    return {
      classifier: this.classifierStatus,
      mask: this.mask,
      active: [...this.flags.values()],
      removedGuests: this.removed,
      samples: this.samples,
      skipped: this.skipped,
      lastSampleAt: this.lastSampleAt,
    };
  }

  listEvents(limit: number, beforeId?: number): SafetyEvent[] {
    return this.o.store.list(limit, beforeId);
  }

  addActuator(a: SafetyActuator): () => void {
    this.actuators.add(a);
    return () => this.actuators.delete(a);
  }

  addAlertSink(sink: AlertSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /**
   * Samples the composed output. `subscribe` is the media engine's safety tap (a small sample from the
   * compositor, a couple a second); it returns its unsubscribe. Only the latest sample is kept, and one goes to
   * the classifier every `intervalMs`: nothing is copied or scaled here. Returns a detach function.
   */
  attachProgram(subscribe: (onSample: (sample: ProgramSample) => void) => () => void): () => void {
    const sampler = this.sampler({ kind: 'program' });
    const off = subscribe((sample) => sampler.feed(sample));
    return () => {
      off();
      this.stopSource('program');
    };
  }

  /** Feeds frames of any source directly (tests, and a source the studio already decodes). */
  feed(source: SafetySource, frame: FrameInput | (() => FrameInput)): void {
    this.sampler(source).feed(frame);
  }

  /** Samples a co-host guest's incoming stream through its own small ffmpeg (key frames only). */
  watchGuest(guestUserId: string, url: string): void {
    const source: SafetySource = { kind: 'guest', guestUserId };
    const id = sourceId(source);
    if (!this.policy.sampleGuests || this.readers.has(id)) return;
    if (!this.o.ffmpeg) {
      this.notice(
        'warning',
        'safety_no_ffmpeg',
        'Guest streams cannot be checked for explicit content: ffmpeg was not found.',
      );
      return;
    }
    const sampler = this.sampler(source);
    const reader = new StreamFrameReader({
      ffmpeg: this.o.ffmpeg,
      url,
      onFrame: (f) => sampler.feed(f),
      log: this.log,
    });
    this.readers.set(id, reader);
    reader.start();
  }

  /** A guest left: stop sampling and drop their flags (lifting a removal or mask they caused). */
  unwatchGuest(guestUserId: string): void {
    this.stopSource(sourceId({ kind: 'guest', guestUserId }));
  }

  private sampler(source: SafetySource): FrameSampler {
    const id = sourceId(source);
    let s = this.samplers.get(id);
    if (!s) {
      s = new FrameSampler({
        source,
        classifier: this.ensureClassifier(),
        intervalMs: this.policy.intervalMs,
        onOutcome: (outcome, src, ms) => {
          this.o.onVerdictTiming?.(ms, outcome, src);
          this.ingest(src, outcome);
        },
      });
      this.samplers.set(id, s);
      if (this.policy.enabled) s.start();
    }
    return s;
  }

  private stopSource(id: string): void {
    this.samplers.get(id)?.stop();
    this.samplers.delete(id);
    this.readers.get(id)?.stop();
    this.readers.delete(id);
    this.trackers.delete(id);
    let changed = false;
    for (const [k, f] of this.flags) {
      if (f.sourceId === id) {
        this.flags.delete(k);
        changed = true;
      }
    }
    if (changed) this.applyFlags();
  }

  private ensureClassifier(): Classifier {
    if (this.classifier) return this.classifier;
    const c = this.o.createClassifier();
    this.classifier = c;
    let wasFailed = false;
    c.onStatus((s) => {
      this.classifierStatus = s;
      if (s.status === 'failed' && s.message && !wasFailed) {
        this.record({ kind: 'fault', sourceId: 'classifier', message: s.message });
        this.notice('error', 'safety_classifier_failed', s.message);
      }
      if (s.status === 'ready' && wasFailed)
        this.notice('info', 'safety_classifier_back', 'The safety classifier is running again.');
      wasFailed = s.status === 'failed' || (wasFailed && s.status === 'restarting');
      this.emitState();
    });
    const startable = c as Classifier & { start?: () => unknown };
    if (typeof startable.start === 'function') void startable.start();
    return c;
  }

  /** One verdict for one source: the policy decides; this acts on its transitions. Public for tests. */
  ingest(source: SafetySource, outcome: ClassifyOutcome): void {
    if (!this.policy.enabled) return;
    const id = sourceId(source);
    if (!outcome.ok) {
      if (outcome.reason === 'corrupt') {
        this.skipped++;
        this.record({ kind: 'skipped', sourceId: id, message: outcome.message });
        if (this.now() - this.lastSkipNotice > NOTICE_GAP_MS) {
          this.lastSkipNotice = this.now();
          this.notice('warning', 'safety_sample_skipped', outcome.message);
        }
        this.emitState();
      }
      return;
    }
    this.samples++;
    this.lastSampleAt = this.now();
    let tracker = this.trackers.get(id);
    if (!tracker) this.trackers.set(id, (tracker = new SourceTracker(this.policy)));
    const transitions = tracker.observe(outcome.scores);
    let changed = false;
    for (const t of transitions) {
      const key = `${id}|${t.className}`;
      if (t.type === 'act') {
        const action = effectiveAction(t.action, source);
        const flag: ActiveFlag = {
          sourceId: id,
          source,
          className: t.className,
          score: t.score,
          action,
          since: this.now(),
          overridden: false,
        };
        this.flags.set(key, flag);
        const event = this.record({
          kind: 'alert',
          sourceId: id,
          className: t.className,
          score: t.score,
          action,
          message: alertMessage(source, t.className, t.score, action),
          thumb: outcome.thumb,
        });
        this.o.bus.emit('safety.alert', { event, source });
        for (const sink of this.sinks) {
          void Promise.resolve()
            .then(() => sink({ event, source }))
            .catch((err: unknown) => this.log(`a safety alert could not be passed on: ${(err as Error).message}`));
        }
      } else {
        const flag = this.flags.get(key);
        this.flags.delete(key);
        this.record({
          kind: 'lifted',
          sourceId: id,
          className: t.className,
          action: flag?.action ?? null,
          message: `${sourceWords(source)} has looked clean for ${this.policy.cleanToLift} samples; the ${t.className} flag is lifted.`,
        });
      }
      changed = true;
    }
    if (changed) this.applyFlags();
    else this.emitState();
  }

  /** The VJ says "this is fine": the flags stop masking until they lift by themselves. Logged. */
  override(id?: string): SafetyState {
    const hits = [...this.flags.values()].filter((f) => !f.overridden && (id === undefined || f.sourceId === id));
    if (id !== undefined && hits.length === 0 && ![...this.flags.values()].some((f) => f.sourceId === id)) {
      throw new StudioError('not_found', refusalWords.safety.nothingFlagged(id));
    }
    for (const f of hits) {
      f.overridden = true;
      this.record({
        kind: 'override',
        sourceId: f.sourceId,
        className: f.className,
        score: f.score,
        action: f.action,
        message: `The VJ overrode the ${f.className} flag on ${sourceWords(f.source)}.`,
      });
    }
    this.applyFlags();
    return this.state();
  }

  /** Recomputes the output mask and the removed guests, and tells the media engine what changed. */
  private applyFlags(): void {
    const flags = [...this.flags.values()];
    const mask = combinedMask(flags);
    const removed = removedGuests(flags);
    if (mask !== this.mask) {
      this.mask = mask;
      for (const a of this.actuators) this.actuate(() => a.setMask(mask));
    }
    for (const g of removed)
      if (!this.removed.includes(g)) for (const a of this.actuators) this.actuate(() => a.setGuestRemoved(g, true));
    for (const g of this.removed)
      if (!removed.includes(g)) for (const a of this.actuators) this.actuate(() => a.setGuestRemoved(g, false));
    this.removed = removed;
    this.emitState();
  }

  /** Calls the media engine at once (a runtime command is quick) and reports a failure in plain words. */
  private actuate(run: () => void | Promise<void>): void {
    const fail = (err: unknown) => {
      const message = `The studio could not apply a safety action: ${(err as Error).message}`;
      this.log(message);
      this.notice('error', 'safety_action_failed', message);
    };
    try {
      void Promise.resolve(run()).catch(fail);
    } catch (err) {
      fail(err);
    }
  }

  private record(e: Parameters<SafetyEventStore['add']>[0] extends infer T ? Omit<T, 'at'> : never): SafetyEvent {
    return this.o.store.add({ ...e, at: this.now() });
  }

  private notice(level: 'info' | 'warning' | 'error', code: string, message: string): void {
    this.o.bus.emit('system.notice', { level, code, message });
  }

  private emitState(): void {
    this.o.bus.emit('safety.state', this.state());
  }

  async close(): Promise<void> {
    for (const id of [...this.samplers.keys(), ...this.readers.keys()]) {
      this.samplers.get(id)?.stop();
      this.readers.get(id)?.stop();
    }
    this.samplers.clear();
    this.readers.clear();
    await this.classifier?.close();
    this.classifier = null;
  }
}
