// The classifier's worker thread: nsfwjs MobileNetV2 on tfjs's wasm backend (SIMD; Node offers no wasm
// threads), loaded offline from the installed packages, then folded into fused ops (foldedModel.ts) after a
// check that the folded model answers what the original does. Each frame is scaled once to the model's
// 224×224 input (sampleInput.ts), classified, and answered as scores plus a 16×9 pixelated thumbnail. It runs
// off the studio's event loop; the studio restarts it when it dies.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { SafetyScores } from './safetyModel';
import { readMessage, toWorkerSchema, workerInitSchema, type FromWorker, type WorkerInit } from './classifierProtocol';
import { foldModel, type FoldedModel } from './foldedModel';
import { pixelate } from './pixelate';
import { MODEL_SIZE, toModelFloats, toModelRgb } from './sampleInput';

import type * as TfModule from '@tensorflow/tfjs';
import type { NSFWJS } from 'nsfwjs';

type Tf = typeof TfModule;
type Model = NSFWJS;

if (!parentPort) throw new Error('classifierWorker must run in a worker thread.');
const port = parentPort;
const send = (m: FromWorker) => port.postMessage(m);

/** tfjs and nsfwjs chat on the console while loading (hints, URLs); the studio's log wants none of it. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const saved = { info: console.info, log: console.log, warn: console.warn };
  console.info = console.log = console.warn = () => {};
  try {
    return await run();
  } finally {
    Object.assign(console, saved);
  }
}

type Predict = (input: TfModule.Tensor4D) => TfModule.Tensor;

async function loadModel(init: WorkerInit): Promise<{ tf: Tf; model: Model; predict: Predict; folded: string }> {
  return quietly(async () => {
    const tf = await import('@tensorflow/tfjs');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(init.wasmDir);
    if (!(await tf.setBackend('wasm')))
      throw new Error(`the wasm backend did not start (files looked for in ${init.wasmDir})`);
    await tf.ready();
    const nsfw = await import('nsfwjs');
    const model = await nsfw.load(init.modelName);
    const { predict, folded } = await fastestFaithful(tf, model);
    return { tf, model, predict, folded };
  });
}

/**
 * The folded model if it answers like the original on a fixed pattern (to 1e-4), else the original: a model
 * whose layers do not fold cleanly is still classified, only slower. Running both once also warms them up.
 */
async function fastestFaithful(tf: Tf, model: Model): Promise<{ predict: Predict; folded: string }> {
  // nsfwjs keeps its network (a layers model, or a graph model for some names) as `model`; both predict.
  const net = (model as unknown as { model: { predict(x: TfModule.Tensor4D): TfModule.Tensor | TfModule.Tensor[] } })
    .model;
  const original: Predict = (x) => net.predict(x) as TfModule.Tensor;
  const layers = Array.isArray((net as Partial<TfModule.LayersModel>).layers) ? (net as TfModule.LayersModel) : null;
  if (!layers) return { predict: original, folded: 'not folded (not a layers model)' };
  let f: FoldedModel;
  try {
    f = foldModel(tf, layers);
  } catch (err) {
    return { predict: original, folded: `not folded (${(err as Error).message})` };
  }
  const pattern = tf.tidy(
    () =>
      tf
        .range(0, MODEL_SIZE * MODEL_SIZE * 3)
        .mod(251)
        .div(255)
        .reshape([1, MODEL_SIZE, MODEL_SIZE, 3]) as TfModule.Tensor4D,
  );
  const a = tf.tidy(() => original(pattern));
  const b = tf.tidy(() => f.predict(pattern));
  const [pa, pb] = [await a.data(), await b.data()];
  tf.dispose([pattern, a, b]);
  const diff = Math.max(...Array.from(pa, (v, i) => Math.abs(v - (pb[i] ?? Infinity))));
  if (!(diff <= 1e-4)) {
    f.dispose();
    return { predict: original, folded: `not folded (it differed by ${diff})` };
  }
  return {
    predict: (x) => f.predict(x),
    folded: `folded ${f.folded.batchNorms} batch norms, ${f.folded.activations} activations`,
  };
}

/** This thread's CPU time (utime + stime, in 10 ms ticks) from Linux's /proc/thread-self; null elsewhere. */
function threadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return null;
  }
}

// nsfwjs's output order (its NSFW_CLASSES): Drawing, Hentai, Neutral, Porn, Sexy.
function toScores(p: ArrayLike<number>): SafetyScores {
  return { drawing: p[0] ?? 0, hentai: p[1] ?? 0, neutral: p[2] ?? 0, porn: p[3] ?? 0, sexy: p[4] ?? 0 };
}

async function main(): Promise<void> {
  const started = performance.now();
  const init = readMessage(workerInitSchema, workerData, "the studio (the worker's settings)");
  if (!init.ok) {
    send({ type: 'loadFailed', message: init.reason });
    return;
  }
  let loaded: Awaited<ReturnType<typeof loadModel>>;
  try {
    loaded = await loadModel(init.message);
  } catch (err) {
    send({ type: 'loadFailed', message: (err as Error).message });
    return;
  }
  const { tf, predict, folded } = loaded;
  send({ type: 'ready', loadMs: Math.round(performance.now() - started), backend: `${tf.getBackend()}, ${folded}` });

  port.on('message', (raw: unknown) => {
    const read = readMessage(toWorkerSchema, raw, 'the studio');
    if (!read.ok) {
      // Answered, never thrown: a frame it can name is skipped; anything else is refused in words.
      send(
        read.id === null
          ? { type: 'refused', message: read.reason }
          : { type: 'skipped', id: read.id, message: read.reason },
      );
      return;
    }
    const msg = read.message;
    if (msg.type === 'crashForTest') {
      // Test-only: a real uncaught exception on the worker's own loop, like a bug in a decoder would throw.
      setImmediate(() => {
        throw new Error('crash requested by a test');
      });
      return;
    }
    const t0 = performance.now();
    let rgb: Uint8Array;
    try {
      rgb = toModelRgb(msg.frame);
    } catch (err) {
      send({ type: 'skipped', id: msg.id, message: (err as Error).message });
      return;
    }
    let logits: TfModule.Tensor;
    try {
      logits = tf.tidy(() => predict(tf.tensor4d(toModelFloats(rgb), [1, MODEL_SIZE, MODEL_SIZE, 3])));
    } catch (err) {
      send({ type: 'skipped', id: msg.id, message: `the classifier failed on it: ${(err as Error).message}` });
      return;
    }
    void logits.data().then(
      (probs) => {
        logits.dispose();
        // The thumbnail is averaged from the model's input: the same picture, squeezed, in 16×9 blocks.
        send({
          type: 'result',
          id: msg.id,
          scores: toScores(probs),
          thumb: pixelate(rgb, MODEL_SIZE, MODEL_SIZE, 3),
          ms: performance.now() - t0,
          threadCpuMs: threadCpuMs(),
        });
      },
      (err: unknown) => {
        logits.dispose();
        send({ type: 'skipped', id: msg.id, message: (err as Error).message });
      },
    );
  });
}

void main();
