// Compiles a loaded Keras-style tfjs model (nsfwjs's MobileNetV2) into fewer, fused tf ops for inference:
// every BatchNormalization is folded into the convolution before it, the ReLU6 after it becomes the fused
// op's activation, and a zero-padding before a plain convolution becomes its explicit padding. The weights
// and the arithmetic are the model's own (the fold is exact algebra, as TensorFlow's graph optimiser does);
// measured here it removes the 52 batch-norm passes that cost as much as all the convolutions together.
// Any layer that does not match a fold pattern runs through the layer's own `apply`.
import type * as TfModule from '@tensorflow/tfjs';

type Tf = typeof TfModule;
type Tensor = TfModule.Tensor;
type Layer = TfModule.layers.Layer;
type Activation = 'linear' | 'relu' | 'relu6';

interface Step {
  name: string;
  inputs: string[];
  run: (inputs: Tensor[]) => Tensor;
}

export interface FoldedModel {
  /** [1, h, w, 3] floats in 0..1 → the model's output (class probabilities). Call inside tf.tidy or dispose. */
  predict(input: TfModule.Tensor4D): Tensor;
  /** How many batch-norm layers and activations were folded away (for the log). */
  folded: { batchNorms: number; activations: number; paddings: number };
  dispose(): void;
}

const className = (l: Layer): string => l.getClassName();
const consumers = (l: Layer): Layer[] => l.outboundNodes.map((n) => n.outboundLayer);
const producers = (l: Layer): Layer[] => l.inboundNodes[0]?.inboundLayers ?? [];

function soleConsumer(l: Layer, kind: string): Layer | null {
  const c = consumers(l);
  return c.length === 1 && c[0] && className(c[0]) === kind ? c[0] : null;
}

/** The layer's weights by their Keras names (kernel, depthwise_kernel, bias, gamma, beta, moving_mean, …). */
function weightsByName(l: Layer): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  l.weights.forEach((w, i) => {
    const short = w.originalName.split('/').at(-1)?.replace(/:\d+$/, '') ?? w.originalName;
    const value = l.getWeights()[i];
    if (value) out.set(short, value);
  });
  return out;
}

/** tfjs-layers' ReLU: maxValue 6 → relu6, none → relu; any other cap cannot be fused. (tfjs configs are camelCase.) */
function fusableActivation(l: Layer): Activation | null {
  const c = l.getConfig() as { maxValue?: number | null };
  if (c.maxValue === 6) return 'relu6';
  if (c.maxValue === null || c.maxValue === undefined) return 'relu';
  return null;
}

