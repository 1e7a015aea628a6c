// The RTMP/RTMPS push, published from the studio's own process: the encode's access units, made once for every
// push (unitFanout.ts), are sent as FLV tags over one connection (media/rtmp/). No process per push or per reconnect, and the
// state is the connection's own: "live" once the server said Publish.Start and the first keyframe went out.
// When the server goes away the connection ends; it is opened again with backoff (0.5, 1, 2, 2 … s) and
// starts on the fan-out's cached keyframe. The encoder and the recording never notice.
// When the network is slower than the stream, video frames are dropped up to the next keyframe (counted)
// instead of letting the delay grow; a server that takes nothing for `stallMs` is given up on and redialled.
import { EventEmitter } from 'node:events';
import type { OutputState } from '../contract/media';
import { mediaError, type MediaError } from './ffmpegErrors';
import type { AmfObject } from './rtmp/amf0';
import { RtmpPublisher, type PushTarget } from './rtmp/rtmpPublisher';
import type { TsFanout } from './tsFanout';
import { unitsOf, type SharedUnit } from './unitFanout';

export interface PushOptions {
  backoffMs?: number[];
  /** A server that takes no bytes this long while some wait is stuck: the connection is redialled. */
  stallMs?: number;
  /** Bytes waiting for the network beyond which video is dropped to the next keyframe. */
  queueLimitBytes?: number;
  /** onMetaData for the stream (size, rates, codecs). */
  metadata?: () => AmfObject;
  /**
   * Stream-key refusals in a row (no other ending in between) after which the push stops as failed: a key
   * the server refuses is not fixed by dialling again. Unset, it redials for ever (a name already live clears).
   */
  giveUpAfterRefusals?: number;
}

/** One connection's sending state. */
class Sending {
  started = false;
  dropping = false;
  configSent = -1;
  sentAt = 0;
  lastSent = 0;
  lastProgress = Date.now();
  /** The last timestamp sent and when: a new encoder's clock starts again past it. */
  lastTs = 0;
  lastAt = 0;
  constructor(
    /** Added to the encoder's timestamps: 0 on a new connection, more after the encoder was replaced. */
    readonly offset = 0,
  ) {}
}

export class PushOutput extends EventEmitter<{ change: [OutputState]; error: [MediaError] }> {
  private pub: RtmpPublisher | null = null;
  private sending: Sending | null = null;
  private detach: (() => void) | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private monitor: NodeJS.Timeout | null = null;
  private target: string | PushTarget | null = null;
  private refusals = 0;
  state: OutputState = { state: 'off', attempt: 0, detail: 'off', reason: null, kbps: 0, connects: 0 };
  /** Video frames dropped because the network could not keep up (this push, all connections). */
  droppedFrames = 0;
  readonly backoffMs: number[];
  private readonly stallMs: number;
  private readonly queueLimit: number;

  constructor(
    private readonly fanout: () => TsFanout | null,
    private readonly options: PushOptions = {},
  ) {
    super();
    this.backoffMs = options.backoffMs ?? [500, 1000, 2000];
    this.stallMs = options.stallMs ?? 6000;
    this.queueLimit = options.queueLimitBytes ?? 4 * 1024 * 1024;
  }

  private set(patch: Partial<OutputState>): void {
    this.state = { ...this.state, ...patch };
    this.emit('change', this.state);
  }

  /** The push address, when it was given as one (a server and key given apart are not shown). */
  get url(): string | null {
    return typeof this.target === 'string' ? this.target : null;
  }

  start(url: string | PushTarget): void {
    void this.stop();
    this.target = url;
    this.refusals = 0;
    this.droppedFrames = 0;
    this.set({ state: 'starting', attempt: 0, detail: 'connecting', reason: null, kbps: 0 });
    this.dial();
  }

  private dial(): void {
    this.retryTimer = null;
    if (!this.target) return;
    let pub: RtmpPublisher;
    try {
      pub = new RtmpPublisher(this.target, { timeoutMs: this.stallMs }).open();
    } catch (e) {
      const error = mediaError('bad_address', (e as Error).message, (e as Error).message);
      this.emit('error', error);
      this.set({ state: 'failed', detail: error.message, reason: error.code, kbps: 0 });
      return;
    }
    this.pub = pub;
    pub.on('publishing', () => this.onPublishing(pub));
    pub.on('closed', (error) => this.onClosed(pub, error));
  }

  private onPublishing(pub: RtmpPublisher): void {
    if (this.pub !== pub) return;
    if (this.options.metadata) pub.metadata({ ...this.options.metadata(), encoder: 'VJ Studio' });
    this.attach(pub, 0);
  }

