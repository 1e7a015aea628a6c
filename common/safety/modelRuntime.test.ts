// The safety model's runtimes against the original: nsfwjs MobileNetV2 exported to ONNX Runtime answers what
// tfjs answers on real rendered pictures; the exporter's other translations (stride-2 'same' padding, depthwise
// multipliers, a padding layer, global pooling, plain ReLU) are exact on a small model of them; and a layer it
// cannot translate leaves the model on tfjs, saying why, still answering as the original.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderRgb224, safeGraphs } from '../../testSupport/safetyFrames';
import { planFold } from './foldedModel';
import { fastestFaithful, type Network } from './modelRuntime';
import { exportOnnx } from './onnxExport';
import { loadOnnxPredictor } from './onnxModel';
import { MODEL_SIZE, toModelFloats, toModelPlanarFloats } from './sampleInput';
import { wasmDir } from './workerClassifier';

let nsfwNet: tf.LayersModel;

beforeAll(async () => {
  const quiet = { log: console.log, warn: console.warn };
  console.log = console.warn = () => {};
  try {
    setWasmPaths(wasmDir());
    await tf.setBackend('wasm');
    const nsfw = await import('nsfwjs');
    nsfwNet = ((await nsfw.load('MobileNetV2')) as unknown as { model: tf.LayersModel }).model;
  } finally {
    Object.assign(console, quiet);
  }
}, 60_000);

const original = async (net: Network, rgb: Uint8Array) => {
  const out = tf.tidy(() => net.predict(tf.tensor4d(toModelFloats(rgb), [1, MODEL_SIZE, MODEL_SIZE, 3])) as tf.Tensor);
  const data = await out.data();
  out.dispose();
  return Array.from(data);
};

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Math.max(...Array.from(a, (v, i) => Math.abs(v - (b[i] ?? Infinity))));

const noise = (seed: number) =>
  Uint8Array.from({ length: MODEL_SIZE * MODEL_SIZE * 3 }, (_, i) => (i * 2654435761 + seed * 97) % 256);

describe('the safety model on ONNX Runtime', () => {
  it('answers as the original tfjs model on real pictures (the studio scene, test patterns, black)', async () => {
    const loaded = await fastestFaithful(tf, nsfwNet, true);
    expect(loaded.runtime).toMatch(/^onnxruntime [\d.]+ \(1 thread\), folded 52 batch norms, 35 activations$/);
    for (const name of ['studioScene', 'testsrc2', 'smptebars', 'black']) {
      const rgb = await renderRgb224(safeGraphs[name] as string);
      const [want, got] = [await original(nsfwNet, rgb), await loaded.predict(rgb)];
      expect(maxDiff(want, got), name).toBeLessThan(1e-4);
      // Different pictures get different answers: the comparison can fail.
      expect(maxDiff(want, await loaded.predict(noise(1))), name).toBeGreaterThan(1e-3);
    }
  }, 60_000);

  it("translates the exporter's other shapes exactly (stride-2 'same', depth multiplier 2, a padding layer, global pooling)", async () => {
    const input = tf.input({ shape: [MODEL_SIZE, MODEL_SIZE, 3] });
    const init = { kernelInitializer: 'glorotUniform', biasInitializer: 'randomNormal' } as const;
    let x = tf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', ...init }).apply(input);
    x = tf.layers.batchNormalization({ movingMeanInitializer: 'randomNormal' }).apply(x);
    x = tf.layers.reLU().apply(x);
    x = tf.layers
      .zeroPadding2d({
        padding: [
          [1, 2],
          [0, 1],
        ],
      })
      .apply(x);
    const d = tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'valid' }).apply(x);
    const e = tf.layers.batchNormalization({ gammaInitializer: 'randomUniform' }).apply(d) as tf.SymbolicTensor;
    const f = tf.layers.add().apply([e, tf.layers.reLU({ maxValue: 6 }).apply(e) as tf.SymbolicTensor]);
    const g = tf.layers.globalAveragePooling2d({}).apply(f);
    const out = tf.layers.dense({ units: 4, activation: 'softmax', ...init }).apply(g) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });

    const plan = planFold(tf, model);
    expect(plan.folded.batchNorms).toBe(2);
    const onnx = await loadOnnxPredictor(tf, plan, model);
    plan.dispose();
    for (const seed of [1, 2]) {
      const rgb = noise(seed);
      const got = await onnx.run(toModelPlanarFloats(rgb));
      expect(got.length).toBe(4);
      expect(maxDiff(await original(model, rgb), got)).toBeLessThan(1e-5);
    }
    await onnx.dispose();
  });

  it('keeps a model it cannot translate on tfjs, says why, and answers as the original', async () => {
    const input = tf.input({ shape: [MODEL_SIZE, MODEL_SIZE, 3] });
    const c = tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 4 }).apply(input);
    const b = tf.layers.batchNormalization().apply(c);
    const l = tf.layers.leakyReLU({ alpha: 0.2 }).apply(b);
    const g = tf.layers.globalAveragePooling2d({}).apply(l);
    const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 3 }).apply(g) as tf.SymbolicTensor });
    const loaded = await fastestFaithful(tf, model, true);
    expect(loaded.runtime).toMatch(/onnxruntime unavailable: .*LeakyReLU.*cannot be exported: no ONNX translation/);
    expect(loaded.runtime).toMatch(/^wasm, folded 1 batch norms/);
    expect(maxDiff(await original(model, noise(3)), await loaded.predict(noise(3)))).toBeLessThan(1e-5);

    // A flatten of more than one pixel reads NHWC and NCHW in different orders: refused, not mistranslated.
    const flat = tf.layers.flatten().apply(b);
    const flatModel = tf.model({
      inputs: input,
      outputs: tf.layers.dense({ units: 2 }).apply(flat) as tf.SymbolicTensor,
    });
    const plan = planFold(tf, flatModel);
    expect(() => exportOnnx(tf, plan, flatModel)).toThrow(/Flatten\) cannot be exported: input/);
    plan.dispose();
  });
});
