// AMF0, the encoding of RTMP commands and metadata: numbers, booleans, strings, objects, ECMA arrays, null
// and undefined. Decoding stops with a plain error on a type commands never carry here. Pure.

export type AmfValue = number | boolean | string | null | undefined | AmfObject;
export interface AmfObject {
  [key: string]: AmfValue;
}

const NUMBER = 0x00;
const BOOLEAN = 0x01;
const STRING = 0x02;
const OBJECT = 0x03;
const NULL = 0x05;
const UNDEFINED = 0x06;
const ECMA_ARRAY = 0x08;
const OBJECT_END = 0x09;
const STRICT_ARRAY = 0x0a;
const LONG_STRING = 0x0c;

function key(k: string): Buffer {
  const b = Buffer.from(k, 'utf8');
  const len = Buffer.alloc(2);
  len.writeUInt16BE(b.length);
  return Buffer.concat([len, b]);
}

function properties(o: AmfObject): Buffer[] {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(o)) if (v !== undefined) parts.push(key(k), encodeValue(v));
  parts.push(Buffer.from([0, 0, OBJECT_END]));
  return parts;
}

function encodeValue(v: AmfValue): Buffer {
  if (v === null) return Buffer.from([NULL]);
  if (v === undefined) return Buffer.from([UNDEFINED]);
  if (typeof v === 'number') {
    const b = Buffer.alloc(9);
    b[0] = NUMBER;
    b.writeDoubleBE(v, 1);
    return b;
  }
  if (typeof v === 'boolean') return Buffer.from([BOOLEAN, v ? 1 : 0]);
  if (typeof v === 'string') {
    const s = Buffer.from(v, 'utf8');
    if (s.length > 0xffff) {
      const h = Buffer.alloc(5);
      h[0] = LONG_STRING;
      h.writeUInt32BE(s.length, 1);
      return Buffer.concat([h, s]);
    }
    return Buffer.concat([Buffer.from([STRING]), key(v)]);
  }
  return Buffer.concat([Buffer.from([OBJECT]), ...properties(v)]);
}

/** Values in order, as a command or data message carries them. */
export function encodeAmf(...values: AmfValue[]): Buffer {
  return Buffer.concat(values.map(encodeValue));
}

/** An ECMA array (onMetaData's body): an object with a count in front. */
export function encodeEcmaArray(o: AmfObject): Buffer {
  const h = Buffer.alloc(5);
  h[0] = ECMA_ARRAY;
  h.writeUInt32BE(Object.values(o).filter((v) => v !== undefined).length, 1);
  return Buffer.concat([h, ...properties(o)]);
}

class Reader {
  constructor(
    private readonly b: Buffer,
    public at = 0,
  ) {}
  need(n: number): void {
    if (this.at + n > this.b.length) throw new Error('The server sent a command that ends too early.');
  }
  u8(): number {
    this.need(1);
    return this.b[this.at++] as number;
  }
  str(long = false): string {
    const n = long ? this.u32() : this.u16();
    this.need(n);
    const s = this.b.toString('utf8', this.at, this.at + n);
    this.at += n;
    return s;
  }
  u16(): number {
    this.need(2);
    const v = this.b.readUInt16BE(this.at);
    this.at += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.b.readUInt32BE(this.at);
    this.at += 4;
    return v;
  }
  f64(): number {
    this.need(8);
    const v = this.b.readDoubleBE(this.at);
    this.at += 8;
    return v;
  }
  get done(): boolean {
    return this.at >= this.b.length;
  }
}

function readProps(r: Reader): AmfObject {
  const o: AmfObject = {};
  for (;;) {
    const k = r.str();
    if (k === '') {
      if (r.u8() !== OBJECT_END) throw new Error('The server sent an object without its end marker.');
      return o;
    }
    o[k] = readValue(r);
  }
}

function readValue(r: Reader): AmfValue {
  const t = r.u8();
  switch (t) {
    case NUMBER:
      return r.f64();
    case BOOLEAN:
      return r.u8() !== 0;
    case STRING:
      return r.str();
    case LONG_STRING:
      return r.str(true);
    case OBJECT:
      return readProps(r);
    case ECMA_ARRAY:
      r.u32();
      return readProps(r);
    case STRICT_ARRAY: {
      const n = r.u32();
      const o: AmfObject = {};
      for (let i = 0; i < n; i++) o[String(i)] = readValue(r);
      return o;
    }
    case NULL:
      return null;
    case UNDEFINED:
      return undefined;
    default:
      throw new Error(`The server sent an AMF0 value of type ${t}, which a command never carries.`);
  }
}

/** Every value of a command or data message. */
export function decodeAmf(b: Buffer): AmfValue[] {
  const r = new Reader(b);
  const out: AmfValue[] = [];
  while (!r.done) out.push(readValue(r));
  return out;
}
