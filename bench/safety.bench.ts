// Content-safety benchmark: milliseconds per classified frame, and the CPU share of one core that sampling
// costs at the default rate while the studio's real 1080p30 broadcast runs (the media engine: the test-pattern
// camera through the compositor and the frame relay into x264), against the same broadcast without sampling, in
// one run, for three arms: the studio's classifier; the same at normal thread priority (as on a PC that does not
// let the studio raise it); and a baseline, the same model on tfjs's wasm backend as the studio ran it before
// ONNX Runtime (raised like the studio's, so only the runtime differs). `seconds` of each, cut into `rounds`
// slices with one without sampling before each round and the arms' order reversed every other round, so drift on
// a shared machine does not count for or against any. Sampling goes through the studio's own SafetyService, fed
// as the studio wires it with the compositor's 224x224 yuv420p samples (made by its ffmpeg from the preview's
// small picture; that branch always runs, so its cost is in every slice's ffmpeg figure), with the real worker.
// Milliseconds per frame are counted from when the sampler's tick was due to the verdict reaching the studio
// (a late tick, the move to the worker, waiting for a core, the model and the answer all count).
// Usage: npm run bench:safety -- [--seconds 30] [--rounds 3] [--interval-ms <the policy default>]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../main/api';
import { defaultSafetyPolicy, type SafetyPolicy } from '../main/contract/safety';
import { MediaEngine, presets } from '../main/media';
import { cpuSecondsOf } from '../main/media/ffmpegProcess';
import {
  SafetyEventStore,
  SafetyService,
  WorkerClassifier,
  type Classifier,
  type ClassifyOutcome,
} from '../main/safety';
import { openStudioStorage } from '../main/storage';
import { defaultFfmpegLocation } from '../main/system';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} needs a positive number.`);
  return v;
}
const seconds = arg('--seconds', 30);
const intervalMs = arg('--interval-ms', defaultSafetyPolicy.intervalMs);
const rounds = Math.round(arg('--rounds', 3));

const loc = defaultFfmpegLocation();
if (!loc.found) throw new Error(loc.message);
const ffmpeg = loc.path;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Phase {
  wallS: number;
  studioCpuS: number;
  ffmpegCpuS: number;
  frames: number;
}

/** Measures one slice (`seconds` / rounds) of the running broadcast: this process (main thread + worker) and the engine's ffmpegs. */
async function phase(engine: MediaEngine): Promise<Phase> {
  const pids = engine.pids();
  const ff0 = pids.map((p) => cpuSecondsOf(p) ?? 0);
  const frames0 = engine.frameIndex;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep((seconds * 1000) / rounds);
  const cpu = process.cpuUsage(cpu0);
  const wallS = (performance.now() - t0) / 1000;
  const ff = pids.reduce((a, p, i) => a + ((cpuSecondsOf(p) ?? ff0[i] ?? 0) - (ff0[i] ?? 0)), 0);
  return { wallS, studioCpuS: (cpu.user + cpu.system) / 1e6, ffmpegCpuS: ff, frames: engine.frameIndex - frames0 };
}

const show = (name: string, p: Phase) =>
  console.log(
    `${name}: wall ${p.wallS.toFixed(1)} s, ${p.frames} frames, studio ${(p.studioCpuS / p.wallS).toFixed(4)} cores, ffmpeg ${(p.ffmpegCpuS / p.wallS).toFixed(3)} cores`,
  );

/** The real worker classifier, timed from the studio's side: call → verdict, including the copy to the worker. */
class TimedClassifier implements Classifier {
  readonly outcomes: { outcome: ClassifyOutcome; roundTripMs: number }[] = [];
  constructor(readonly inner: WorkerClassifier) {}
  get status() {
    return this.inner.status;
  }
  onStatus(l: Parameters<Classifier['onStatus']>[0]) {
    return this.inner.onStatus(l);
  }
  async classify(frame: Parameters<Classifier['classify']>[0]): Promise<ClassifyOutcome> {
    const t0 = performance.now();
    const outcome = await this.inner.classify(frame);
    this.outcomes.push({ outcome, roundTripMs: performance.now() - t0 });
    return outcome;
  }
  close() {
    return this.inner.close();
  }
}

/** One way of sampling: the studio's SafetyService on a worker that runs the model on `runtime`. */
interface Arm {
  name: string;
  worker: WorkerClassifier;
  classifier: TimedClassifier;
  safety: SafetyService;
  closeStorage: () => void;
  dueToVerdict: number[];
  workerCpuPerSample: number[];
  slices: Phase[];
}

async function makeArm(name: string, runtime: 'fastest' | 'tfjs', raisePriority: boolean, dir: string): Promise<Arm> {
  const worker = new WorkerClassifier({ runtime, raisePriority });
  const status = await worker.start();
  if (status.status !== 'ready') throw new Error(`the ${name} classifier did not load: ${status.message}`);
  console.log(`${name}: model loaded in ${worker.loadMs} ms on ${worker.backend} (not counted below)`);
  const classifier = new TimedClassifier(worker);
  const dueToVerdict: number[] = [];
  const storage = openStudioStorage(join(dir, `${name}.db`));
  const safety = new SafetyService({
    settings: storage.settings,
    store: new SafetyEventStore(storage.db),
    bus: new EventBus(),
    createClassifier: () => classifier,
    onVerdictTiming: (ms, outcome) => {
      if (outcome.ok) dueToVerdict.push(ms);
    },
  });
  safety.setPolicy({ ...(structuredClone(defaultSafetyPolicy) as unknown as SafetyPolicy), intervalMs });
  const closeStorage = () => storage.db.close();
  return { name, worker, classifier, safety, closeStorage, dueToVerdict, workerCpuPerSample: [], slices: [] };
}

/** One slice with `arm` sampling the broadcast as the studio wires it (the compositor's 224x224 samples). */
async function sampledSlice(engine: MediaEngine, arm: Arm, round: number): Promise<void> {
  const cpuAt = arm.worker.workerCpuMs;
  const verdictsAt = arm.classifier.outcomes.filter((o) => o.outcome.ok).length;
  const detach = arm.safety.attachProgram((onSample) => engine.onSafetySample(onSample));
  arm.slices.push(await phase(engine));
  detach();
  show(`${arm.name.padEnd(16)} ${round + 1}`, arm.slices.at(-1) as Phase);
  await sleep(1500); // a verdict in flight finishes outside the next slice
  const verdicts = arm.classifier.outcomes.filter((o) => o.outcome.ok).length - verdictsAt;
  if (cpuAt !== null && arm.worker.workerCpuMs !== null && verdicts > 0)
    arm.workerCpuPerSample.push((arm.worker.workerCpuMs - cpuAt) / verdicts);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const cores = (ps: Phase[], k: 'studioCpuS' | 'ffmpegCpuS') =>
  ps.reduce((a, p) => a + p[k], 0) / ps.reduce((a, p) => a + p.wallS, 0);

/** Prints one arm's figures; returns ms per frame (due → verdict) and its CPU share of one core. */
function report(arm: Arm, without: Phase[]): { ms: number; share: number } {
  const ok = arm.classifier.outcomes.filter((o) => o.outcome.ok);
  if (ok.length === 0 || arm.dueToVerdict.length === 0) throw new Error(`${arm.name}: no frame was classified`);
  const perFrame = mean(arm.dueToVerdict);
  const sorted = [...arm.dueToVerdict].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;
  const delta = cores(arm.slices, 'studioCpuS') - cores(without, 'studioCpuS');
  const ffDelta = cores(arm.slices, 'ffmpegCpuS') - cores(without, 'ffmpegCpuS');
  const cpuPerSample = arm.workerCpuPerSample.length ? mean(arm.workerCpuPerSample) : null;
  // The worker thread's own CPU is part of that delta, measured directly: on a busy machine the delta's noise
  // can fall below it, so the reported share is never less than the worker's share alone.
  const share = Math.max(0, delta, cpuPerSample === null ? 0 : cpuPerSample / intervalMs);
  console.log(`-- ${arm.name} (${arm.worker.backend})`);
  console.log(
    `classified: ${ok.length} frames, ${arm.classifier.outcomes.length - ok.length} not (busy/corrupt/unavailable), ${arm.safety.state().samples} verdicts in the policy`,
  );
  console.log(
    `per frame : ${perFrame.toFixed(1)} ms from the sample being due to its verdict, p95 ${p95.toFixed(1)} ms (${arm.dueToVerdict.map((v) => v.toFixed(0)).join(' ')}); ${mean(ok.map((o) => o.roundTripMs)).toFixed(1)} ms from the classify call, ${mean(ok.map((o) => (o.outcome.ok ? o.outcome.ms : 0))).toFixed(1)} ms of it in the worker`,
  );
  if (cpuPerSample !== null)
    console.log(
      `worker    : ${cpuPerSample.toFixed(1)} CPU-ms per sample on its own thread (/proc, 10 ms ticks) = ${(cpuPerSample / intervalMs).toFixed(4)} of one core at one sample per ${intervalMs} ms`,
    );
  console.log(
    `CPU       : sampling adds ${delta.toFixed(4)} of one core to the studio process (with − without; reported: the larger of this and the worker's own); the ffmpegs changed by ${ffDelta.toFixed(4)} cores (noise: sampling runs none)`,
  );
  return { ms: perFrame, share };
}

