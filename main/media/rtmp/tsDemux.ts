// MPEG-TS (the encoder stage's output) to H.264 and AAC access units for FLV/RTMP: the program's tables
// give the PIDs, PES packets give the 90 kHz timestamps (33 bits, unwrapped here), Annex B H.264 becomes
// length-prefixed NAL units with its SPS and PPS kept for the decoder configuration, and ADTS frames lose
// their headers, which give the AAC configuration. Pure.

const PACKET = 188;
const WRAP = 2 ** 33;

export interface VideoUnit {
  kind: 'video';
  /** Decode and presentation times, milliseconds. */
  dts: number;
  pts: number;
  keyframe: boolean;
  /** NAL units, each with a 4-byte length in front (AUDs dropped). */
  data: Buffer;
}

export interface AudioUnit {
  kind: 'audio';
  dts: number;
  /** One raw AAC frame. */
  data: Buffer;
}

export type AccessUnit = VideoUnit | AudioUnit;

export interface CodecConfig {
  /** AVCDecoderConfigurationRecord, from the latest SPS and PPS. */
  avcC: Buffer | null;
  /** AudioSpecificConfig, from the ADTS header. */
  asc: Buffer | null;
  sampleRate: number;
  channels: number;
}

interface Pes {
  parts: Buffer[];
  bytes: number;
}

class Unwrapper {
  private last: number | null = null;
  private offset = 0;
  /** 90 kHz with 33-bit wraps removed, in milliseconds. */
  ms(t: number): number {
    if (this.last !== null) {
      if (t < this.last - WRAP / 2) this.offset += WRAP;
      else if (t > this.last + WRAP / 2) this.offset -= WRAP;
    }
    this.last = t;
    return (t + this.offset) / 90;
  }
}

function readTimestamp(b: Buffer, at: number): number {
  return ((b[at] as number) & 0x0e) * 2 ** 29 + (b.readUInt16BE(at + 1) >> 1) * 2 ** 15 + (b.readUInt16BE(at + 3) >> 1);
}

/** Splits an Annex B buffer at its start codes. */
export function nalUnits(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = -1;
  let i = 0;
  while (i + 2 < b.length) {
    if (b[i] === 0 && b[i + 1] === 0 && b[i + 2] === 1) {
      if (start >= 0) {
        let end = i;
        while (end > start && b[end - 1] === 0) end--;
        out.push(b.subarray(start, end));
      }
      i += 3;
      start = i;
    } else i++;
  }
  if (start >= 0 && start < b.length) out.push(b.subarray(start));
  return out;
}

export function avcDecoderConfig(sps: Buffer, pps: Buffer): Buffer {
  const h = Buffer.from([1, sps[1] ?? 0, sps[2] ?? 0, sps[3] ?? 0, 0xff, 0xe1, sps.length >> 8, sps.length & 0xff]);
  return Buffer.concat([h, sps, Buffer.from([1, pps.length >> 8, pps.length & 0xff]), pps]);
}

const AAC_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

export class TsDemuxer {
  private remainder: Buffer | null = null;
  private pmtPid = -1;
  private videoPid = -1;
  private audioPid = -1;
  private readonly pes = new Map<number, Pes>();
  private readonly clocks = new Map<number, Unwrapper>();
  private sps: Buffer | null = null;
  private pps: Buffer | null = null;
  readonly config: CodecConfig = { avcC: null, asc: null, sampleRate: 0, channels: 0 };
  /** Changes when the decoder configuration changes (a new SPS or PPS, or another audio format). */
  configVersion = 0;

  constructor(private readonly onUnit: (u: AccessUnit) => void) {}

  push(chunk: Buffer): void {
    let data = chunk;
    if (this.remainder) {
      data = Buffer.concat([this.remainder, chunk]);
      this.remainder = null;
    }
    let o = 0;
    while (o < data.length && data[o] !== 0x47) o++;
    for (; o + PACKET <= data.length; o += PACKET) {
      if (data[o] !== 0x47) {
        while (o < data.length && data[o] !== 0x47) o++;
        o -= PACKET;
        continue;
      }
      this.packet(data.subarray(o, o + PACKET));
    }
    if (o < data.length) this.remainder = Buffer.from(data.subarray(o));
  }

  /** The stream ended: the last video frame (whose PES has no length) is complete. */
  flush(): void {
    for (const pid of [...this.pes.keys()]) this.finish(pid);
  }

  private packet(p: Buffer): void {
    const pid = ((p[1] as number) & 0x1f) * 256 + (p[2] as number);
    const start = ((p[1] as number) & 0x40) !== 0;
    const afc = ((p[3] as number) >> 4) & 3;
    if (!(afc & 1)) return;
    const at = afc === 3 ? 5 + (p[4] as number) : 4;
    if (at >= PACKET) return;
    const payload = p.subarray(at);
    if (pid === 0) {
      if (start) this.pat(payload.subarray(1 + (payload[0] as number)));
    } else if (pid === this.pmtPid) {
      if (start) this.pmt(payload.subarray(1 + (payload[0] as number)));
    } else if (pid === this.videoPid || pid === this.audioPid) {
      if (start) {
        this.finish(pid);
        this.pes.set(pid, { parts: [payload], bytes: payload.length });
      } else {
        const cur = this.pes.get(pid);
        if (!cur) return; // joined mid-PES: wait for the next one
        cur.parts.push(payload);
        cur.bytes += payload.length;
      }
      const cur = this.pes.get(pid);
      if (cur && pid === this.audioPid) this.finishIfWhole(pid, cur);
    }
  }

