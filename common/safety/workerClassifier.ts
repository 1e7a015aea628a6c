// Runs the nsfwjs classifier in a worker thread and keeps it alive: a model that fails to load or a worker that
// crashes is reported in plain words and restarted with backoff; a hung classification is cut off. The
// studio never waits for a slot: while one frame is in flight, the next sample is dropped.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../workerThread';
import type { ClassifierStatus } from './safetyModel';
import type { Classifier, ClassifyOutcome } from './classifier';
import {
  fromWorkerSchema,
  readMessage,
  type FrameInput,
  type FromWorker,
  type ToWorker,
  type WorkerInit,
} from './classifierProtocol';

export interface WorkerClassifierOptions {
  modelName?: string;
  /** The runtime the worker may pick (WorkerInit.runtime): the fastest faithful one unless told tfjs. */
  runtime?: 'fastest' | 'tfjs';
  /** Whether the worker asks for above-normal priority (WorkerInit.raisePriority); it does unless told not to. */
  raisePriority?: boolean;
  /** First restart delay; doubles per failure up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A classification slower than this means a hung worker: it is ended and restarted. */
  hangMs?: number;
  log?: (line: string) => void;
  /** Starts the worker thread; the real classifier worker by default (a test hands a hostile one). */
  spawn?: (init: WorkerInit) => Worker;
}

const resolveFrom = createRequire(import.meta.url);

export function wasmDir(): string {
  return `${dirname(resolveFrom.resolve('@tensorflow/tfjs-backend-wasm'))}/`;
}

/** The real classifier worker: the built file beside the bundle, or the TypeScript source under vitest or tsx. */
export function spawnClassifierWorker(init: WorkerInit): Worker {
  return spawnWorker(import.meta.url, 'classifierWorker.ts', 'safetyClassifierWorker.js', init);
}

export class WorkerClassifier implements Classifier {
  private worker: Worker | null = null;
  private current: ClassifierStatus = { status: 'off', restarts: 0 };
  private readonly listeners = new Set<(s: ClassifierStatus) => void>();
  private inFlight: { id: number; resolve: (o: ClassifyOutcome) => void; timer: NodeJS.Timeout } | null = null;
  private nextId = 1;
  private failures = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly o: Required<WorkerClassifierOptions>;
  /** Figures for the benchmark and the log. */
  loadMs: number | null = null;
  /** The tfjs backend and whether the model was folded, as the worker reported when ready. */
  backend: string | null = null;
  /** The worker thread's CPU time at its last verdict (Linux), for the benchmark. */
  workerCpuMs: number | null = null;

  constructor(options: WorkerClassifierOptions = {}) {
    this.o = {
      modelName: options.modelName ?? 'MobileNetV2',
      runtime: options.runtime ?? 'fastest',
      raisePriority: options.raisePriority ?? true,
      backoffMs: options.backoffMs ?? 1000,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      hangMs: options.hangMs ?? 20_000,
      log: options.log ?? (() => {}),
      spawn: options.spawn ?? spawnClassifierWorker,
    };
  }

  get status(): ClassifierStatus {
    return this.current;
  }

  onStatus(listener: (status: ClassifierStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  /** Starts the worker; resolves once the model is ready or has failed (the status says which). */
  start(): Promise<ClassifierStatus> {
    return new Promise((resolve) => {
      const off = this.onStatus((s) => {
        if (s.status === 'ready' || s.status === 'failed') {
          queueMicrotask(() => off());
          resolve(s);
        }
      });
      if (!this.worker && !this.restartTimer) this.launch();
    });
  }

  private setStatus(s: Omit<ClassifierStatus, 'restarts'>): void {
    this.current = { ...s, restarts: this.current.restarts };
    for (const l of this.listeners) l(this.current);
  }

  private launch(): void {
    if (this.closed) return;
    this.setStatus({ status: this.current.restarts > 0 ? 'restarting' : 'loading' });
    let worker: Worker;
    try {
      worker = this.o.spawn({
        modelName: this.o.modelName,
        wasmDir: wasmDir(),
        runtime: this.o.runtime,
        raisePriority: this.o.raisePriority,
      });
    } catch (err) {
      this.fail(`The safety classifier could not start: ${(err as Error).message}.`);
      return;
    }
    this.worker = worker;
    worker.on('message', (raw: unknown) => {
      const read = readMessage(fromWorkerSchema, raw, 'the safety classifier');
      if (read.ok) this.onMessage(read.message);
      else this.misunderstood(read.reason);
    });
    worker.on('error', (err) => this.o.log(`safety classifier worker error: ${err.message}`));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.finishInFlight({
        ok: false,
        reason: 'unavailable',
        message: 'The safety classifier stopped before answering; it is restarting.',
      });
      if (!this.closed)
        this.fail(
          `The safety classifier stopped unexpectedly (exit code ${code}); restarting it. The broadcast goes on.`,
        );
    });
  }

