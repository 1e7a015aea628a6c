// Upload throughput to an RTMP ingest, measured on the path a push takes, without publishing anything:
// an RTMP handshake and `connect` (proves the far end is an ingest; gives the round trip), then bursts at
// rising rates. Each burst is messages the server reads and discards (RTMP acknowledgements padded to
// 16 KiB in 64 KiB chunks), closed by a `createStream` whose reply can only come once the server has
// read every byte before it: bytes / (reply time − burst start) is what the ingest really took in.
// Nothing is published, so no room, stream or viewer ever sees the test.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { encodeAmf, type AmfValue } from '../media/rtmp/amf0';
import { ChunkWriter, MSG } from '../media/rtmp/chunks';
import { refusalWords, type BilingualWords } from '../contract/refusalWords';

const words = refusalWords.probe;

export interface ProbeStage {
  targetKbps: number;
  achievedKbps: number;
}

export interface ProbeProgress {
  /** 0..1 of the test's planned duration. */
  fraction: number;
  stage: number;
  stages: number;
  /** The best rate measured so far. */
  kbps: number;
}

export interface ProbeResult {
  host: string;
  port: number;
  rttMs: number;
  bytes: number;
  seconds: number;
  stages: ProbeStage[];
  /** The best rate the ingest took in (kbit/s). */
  measuredKbps: number;
  /** The ingest kept up with the fastest burst: the real capacity is at least measuredKbps. */
  capped: boolean;
}

export class ProbeError extends Error {
  constructor(
    readonly kind: 'refused' | 'timeout' | 'not_rtmp' | 'closed' | 'bad_url',
    readonly words: BilingualWords,
  ) {
    super(words.en);
  }
}

export interface ProbeOptions {
  /** Total time of the bursts (the handshake comes on top). */
  seconds?: number;
  /** Burst rates, lowest first (kbit/s). */
  ratesKbps?: number[];
  timeoutMs?: number;
  onProgress?: (p: ProbeProgress) => void;
}

/** From 1.5 to 24 Mbit/s: beyond every preset's needs, so a fast uplink is never saturated for nothing. */
export const DEFAULT_RATES_KBPS = [1500, 3000, 6000, 12000, 24000];
/** The server's chunk size we ask for, and the padding message size (small enough to pace 1.5 Mbit/s finely). */
const CHUNK_BYTES = 65536;
const PAD_BYTES = 16384;

export function parseIngest(url: string): { host: string; port: number; app: string; tcUrl: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ProbeError('bad_url', words.notAnAddress(url));
  }
  if (u.protocol !== 'rtmp:') throw new ProbeError('bad_url', words.notRtmpScheme(u.protocol));
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = u.port ? Number(u.port) : 1935;
  const app = u.pathname.split('/').filter(Boolean)[0] ?? 'live';
  return { host, port, app, tcUrl: `rtmp://${u.host}/${app}` };
}

/** One RTMP message as chunks of `chunkSize`, as the push writes them. */
function message(csid: number, type: number, payload: Buffer, chunkSize: number): Buffer {
  const writer = new ChunkWriter();
  writer.chunkSize = chunkSize;
  return writer.encode({ csid, type, streamId: 0, timestamp: 0, payload });
}

const invoke = (name: string, txn: number, arg: AmfValue, chunkSize: number) =>
  message(3, MSG.commandAmf0, encodeAmf(name, txn, arg), chunkSize);

/** Reads the server's bytes: the handshake, then counts `_result` and `_error` replies as they arrive. */
class Replies {
  private buf = Buffer.alloc(0);
  private tail = '';
  handshakeDone = false;
  /** The server's S1 (echoed as C2) and its RTMP version (3). */
  s1: Buffer = Buffer.alloc(0);
  version = 0;
  results = 0;
  errors = 0;
  private waiters: (() => void)[] = [];