  /** Reads the fan-out into this connection, the encoder's clock moved on by `offset` ms. */
  private attach(pub: RtmpPublisher, offset: number, counted?: Sending): void {
    const fanout = this.fanout();
    if (!fanout) return;
    const sending = new Sending(offset);
    this.sending = sending;
    sending.sentAt = counted?.sentAt ?? Date.now();
    sending.lastSent = counted?.lastSent ?? 0;
    this.detach = unitsOf(fanout).subscribe((u) => this.sending === sending && this.send(pub, sending, u));
    this.monitor = setInterval(() => this.watch(pub, sending), 500);
  }

  private send(pub: RtmpPublisher, s: Sending, u: SharedUnit): void {
    const headers = u.headers;
    if (u.kind === 'video') {
      if (!s.started && !u.keyframe) return;
      if (u.keyframe && s.configSent !== headers.version && headers.video) {
        pub.video(this.stamp(s, u), headers.video);
        if (headers.audio) pub.audio(this.stamp(s, u), headers.audio);
        s.configSent = headers.version;
      }
      const queued = pub.queuedBytes;
      if (!s.dropping && queued > this.queueLimit) s.dropping = true;
      if (s.dropping && u.keyframe && queued < this.queueLimit / 2) s.dropping = false;
      if (s.dropping) {
        this.droppedFrames++;
        return;
      }
      pub.message(this.stamp(s, u), u.message);
      if (!s.started) {
        s.started = true;
        // A replaced encoder goes on in the same connection: live already, not one more connect.
        if (s.offset === 0 || this.state.state !== 'live')
          this.set({ state: 'live', attempt: 0, detail: 'live', reason: null, connects: this.state.connects + 1 });
      }
    } else {
      if (!s.started || pub.queuedBytes > 2 * this.queueLimit) return;
      if (s.configSent !== headers.version && headers.audio) {
        pub.audio(this.stamp(s, u), headers.audio);
        if (headers.video) s.configSent = headers.version;
      }
      pub.message(this.stamp(s, u), u.message);
    }
  }

  private stamp(s: Sending, u: SharedUnit): number {
    const ts = Math.round(u.dts) + s.offset;
    if (ts > s.lastTs) [s.lastTs, s.lastAt] = [ts, Date.now()];
    return ts;
  }

  /** Twice a second: the rate the network really took, and whether it took anything at all. */
  private watch(pub: RtmpPublisher, s: Sending): void {
    const now = Date.now();
    const sent = pub.bytesSent - pub.queuedBytes;
    if (sent !== s.lastSent || pub.queuedBytes === 0) s.lastProgress = now;
    if (now - s.sentAt >= 1000) {
      this.state = { ...this.state, kbps: Math.round(((sent - s.lastSent) * 8) / (now - s.sentAt)) };
      s.sentAt = now;
      s.lastSent = sent;
    }
    if (now - s.lastProgress > this.stallMs)
      pub.abort('timeout', `${pub.where}: the server took no data for ${Math.round(this.stallMs / 1000)} s`);
  }

  private unhook(): void {
    this.detach?.();
    this.detach = null;
    this.sending = null;
    if (this.monitor) clearInterval(this.monitor);
    this.monitor = null;
  }

  private onClosed(pub: RtmpPublisher, error: MediaError): void {
    if (this.pub !== pub) return;
    this.pub = null;
    this.unhook();
    this.emit('error', error);
    this.refusals = error.code === 'bad_stream_key' ? this.refusals + 1 : 0;
    if (this.refusals >= (this.options.giveUpAfterRefusals ?? Infinity)) {
      this.set({ state: 'failed', detail: error.message, reason: error.code, kbps: 0 });
      return;
    }
    const attempt = this.state.attempt + 1;
    const wait = this.backoffMs[Math.min(attempt - 1, this.backoffMs.length - 1)] ?? 2000;
    this.set({
      state: 'reconnecting',
      attempt,
      detail: `reconnecting (attempt ${attempt}): ${error.message}`,
      reason: error.code,
      kbps: 0,
    });
    this.retryTimer = setTimeout(() => this.dial(), wait);
  }

  /**
   * The encoder stage was restarted (a new clock and a new fan-out). A live connection stays: the stream goes
   * on from the new encoder's first keyframe (with its own sequence headers), its clock moved on past the
   * last frame sent by the time that passed, so the ingest and its viewers see one stream with a short hold.
   */
  restart(): void {
    const pub = this.pub;
    // Still dialling, or waiting to: it reads the new fan-out once the server says Publish.Start.
    if (!pub?.publishing || this.state.state === 'off' || this.state.state === 'failed') return;
    const old = this.sending;
    this.unhook();
    this.attach(pub, old?.started ? old.lastTs + Math.max(1, Date.now() - old.lastAt) : 0, old ?? undefined);
  }

  stop(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const pub = this.pub;
    this.pub = null;
    this.unhook();
    if (this.state.state !== 'off') this.set({ state: 'off', attempt: 0, detail: 'off', reason: null, kbps: 0 });
    return pub ? pub.close() : Promise.resolve();
  }
}
