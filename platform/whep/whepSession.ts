// One party watching a feed over WebRTC (a WHEP resource): a werift peer connection answers the browser's
// receive-only offer with H.264 and Opus, fed by an ffmpeg relay (relayCommand.ts) that plays the feed from
// the platform's RTMP ingest. The relay starts once the feed is live and again whenever it ends while the
// party still watches (the studio restarted its feed); the browser sees one continuous stream.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { MediaStreamTrack, RTCPeerConnection, useH264, useOPUS, type RTCRtpTransceiver } from 'werift';
import { relayArgs, type RelayPorts } from './relayCommand';
import { PLAYOUT_DELAY_URI, playoutDelayExtension, withoutPlayoutDelay } from './playoutDelay';

/** How often a session looks whether its feed is live (to start the relay) and whether the browser still is. */
const CHECK_MS = 250;
/** From the answer to a connected browser. */
const CONNECT_WITHIN_MS = 20_000;

export interface WhepSessionOptions {
  ffmpegPath: string;
  /** The feed on the platform's own ingest, signed (only the platform plays a return feed). */
  playUrl: string;
  /** Whether the feed is being published now. */
  isLive: () => boolean;
  log?: (line: string) => void;
}

function bindLoopback(): Promise<Socket> {
  return new Promise((done, reject) => {
    const s = createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => done(s));
  });
}

export class WhepSession extends EventEmitter<{ closed: [string] }> {
  private pc: RTCPeerConnection | null = null;
  private relay: ChildProcess | null = null;
  private sockets: Socket[] = [];
  private ports: RelayPorts | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closedWith: string | null = null;
  private relayError = '';
  private readonly tracks = {
    video: new MediaStreamTrack({ kind: 'video' }),
    audio: new MediaStreamTrack({ kind: 'audio' }),
  };
  private transceivers: RTCRtpTransceiver[] = [];
  /** The browser's id of the playout-delay extension, when it offered one: each video packet asks for none. */
  private playoutDelayId: number | null = null;
  relayStarts = 0;
  packets = { video: 0, audio: 0 };

  constructor(private readonly o: WhepSessionOptions) {
    super();
  }

  get closed(): boolean {
    return this.closedWith !== null;
  }

  /** Answers the browser's offer (one video and one audio to receive); ICE candidates are in the answer. */
  async answer(offerSdp: string): Promise<string> {
    const pc = new RTCPeerConnection({
      codecs: { video: [useH264()], audio: [useOPUS()] },
      headerExtensions: { video: [playoutDelayExtension()] },
      iceUseIpv6: false,
    });
    this.pc = pc;
    await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    const ts = pc.getTransceivers();
    const video = ts.filter((t) => t.kind === 'video');
    const audio = ts.filter((t) => t.kind === 'audio');
    if (video.length !== 1 || audio.length !== 1) throw new Error('The offer must ask for one video and one audio.');
    if (!video[0]!.codecs.some((c) => /h264/i.test(c.mimeType))) throw new Error('The browser must take H.264 video.');
    if (!audio[0]!.codecs.some((c) => /opus/i.test(c.mimeType))) throw new Error('The browser must take Opus audio.');
    this.transceivers = [video[0]!, audio[0]!];
    this.playoutDelayId = video[0]!.headerExtensions.find((e) => e.uri === PLAYOUT_DELAY_URI)?.id ?? null;
    for (const t of this.transceivers) {
      t.setDirection('sendonly');
      await t.sender.replaceTrack(this.tracks[t.kind as 'video' | 'audio']);
    }
    await pc.setLocalDescription(await pc.createAnswer());
    const answer = pc.localDescription?.sdp;
    if (!answer) throw new Error('No answer could be made for this offer.');
    await this.listen();
    const startedAt = Date.now();
    pc.connectionStateChange.subscribe((s) => {
      if (s === 'failed' || s === 'closed') void this.close(`The browser's connection ${s}.`);
    });
    this.timer = setInterval(() => {
      if (pc.connectionState !== 'connected' && Date.now() - startedAt > CONNECT_WITHIN_MS)
        void this.close(`The browser did not connect within ${CONNECT_WITHIN_MS / 1000} s.`);
      else if (!this.relay && !this.closed && this.o.isLive()) this.startRelay();
    }, CHECK_MS);
    return answer;
  }

  /** Four loopback ports (RTP and RTCP, video and audio), bound before ffmpeg is told them: nothing can take them. */
  private async listen(): Promise<void> {
    this.sockets = await Promise.all([0, 1, 2, 3].map(() => bindLoopback()));
    const [v, vr, a, ar] = this.sockets.map((s) => s.address().port) as [number, number, number, number];
    this.ports = { video: v, videoRtcp: vr, audio: a, audioRtcp: ar };
    this.sockets[0]!.on('message', (m: Buffer) => {
      this.packets.video++;
      const id = this.playoutDelayId;
      this.tracks.video.writeRtp(id === null ? m : withoutPlayoutDelay(m, id));
    });
    this.sockets[2]!.on('message', (m: Buffer) => {
      this.packets.audio++;
      this.tracks.audio.writeRtp(m);
    });
    // ffmpeg's RTCP sender reports are read and dropped: werift makes its own for the browser.
    for (const s of this.sockets) s.on('error', (e) => this.o.log?.(`whep: relay socket: ${e.message}`));
  }

  private startRelay(): void {
    if (!this.ports) return;
    this.relayStarts++;
    // A new relay's packets carry new sequence numbers and timestamps: werift continues the browser's.
    if (this.relayStarts > 1) for (const t of this.transceivers) t.sender.replaceRTP({} as never);
    const relay = spawn(this.o.ffmpegPath, relayArgs(this.o.playUrl, this.ports), {
      stdio: ['ignore', 'ignore', 'pipe'],
      windowsHide: true,
    });
    this.relay = relay;
    relay.stderr.setEncoding('utf8');
    relay.stderr.on('data', (d: string) => (this.relayError = (this.relayError + d).slice(-400)));
    relay.on('error', (e) => this.o.log?.(`whep: the relay could not start: ${e.message}`));
    relay.on('exit', (code) => {
      if (this.relay === relay) this.relay = null;
      if (!this.closed) this.o.log?.(`whep: relay ended (${code ?? 'killed'}) ${this.relayError.trim()}`);
    });
  }

  async close(reason: string): Promise<void> {
    if (this.closedWith !== null) return;
    this.closedWith = reason;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const relay = this.relay;
    this.relay = null;
    if (relay && relay.exitCode === null) relay.kill('SIGKILL');
    for (const s of this.sockets) s.close();
    this.sockets = [];
    await this.pc?.close().catch(() => {});
    this.pc = null;
    this.o.log?.(`whep: session closed: ${reason}`);
    this.emit('closed', reason);
  }
}
