// What the platform asks of ffmpeg to relay a return feed from its own RTMP ingest to a browser, as pure
// data: the H.264 copied (in Annex B, as RTP wants it), the AAC made Opus (WebRTC has no AAC), each as RTP
// to loopback ports the platform reads and hands to the browser's peer connection. No input buffering.
import { lowDelayInputArgs, quietArgs } from '../../common/ffmpeg/commandParts';
export interface RelayPorts {
  video: number;
  videoRtcp: number;
  audio: number;
  audioRtcp: number;
}

export const RELAY_VIDEO_PT = 96;
export const RELAY_AUDIO_PT = 111;
/** RTP payloads fit a loopback-to-browser path with room for SRTP's overhead. */
const PACKET_SIZE = 1200;

export function relayArgs(playUrl: string, ports: RelayPorts): string[] {
  const rtp = (port: number, rtcp: number) => `rtp://127.0.0.1:${port}?rtcpport=${rtcp}&pkt_size=${PACKET_SIZE}`;
  return [
    ...quietArgs(),
    ...lowDelayInputArgs(32768, 0),
    '-rw_timeout',
    '5000000',
    '-i',
    playUrl,
    '-map',
    '0:v:0',
    '-c:v',
    'copy',
    '-bsf:v',
    'h264_mp4toannexb',
    '-f',
    'rtp',
    '-payload_type',
    String(RELAY_VIDEO_PT),
    rtp(ports.video, ports.videoRtcp),
    '-map',
    '0:a:0',
    '-c:a',
    'libopus',
    '-b:a',
    '64k',
    '-application',
    'lowdelay',
    '-frame_duration',
    '20',
    '-ar',
    '48000',
    '-ac',
    '2',
    '-f',
    'rtp',
    '-payload_type',
    String(RELAY_AUDIO_PT),
    rtp(ports.audio, ports.audioRtcp),
  ];
}
