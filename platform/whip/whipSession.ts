// One guest publishing from a browser over WebRTC (a WHIP resource): a werift peer connection answers the
// browser's offer, receives H.264 and Opus, and forwards the RTP on loopback to an ffmpeg that publishes it to
// the platform's own RTMP ingest as the guest's stream. Video is never decoded here. The session ends when
// the browser leaves (DELETE), its packets stop, its connection fails, or ffmpeg exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { RTCPeerConnection, useH264, useOPUS, type RtpPacket } from 'werift';
import { bridgeArgs, bridgeSdp, type BridgePorts } from './bridgeCommand';
import { parameterSets } from './h264Rtp';
import { freeUdpPair } from './udpPorts';

const VIDEO_PT = 96;
const AUDIO_PT = 111;
/** A keyframe asked for this often, so whoever starts pulling the guest's stream waits at most this long. */
const KEYFRAME_EVERY_MS = 2000;
/** No packet for this long: the guest's network or tab is gone. */
export const SILENCE_ENDS_MS = 4000;
/** From the answer to the first packet. */
const CONNECT_WITHIN_MS = 20_000;

export interface WhipSessionOptions {
  ffmpegPath: string;
  publishUrl: string;
  log?: (line: string) => void;
}

/** Why an applied offer cannot be bridged, or null: one video in H.264 and one audio in Opus are needed. */
function offerProblem(pc: RTCPeerConnection): string | null {
  const ts = pc.getTransceivers();
  const video = ts.filter((t) => t.kind === 'video');
  const audio = ts.filter((t) => t.kind === 'audio');
  if (video.length !== 1 || audio.length !== 1) return 'The offer must carry one video and one audio track.';
  if (!video[0]!.codecs.some((c) => /h264/i.test(c.mimeType))) return 'The browser must offer H.264 video.';
  if (!audio[0]!.codecs.some((c) => /opus/i.test(c.mimeType))) return 'The browser must offer Opus audio.';
  return null;
}

export class WhipSession extends EventEmitter<{ closed: [string] }> {
  private pc: RTCPeerConnection | null = null;
  private ffmpeg: ChildProcess | null = null;
  private udp: Socket | null = null;
  private ports: BridgePorts | null = null;
  private timers: NodeJS.Timeout[] = [];
  private lastPacketAt = Date.now();
  private closedWith: string | null = null;
  private sps: Uint8Array | null = null;
  private pps: Uint8Array | null = null;
  private spawnedAt = 0;
  private ffmpegError = '';
  packets = { video: 0, audio: 0 };

  constructor(private readonly o: WhipSessionOptions) {
    super();
  }

  get closed(): boolean {
    return this.closedWith !== null;
  }

  /** Answers the browser's offer (ICE candidates included: WHIP here does not trickle). */
  async answer(offerSdp: string): Promise<string> {
    const pc = new RTCPeerConnection({
      codecs: { video: [useH264()], audio: [useOPUS()] },
      iceUseIpv6: false,
    });
    this.pc = pc;
    // Tracks appear while the offer is applied: forward from the first packet on.
    pc.onTrack.subscribe((track) => {
      const video = track.kind === 'video';
      track.onReceiveRtp.subscribe((rtp: RtpPacket) => {
        // Only the primary codec goes on (retransmissions arrive under their own payload type).
        if (track.codec && rtp.header.payloadType !== track.codec.payloadType) return;
        this.lastPacketAt = Date.now();
        this.packets[video ? 'video' : 'audio']++;
        // ffmpeg starts once the browser's SPS and PPS are known, and is handed them in its SDP: it then knows
        // the picture's size without probing, and can write the FLV header whatever packets it misses.
        if (!this.ffmpeg) {
          if (video) this.collectParameterSets(rtp.payload);
          return;
        }
        const port = this.ports?.[video ? 'video' : 'audio'];
        if (!port || !this.udp || this.closed) return;
        rtp.header.payloadType = video ? VIDEO_PT : AUDIO_PT;
        this.udp.send(rtp.serialize(), port, '127.0.0.1');
      });
    });
    await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    const problem = offerProblem(pc);
    if (problem) {
      await this.close(problem);
      throw new Error(problem);
    }
    for (const t of pc.getTransceivers()) t.setDirection('recvonly');
    await pc.setLocalDescription(await pc.createAnswer());
    const answer = pc.localDescription?.sdp;
    if (!answer) throw new Error('No answer could be made for this offer.');
    await this.startBridge(pc);
    return answer;
  }

