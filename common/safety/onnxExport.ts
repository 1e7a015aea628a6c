// Writes a folded plan of the safety model (foldedModel.ts) as an ONNX graph for ONNX Runtime: the same
// weights and the same arithmetic, laid out as ONNX wants it (NCHW activations, OIHW filters). A layer it
// cannot translate exactly throws, and the worker keeps the model on tfjs instead.
import type * as TfModule from '@tensorflow/tfjs';
import type { Activation, ConvStep, FoldPlan, LayerStep } from './foldedModel';
import { encodeOnnxModel, type AttributeValue, type OnnxNode, type OnnxTensor } from './onnxProto';

type Tf = typeof TfModule;

interface Emit {
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  fresh(base: string): string;
}

const floats = (t: TfModule.Tensor) => t.dataSync() as Float32Array;

function activate(e: Emit, x: string, activation: Activation | 'softmax', out: string): void {
  if (activation === 'linear') e.nodes.push({ op: 'Identity', inputs: [x], outputs: [out] });
  else if (activation === 'relu') e.nodes.push({ op: 'Relu', inputs: [x], outputs: [out] });
  else if (activation === 'relu6') e.nodes.push({ op: 'Clip', inputs: [x, 'relu6_min', 'relu6_max'], outputs: [out] });
  else e.nodes.push({ op: 'Softmax', inputs: [x], outputs: [out], attributes: { axis: -1 } });
}

function conv(tf: Tf, e: Emit, s: ConvStep): void {
  const [kh, kw, cin, m] = s.filter.shape;
  // tfjs keeps HWIO (conv) or HW·C·multiplier (depthwise); ONNX wants OIHW, a depthwise conv being C groups.
  const weight = tf.tidy(() =>
    s.kind === 'conv'
      ? tf.transpose(s.filter, [3, 2, 0, 1])
      : tf.transpose(tf.reshape(s.filter, [kh, kw, cin * m, 1]), [2, 3, 0, 1]),
  );
  const w = e.fresh(`${s.name}_w`);
  const b = e.fresh(`${s.name}_b`);
  e.initializers.push(
    { name: w, dims: weight.shape, data: floats(weight) },
    { name: b, dims: s.bias.shape, data: floats(s.bias) },
  );
  weight.dispose();
  const pads: Record<string, AttributeValue> =
    s.pad === 'same'
      ? { auto_pad: { text: 'SAME_UPPER' } }
      : s.pad === 'valid'
        ? {}
        : { pads: [s.pad[0][0], s.pad[1][0], s.pad[0][1], s.pad[1][1]] };
  const y = e.fresh(`${s.name}_conv`);
  e.nodes.push({
    op: 'Conv',
    inputs: [s.inputs[0] ?? '', w, b],
    outputs: [y],
    attributes: {
      kernel_shape: [kh, kw],
      strides: s.strides,
      dilations: s.dilations,
      group: s.kind === 'conv' ? 1 : cin,
      ...pads,
    },
  });
  activate(e, y, s.activation, s.name);
}