async function main(): Promise<void> {
  const preset = presets['1080p30'];
  console.log(
    `safety bench: ${seconds} s without sampling, ${seconds} s sampling with the studio's classifier, ${seconds} s with it at normal priority and ${seconds} s with the baseline (tfjs wasm), in ${rounds} alternating rounds of the studio's ${preset.width}x${preset.height}@${preset.fps} broadcast, sampling every ${intervalMs} ms, ffmpeg ${ffmpeg}`,
  );
  console.log(
    `load      : ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (1/5/15 min) on ${cpus().length} cores`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'safety-bench-'));
  const arms = [
    await makeArm('studio', 'fastest', true, dir),
    await makeArm('studio, normal priority', 'fastest', false, dir),
    await makeArm('baseline', 'tfjs', true, dir),
  ];
  const [studio, normal, baseline] = arms as [Arm, Arm, Arm];
  const engine = new MediaEngine({
    ffmpegPath: ffmpeg,
    workDir: join(dir, 'work'),
    recordingsDir: join(dir, 'rec'),
    preset,
  });
  try {
    await engine.start();
    await sleep(6000); // the compositor, encoder and JIT settle (a first slice measured at 3 s still ran high)
    // A slice without sampling before each round, the arms' order reversed every other round, so the other
    // load on a shared machine falls on all three.
    const without: Phase[] = [];
    for (let r = 0; r < rounds; r++) {
      without.push(await phase(engine));
      show(`without sampling ${r + 1}`, without.at(-1) as Phase);
      for (const arm of r % 2 ? [baseline, normal, studio] : [studio, normal, baseline])
        await sampledSlice(engine, arm, r);
    }
    without.push(await phase(engine));
    show(`without sampling ${rounds + 1}`, without.at(-1) as Phase);
    if (engine.status().preview) throw new Error('the preview ran during the bench; sampling must not need it');
    const ours = report(studio, without);
    const unraised = report(normal, without);
    const base = report(baseline, without);
    console.log(
      `load      : ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (1/5/15 min) at the end`,
    );
    console.log(
      `RESULT safety_ms_per_frame=${ours.ms.toFixed(1)} safety_cpu_share=${ours.share.toFixed(4)} baseline_ms_per_frame=${base.ms.toFixed(1)} baseline_cpu_share=${base.share.toFixed(4)} cpu_share_vs_baseline=${(ours.share / base.share).toFixed(3)} normal_priority_ms_per_frame=${unraised.ms.toFixed(1)}`,
    );
  } finally {
    await engine.stop();
    for (const arm of arms) {
      await arm.safety.close();
      arm.closeStorage();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`bench:safety failed: ${(err as Error).message}`);
  process.exit(1);
});
