// Writes the few ONNX protobuf messages a feed-forward float model needs (model, graph, node, attribute,
// tensor, value info), field numbers as onnx.proto declares them, so a model loaded in tfjs can be handed to
// ONNX Runtime as bytes without a converter toolchain.

/** Protobuf wire writer: varints, length-delimited fields, little-endian floats. */
class Writer {
  private readonly parts: Uint8Array[] = [];
  private size = 0;
  private push(b: Uint8Array): void {
    this.parts.push(b);
    this.size += b.length;
  }
  private varint(v: number | bigint): void {
    let n = BigInt.asUintN(64, BigInt(v));
    const out: number[] = [];
    do {
      const byte = Number(n & 0x7fn);
      n >>= 7n;
      out.push(n > 0n ? byte | 0x80 : byte);
    } while (n > 0n);
    this.push(Uint8Array.from(out));
  }
  private key(field: number, wire: 0 | 2 | 5): void {
    this.varint((field << 3) | wire);
  }
  int(field: number, v: number): this {
    this.key(field, 0);
    this.varint(v);
    return this;
  }
  float(field: number, v: number): this {
    this.key(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    this.push(b);
    return this;
  }
  bytes(field: number, b: Uint8Array): this {
    this.key(field, 2);
    this.varint(b.length);
    this.push(b);
    return this;
  }
  string(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }
  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

const FLOAT = 1;
const INT64 = 7;
export type AttributeValue = number | number[] | { float: number } | { text: string };

export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, AttributeValue>;
}

export interface OnnxTensor {
  name: string;
  dims: number[];
  /** float32 values, or int64 values given as numbers (shapes, axes). */
  data: Float32Array | { int64: number[] };
}

export interface OnnxGraph {
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  input: { name: string; dims: number[] };
  output: { name: string; dims: number[] };
}

function attribute(name: string, v: AttributeValue): Uint8Array {
  const w = new Writer().string(1, name);
  // AttributeProto: f = 2, i = 3, s = 4, ints = 8, type = 20 (FLOAT 1, INT 2, STRING 3, INTS 7).
  if (typeof v === 'number') return w.int(3, v).int(20, 2).finish();
  if (Array.isArray(v)) {
    for (const i of v) w.int(8, i);
    return w.int(20, 7).finish();
  }
  if ('text' in v) return w.string(4, v.text).int(20, 3).finish();
  return w.float(2, v.float).int(20, 1).finish();
}

function tensor(t: OnnxTensor): Uint8Array {
  const w = new Writer();
  for (const d of t.dims) w.int(1, d);
  if (t.data instanceof Float32Array) {
    const le = new Uint8Array(t.data.length * 4);
    const view = new DataView(le.buffer);
    t.data.forEach((v, i) => view.setFloat32(i * 4, v, true));
    return w.int(2, FLOAT).string(8, t.name).bytes(9, le).finish();
  }
  for (const v of t.data.int64) w.int(7, v); // int64_data
  return w.int(2, INT64).string(8, t.name).finish();
}

function valueInfo(name: string, dims: number[]): Uint8Array {
  const shape = new Writer();
  for (const d of dims) shape.bytes(1, new Writer().int(1, d).finish());
  const tensorType = new Writer().int(1, FLOAT).bytes(2, shape.finish()).finish();
  const type = new Writer().bytes(1, tensorType).finish();
  return new Writer().string(1, name).bytes(2, type).finish();
}

/** ModelProto bytes (IR version 8, default domain at opset 13). */
export function encodeOnnxModel(g: OnnxGraph): Uint8Array {
  const graph = new Writer();
  g.nodes.forEach((n, i) => {
    const node = new Writer();
    for (const x of n.inputs) node.string(1, x);
    for (const y of n.outputs) node.string(2, y);
    node.string(3, `n${i}`).string(4, n.op);
    for (const [k, v] of Object.entries(n.attributes ?? {})) node.bytes(5, attribute(k, v));
    graph.bytes(1, node.finish());
  });
  graph.string(2, 'safety');
  for (const t of g.initializers) graph.bytes(5, tensor(t));
  graph.bytes(11, valueInfo(g.input.name, g.input.dims));
  graph.bytes(12, valueInfo(g.output.name, g.output.dims));
  const opset = new Writer().string(1, '').int(2, 13).finish();
  return new Writer().int(1, 8).string(2, 'vj-studio').bytes(7, graph.finish()).bytes(8, opset).finish();
}
