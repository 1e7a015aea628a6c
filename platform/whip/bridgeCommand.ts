// What the WHIP ingest asks of ffmpeg, as pure data: the SDP that describes the RTP the platform forwards from
// a guest's browser on loopback, and the arguments that turn it into an RTMP publish on the platform's own
// ingest — H.264 copied as the browser encoded it (no re-encode), Opus to AAC (FLV has no Opus).
import { flvPublishArgs, lowDelayInputArgs, quietArgs } from '../../common/ffmpeg/commandParts';
export interface BridgePorts {
  video: number;
  audio: number;
}

export interface BridgeCodecs {
  videoPayloadType: number;
  audioPayloadType: number;
  /** The browser's SPS and PPS: ffmpeg knows the picture's size from the start instead of probing for it. */
  parameterSets?: { sps: Uint8Array; pps: Uint8Array };
}

function spropOf(codecs: BridgeCodecs): string {
  const p = codecs.parameterSets;
  if (!p) return '';
  return `;sprop-parameter-sets=${Buffer.from(p.sps).toString('base64')},${Buffer.from(p.pps).toString('base64')}`;
}

/** The session description ffmpeg reads on stdin: where the forwarded RTP arrives and what it carries. */
export function bridgeSdp(ports: BridgePorts, codecs: BridgeCodecs): string {
  return [
    'v=0',
    'o=- 0 0 IN IP4 127.0.0.1',
    's=guest',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=video ${ports.video} RTP/AVP ${codecs.videoPayloadType}`,
    `a=rtpmap:${codecs.videoPayloadType} H264/90000`,
    `a=fmtp:${codecs.videoPayloadType} packetization-mode=1${spropOf(codecs)}`,
    `m=audio ${ports.audio} RTP/AVP ${codecs.audioPayloadType}`,
    `a=rtpmap:${codecs.audioPayloadType} opus/48000/2`,
    '',
  ].join('\r\n');
}

/**
 * ffmpeg reading the SDP from stdin and publishing FLV. No buffering on the way in (nobuffer, a small probe,
 * no reorder wait on loopback), so a frame leaves for the ingest as soon as its last packet arrives.
 */
export function bridgeArgs(publishUrl: string): string[] {
  return [
    ...quietArgs(),
    '-protocol_whitelist',
    'pipe,udp,rtp',
    ...lowDelayInputArgs(65536, 500_000, '+nobuffer+genpts'),
    '-reorder_queue_size',
    '16',
    '-f',
    'sdp',
    '-i',
    'pipe:0',
    '-map',
    '0:v:0',
    '-map',
    '0:a:0',
    '-c:v',
    'copy',
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    '-ar',
    '48000',
    '-ac',
    '2',
    ...flvPublishArgs(publishUrl),
  ];
}
