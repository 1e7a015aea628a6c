// A low-latency feed of the program for one party in the show (a co-host guest; another VJ in a link): the
// program's video as the one encode made it (copied, never encoded again) with a sound mix of its own (a
// guest's mix-minus), pushed over RTMP to the platform, which serves it to that party over WebRTC.
// Nothing old is sent: the video starts at the next keyframe and the sound is paced by the program's frames
// from that moment, silence filling in while the compositor restarts, so the feed never runs behind.
import { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import { AUDIO_RATE } from './sceneGraph';
import { FfmpegProcess } from './ffmpegProcess';
import type { FanoutSink, TsFanout } from './tsFanout';
import { flvPublishArgs, lowDelayInputArgs, quietArgs, rawStereoArgs } from '../../common/ffmpeg/commandParts';

const BYTES_PER_SECOND = AUDIO_RATE * 4;
/** Sound waiting beyond this is latency: the oldest goes. */
const MAX_QUEUED_BYTES = Math.round(BYTES_PER_SECOND * 0.2);
const RETRY_MS = [1000, 2000, 5000];

/**
 * ffmpeg's command: the program's MPEG-TS on stdin (its video copied), raw PCM of the feed's own mix on
 * fd 3 (encoded to AAC), FLV to the RTMP URL. No input buffering, a short probe: the feed starts at once.
 */
export function returnFeedArgs(url: string): string[] {
  return [
    ...quietArgs(),
    // Enough to hold a whole 1080p keyframe: the video's parameters come from it (a shorter probe left the
    // feed without them and it could not start).
    ...lowDelayInputArgs(4_000_000, 1_000_000),
    '-f',
    'mpegts',
    '-i',
    'pipe:0',
    ...rawStereoArgs(AUDIO_RATE),
    '-i',
    'pipe:3',
    '-map',
    '0:v:0',
    '-map',
    '1:a:0',
    '-c:v',
    'copy',
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    ...flvPublishArgs(url),
  ];
}

/**
 * Raw PCM handed on as the program's frames go to the encoder: each frame's share of sound (what arrived, or
 * silence where nothing did), so the feed's sound keeps the video's clock. The program's clock counts the
 * frames the encoder took; on a machine where the encoder runs short of real time the relay drops ticks, and a
 * wall-clock pace ran the sound ahead of the copied video: ffmpeg held the sound back to interleave it (up to
 * seconds) and the page's jitter buffer grew with it (bench:cohost).
 */
export class PacedSound {
  private queue: Buffer[] = [];
  private queued = 0;
  private started = false;
  silentBytes = 0;

  constructor(private readonly out: () => Writable | null) {}

  push(pcm: Buffer): void {
    if (!this.started) return; // not started: sound before the video's first keyframe is not sent
    this.queue.push(pcm);
    this.queued += pcm.length;
    while (this.queued > MAX_QUEUED_BYTES && this.queue.length > 1) this.queued -= this.queue.shift()!.length;
    if (this.queued > MAX_QUEUED_BYTES) {
      // One chunk longer than the bound: its newest part (whole samples) is what is kept.
      this.queue[0] = this.queue[0]!.subarray(this.queued - MAX_QUEUED_BYTES);
      this.queued = MAX_QUEUED_BYTES;
    }
  }

  start(): void {
    this.stop();
    this.started = true;
  }

  /** A program frame went to the encoder: its share of sound (`due` bytes, whole samples) goes to the feed. */
  advance(due: number): void {
    if (!this.started || due <= 0) return;
    const chunk = Buffer.alloc(due);
    let o = 0;
    while (o < due && this.queue.length > 0) {
      const head = this.queue[0]!;
      const take = Math.min(head.length, due - o);
      head.copy(chunk, o, 0, take);
      o += take;
      if (take === head.length) this.queue.shift();
      else this.queue[0] = head.subarray(take);
    }
    this.queued -= o;
    this.silentBytes += due - o;
    const out = this.out();
    if (out?.writable) out.write(chunk);
  }

  stop(): void {
    this.started = false;
    this.queue = [];
    this.queued = 0;
  }
}

export interface ReturnFeedOptions {
  ffmpegPath: string;
  url: string;
  fanout: () => TsFanout | null;
  log?: (line: string) => void;
}

/** One feed: its ffmpeg, restarted with backoff while the feed is wanted (the platform went away, a new encoder). */
export class ReturnFeed extends EventEmitter<{ live: []; stopped: [string] }> {
  private proc: FfmpegProcess | null = null;
  private detach: (() => void) | null = null;
  private retry: NodeJS.Timeout | null = null;
  private failures = 0;
  private wanted = false;
  readonly sound = new PacedSound(() => (this.proc?.running ? this.proc.pipe(3) : null));
  starts = 0;

  constructor(private readonly o: ReturnFeedOptions) {
    super();
  }

  get url(): string {
    return this.o.url;
  }

  start(): void {
    this.wanted = true;
    this.launch();
  }

  private launch(): void {
    this.retry = null;
    const fanout = this.o.fanout();
    if (!this.wanted) return;
    if (!fanout) return this.later('the program is not encoding');
    const proc = new FfmpegProcess('return feed', this.o.ffmpegPath, returnFeedArgs(this.o.url), 1);
    this.proc = proc;
    this.starts++;
    const sink: FanoutSink = {
      name: 'return feed',
      stream: proc.stdin,
      onOverflow: () => proc.kill(),
      live: { started: false, onStart: () => this.onVideoStart() },
    };
    this.detach = fanout.attach(sink);
    proc.on('exit', (exit) => {
      if (this.proc !== proc) return;
      this.detach?.();
      this.detach = null;
      this.proc = null;
      this.sound.stop();
      if (exit.requested || !this.wanted) return;
      this.later(exit.lastLines.slice(-2).join(' ') || `ffmpeg ended (${exit.code ?? exit.signal})`);
    });
  }

  private onVideoStart(): void {
    this.failures = 0;
    this.sound.start();
    this.emit('live');
  }

  private later(why: string): void {
    const wait = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)]!;
    this.o.log?.(`return feed: ${why}; again in ${wait} ms`);
    this.retry = setTimeout(() => this.launch(), wait);
  }

  /** The encoder was replaced (a new fan-out): the feed starts again on it. */
  async restart(): Promise<void> {
    await this.halt();
    if (this.wanted) this.launch();
  }

  private async halt(): Promise<void> {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.sound.stop();
    this.detach?.();
    this.detach = null;
    const proc = this.proc;
    this.proc = null;
    if (proc) await proc.stop(1000, 'kill');
  }

  async stop(): Promise<void> {
    this.wanted = false;
    await this.halt();
    this.emit('stopped', 'stopped');
  }
}

