// The encoder stage's command (raw frames on stdin, raw audio on fd 3 → H.264/AAC in MPEG-TS on stdout),
// and the hardware encoders we may offer. Pure.
import type { Preset } from '../contract/media';
import { AUDIO_RATE } from './sceneGraph';
import { quietArgs, rawStereoArgs } from '../../common/ffmpeg/commandParts';

export const videoEncoders = [
  { id: 'libx264', name: 'x264 (software)', hardware: false },
  { id: 'h264_nvenc', name: 'NVIDIA NVENC', hardware: true },
  { id: 'h264_qsv', name: 'Intel Quick Sync', hardware: true },
  { id: 'h264_amf', name: 'AMD AMF', hardware: true },
  { id: 'h264_videotoolbox', name: 'Apple VideoToolbox', hardware: true },
  { id: 'h264_vaapi', name: 'VA-API', hardware: true },
] as const;

export type VideoEncoderId = (typeof videoEncoders)[number]['id'];

export function isVideoEncoderId(id: string): id is VideoEncoderId {
  return videoEncoders.some((e) => e.id === id);
}

/** Rate control per encoder: CBR at the preset's bitrate, no B-frames (zero latency), GOP of 2 s. */
export function videoCodecArgs(encoder: VideoEncoderId, p: Preset, x264Preset = 'veryfast'): string[] {
  const kbps = `${p.videoKbps}k`;
  const gop = String(p.fps * 2);
  // Constant bitrate the hardware encoders' way: the target, its ceiling and a one-second buffer.
  const cbr = ['-b:v', kbps, '-maxrate', kbps, '-bufsize', kbps];
  const common = ['-g', gop, '-keyint_min', gop, '-bf', '0', '-force_key_frames', 'expr:gte(t,n_forced*2)'];
  switch (encoder) {
    case 'libx264':
      return [
        '-c:v',
        'libx264',
        '-preset',
        x264Preset,
        '-tune',
        'zerolatency',
        '-profile:v',
        'high',
        '-b:v',
        kbps,
        '-minrate',
        kbps,
        '-maxrate',
        kbps,
        '-bufsize',
        kbps,
        '-x264-params',
        'nal-hrd=cbr:force-cfr=1',
        '-sc_threshold',
        '0',
        ...common,
        '-pix_fmt',
        'yuv420p',
      ];
    case 'h264_nvenc':
      return [
        '-c:v',
        'h264_nvenc',
        '-preset',
        'p4',
        '-tune',
        'll',
        '-rc',
        'cbr',
        ...cbr,
        ...common,
        '-pix_fmt',
        'yuv420p',
      ];
    case 'h264_qsv':
      return ['-c:v', 'h264_qsv', '-preset', 'veryfast', ...cbr, ...common, '-pix_fmt', 'nv12'];
    case 'h264_amf':
      return ['-c:v', 'h264_amf', '-usage', 'lowlatency', '-rc', 'cbr', ...cbr, ...common, '-pix_fmt', 'yuv420p'];
    case 'h264_videotoolbox':
      return ['-c:v', 'h264_videotoolbox', '-realtime', '1', ...cbr, ...common, '-pix_fmt', 'yuv420p'];
    case 'h264_vaapi':
      return [
        '-vaapi_device',
        '/dev/dri/renderD128',
        '-vf',
        'format=nv12,hwupload',
        '-c:v',
        'h264_vaapi',
        '-rc_mode',
        'CBR',
        '-b:v',
        kbps,
        '-maxrate',
        kbps,
        ...common,
      ];
  }
}

export interface EncoderStageOptions {
  preset: Preset;
  encoder: VideoEncoderId;
  x264Preset?: string;
}

export function encoderStageArgs(o: EncoderStageOptions): string[] {
  const p = o.preset;
  return [
    ...quietArgs('warning'),
    '-stats',
    '-stats_period',
    '1',
    '-nostdin',
    // Raw inputs need no probing; probing one pipe while the other fills would deadlock the relay.
    '-probesize',
    '32',
    '-analyzeduration',
    '0',
    // Two raw frames of queue, not hundreds: 256 frames at 1080p is 800 MB of fresh memory (page faults
    // cost the encoder ~1.5x its CPU in bench:media), and each queued frame is standing delay when the
    // encoder runs at its limit (8 held ~270 ms in bench:cohost); the relay drops a tick instead.
    '-thread_queue_size',
    '2',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-s',
    `${p.width}x${p.height}`,
    '-framerate',
    String(p.fps),
    '-i',
    'pipe:0',
    '-probesize',
    '32',
    '-analyzeduration',
    '0',
    '-thread_queue_size',
    '256',
    ...rawStereoArgs(AUDIO_RATE),
    '-i',
    'pipe:3',
    '-map',
    '0:v',
    '-map',
    '1:a',
    ...videoCodecArgs(o.encoder, p, o.x264Preset),
    '-c:a',
    'aac',
    '-b:a',
    `${p.audioKbps}k`,
    '-ar',
    String(AUDIO_RATE),
    // Timestamps start at 0 and count frames: the recording's clock is the stage's clock.
    '-f',
    'mpegts',
    '-muxdelay',
    '0',
    '-muxpreload',
    '0',
    '-flush_packets',
    '1',
    '-mpegts_start_pid',
    '256',
    '-mpegts_pmt_start_pid',
    '4096',
    'pipe:1',
  ];
}

/** A one-second encode of a test pattern: an encoder is offered only when this succeeds. */
export function encoderProbeArgs(encoder: VideoEncoderId): string[] {
  const p: Preset = { id: '720p30', width: 640, height: 360, fps: 30, videoKbps: 800, audioKbps: 64 };
  return [
    ...quietArgs(),
    '-nostdin',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=s=640x360:r=30',
    '-frames:v',
    '15',
    ...videoCodecArgs(encoder, p),
    '-f',
    'null',
    '-',
  ];
}

/** The push's onMetaData for what the encoder stage makes (FLV codec ids: 7 is H.264, 10 is AAC). */
export function streamMetadata(p: Preset): Record<string, number | boolean> {
  return {
    width: p.width,
    height: p.height,
    framerate: p.fps,
    videocodecid: 7,
    videodatarate: p.videoKbps,
    audiocodecid: 10,
    audiodatarate: p.audioKbps,
    audiosamplerate: AUDIO_RATE,
    audiosamplesize: 16,
    audiochannels: 2,
    stereo: true,
  };
}

/** What the VJ reads when a hardware encoder failed and x264 took over (the push goes on). */
export function fellBackWords(from: VideoEncoderId, why: string): string {
  const name = videoEncoders.find((e) => e.id === from)?.name ?? from;
  return `The ${name} encoder stopped (${why.replace(/[.。]\s*$/, '')}); the studio switched to x264 (software) and the push goes on.`;
}