function layer(e: Emit, s: LayerStep): void {
  const kind = s.layer.getClassName();
  const cfg = s.layer.getConfig() as Record<string, unknown>;
  const x = s.inputs[0] ?? '';
  const unsupported = (why: string) => new Error(`${s.name} (${kind}) cannot be exported: ${why}`);
  switch (kind) {
    case 'Add':
      e.nodes.push({ op: 'Add', inputs: s.inputs, outputs: [s.name] });
      return;
    case 'Dropout': // inference: passes its input through
      e.nodes.push({ op: 'Identity', inputs: [x], outputs: [s.name] });
      return;
    case 'ReLU': {
      const max = cfg.maxValue as number | null | undefined;
      if (max !== 6 && max !== null && max !== undefined) throw unsupported(`a cap of ${max}`);
      activate(e, x, max === 6 ? 'relu6' : 'relu', s.name);
      return;
    }
    case 'ZeroPadding2D': {
      const [[t, b], [l, r]] = cfg.padding as [[number, number], [number, number]];
      const pads = e.fresh(`${s.name}_pads`);
      e.initializers.push({ name: pads, dims: [8], data: { int64: [0, 0, t, l, 0, 0, b, r] } });
      e.nodes.push({ op: 'Pad', inputs: [x, pads], outputs: [s.name] });
      return;
    }
    case 'AveragePooling2D': {
      if (cfg.padding !== 'valid') throw unsupported(`padding ${String(cfg.padding)}`);
      const attributes = { kernel_shape: cfg.poolSize as number[], strides: cfg.strides as number[] };
      e.nodes.push({ op: 'AveragePool', inputs: [x], outputs: [s.name], attributes });
      return;
    }
    case 'GlobalAveragePooling2D': {
      if (cfg.keepDims === true) throw unsupported('keepDims');
      const pooled = e.fresh(`${s.name}_pool`);
      e.nodes.push({ op: 'GlobalAveragePool', inputs: [x], outputs: [pooled] });
      e.nodes.push({ op: 'Flatten', inputs: [pooled], outputs: [s.name], attributes: { axis: 1 } });
      return;
    }
    case 'Flatten': {
      // NHWC and NCHW flatten to the same order only when there is one pixel left.
      const given = s.layer.inboundNodes[0]?.inputShapes ?? [];
      const shape = (Array.isArray(given[0]) ? given[0] : given) as (number | null)[];
      if (shape.length !== 4 || shape[1] !== 1 || shape[2] !== 1) throw unsupported(`input ${shape.join('×')}`);
      e.nodes.push({ op: 'Flatten', inputs: [x], outputs: [s.name], attributes: { axis: 1 } });
      return;
    }
    case 'Dense': {
      const activation = cfg.activation as string;
      if (!['linear', 'relu', 'softmax'].includes(activation)) throw unsupported(`activation ${activation}`);
      const [kernel, bias] = s.layer.getWeights();
      if (!kernel || (cfg.useBias && !bias)) throw unsupported('its weights are missing');
      const w = e.fresh(`${s.name}_w`);
      e.initializers.push({ name: w, dims: kernel.shape, data: floats(kernel) });
      const inputs = [x, w];
      if (bias) {
        const b = e.fresh(`${s.name}_b`);
        e.initializers.push({ name: b, dims: bias.shape, data: floats(bias) });
        inputs.push(b);
      }
      const y = e.fresh(`${s.name}_gemm`);
      e.nodes.push({ op: 'Gemm', inputs, outputs: [y] });
      activate(e, y, activation as Activation | 'softmax', s.name);
      return;
    }
    default:
      throw unsupported('no ONNX translation');
  }
}

/** The plan as an ONNX model: input [1, 3, h, w] floats in 0..1 (planar RGB), output the class probabilities. */
export function exportOnnx(tf: Tf, plan: FoldPlan, model: TfModule.LayersModel): Uint8Array {
  const used = new Set<string>();
  const e: Emit = {
    nodes: [],
    initializers: [
      { name: 'relu6_min', dims: [], data: new Float32Array([0]) },
      { name: 'relu6_max', dims: [], data: new Float32Array([6]) },
    ],
    fresh(base) {
      let name = base;
      for (let i = 1; used.has(name); i++) name = `${base}_${i}`;
      used.add(name);
      return name;
    },
  };
  for (const s of plan.steps) {
    used.add(s.name);
    if (s.kind === 'layer') layer(e, s);
    else conv(tf, e, s);
  }
  const [, h, w, c] = model.inputs[0]?.shape ?? [];
  const outShape = model.outputs[0]?.shape ?? [];
  if (!h || !w || c !== 3 || outShape.length !== 2 || !outShape[1]) {
    throw new Error(`the model's input ${String(model.inputs[0]?.shape)} is not one RGB picture`);
  }
  return encodeOnnxModel({
    nodes: e.nodes,
    initializers: e.initializers,
    input: { name: plan.input, dims: [1, 3, h, w] },
    output: { name: plan.output, dims: [1, outShape[1]] },
  });
}