export function foldModel(tf: Tf, model: TfModule.LayersModel): FoldedModel {
  const steps: Step[] = [];
  const kept: Tensor[] = [];
  /** Layers whose output is produced by an earlier fused step under another name. */
  const alias = new Map<string, string>();
  const skip = new Set<string>();
  /** ZeroPadding2D layers folded into the next convolution, with their paddings. */
  const padFold = new Map<string, [[number, number], [number, number]]>();
  const folded = { batchNorms: 0, activations: 0, paddings: 0 };
  const src = (l: Layer) => alias.get(l.name) ?? l.name;

  for (const layer of model.layers) {
    if (skip.has(layer.name)) continue;
    const kind = className(layer);
    const ins = producers(layer).map(src);
    if (kind === 'InputLayer') continue;

    if (kind === 'ZeroPadding2D') {
      const next = consumers(layer)[0];
      const cfg = layer.getConfig() as { padding: [[number, number], [number, number]]; dataFormat?: string };
      const nextCfg = next ? (next.getConfig() as { padding?: string }) : {};
      if (
        consumers(layer).length === 1 &&
        next &&
        className(next) === 'Conv2D' &&
        nextCfg.padding === 'valid' &&
        cfg.dataFormat !== 'channelsFirst'
      ) {
        padFold.set(layer.name, cfg.padding);
        alias.set(layer.name, ins[0] ?? '');
        folded.paddings++;
        continue;
      }
    }

    if (kind === 'Conv2D' || kind === 'DepthwiseConv2D') {
      const cfg = layer.getConfig() as {
        strides: [number, number];
        padding: 'same' | 'valid';
        dilationRate: [number, number];
        activation: string;
        dataFormat?: string;
      };
      const bn =
        cfg.activation === 'linear' && cfg.dataFormat !== 'channelsFirst'
          ? soleConsumer(layer, 'BatchNormalization')
          : null;
      const bnCfg = bn ? (bn.getConfig() as { axis: number | number[]; epsilon: number }) : null;
      const bnAxisOk =
        bnCfg &&
        (bnCfg.axis === -1 ||
          bnCfg.axis === 3 ||
          (Array.isArray(bnCfg.axis) && bnCfg.axis.length === 1 && (bnCfg.axis[0] === -1 || bnCfg.axis[0] === 3)));
      if (bn && bnCfg && bnAxisOk) {
        const w = weightsByName(layer);
        const b = weightsByName(bn);
        const kernel = w.get(kind === 'Conv2D' ? 'kernel' : 'depthwise_kernel');
        const mean = b.get('moving_mean');
        const variance = b.get('moving_variance');
        if (kernel && mean && variance) {
          const relu = soleConsumer(bn, 'ReLU');
          const activation: Activation = (relu && fusableActivation(relu)) || 'linear';
          const { filter, bias } = tf.tidy(() => {
            const gamma = b.get('gamma') ?? tf.onesLike(mean);
            const beta = b.get('beta') ?? tf.zerosLike(mean);
            const scale = tf.div(gamma, tf.sqrt(tf.add(variance, bnCfg.epsilon)));
            const convBias = w.get('bias') ?? tf.zerosLike(mean);
            const [, , cin, mult] = kernel.shape as [number, number, number, number];
            const f = kind === 'Conv2D' ? tf.mul(kernel, scale) : tf.mul(kernel, tf.reshape(scale, [cin, mult]));
            return {
              filter: f as TfModule.Tensor4D,
              bias: tf.add(tf.mul(tf.sub(convBias, mean), scale), beta) as TfModule.Tensor1D,
            };
          });
          kept.push(filter, bias);
          const padLayer = producers(layer)[0];
          const pads = padLayer ? padFold.get(padLayer.name) : undefined;
          const pad: 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]] = pads
            ? [[0, 0], pads[0], pads[1], [0, 0]]
            : cfg.padding;
          const common = {
            filter,
            strides: cfg.strides,
            dilations: cfg.dilationRate,
            bias,
            activation,
            dataFormat: 'NHWC' as const,
          };
          const run =
            kind === 'Conv2D'
              ? (x: Tensor[]) => tf.fused.conv2d({ x: x[0] as TfModule.Tensor4D, pad, ...common })
              : (x: Tensor[]) =>
                  tf.fused.depthwiseConv2d({ x: x[0] as TfModule.Tensor4D, pad: pad as 'same' | 'valid', ...common });
          let last: Layer = bn;
          skip.add(bn.name);
          folded.batchNorms++;
          if (relu && activation !== 'linear') {
            skip.add(relu.name);
            last = relu;
            folded.activations++;
          }
          steps.push({ name: last.name, inputs: ins, run });
          alias.set(layer.name, last.name);
          alias.set(bn.name, last.name);
          continue;
        }
      }
    }

    // Anything else runs as the layer itself (Add, pooling, Flatten, Dense, Dropout at inference, …).
    steps.push({
      name: layer.name,
      inputs: ins,
      run: (x) => layer.apply(x.length === 1 ? (x[0] as Tensor) : x, { training: false }) as Tensor,
    });
  }

  const inputName = model.inputLayers[0]?.name;
  const outputName = model.outputLayers[0] ? src(model.outputLayers[0]) : undefined;
  if (!inputName || !outputName || model.inputLayers.length !== 1 || model.outputLayers.length !== 1) {
    throw new Error('the model must have exactly one input and one output to be folded');
  }

  return {
    folded,
    predict(input) {
      const values = new Map<string, Tensor>([[inputName, input]]);
      for (const s of steps) {
        const xs = s.inputs.map((n) => {
          const v = values.get(n);
          if (!v) throw new Error(`folded model: ${s.name} needs ${n}, which was not computed`);
          return v;
        });
        values.set(s.name, s.run(xs));
      }
      const out = values.get(outputName);
      if (!out) throw new Error('folded model: no output');
      return out;
    },
    dispose() {
      for (const t of kept) t.dispose();
    },
  };
}
