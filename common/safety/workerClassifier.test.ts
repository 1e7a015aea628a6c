// The real nsfwjs model, loaded offline from the installed package in a real worker thread: safe frames stay
// under every default threshold, a corrupt frame is skipped and the worker goes on, a crashed worker is
// restarted and sampling resumes, a model that cannot load is reported in plain words, and a malformed message
// either way (a bug in the studio, a hostile worker) becomes a skipped sample in plain words, never a crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSafetyPolicy, safetyClasses, type ClassifierStatus } from './safetyModel';
import type { ClassifyOutcome } from './classifier';
import type { FrameInput } from './classifierProtocol';
import { FrameSampler } from './frameSampler';
import { renderJpeg, renderRgb224, renderYuv420p, safeGraphs } from '../../testSupport/safetyFrames';
import { spawnClassifierWorker, WorkerClassifier } from './workerClassifier';
import { Worker } from 'node:worker_threads';
import { readdirSync, readFileSync } from 'node:fs';

let classifier: WorkerClassifier;
/** The real worker thread the classifier runs now, and what the classifier logged. */
let thread: Worker | null = null;
const logged: string[] = [];
const jpegs: Record<string, Buffer> = {};

beforeAll(async () => {
  classifier = new WorkerClassifier({
    backoffMs: 200,
    log: (line) => logged.push(line),
    spawn: (init) => (thread = spawnClassifierWorker(init)),
  });
  const [status] = await Promise.all([
    classifier.start(),
    ...Object.entries(safeGraphs).map(async ([name, graph]) => (jpegs[name] = await renderJpeg(graph))),
  ]);
  expect(status).toMatchObject({ status: 'ready' });
}, 60_000);
afterAll(async () => {
  await classifier?.close();
});

function expectSafe(name: string, outcome: ClassifyOutcome): void {
  expect(outcome.ok, `${name}: ${JSON.stringify(outcome)}`).toBe(true);
  if (!outcome.ok) return;
  for (const c of safetyClasses) {
    expect(outcome.scores[c], `${name} ${c}`).toBeLessThan(defaultSafetyPolicy.rules[c].threshold);
  }
  const sum = Object.values(outcome.scores).reduce((a, b) => a + b, 0);
  expect(sum).toBeCloseTo(1, 2);
  expect(outcome.thumb).toMatchObject({ width: 16, height: 9 });
  expect(outcome.thumb.rgb.length).toBe(16 * 9 * 3);
}