  private onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'ready':
        this.loadMs = m.loadMs;
        this.backend = m.backend;
        this.o.log(`safety classifier ready on ${m.backend} in ${m.loadMs} ms`);
        this.setStatus({ status: 'ready' });
        return;
      case 'loadFailed': {
        const w = this.worker;
        this.worker = null;
        if (w) void endWorker(w);
        this.fail(
          `The safety classifier could not load its model: ${m.message}. Content safety is off until it loads; the broadcast goes on.`,
        );
        return;
      }
      case 'result':
        if (this.inFlight?.id === m.id) {
          this.failures = 0;
          this.workerCpuMs = m.threadCpuMs;
          this.finishInFlight({ ok: true, scores: m.scores, thumb: m.thumb, ms: m.ms });
        }
        return;
      case 'refused':
        this.misunderstood(m.message);
        return;
      case 'skipped':
        if (this.inFlight?.id === m.id) {
          this.finishInFlight({
            ok: false,
            reason: 'corrupt',
            message: `A sampled frame could not be read and was skipped (${m.message}).`,
          });
        }
        return;
    }
  }

  /** A message one side could not read: logged, and the sample in flight skipped in plain words. */
  private misunderstood(reason: string): void {
    this.o.log(`safety classifier: ${reason}`);
    this.finishInFlight({
      ok: false,
      reason: 'corrupt',
      message: `A sample was skipped: ${reason}.`,
    });
  }

  /** Reports the failure and schedules a restart, waiting longer after each failure in a row. */
  private fail(message: string): void {
    this.failures++;
    this.current = { status: 'failed', message, restarts: this.current.restarts };
    for (const l of this.listeners) l(this.current);
    this.o.log(message);
    if (this.closed) return;
    const delay = Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** (this.failures - 1));
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.current = { ...this.current, restarts: this.current.restarts + 1 };
      this.launch();
    }, delay);
    this.restartTimer.unref?.();
  }

  private finishInFlight(outcome: ClassifyOutcome): void {
    const f = this.inFlight;
    if (!f) return;
    this.inFlight = null;
    clearTimeout(f.timer);
    f.resolve(outcome);
  }

  get busy(): boolean {
    return this.inFlight !== null;
  }

  classify(frame: FrameInput): Promise<ClassifyOutcome> {
    if (this.inFlight)
      return Promise.resolve({
        ok: false,
        reason: 'busy',
        message: 'A sample is still being classified; this one was dropped.',
      });
    const worker = this.worker;
    if (!worker || this.current.status !== 'ready') {
      return Promise.resolve({
        ok: false,
        reason: 'unavailable',
        message: this.current.message ?? 'The safety classifier is not ready yet.',
      });
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (this.inFlight?.id !== id || this.worker !== worker) return;
        this.o.log(`safety classifier took over ${this.o.hangMs} ms; restarting it`);
        // Let go of the thread at once (the caller is answered, a new worker starts after the backoff) and ask it
        // to end between model calls: tearing it down inside ONNX Runtime's call would end the studio with it.
        this.worker = null;
        this.finishInFlight({
          ok: false,
          reason: 'unavailable',
          message: 'The safety classifier took too long on a sample; it is restarting.',
        });
        this.fail(
          `The safety classifier took over ${Math.round(this.o.hangMs / 1000)} s on one sample; restarting it. The broadcast goes on.`,
        );
        void endWorker(worker);
      }, this.o.hangMs);
      timer.unref?.();
      this.inFlight = { id, resolve, timer };
      // Copy, unless the sampler made the buffer for this call alone (owned): then it moves to the worker.
      const move =
        frame.format === 'yuv420p' &&
        frame.owned &&
        frame.data.byteOffset === 0 &&
        frame.data.byteLength === frame.data.buffer.byteLength;
      worker.postMessage(
        { type: 'classify', id, frame } satisfies ToWorker,
        move ? [frame.data.buffer as ArrayBuffer] : [],
      );
    });
  }

  /** Test-only: makes the worker throw on its own loop, as a real crash would. */
  crashForTest(): void {
    this.worker?.postMessage({ type: 'crashForTest' } satisfies ToWorker);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const w = this.worker;
    this.worker = null;
    this.finishInFlight({ ok: false, reason: 'unavailable', message: 'The safety classifier was closed.' });
    if (w) await endWorker(w);
    this.setStatus({ status: 'off' });
  }
}

/** How long a closing worker may take to finish the model call it is in before it is torn down. */
const CLOSE_GRACE_MS = 5000;

/**
 * The one way a classifier worker is ended (closing, a model that failed to load, a call past the hang limit):
 * asks it to end between model calls; tears it down only if it does not within the grace.
 */
async function endWorker(w: Worker): Promise<void> {
  const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
  w.postMessage({ type: 'close' } satisfies ToWorker);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), CLOSE_GRACE_MS);
  });
  if ((await Promise.race([exited, late])) === 'late') await w.terminate();
  clearTimeout(timer);
}