  private pat(s: Buffer): void {
    const len = (((s[1] as number) & 0x0f) << 8) | (s[2] as number);
    for (let i = 8; i + 4 <= Math.min(s.length, 3 + len - 4); i += 4) {
      const program = s.readUInt16BE(i);
      if (program !== 0) this.pmtPid = s.readUInt16BE(i + 2) & 0x1fff;
    }
  }

  private pmt(s: Buffer): void {
    const len = (((s[1] as number) & 0x0f) << 8) | (s[2] as number);
    const infoLen = s.readUInt16BE(10) & 0x0fff;
    const end = Math.min(s.length, 3 + len - 4);
    for (let i = 12 + infoLen; i + 5 <= end;) {
      const type = s[i] as number;
      const pid = s.readUInt16BE(i + 1) & 0x1fff;
      if (type === 0x1b) this.videoPid = pid;
      else if (type === 0x0f) this.audioPid = pid;
      i += 5 + (s.readUInt16BE(i + 3) & 0x0fff);
    }
  }

  /** Audio PES packets carry their length: each is passed on as soon as it is whole. */
  private finishIfWhole(pid: number, cur: Pes): void {
    const first = cur.parts[0] as Buffer;
    if (first.length < 6) return;
    const len = first.readUInt16BE(4);
    if (len > 0 && cur.bytes >= len + 6) this.finish(pid);
  }

  private finish(pid: number): void {
    const cur = this.pes.get(pid);
    this.pes.delete(pid);
    if (!cur) return;
    const b = cur.parts.length === 1 ? (cur.parts[0] as Buffer) : Buffer.concat(cur.parts);
    if (b.length < 9 || b[0] !== 0 || b[1] !== 0 || b[2] !== 1) return;
    const flags = (b[7] as number) >> 6;
    const headerEnd = 9 + (b[8] as number);
    if (!(flags & 2) || headerEnd > b.length) return;
    const clock = this.clocks.get(pid) ?? new Unwrapper();
    this.clocks.set(pid, clock);
    const pts90 = readTimestamp(b, 9);
    const dts90 = flags === 3 ? readTimestamp(b, 14) : pts90;
    const dts = clock.ms(dts90);
    const pts = dts + ((pts90 - dts90 + WRAP * 1.5) % WRAP) / 90 - WRAP / 180;
    const pesLen = b.readUInt16BE(4);
    const body = b.subarray(headerEnd, pesLen ? Math.min(b.length, pesLen + 6) : b.length);
    if (pid === this.videoPid) this.video(body, dts, pts);
    else this.audio(body, dts);
  }

  private video(body: Buffer, dts: number, pts: number): void {
    const nals = nalUnits(body);
    const kept: Buffer[] = [];
    let keyframe = false;
    for (const nal of nals) {
      const type = (nal[0] as number) & 0x1f;
      if (type === 9 || nal.length === 0) continue;
      if (type === 7) this.setParams(nal, this.pps);
      else if (type === 8) this.setParams(this.sps, nal);
      else if (type === 5) keyframe = true;
      const len = Buffer.alloc(4);
      len.writeUInt32BE(nal.length);
      kept.push(len, nal);
    }
    if (kept.length) this.onUnit({ kind: 'video', dts, pts, keyframe, data: Buffer.concat(kept) });
  }

  private setParams(sps: Buffer | null, pps: Buffer | null): void {
    const changed = (a: Buffer | null, b: Buffer | null) =>
      (a === null) !== (b === null) || (a !== null && b !== null && !a.equals(b));
    if (!changed(sps, this.sps) && !changed(pps, this.pps)) return;
    this.sps = sps && Buffer.from(sps);
    this.pps = pps && Buffer.from(pps);
    if (this.sps && this.pps) {
      this.config.avcC = avcDecoderConfig(this.sps, this.pps);
      this.configVersion++;
    }
  }

  private audio(body: Buffer, dts: number): void {
    let at = 0;
    let n = 0;
    while (at + 7 <= body.length) {
      if (body[at] !== 0xff || ((body[at + 1] as number) & 0xf0) !== 0xf0) break;
      const protectionAbsent = (body[at + 1] as number) & 1;
      const profile = (body[at + 2] as number) >> 6;
      const rateIndex = ((body[at + 2] as number) >> 2) & 0x0f;
      const channels = (((body[at + 2] as number) & 1) << 2) | ((body[at + 3] as number) >> 6);
      const frameLength =
        (((body[at + 3] as number) & 3) << 11) | ((body[at + 4] as number) << 3) | ((body[at + 5] as number) >> 5);
      const header = protectionAbsent ? 7 : 9;
      if (frameLength < header || at + frameLength > body.length) break;
      const rate = AAC_RATES[rateIndex] ?? 48000;
      const asc = Buffer.from([((profile + 1) << 3) | (rateIndex >> 1), ((rateIndex & 1) << 7) | (channels << 3)]);
      if (!this.config.asc?.equals(asc)) {
        Object.assign(this.config, { asc, sampleRate: rate, channels });
        this.configVersion++;
      }
      this.onUnit({
        kind: 'audio',
        dts: dts + (n * 1024 * 1000) / rate,
        data: body.subarray(at + header, at + frameLength),
      });
      at += frameLength;
      n++;
    }
  }
}
