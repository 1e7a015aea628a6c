// Content-safety benchmark: milliseconds per classified frame, and the CPU share of one core that sampling
// costs at the default rate while the studio's real 1080p30 broadcast runs (the media engine: the test-pattern
// camera through the compositor and the frame relay into x264), against the same broadcast without sampling,
// in one run. `seconds` of each, cut into `rounds` alternating slices (without, with, …, without), so drift on a
// shared machine does not count for or against sampling. Sampling goes through the studio's own SafetyService, fed
// as the studio wires it with the compositor's 224x224 yuv420p samples (made by its ffmpeg from the preview's small
// picture; that branch always runs, so its cost is in both slices' ffmpeg figure), with the real nsfwjs worker.
// Usage: npm run bench:safety -- [--seconds 30] [--rounds 3] [--interval-ms <the policy default>]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const workerCpu: number[] = [];

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

async function main(): Promise<void> {
  const preset = presets['1080p30'];
  console.log(
    `safety bench: ${seconds} s with and ${seconds} s without sampling in ${rounds} alternating rounds of the studio's ${preset.width}x${preset.height}@${preset.fps} broadcast, sampling every ${intervalMs} ms, ffmpeg ${ffmpeg}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'safety-bench-'));
  const worker = new WorkerClassifier();
  const status = await worker.start();
  if (status.status !== 'ready') throw new Error(`the classifier did not load: ${status.message}`);
  console.log(`model loaded in ${worker.loadMs} ms on ${worker.backend} (not counted below)`);
  const classifier = new TimedClassifier(worker);

  const storage = openStudioStorage(join(dir, 'studio.db'));
  const safety = new SafetyService({
    settings: storage.settings,
    store: new SafetyEventStore(storage.db),
    bus: new EventBus(),
    createClassifier: () => classifier,
  });
  safety.setPolicy({ ...(structuredClone(defaultSafetyPolicy) as unknown as SafetyPolicy), intervalMs });
  const engine = new MediaEngine({
    ffmpegPath: ffmpeg,
    workDir: join(dir, 'work'),
    recordingsDir: join(dir, 'rec'),
    preset,
  });
  try {
    await engine.start();
    await sleep(6000); // the compositor, encoder and JIT settle (a first slice measured at 3 s still ran high)
    // Alternate slices without and with sampling (A B A … B A) so the other load on a shared machine falls on both.
    const without: Phase[] = [];
    const withSampling: Phase[] = [];
    for (let r = 0; r < rounds; r++) {
      without.push(await phase(engine));
      show(`without sampling ${r + 1}`, without.at(-1) as Phase);
      const cpuAt = worker.workerCpuMs;
      const verdictsAt = classifier.outcomes.filter((o) => o.outcome.ok).length;
      // As the studio wires it: the compositor's 224x224 samples, through the SafetyService's sampler.
      const detach = safety.attachProgram((onSample) => engine.onSafetySample(onSample));
      withSampling.push(await phase(engine));
      detach();
      show(`with sampling    ${r + 1}`, withSampling.at(-1) as Phase);
      await sleep(1500); // a verdict in flight finishes outside the next slice
      const verdicts = classifier.outcomes.filter((o) => o.outcome.ok).length - verdictsAt;
      if (cpuAt !== null && worker.workerCpuMs !== null && r > 0 && verdicts > 0)
        workerCpu.push((worker.workerCpuMs - cpuAt) / verdicts);
    }
    without.push(await phase(engine));
    show(`without sampling ${rounds + 1}`, without.at(-1) as Phase);
    if (engine.status().preview) throw new Error('the preview ran during the bench; sampling must not need it');

    const ok = classifier.outcomes.filter((o) => o.outcome.ok);
    if (ok.length === 0) throw new Error('no frame was classified');
    const roundTrip = ok.reduce((a, o) => a + o.roundTripMs, 0) / ok.length;
    const inWorker = ok.reduce((a, o) => a + (o.outcome.ok ? o.outcome.ms : 0), 0) / ok.length;
    const worst = Math.max(...ok.map((o) => o.roundTripMs));
    const cores = (ps: Phase[], k: 'studioCpuS' | 'ffmpegCpuS') =>
      ps.reduce((a, p) => a + p[k], 0) / ps.reduce((a, p) => a + p.wallS, 0);
    // Sampling starts no process (the frames come from the relay), so all it adds is this process's CPU.
    const delta = cores(withSampling, 'studioCpuS') - cores(without, 'studioCpuS');
    const ffDelta = cores(withSampling, 'ffmpegCpuS') - cores(without, 'ffmpegCpuS');
    const cpuPerSample = workerCpu.length ? workerCpu.reduce((a, b) => a + b, 0) / workerCpu.length : null;
    // The worker thread's own CPU is part of that delta, measured directly: on a busy machine the delta's noise
    // can fall below it, so the reported share is never less than the worker's share alone.
    const workerShare = cpuPerSample === null ? 0 : cpuPerSample / intervalMs;
    const share = Math.max(0, delta, workerShare);
    console.log(
      `classified: ${ok.length} frames, ${classifier.outcomes.length - ok.length} not (busy/corrupt/unavailable), ${safety.state().samples} verdicts in the policy`,
    );
    console.log(
      `per frame : ${roundTrip.toFixed(1)} ms from the sampler taking the frame to the verdict (the compositor's 224×224 sample moved to the worker, to RGB, classify, thumbnail), ${inWorker.toFixed(1)} ms of it in the worker, worst ${worst.toFixed(1)} ms`,
    );
    if (cpuPerSample !== null) {
      console.log(
        `worker    : ${cpuPerSample.toFixed(1)} CPU-ms per sample on its own thread (/proc, 10 ms ticks) = ${(cpuPerSample / intervalMs).toFixed(4)} of one core at one sample per ${intervalMs} ms`,
      );
    }
    console.log(
      `CPU       : sampling adds ${delta.toFixed(4)} of one core to the studio process (with − without; reported: the larger of this and the worker's own); the ffmpegs changed by ${ffDelta.toFixed(4)} cores (noise: sampling runs none)`,
    );
    console.log(`RESULT safety_ms_per_frame=${roundTrip.toFixed(1)} safety_cpu_share=${share.toFixed(4)}`);
  } finally {
    await engine.stop();
    await safety.close();
    storage.db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`bench:safety failed: ${(err as Error).message}`);
  process.exit(1);
});