/**
 * The feeds of a show by party (a guest's user id; a PK partner's): sound routed to each, all restarted or
 * stopped together. The ingest takes one publisher per key, so a new feed starts only once every feed that was
 * on its address has left (a PK partner unlinked and linked again at once; the link moving to another partner).
 */
export class ReturnFeeds {
  private readonly feeds = new Map<string, ReturnFeed>();
  /** By address: settles once every feed stopped on it has gone (never rejects); removed when it has. */
  private readonly leaving = new Map<string, Promise<void>>();

  constructor(private readonly make: (url: string) => ReturnFeed) {}

  /** Starts, replaces (a new URL) or stops (null) a party's feed. */
  async set(party: string, url: string | null): Promise<void> {
    const old = this.feeds.get(party);
    if (old && old.url === url) return;
    // The map changes before any wait: two calls at once must not start two feeds for one party (the second
    // publisher would be refused by the ingest, and the feed on air would be one that gets no sound).
    this.feeds.delete(party);
    const feed = url ? this.make(url) : null;
    if (feed) this.feeds.set(party, feed);
    const stopped = old ? this.retire(old) : Promise.resolve();
    await (url ? this.leaving.get(url) : undefined);
    if (feed && this.feeds.get(party) === feed) feed.start();
    // An old feed that failed to stop is the caller's to hear of, after the new one has started.
    await stopped;
  }

  /** How many addresses still have a feed leaving them (each is forgotten once its feeds have stopped). */
  get addressesLeaving(): number {
    return this.leaving.size;
  }

  sound(party: string, pcm: Buffer): void {
    this.feeds.get(party)?.sound.push(pcm);
  }

  /** A program frame went to the encoder with `bytes` of sound: every feed hands on its own share. */
  frameSent(bytes: number): void {
    for (const f of this.feeds.values()) f.sound.advance(bytes);
  }

  get(party: string): ReturnFeed | undefined {
    return this.feeds.get(party);
  }

  async restartAll(): Promise<void> {
    await Promise.all([...this.feeds.values()].map((f) => f.restart()));
  }

  async stopAll(): Promise<void> {
    const all = [...this.feeds.values()];
    this.feeds.clear();
    await Promise.all(all.map((f) => this.retire(f)));
  }

  /** Stops a feed at once; its address counts as taken until it (and any feed before it there) has gone. */
  private retire(feed: ReturnFeed): Promise<void> {
    const url = feed.url;
    const stopped = feed.stop();
    const gone = Promise.all([this.leaving.get(url), stopped]).then(
      () => undefined,
      () => undefined,
    );
    this.leaving.set(url, gone);
    void gone.then(() => {
      if (this.leaving.get(url) === gone) this.leaving.delete(url);
    });
    return stopped;
  }
}
