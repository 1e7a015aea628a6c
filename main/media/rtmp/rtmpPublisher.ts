// One RTMP/RTMPS publish, in the studio's own process (as OBS does): handshake, connect, createStream,
// publish, then FLV tags from the encode's access units. Any failure ends the connection with one typed
// error in plain words; PushOutput decides whether and when to try again.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { isIP, connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { mediaError, type MediaError, type MediaErrorCode } from '../ffmpegErrors';
import { decodeAmf, encodeAmf, encodeEcmaArray, type AmfObject, type AmfValue } from './amf0';
import { ChunkReader, ChunkWriter, MSG, PreChunked, type RtmpMessage } from './chunks';

export interface PushTarget {
  secure: boolean;
  host: string;
  port: number;
  app: string;
  /** The stream name with its query (a CDN's signature: txSecret, txTime). */
  stream: string;
  tcUrl: string;
}

/** rtmp[s]://host[:port]/app/stream[?query]: the app is the first path part, the stream all the rest. */
export function parsePushUrl(url: string): PushTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a push address like rtmp://host/live/stream.`);
  }
  if (u.protocol !== 'rtmp:' && u.protocol !== 'rtmps:')
    throw new Error(`A push address starts with rtmp:// or rtmps://, not "${u.protocol}//".`);
  const parts = u.pathname.split('/').filter(Boolean);
  const app = parts[0];
  const stream = parts.slice(1).join('/');
  if (!app || !stream)
    throw new Error(`The push address "${url}" needs an app and a stream name, as in rtmp://host/live/stream.`);
  const secure = u.protocol === 'rtmps:';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return {
    secure,
    host,
    port: u.port ? Number(u.port) : secure ? 443 : 1935,
    app,
    stream: decodeURIComponent(stream) + u.search,
    tcUrl: `${u.protocol}//${u.host}/${app}`,
  };
}

const CSID = { control: 2, command: 3, audio: 4, data: 5, video: 6, stream: 8 } as const;
export const OUT_CHUNK_SIZE = 4096;

/** An FLV tag body as a publisher's video or audio message, cut into chunks once for every connection. */
export function flvMessage(kind: 'video' | 'audio', body: Buffer): PreChunked {
  return kind === 'video'
    ? new PreChunked(CSID.video, MSG.video, body, OUT_CHUNK_SIZE)
    : new PreChunked(CSID.audio, MSG.audio, body, OUT_CHUNK_SIZE);
}
const HANDSHAKE = 1536;
/** A hang-up this soon after Publish.Start is the server refusing the stream, not the network failing. */
const REFUSAL_MS = 1500;
const REFUSED =
  'The streaming server closed the stream as soon as it started: it refused the stream key, or another studio is already live on it. Check the push address and key.';

type Phase = 'connecting' | 'handshake' | 'connect' | 'createStream' | 'publish' | 'publishing' | 'closed';

export interface PublisherOptions {
  /** Longest wait for the server, from the TCP connection to Publish.Start. */
  timeoutMs?: number;
  /** RTMPS: certificates to trust instead of the system's (a private ingest with its own authority). */
  ca?: string | Buffer;
}

export class RtmpPublisher extends EventEmitter<{ publishing: []; closed: [MediaError] }> {
  readonly target: PushTarget;
  private socket: Socket | null = null;
  private readonly writer = new ChunkWriter();
  private readonly reader: ChunkReader;
  private phase: Phase = 'connecting';
  private handshake: Buffer[] = [];
  private handshakeBytes = 0;
  private streamId = 0;
  private timer: NodeJS.Timeout | null = null;
  private received = 0;
  private ackWindow = 0;
  private ackedAt = 0;
  private publishedAt = 0;

  /** A whole push address, or a server and stream key already apart (a service's ingest and the VJ's key). */
  constructor(
    url: string | PushTarget,
    private readonly o: PublisherOptions = {},
  ) {
    super();
    this.target = typeof url === 'string' ? parsePushUrl(url) : url;
    this.reader = new ChunkReader((m) => this.onMessage(m));
    this.timer = setTimeout(
      () => this.fail('timeout', `no Publish.Start in the ${this.phase} step`),
      o.timeoutMs ?? 8000,
    );
  }

  get where(): string {
    return `${this.target.host}:${this.target.port}`;
  }

  /** Bytes the socket holds that the network has not taken yet. */
  get queuedBytes(): number {
    return this.socket?.writableLength ?? 0;
  }

  get bytesSent(): number {
    return this.socket?.bytesWritten ?? 0;
  }

  get publishing(): boolean {
    return this.phase === 'publishing';
  }