describe('the real classifier (nsfwjs MobileNetV2 on ONNX Runtime, worker thread)', () => {
  it('keeps test patterns and a rendered studio scene below every default threshold (JPEG from the preview tap)', async () => {
    for (const [name, jpeg] of Object.entries(jpegs))
      expectSafe(name, await classifier.classify({ format: 'jpeg', data: jpeg }));
  });

  it('classifies raw 224×224 RGB straight from ffmpeg the same way', async () => {
    const rgb = await renderRgb224(safeGraphs.studioScene as string);
    expectSafe('studioScene rgb', await classifier.classify({ format: 'rgb', width: 224, height: 224, data: rgb }));
  });

  it('classifies a raw 1080p yuv420p frame as the frame relay carries it, on the folded model in ONNX Runtime', async () => {
    // The worker only runs the folded model on ONNX Runtime when it answered like the original at load.
    expect(classifier.backend).toMatch(/^onnxruntime [\d.]+ \(1 thread\), folded 52 batch norms/);
    const yuv = await renderYuv420p(safeGraphs.studioScene as string, 1920, 1080);
    expectSafe(
      'studioScene yuv420p 1080p',
      await classifier.classify({ format: 'yuv420p', width: 1920, height: 1080, data: yuv }),
    );
    const odd = await classifier.classify({
      format: 'yuv420p',
      width: 1920,
      height: 1080,
      data: yuv.subarray(0, 1000),
    });
    expect(odd).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  it('runs the model on its one thread, raised above normal priority where the system allows it', () => {
    const niceOf = (tid: string) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const raised = /, priority (-\d+)$/.exec(classifier.backend ?? '');
    if (!raised) {
      // Without the right to raise it (or off Linux) the worker says so and runs at normal priority.
      expect(classifier.backend).toMatch(/, normal priority/);
      return;
    }
    // Linux: exactly one thread of this process at that priority, the worker's (ONNX Runtime started no pool).
    const raisedThreads = readdirSync('/proc/self/task').filter((tid) => niceOf(tid) === Number(raised[1]));
    expect(raisedThreads).toHaveLength(1);
    expect(niceOf(String(process.pid))).toBe(0);
  });

  it('drops a sample while a verdict is in flight instead of queueing it', async () => {
    const frame = { format: 'jpeg' as const, data: jpegs.testsrc2 as Buffer };
    const first = classifier.classify(frame);
    expect(await classifier.classify(frame)).toMatchObject({ ok: false, reason: 'busy' });
    expect((await first).ok).toBe(true);
  });

  it('skips a corrupt frame with a plain-words reason and goes on classifying', async () => {
    const garbage = await classifier.classify({
      format: 'jpeg',
      data: new Uint8Array(5000).map((_, i) => (i * 31) % 256),
    });
    expect(garbage).toMatchObject({ ok: false, reason: 'corrupt' });
    if (!garbage.ok) expect(garbage.message).toMatch(/could not be read and was skipped/);
    const wrongSize = await classifier.classify({ format: 'rgb', width: 224, height: 224, data: new Uint8Array(100) });
    expect(wrongSize).toMatchObject({ ok: false, reason: 'corrupt' });
    const truncated = (jpegs.smptebars as Buffer).subarray(0, 200);
    expect((await classifier.classify({ format: 'jpeg', data: truncated })).ok).toBe(false);
    expect(classifier.status.status).toBe('ready');
    expectSafe('after corrupt', await classifier.classify({ format: 'jpeg', data: jpegs.testsrc2 as Buffer }));
  });

  it('answers a malformed message from the studio in plain words and goes on classifying', async () => {
    const badWidth = await classifier.classify({ format: 'rgb', width: -1, height: 224, data: new Uint8Array(10) });
    expect(badWidth).toMatchObject({ ok: false, reason: 'corrupt' });
    if (!badWidth.ok) expect(badWidth.message).toMatch(/was not understood at frame\.width/);
    const notBytes = { format: 'jpeg', data: [1, 2, 3] } as unknown as FrameInput;
    expect(await classifier.classify(notBytes)).toMatchObject({ ok: false, reason: 'corrupt' });
    // Straight onto the wire, as a bug in the studio would send it: no id to answer, so it is refused in words.
    thread?.postMessage('classify everything');
    thread?.postMessage({ type: 'classify', frame: null });
    await expect
      .poll(() => logged.filter((l) => /message from the studio was not understood/.test(l)).length, {
        timeout: 10_000,
      })
      .toBe(2);
    expect(classifier.status.status).toBe('ready');
    expectSafe('after malformed', await classifier.classify({ format: 'jpeg', data: jpegs.testsrc2 as Buffer }));
  });

  it('restarts a crashed worker and sampling resumes', async () => {
    const seen: ClassifierStatus[] = [];
    const off = classifier.onStatus((s) => seen.push(s));
    const outcomes: ClassifyOutcome[] = [];
    const sampler = new FrameSampler({
      source: { kind: 'program' },
      classifier,
      intervalMs: 150,
      onOutcome: (o) => outcomes.push(o),
    });
    const feeder = setInterval(() => sampler.feed({ format: 'jpeg', data: jpegs.studioScene as Buffer }), 50);
    sampler.start();
    try {
      await expect.poll(() => outcomes.filter((o) => o.ok).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
      const before = classifier.status.restarts;
      classifier.crashForTest();
      await expect
        .poll(() => seen.some((s) => s.status === 'failed' && /stopped unexpectedly/.test(s.message ?? '')), {
          timeout: 10_000,
        })
        .toBe(true);
      await expect.poll(() => classifier.status.status, { timeout: 30_000 }).toBe('ready');
      expect(classifier.status.restarts).toBe(before + 1);
      const okBefore = outcomes.filter((o) => o.ok).length;
      await expect.poll(() => outcomes.filter((o) => o.ok).length, { timeout: 20_000 }).toBeGreaterThan(okBefore + 1);
    } finally {
      clearInterval(feeder);
      sampler.stop();
      off();
    }
  }, 60_000);

  it("reads a hostile worker's malformed answers as skipped samples in plain words, never a crash", async () => {
    const hostileWorker = `
      const { parentPort } = require('node:worker_threads');
      parentPort.postMessage({ type: 'ready', loadMs: 1, backend: 'hostile' });
      parentPort.on('message', (m) => {
        parentPort.postMessage({ type: 'result', id: m.id, scores: 'all of them', thumb: null, ms: -1 });
        parentPort.postMessage('not even an object');
        parentPort.postMessage({ type: 'launchMissiles' });
      });`;
    const lines: string[] = [];
    const hostile = new WorkerClassifier({
      log: (line) => lines.push(line),
      spawn: () => new Worker(hostileWorker, { eval: true }),
    });
    try {
      expect(await hostile.start()).toMatchObject({ status: 'ready' });
      const first = await hostile.classify({ format: 'jpeg', data: jpegs.black as Buffer });
      expect(first).toMatchObject({ ok: false, reason: 'corrupt' });
      if (!first.ok) expect(first.message).toMatch(/message from the safety classifier was not understood at scores/);
      await expect.poll(() => lines.filter((l) => /not understood/.test(l)).length, { timeout: 10_000 }).toBe(3);
      expect(lines.join('\n')).toMatch(/not understood at type/);
      expect(hostile.status.status).toBe('ready');
      // Nothing was left in flight: the next sample is asked, not dropped as busy.
      expect(await hostile.classify({ format: 'jpeg', data: jpegs.black as Buffer })).toMatchObject({
        ok: false,
        reason: 'corrupt',
      });
    } finally {
      await hostile.close();
    }
  }, 30_000);

  it('reports a model that fails to load in plain words, and keeps retrying', async () => {
    const broken = new WorkerClassifier({ modelName: 'NoSuchModel', backoffMs: 100, maxBackoffMs: 200 });
    const status = await broken.start();
    expect(status.status).toBe('failed');
    expect(status.message).toMatch(/could not load its model/);
    expect(status.message).toMatch(/broadcast goes on/);
    expect(await broken.classify({ format: 'jpeg', data: jpegs.black as Buffer })).toMatchObject({
      ok: false,
      reason: 'unavailable',
    });
    await expect.poll(() => broken.status.restarts, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await broken.close();
    expect(broken.status.status).toBe('off');
  }, 30_000);

  it('answers a sample stuck past the hang limit at once and restarts, the stuck thread ending on its own', async () => {
    // A model call that runs for 2 s on a thread of its own, like a native call; the worker hears a close only
    // between calls. The hang watchdog answers the caller and starts a new worker without tearing this one down.
    const stuckWorker = `
      const { parentPort } = require('node:worker_threads');
      parentPort.postMessage({ type: 'ready', loadMs: 1, backend: 'stuck' });
      parentPort.on('message', (m) => {
        if (m.type === 'close') process.exit(0);
        if (m.type !== 'classify') return;
        const until = Date.now() + 2000;
        while (Date.now() < until);
        parentPort.postMessage({ type: 'result', id: m.id, scores: { drawing: 0, hentai: 0, neutral: 1, porn: 0, sexy: 0 }, thumb: { width: 16, height: 9, rgb: new Uint8Array(432) }, ms: 2000, threadCpuMs: null });
      });`;
    const threads: Worker[] = [];
    const events: string[] = [];
    const stuck = new WorkerClassifier({
      hangMs: 300,
      backoffMs: 50,
      spawn: () => {
        const w = new Worker(stuckWorker, { eval: true });
        const n = threads.push(w);
        w.once('exit', (code) => events.push(`thread ${n} exited ${code}`));
        return w;
      },
    });
    try {
      expect(await stuck.start()).toMatchObject({ status: 'ready' });
      const outcome = await stuck.classify({ format: 'jpeg', data: jpegs.black as Buffer });
      events.push('answered');
      expect(outcome).toMatchObject({ ok: false, reason: 'unavailable' });
      if (!outcome.ok) expect(outcome.message).toMatch(/took too long/);
      // The caller heard before the stuck thread finished its call; the thread then ended itself (exit 0, not a
      // teardown's 1), and a second worker took over.
      await expect.poll(() => events.includes('thread 1 exited 0'), { timeout: 10_000 }).toBe(true);
      expect(events.indexOf('answered')).toBeLessThan(events.indexOf('thread 1 exited 0'));
      await expect.poll(() => stuck.status.status, { timeout: 10_000 }).toBe('ready');
      expect(threads.length).toBe(2);
      expect(stuck.status.restarts).toBe(1);
    } finally {
      await stuck.close();
    }
  }, 30_000);

  it('closes while its model loads or runs without taking the process down, the thread ending on its own', async () => {
    // Tearing the thread down inside ONNX Runtime's load or run aborts the whole process ("terminate called after
    // throwing Napi::Error"): close asks the worker to end between model calls instead. This process lives on.
    for (const wait of [0, 50, 200, 400]) {
      let own: Worker | null = null;
      const c = new WorkerClassifier({ spawn: (init) => (own = spawnClassifierWorker(init)) });
      void c.start();
      await new Promise((r) => setTimeout(r, wait));
      const exitCode = new Promise<number>((resolve) => own!.once('exit', resolve));
      await c.close();
      expect(c.status.status).toBe('off');
      expect(await exitCode).toBe(0); // ended itself (a torn-down thread exits with 1)
    }
    expect(await classifier.classify({ format: 'jpeg', data: jpegs.black as Buffer })).toMatchObject({ ok: true });
  }, 60_000);
});
