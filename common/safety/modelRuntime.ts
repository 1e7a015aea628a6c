// Loads the safety model (nsfwjs MobileNetV2, offline from the installed packages, on tfjs's wasm backend) and
// picks the fastest way to run it that answers as the original does: ONNX Runtime on the folded plan, else the
// folded plan on tfjs, else the original. Each candidate is checked against the original on a fixed pattern
// (to 1e-4) at every load, so a faster runtime can never change a verdict.
import type * as TfModule from '@tensorflow/tfjs';
import type { WorkerInit } from './classifierProtocol';
import { foldModel, planFold, type FoldPlan } from './foldedModel';
import { loadOnnxPredictor } from './onnxModel';
import { MODEL_SIZE, toModelFloats, toModelPlanarFloats } from './sampleInput';

type Tf = typeof TfModule;

/** 224×224 RGB24 → the five class probabilities (nsfwjs's order). */
export type Predict = (rgb: Uint8Array) => Promise<ArrayLike<number>>;

export interface LoadedModel {
  predict: Predict;
  /** The runtime and what was folded, or why a faster one was not used, for the log. */
  runtime: string;
}

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

const PATTERN = Uint8Array.from({ length: MODEL_SIZE * MODEL_SIZE * 3 }, (_, i) => i % 251);
const TOLERANCE = 1e-4;

function tfjsPredict(tf: Tf, run: (x: TfModule.Tensor4D) => TfModule.Tensor): Predict {
  return async (rgb) => {
    const out = tf.tidy(() => run(tf.tensor4d(toModelFloats(rgb), [1, MODEL_SIZE, MODEL_SIZE, 3])));
    try {
      return await out.data();
    } finally {
      out.dispose();
    }
  };
}

/** How far a candidate's answer on the pattern is from the original's; Infinity when it has fewer classes. */
async function distance(reference: ArrayLike<number>, candidate: Predict): Promise<number> {
  const got = await candidate(PATTERN);
  return Math.max(...Array.from(reference, (v, i) => Math.abs(v - (got[i] ?? Infinity))));
}

/** The plan on ONNX Runtime if it loads and answers as the original does; else why not, in words. */
async function onnxIfFaithful(
  tf: Tf,
  plan: FoldPlan,
  layers: TfModule.LayersModel,
  reference: ArrayLike<number>,
): Promise<{ predict: Predict; label: string } | string> {
  try {
    const onnx = await loadOnnxPredictor(tf, plan, layers);
    const predict: Predict = (rgb) => onnx.run(toModelPlanarFloats(rgb));
    const diff = await distance(reference, predict);
    if (diff <= TOLERANCE) return { predict, label: onnx.label };
    await onnx.dispose();
    return `onnxruntime differed by ${diff}`;
  } catch (err) {
    return `onnxruntime unavailable: ${(err as Error).message}`;
  }
}

/** A network that predicts: nsfwjs keeps a layers model (or, for some names, a graph model) as its `model`. */
export interface Network {
  predict(x: TfModule.Tensor4D): TfModule.Tensor | TfModule.Tensor[];
}

/** The fastest faithful way to run `net`: ONNX Runtime (when tryOnnx), the folded plan on tfjs, or `net` itself. */
export async function fastestFaithful(tf: Tf, net: Network, tryOnnx: boolean): Promise<LoadedModel> {
  const original = tfjsPredict(tf, (x) => net.predict(x) as TfModule.Tensor);
  const layers = Array.isArray((net as Partial<TfModule.LayersModel>).layers) ? (net as TfModule.LayersModel) : null;
  if (!layers) return { predict: original, runtime: `${tf.getBackend()}, not folded (not a layers model)` };
  const reference = await original(PATTERN);
  let plan: FoldPlan;
  try {
    plan = planFold(tf, layers);
  } catch (err) {
    return { predict: original, runtime: `${tf.getBackend()}, not folded (${(err as Error).message})` };
  }
  const what = `folded ${plan.folded.batchNorms} batch norms, ${plan.folded.activations} activations`;
  const onnx = tryOnnx ? await onnxIfFaithful(tf, plan, layers, reference) : 'onnxruntime not asked for';
  plan.dispose();
  if (typeof onnx !== 'string') return { predict: onnx.predict, runtime: `${onnx.label}, ${what}` };
  const folded = foldModel(tf, layers);
  const predict = tfjsPredict(tf, (x) => folded.predict(x));
  const diff = await distance(reference, predict);
  if (diff <= TOLERANCE) return { predict, runtime: `${tf.getBackend()}, ${what} (${onnx})` };
  folded.dispose();
  return { predict: original, runtime: `${tf.getBackend()}, not folded (it differed by ${diff}; ${onnx})` };
}

export async function loadSafetyModel(init: WorkerInit): Promise<LoadedModel> {
  return quietly(async () => {
    const tf = await import('@tensorflow/tfjs');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(init.wasmDir);
    if (!(await tf.setBackend('wasm')))
      throw new Error(`the wasm backend did not start (files looked for in ${init.wasmDir})`);
    await tf.ready();
    const nsfw = await import('nsfwjs');
    const model = await nsfw.load(init.modelName);
    return fastestFaithful(tf, (model as unknown as { model: Network }).model, init.runtime !== 'tfjs');
  });
}
