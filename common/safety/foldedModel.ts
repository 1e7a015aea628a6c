// Compiles a loaded Keras-style tfjs model (nsfwjs's MobileNetV2) into fewer, fused steps for inference:
// every BatchNormalization is folded into the convolution before it, the ReLU6 after it becomes the fused
// op's activation, and a zero-padding before a plain convolution becomes its explicit padding. The weights
// and the arithmetic are the model's own (the fold is exact algebra, as TensorFlow's graph optimiser does);
// measured here it removes the 52 batch-norm passes that cost as much as all the convolutions together.
// The plan (`planFold`) is data: tfjs runs it here (`foldModel`), and onnxExport.ts writes it for ONNX Runtime.
// Any layer that does not match a fold pattern stays a step of its own, run by the layer's own `apply`.
import type * as TfModule from '@tensorflow/tfjs';

type Tf = typeof TfModule;
type Tensor = TfModule.Tensor;
type Layer = TfModule.layers.Layer;
export type Activation = 'linear' | 'relu' | 'relu6';
/** 'same'/'valid' as Keras says, or explicit [top, bottom], [left, right] rows and columns of zeros. */
export type ConvPad = 'same' | 'valid' | [[number, number], [number, number]];

/** A convolution with its batch norm (and activation) folded in: filter and bias in tfjs's layout (HWIO / HWC1). */
export interface ConvStep {
  kind: 'conv' | 'depthwise';
  name: string;
  inputs: string[];
  filter: TfModule.Tensor4D;
  bias: TfModule.Tensor1D;
  strides: [number, number];
  dilations: [number, number];
  pad: ConvPad;
  activation: Activation;
}
/** Any other layer, as the model has it. */
export interface LayerStep {
  kind: 'layer';
  name: string;
  inputs: string[];
  layer: Layer;
}
export type FoldStep = ConvStep | LayerStep;

export interface FoldPlan {
  steps: FoldStep[];
  input: string;
  output: string;
  folded: { batchNorms: number; activations: number; paddings: number };
  dispose(): void;
}

export interface FoldedModel {
  /** [1, h, w, 3] floats in 0..1 → the model's output (class probabilities). Call inside tf.tidy or dispose. */
  predict(input: TfModule.Tensor4D): Tensor;
  /** How many batch-norm layers and activations were folded away (for the log). */
  folded: FoldPlan['folded'];
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

const isLastAxis = (axis: number | number[]) =>
  axis === -1 || axis === 3 || (Array.isArray(axis) && axis.length === 1 && (axis[0] === -1 || axis[0] === 3));

/** Conv (or depthwise conv) + its sole BatchNormalization → one filter and bias; null when the pattern does not hold. */
function foldBatchNorm(tf: Tf, layer: Layer, kind: 'Conv2D' | 'DepthwiseConv2D') {
  const cfg = layer.getConfig() as { activation: string; dataFormat?: string };
  const bn =
    cfg.activation === 'linear' && cfg.dataFormat !== 'channelsFirst'
      ? soleConsumer(layer, 'BatchNormalization')
      : null;
  const bnCfg = bn ? (bn.getConfig() as { axis: number | number[]; epsilon: number }) : null;
  if (!bn || !bnCfg || !isLastAxis(bnCfg.axis)) return null;
  const w = weightsByName(layer);
  const b = weightsByName(bn);
  const kernel = w.get(kind === 'Conv2D' ? 'kernel' : 'depthwise_kernel');
  const mean = b.get('moving_mean');
  const variance = b.get('moving_variance');
  if (!kernel || !mean || !variance) return null;
  const weights = tf.tidy(() => {
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
  return { bn, ...weights };
}

export function planFold(tf: Tf, model: TfModule.LayersModel): FoldPlan {
  const steps: FoldStep[] = [];
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
      const fold = foldBatchNorm(tf, layer, kind);
      if (fold) {
        const cfg = layer.getConfig() as {
          strides: [number, number];
          padding: 'same' | 'valid';
          dilationRate: [number, number];
        };
        kept.push(fold.filter, fold.bias);
        const relu = soleConsumer(fold.bn, 'ReLU');
        const activation: Activation = (relu && fusableActivation(relu)) || 'linear';
        const padLayer = producers(layer)[0];
        let last: Layer = fold.bn;
        skip.add(fold.bn.name);
        folded.batchNorms++;
        if (relu && activation !== 'linear') {
          skip.add(relu.name);
          last = relu;
          folded.activations++;
        }
        steps.push({
          kind: kind === 'Conv2D' ? 'conv' : 'depthwise',
          name: last.name,
          inputs: ins,
          filter: fold.filter,
          bias: fold.bias,
          strides: cfg.strides,
          dilations: cfg.dilationRate,
          pad: (padLayer && padFold.get(padLayer.name)) ?? cfg.padding,
          activation,
        });
        alias.set(layer.name, last.name);
        alias.set(fold.bn.name, last.name);
        continue;
      }
    }
    // Anything else stays a layer of its own (Add, pooling, Flatten, Dense, Dropout at inference, …).
    steps.push({ kind: 'layer', name: layer.name, inputs: ins, layer });
  }

  const input = model.inputLayers[0]?.name;
  const output = model.outputLayers[0] ? src(model.outputLayers[0]) : undefined;
  if (!input || !output || model.inputLayers.length !== 1 || model.outputLayers.length !== 1) {
    for (const t of kept) t.dispose();
    throw new Error('the model must have exactly one input and one output to be folded');
  }
  return { steps, input, output, folded, dispose: () => kept.forEach((t) => t.dispose()) };
}

/** One step of the plan as tfjs ops. */
function runStep(tf: Tf, s: FoldStep, x: Tensor[]): Tensor {
  if (s.kind === 'layer') return s.layer.apply(x.length === 1 ? (x[0] as Tensor) : x, { training: false }) as Tensor;
  const common = {
    x: x[0] as TfModule.Tensor4D,
    filter: s.filter,
    strides: s.strides,
    dilations: s.dilations,
    bias: s.bias,
    activation: s.activation,
    dataFormat: 'NHWC' as const,
  };
  const pad = typeof s.pad === 'string' ? s.pad : ([[0, 0], s.pad[0], s.pad[1], [0, 0]] as const);
  if (s.kind === 'conv')
    return tf.fused.conv2d({ ...common, pad: pad as Parameters<typeof tf.fused.conv2d>[0]['pad'] });
  return tf.fused.depthwiseConv2d({ ...common, pad: pad as 'same' | 'valid' });
}

export function foldModel(tf: Tf, model: TfModule.LayersModel): FoldedModel {
  const plan = planFold(tf, model);
  return {
    folded: plan.folded,
    predict(input) {
      const values = new Map<string, Tensor>([[plan.input, input]]);
      for (const s of plan.steps) {
        const xs = s.inputs.map((n) => {
          const v = values.get(n);
          if (!v) throw new Error(`folded model: ${s.name} needs ${n}, which was not computed`);
          return v;
        });
        values.set(s.name, runStep(tf, s, xs));
      }
      const out = values.get(plan.output);
      if (!out) throw new Error('folded model: no output');
      return out;
    },
    dispose: plan.dispose,
  };
}
