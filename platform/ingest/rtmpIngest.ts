// The embedded RTMP ingest: our own listener on the configured host, NMS's sessions, signed publishes only,
// stream pushed / cut off events shaped like Tencent Cloud Live callbacks, and HTTP-FLV playback.
import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { newFlvPlayer, newRtmpSession, type NmsSession } from './nms';

/** Fields of Tencent's stream pushed (event_type 1) / cut off (event_type 0) callbacks. */
export interface StreamEvent {
  event_type: 0 | 1;
  stream_id: string;
  app: string;
  appname: string;
  event_time: number;
  sequence: string;
  push_duration?: number;
  errcode: number;
  errmsg: string;
  width: number;
  height: number;
  user_ip: string;
}

export type PublishCheck = { ok: true } | { ok: false; reason: string };

export interface IngestOptions {
  host: string;
  port: number;
  authorize(streamName: string, query: Record<string, unknown>): PublishCheck;
  /**
   * Who may play a stream over RTMP (all, when absent). `live`: the player starts at the stream's next
   * keyframe instead of the cached GOP, so a low-latency relay does not begin seconds behind.
   */
  authorizePlay?(streamName: string, query: Record<string, unknown>): (PublishCheck & { live?: boolean }) | null;
  /**
   * Streams whose players are ended the moment their publisher is cut off. Otherwise a player waits on a silent
   * connection until its own timeout; a PK partner's studio learns at once that the feed is gone.
   */
  endPlayersOnCutOff?(streamName: string): boolean;
  log?(line: string): void;
}

const SAFE = /^[A-Za-z0-9_-]{1,128}$/;

export class RtmpIngest extends EventEmitter<{
  stream: [StreamEvent];
  refused: [{ streamName: string; reason: string; ip: string }];
}> {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly publishers = new Map<string, { session: NmsSession; socket: Socket; since: number }>();
  private sequence = 0;
  port = 0;

  constructor(private readonly o: IngestOptions) {
    super();
    this.server = createServer((socket) => this.onSocket(socket));
  }

  listen(): Promise<number> {
    return new Promise((resolveListen, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.o.port, this.o.host, () => {
        this.server.off('error', reject);
        const addr = this.server.address();
        this.port = typeof addr === 'object' && addr ? addr.port : this.o.port;
        resolveListen(this.port);
      });
    });
  }

  private onSocket(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const session = newRtmpSession(socket);
    session.run();
    // Check the signature before NMS registers the publisher, so a refused publish never reaches its
    // broadcast (NMS's own prePublish hook runs too late: it still emits postPublish for refused sessions).
    session.rtmp.onPushCallback = () => this.onPush(session, socket);
    session.rtmp.onPlayCallback = () => this.onPlay(session, socket);
    socket.on('close', () => {
      this.sockets.delete(socket);
      const cur = this.publishers.get(session.streamName);
      if (cur?.session === session) {
        this.publishers.delete(session.streamName);
        this.emit('stream', this.event(0, session, Date.now() - cur.since));
        if (this.o.endPlayersOnCutOff?.(session.streamName))
          for (const player of [...session.broadcast.subscribers.values()]) player.close();
      }
    });
  }

  private onPush(session: NmsSession, socket: Socket): void {
    const ip = socket.remoteAddress ?? '';
    const name = session.streamName;
    const check: PublishCheck =
      session.streamApp !== 'live' || !SAFE.test(name)
        ? { ok: false, reason: 'Publish to rtmp://…/live/<stream name>.' }
        : this.o.authorize(name, session.streamQuery);
    if (!check.ok) {
      this.o.log?.(`ingest: refused a publish of "${name}" from ${ip}: ${check.reason}`);
      this.emit('refused', { streamName: name, reason: check.reason, ip });
      socket.destroy();
      return;
    }
    session.onPush();
    if (!session.isPublisher) return; // NMS refused it (the stream already has a publisher)
    // NMS holds a cut-off publish 30 s for a resume; the platform reports cut-off at once, so end it at once too.
    session.broadcast.publishGraceMs = 0;
    this.publishers.set(name, { session, socket, since: Date.now() });
    this.emit('stream', this.event(1, session));
  }

  private onPlay(session: NmsSession, socket: Socket): void {
    const check = this.o.authorizePlay?.(session.streamName, session.streamQuery) ?? { ok: true };
    if (!check.ok) {
      this.o.log?.(`ingest: refused a play of "${session.streamName}": ${check.reason}`);
      socket.destroy();
      return;
    }
    const b = session.broadcast;
    const gop = b.rtmpGopCache;
    if (check.live) b.rtmpGopCache = null;
    try {
      session.onPlay();
    } finally {
      if (check.live) b.rtmpGopCache = gop;
    }
  }

  private event(type: 0 | 1, s: NmsSession, durationMs?: number): StreamEvent {
    return {
      event_type: type,
      stream_id: s.streamName,
      app: this.o.host,
      appname: s.streamApp,
      event_time: Math.floor(Date.now() / 1000),
      sequence: String(++this.sequence),
      ...(durationMs !== undefined ? { push_duration: durationMs } : {}),
      errcode: 0,
      errmsg: type === 1 ? 'ok' : 'cut off',
      width: s.videoWidth || 0,
      height: s.videoHeight || 0,
      user_ip: s.ip.replace(/:\d+$/, ''),
    };
  }

  isLive(streamName: string): boolean {
    return this.publishers.has(streamName);
  }

  /** Serves `/live/<name>.flv` to a player (HTTP-FLV, low latency). */
  serveFlv(req: IncomingMessage, res: ServerResponse, streamName: string): void {
    if (!SAFE.test(streamName)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('No such stream.');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'video/x-flv',
      'Cache-Control': 'no-cache',
      'Access-Control-Allow-Origin': '*',
    });
    newFlvPlayer(req, res, 'live', streamName).run();
  }

  /** Names of the streams being published now. */
  liveStreams(): string[] {
    return [...this.publishers.keys()];
  }

  /** Cuts off a stream's publisher (the room ended); resolves once its cut-off has been reported. */
  cutOff(streamName: string): Promise<void> {
    const cur = this.publishers.get(streamName);
    if (!cur) return Promise.resolve();
    return new Promise((done) => {
      // A publisher that does not let go of its connection is dropped; one that closes cleanly needs no drop.
      const drop = setTimeout(() => cur.socket.destroy(), 1000);
      drop.unref();
      cur.socket.once('close', () => {
        clearTimeout(drop);
        done();
      });
      cur.session.close();
    });
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((done) => this.server.close(() => done()));
  }
}
