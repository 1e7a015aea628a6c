// Runs the safety model on ONNX Runtime's CPU engine (native, one thread): the folded plan exported as ONNX
// (onnxExport.ts) answers a 224×224 sample in ~8 CPU-ms where tfjs's wasm backend needs ~35, which is what lets
// a verdict come back within a frame or two while a 1080p30 broadcast holds the other core.
import type * as TfModule from '@tensorflow/tfjs';
import type { FoldPlan } from './foldedModel';
import { exportOnnx } from './onnxExport';

type Tf = typeof TfModule;

/**
 * onnxruntime-node is an optional dependency: it ships native builds for Windows, macOS and Linux on x64 and
 * arm64 only, and where it is missing the worker keeps the model on tfjs. So it is loaded by name at run time,
 * and the part of its API used here is declared here rather than taken from its typings.
 */
const RUNTIME_PACKAGE = 'onnxruntime-node';
interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, { data: unknown } | undefined>>;
  release(): Promise<void>;
}
interface Ort {
  InferenceSession: {
    create(
      model: Uint8Array,
      options: {
        intraOpNumThreads: number;
        interOpNumThreads: number;
        executionMode: 'sequential';
        graphOptimizationLevel: 'all';
      },
    ): Promise<OrtSession>;
  };
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => unknown;
  env: { versions: { common?: string } };
}

export interface OnnxPredictor {
  /** Planar RGB floats [1, 3, h, w] in 0..1 → the class probabilities. */
  run(planar: Float32Array): Promise<Float32Array>;
  /** The runtime as the log names it. */
  label: string;
  dispose(): Promise<void>;
}

/**
 * One intra-op thread and no inter-op pool: on a two-core PC the other core is the broadcast's, and one sample
 * every few seconds gains nothing from spreading across cores except time stolen from the encoder.
 */
export async function loadOnnxPredictor(tf: Tf, plan: FoldPlan, model: TfModule.LayersModel): Promise<OnnxPredictor> {
  const ort = (await import(/* @vite-ignore */ RUNTIME_PACKAGE)) as Ort;
  const session = await ort.InferenceSession.create(exportOnnx(tf, plan, model), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const [input] = session.inputNames;
  const [output] = session.outputNames;
  if (!input || !output) throw new Error('the exported model has no input or output');
  const shape = [1, 3, ...((model.inputs[0]?.shape.slice(1, 3) ?? []) as number[])];
  return {
    label: `onnxruntime ${ort.env.versions.common ?? ''} (1 thread)`,
    async run(planar) {
      const result = await session.run({ [input]: new ort.Tensor('float32', planar, shape) });
      const data = result[output]?.data;
      if (!(data instanceof Float32Array)) throw new Error('onnxruntime answered no probabilities');
      return data;
    },
    dispose: () => session.release(),
  };
}