  private collectParameterSets(payload: Uint8Array): void {
    const found = parameterSets(payload);
    if (found.sps) this.sps = Uint8Array.from(found.sps);
    if (found.pps) this.pps = Uint8Array.from(found.pps);
    if (this.sps && this.pps && this.ports && !this.closed) this.spawnBridge(this.ports, this.sps, this.pps);
  }

  private spawnBridge(ports: BridgePorts, sps: Uint8Array, pps: Uint8Array): void {
    const ffmpeg = spawn(this.o.ffmpegPath, bridgeArgs(this.o.publishUrl), {
      stdio: ['pipe', 'ignore', 'pipe'],
      windowsHide: true,
    });
    this.ffmpeg = ffmpeg;
    this.spawnedAt = Date.now();
    ffmpeg.stdin.end(
      bridgeSdp(ports, { videoPayloadType: VIDEO_PT, audioPayloadType: AUDIO_PT, parameterSets: { sps, pps } }),
    );
    ffmpeg.stderr.setEncoding('utf8');
    ffmpeg.stderr.on('data', (d: string) => (this.ffmpegError = (this.ffmpegError + d).slice(-600)));
    ffmpeg.on('error', (e) => void this.close(`The guest bridge could not start: ${e.message}`));
    ffmpeg.on('exit', (code) => {
      if (this.ffmpeg === ffmpeg) this.ffmpeg = null;
      void this.close(
        `The guest bridge stopped (${code ?? 'killed'}): ${this.ffmpegError.trim() || 'no reason given'}`,
      );
    });
  }

  private async startBridge(pc: RTCPeerConnection): Promise<void> {
    const ports = { video: await freeUdpPair(), audio: 0 };
    do ports.audio = await freeUdpPair();
    while (ports.audio === ports.video);
    this.ports = ports;
    const udp = createSocket('udp4');
    this.udp = udp;
    udp.on('error', (e) => this.o.log?.(`whip: forwarding failed: ${e.message}`));

    const askKeyframe = () => {
      for (const t of pc.getTransceivers()) {
        const ssrc = t.kind === 'video' ? t.receiver.track?.ssrc : undefined;
        if (ssrc !== undefined) void t.receiver.sendRtcpPLI(ssrc).catch(() => {});
      }
    };
    this.timers.push(setInterval(askKeyframe, KEYFRAME_EVERY_MS));
    // Until ffmpeg has run a few seconds (it may miss packets while it starts), ask more often: the guest's
    // arrival waits on a keyframe reaching it.
    this.timers.push(setInterval(() => (!this.ffmpeg || Date.now() - this.spawnedAt < 3000) && askKeyframe(), 400));
    // Until the first packet the connection is still being made (ICE, DTLS), which a busy machine can take
    // a while over; after it, a silence means the guest is gone.
    const startedAt = Date.now();
    this.timers.push(
      setInterval(() => {
        const any = this.packets.video + this.packets.audio > 0;
        if (!any && Date.now() - startedAt > CONNECT_WITHIN_MS)
          void this.close(`The guest's media did not arrive within ${CONNECT_WITHIN_MS / 1000} s.`);
        else if (any && Date.now() - this.lastPacketAt > SILENCE_ENDS_MS)
          void this.close(`Nothing arrived from the guest for ${SILENCE_ENDS_MS / 1000} s.`);
      }, 500),
    );
    pc.connectionStateChange.subscribe((s) => {
      if (s === 'connected') setTimeout(askKeyframe, 300);
      if (s === 'failed' || s === 'closed') void this.close(`The guest's connection ${s}.`);
    });
  }

  async close(reason: string): Promise<void> {
    if (this.closedWith !== null) return;
    this.closedWith = reason;
    this.timers.forEach((t) => clearInterval(t));
    this.timers = [];
    // SIGINT lets ffmpeg end the RTMP publish properly, so the ingest sees the guest's stream end at once.
    const ff = this.ffmpeg;
    this.ffmpeg = null;
    let exited = Promise.resolve();
    if (ff && ff.exitCode === null && ff.signalCode === null) {
      exited = new Promise((done) => ff.once('exit', () => done()));
      ff.kill('SIGINT');
      setTimeout(() => ff.exitCode === null && ff.kill('SIGKILL'), 2000).unref();
    }
    this.udp?.close();
    this.udp = null;
    await this.pc?.close().catch(() => {});
    this.pc = null;
    // Closed only once the bridge has gone, so its publish has ended on the ingest: a guest who rejoins at
    // once would otherwise find their stream still held by the old bridge and be refused.
    await exited;
    this.o.log?.(`whip: session closed: ${reason}`);
    this.emit('closed', reason);
  }
}