  open(): this {
    const { host, port, secure } = this.target;
    // SNI names a host, never an address (RFC 6066).
    const tls = { host, port, ...(isIP(host) ? {} : { servername: host }), ...(this.o.ca ? { ca: this.o.ca } : {}) };
    const socket = secure ? tlsConnect(tls) : tcpConnect({ host, port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on(secure ? 'secureConnect' : 'connect', () => {
      this.phase = 'handshake';
      const c1 = Buffer.concat([Buffer.alloc(8), randomBytes(HANDSHAKE - 8)]);
      socket.write(Buffer.concat([Buffer.from([3]), c1]));
    });
    socket.on('data', (d: Buffer) => this.onData(d));
    socket.on('error', (err: NodeJS.ErrnoException) => this.onSocketError(err));
    socket.on('close', () => {
      // Servers that refuse a stream key (a bad signature, a name already live) often just hang up on publish.
      // Others say Publish.Start and hang up at once, after checking the key.
      const refused =
        this.phase === 'publish' || (this.phase === 'publishing' && Date.now() - this.publishedAt < REFUSAL_MS);
      if (refused)
        this.fail(
          'bad_stream_key',
          `${this.where}: the server closed the connection when asked to publish "${this.target.stream}"`,
          REFUSED,
        );
      else this.fail('connection_lost', `${this.where}: the server closed the connection`);
    });
    return this;
  }

  private onSocketError(err: NodeJS.ErrnoException): void {
    const line = `${this.where}: ${err.code ?? ''} ${err.message}`.trim();
    if (/CERT|SELF_SIGNED|ERR_TLS|UNABLE_TO_VERIFY/.test(err.code ?? '')) {
      return this.fail(
        'bad_address',
        line,
        `The streaming server at ${this.where} did not prove it is "${this.target.host}" (its certificate: ${err.code}). Check the rtmps:// address.`,
      );
    }
    const code: MediaErrorCode =
      err.code === 'ECONNREFUSED'
        ? 'connection_refused'
        : err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN'
          ? 'host_not_found'
          : err.code === 'ETIMEDOUT'
            ? 'timeout'
            : err.code === 'ECONNRESET' || err.code === 'EPIPE' || err.code === 'ECONNABORTED'
              ? 'connection_lost'
              : 'unknown';
    this.fail(
      code,
      line,
      code === 'unknown' ? `The connection to the streaming server failed (${err.code ?? err.message}).` : undefined,
    );
  }

  /** Ends the connection with this error (a stall seen by the owner). */
  abort(code: MediaErrorCode, line: string): void {
    this.fail(code, line);
  }

  private fail(code: MediaErrorCode, line: string, message?: string): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    if (this.timer) clearTimeout(this.timer);
    this.socket?.destroy();
    this.emit('closed', mediaError(code, line, message));
  }

  private send(m: Omit<RtmpMessage, 'streamId'> & { streamId?: number }): boolean {
    if (!this.socket || this.phase === 'closed') return false;
    return this.socket.write(this.writer.encode({ streamId: 0, ...m }));
  }

  private command(name: string, txn: number, ...args: AmfValue[]): void {
    const onStream = name === 'publish' || name === 'deleteStream' || name === 'FCUnpublish';
    this.send({
      csid: onStream ? CSID.stream : CSID.command,
      type: MSG.commandAmf0,
      timestamp: 0,
      streamId: name === 'publish' ? this.streamId : 0,
      payload: encodeAmf(name, txn, ...args),
    });
  }

  private onData(d: Buffer): void {
    this.received += d.length;
    if (this.phase === 'handshake') {
      this.handshake.push(d);
      this.handshakeBytes += d.length;
      if (this.handshakeBytes < 1 + 2 * HANDSHAKE) return;
      const all = Buffer.concat(this.handshake);
      this.handshake = [];
      if (all[0] !== 3)
        return this.fail(
          'bad_address',
          `${this.where}: handshake version ${all[0]}`,
          `The server at ${this.where} is not an RTMP server.`,
        );
      this.socket?.write(all.subarray(1, 1 + HANDSHAKE)); // C2 echoes S1
      this.phase = 'connect';
      const size = Buffer.alloc(4);
      size.writeUInt32BE(OUT_CHUNK_SIZE);
      this.send({ csid: CSID.control, type: MSG.setChunkSize, timestamp: 0, payload: size });
      this.writer.chunkSize = OUT_CHUNK_SIZE;
      const { app, tcUrl } = this.target;
      this.command('connect', 1, {
        app,
        type: 'nonprivate',
        flashVer: 'FMLE/3.0 (compatible; VJ Studio)',
        swfUrl: tcUrl,
        tcUrl,
      });
      d = all.subarray(1 + 2 * HANDSHAKE);
      if (d.length === 0) return;
    }
    try {
      this.reader.push(d);
    } catch (e) {
      this.fail(
        'unknown',
        `${this.where}: ${(e as Error).message}`,
        `The streaming server sent something that is not RTMP: ${(e as Error).message}`,
      );
    }
    if (this.ackWindow > 0 && this.received - this.ackedAt >= this.ackWindow) {
      this.ackedAt = this.received;
      const seq = Buffer.alloc(4);
      seq.writeUInt32BE(this.received % 0x100000000);
      this.send({ csid: CSID.control, type: MSG.ack, timestamp: 0, payload: seq });
    }
  }

  private onMessage(m: RtmpMessage): void {
    if (m.type === MSG.windowAckSize && m.payload.length >= 4) this.ackWindow = m.payload.readUInt32BE(0);
    else if (m.type === MSG.userControl && m.payload.length >= 6 && m.payload.readUInt16BE(0) === 6) {
      const pong = Buffer.alloc(6);
      pong.writeUInt16BE(7);
      m.payload.copy(pong, 2, 2, 6);
      this.send({ csid: CSID.control, type: MSG.userControl, timestamp: 0, payload: pong });
    } else if (m.type === MSG.commandAmf0) this.onCommand(decodeAmf(m.payload));
  }

  private onCommand(v: AmfValue[]): void {
    const [name, txn] = v;
    const info = (v.find((x) => typeof x === 'object' && x !== null && 'code' in x) ?? {}) as AmfObject;
    const said = `${String(info.code ?? name)}${info.description ? `: ${String(info.description)}` : ''}`;
    if (name === '_error')
      return this.fail(
        this.phase === 'connect' ? 'bad_address' : 'unknown',
        `${this.where}: ${said}`,
        this.phase === 'connect'
          ? `The streaming server refused the connection to "${this.target.app}" (${said}). Check the push address.`
          : `The streaming server refused the ${this.phase} step (${said}).`,
      );
    if (name === '_result' && txn === 1 && this.phase === 'connect') {
      this.phase = 'createStream';
      const { stream } = this.target;
      this.command('releaseStream', 2, null, stream);
      this.command('FCPublish', 3, null, stream);
      this.command('createStream', 4, null);
    } else if (name === '_result' && txn === 4 && this.phase === 'createStream') {
      this.streamId = typeof v[3] === 'number' ? v[3] : 1;
      this.phase = 'publish';
      this.command('publish', 5, null, this.target.stream, 'live');
    } else if (name === 'onStatus' && this.phase === 'publish') {
      if (info.level === 'error') return this.fail('bad_stream_key', `${this.where}: Server error: ${said}`);
      if (info.code === 'NetStream.Publish.Start') {
        this.phase = 'publishing';
        this.publishedAt = Date.now();
        if (this.timer) clearTimeout(this.timer);
        this.emit('publishing');
      }
    } else if (name === 'onStatus' && this.phase === 'publishing' && info.level === 'error') {
      this.fail('connection_lost', `${this.where}: ${said}`, `The streaming server stopped the stream (${said}).`);
    }
  }

  metadata(meta: AmfObject): boolean {
    return this.send({
      csid: CSID.data,
      type: MSG.dataAmf0,
      timestamp: 0,
      streamId: this.streamId,
      payload: Buffer.concat([encodeAmf('@setDataFrame', 'onMetaData'), encodeEcmaArray(meta)]),
    });
  }

  /** An FLV video tag body (frame type, codec, packet type, composition time and the data). */
  video(timestamp: number, body: Buffer): boolean {
    return this.send({ csid: CSID.video, type: MSG.video, timestamp, streamId: this.streamId, payload: body });
  }

  audio(timestamp: number, body: Buffer): boolean {
    return this.send({ csid: CSID.audio, type: MSG.audio, timestamp, streamId: this.streamId, payload: body });
  }

  /** A message cut into chunks once for every push of the encode: this connection's header, then its bytes. */
  message(timestamp: number, m: PreChunked): boolean {
    const socket = this.socket;
    if (!socket || this.phase === 'closed') return false;
    const header = this.writer.headerOf(m, timestamp, this.streamId);
    if (!header)
      return this.send({ csid: m.csid, type: m.type, timestamp, streamId: this.streamId, payload: m.payload });
    // Corked, the two go to the kernel in one writev, neither copied.
    socket.cork();
    socket.write(header);
    const ok = socket.write(m.wire);
    socket.uncork();
    return ok;
  }

  /** Ends the publish politely (FCUnpublish, deleteStream), then the connection; at most `graceMs`. */
  close(graceMs = 1000): Promise<void> {
    const socket = this.socket;
    if (!socket || this.phase === 'closed') {
      this.phase = 'closed';
      if (this.timer) clearTimeout(this.timer);
      return Promise.resolve();
    }
    if (this.phase === 'publishing') {
      this.command('FCUnpublish', 6, null, this.target.stream);
      this.command('deleteStream', 7, null, this.streamId);
    }
    this.phase = 'closed';
    if (this.timer) clearTimeout(this.timer);
    return new Promise((resolve) => {
      const t = setTimeout(() => socket.destroy(), graceMs);
      socket.once('close', () => {
        clearTimeout(t);
        resolve();
      });
      socket.end();
    });
  }
}
