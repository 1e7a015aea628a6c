// The ffmpeg command line tests use to publish a lavfi picture (and, when asked, a tone) to an RTMP URL as FLV.
import { lavfiInputArgs, quietArgs } from '../common/ffmpeg/commandParts';

export interface LavfiPush {
  /** The lavfi video source, e.g. `testsrc2=size=320x180:rate=15`. */
  video: string;
  /** The lavfi audio source, e.g. `sine=frequency=440`; none publishes video alone. */
  audio?: string;
  /** Frames between key frames. */
  gop: number;
  /** Stops after this many seconds (-t); the sources' own duration is the other way. */
  seconds?: number;
  videoBitrate?: string;
  /** The AAC bitrate, 64k unless given. */
  audioBitrate?: string;
  /** -tune zerolatency, on unless false. */
  zeroLatency?: boolean;
  /** -pix_fmt yuv420p, on unless false. */
  yuv420p?: boolean;
}

/** The arguments after the ffmpeg binary: real-time (-re), libx264 ultrafast, quiet but for errors. */
export function lavfiPushArgs(url: string, o: LavfiPush): string[] {
  return [
    ...quietArgs(),
    '-re',
    ...lavfiInputArgs(o.video),
    ...(o.audio ? lavfiInputArgs(o.audio) : []),
    ...(o.seconds !== undefined ? ['-t', String(o.seconds)] : []),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    ...(o.zeroLatency === false ? [] : ['-tune', 'zerolatency']),
    '-g',
    String(o.gop),
    ...(o.videoBitrate ? ['-b:v', o.videoBitrate] : []),
    ...(o.yuv420p === false ? [] : ['-pix_fmt', 'yuv420p']),
    ...(o.audio ? ['-c:a', 'aac', '-b:a', o.audioBitrate ?? '64k'] : []),
    '-f',
    'flv',
    url,
  ];
}