  feed(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    if (!this.handshakeDone) {
      if (this.buf.length < 3073) return;
      this.handshakeDone = true;
      this.s1 = this.buf.subarray(1, 1537);
      this.version = this.buf[0] ?? 0;
      this.buf = this.buf.subarray(3073);
    }
    // Replies are short and their marker sits at the start of the payload: a plain scan finds each once.
    // Five bytes carry over to the next read (a marker cut in two), too few to hold a whole marker.
    const text = this.tail + this.buf.toString('latin1');
    this.buf = Buffer.alloc(0);
    this.results += text.split('_result').length - 1;
    this.errors += text.split('_error').length - 1;
    this.tail = text.slice(-5);
    for (const w of this.waiters.splice(0)) w();
  }

  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

export async function probeUpload(url: string, o: ProbeOptions = {}): Promise<ProbeResult> {
  const { host, port, tcUrl, app } = parseIngest(url);
  const where = `${host}:${port}`;
  const seconds = o.seconds ?? 5;
  const rates = o.ratesKbps ?? DEFAULT_RATES_KBPS;
  const timeoutMs = o.timeoutMs ?? 5000;
  const replies = new Replies();
  let failure: ProbeError | null = null;
  const socket: Socket = connect({ host, port });
  socket.setNoDelay(true);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('data', (d: Buffer) => replies.feed(d));
  socket.on('error', (err: NodeJS.ErrnoException) => {
    failure ??=
      err.code === 'ECONNREFUSED'
        ? new ProbeError('refused', words.refused(where))
        : err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN'
          ? new ProbeError('refused', words.hostNotFound(host))
          : new ProbeError('closed', words.connectionFailed(where, err.code ?? err.message));
  });
  socket.on('close', () => {
    failure ??= new ProbeError('closed', words.closedDuringTest(where));
  });
  const wait = async (check: () => boolean, what: BilingualWords) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (failure) throw failure;
      const left = deadline - Date.now();
      const s = Math.round(timeoutMs / 1000);
      if (left <= 0) throw new ProbeError('timeout', words.noAnswer(where, what, s));
      await Promise.race([replies.changed(), closed, new Promise((r) => setTimeout(r, Math.min(left, 100)))]);
    }
  };
  const write = (b: Buffer) =>
    socket.write(b) ? Promise.resolve() : new Promise<void>((resolve) => socket.once('drain', () => resolve()));

  try {
    await wait(() => socket.readyState === 'open', words.theConnection);
    // C0 + C1: version 3, time, zero, random.
    const c1 = Buffer.concat([Buffer.alloc(8), randomBytes(1528)]);
    await write(Buffer.concat([Buffer.from([3]), c1]));
    await wait(() => replies.handshakeDone, words.theHandshake);
    if (replies.version !== 3) throw new ProbeError('not_rtmp', words.notAnIngest(where));
    await write(replies.s1); // C2 echoes S1
    // A large chunk size: the padding then costs the server one header per 64 KiB.
    const chunk = Buffer.alloc(4);
    chunk.writeUInt32BE(CHUNK_BYTES);
    await write(message(2, MSG.setChunkSize, chunk, 128));
    const t0 = Date.now();
    await write(
      invoke(
        'connect',
        1,
        { app, type: 'nonprivate', flashVer: 'FMLE/3.0 (compatible; VJ Studio bandwidth test)', tcUrl },
        CHUNK_BYTES,
      ),
    );
    await wait(() => replies.results + replies.errors >= 1, words.theConnect);
    if (replies.errors > 0) throw new ProbeError('not_rtmp', words.appRefused(where, app));
    const rttMs = Date.now() - t0;

    const stages: ProbeStage[] = [];
    const stageMs = (seconds * 1000) / rates.length;
    const pad = message(4, MSG.ack, Buffer.alloc(PAD_BYTES), CHUNK_BYTES);
    let bytes = 0;
    let txn = 2;
    let best = 0;
    let capped = true;
    const started = Date.now();
    let shown = 0;
    let shownAt = 0;
    // Progress about ten times a second, never going back (a burst's wait for its reply adds time).
    const progress = (fraction: number, stage: number, force = false) => {
      const now = Date.now();
      if (!force && now - shownAt < 100) return;
      shown = Math.max(shown, Math.min(1, fraction));
      shownAt = now;
      o.onProgress?.({ fraction: shown, stage, stages: rates.length, kbps: best });
    };
    for (const [i, target] of rates.entries()) {
      const bytesPerMs = (target * 1000) / 8 / 1000;
      const stageStart = Date.now();
      let sent = 0;
      // Paced sending: never ahead of the target rate; behind it only when the ingest cannot keep up.
      while (Date.now() - stageStart < stageMs) {
        if (failure) throw failure;
        const due = (Date.now() - stageStart + 10) * bytesPerMs;
        if (sent + pad.length <= due) {
          await write(pad);
          sent += pad.length;
        } else await new Promise((r) => setTimeout(r, 5));
        progress((Date.now() - started) / (seconds * 1000), i + 1);
      }
      const want = replies.results + 1;
      await write(invoke('createStream', txn++, null, CHUNK_BYTES));
      await wait(() => replies.results >= want, words.theBurstEnd);
      const elapsed = Date.now() - stageStart;
      const achieved = Math.round((sent * 8) / elapsed);
      // Behind the pace, or the last bytes took long to be read: the uplink is full at this rate.
      const saturated = sent < stageMs * bytesPerMs * 0.85 - pad.length || elapsed > stageMs * 1.2 + rttMs;
      bytes += sent;
      stages.push({ targetKbps: target, achievedKbps: achieved });
      best = Math.max(best, achieved);
      progress((i + 1) / rates.length, i + 1, true);
      // The uplink is full: a faster burst would only measure the same ceiling.
      if (saturated) {
        capped = false;
        break;
      }
    }
    progress(1, stages.length, true);
    return { host, port, rttMs, bytes, seconds: (Date.now() - started) / 1000, stages, measuredKbps: best, capped };
  } finally {
    socket.destroy();
  }
}
