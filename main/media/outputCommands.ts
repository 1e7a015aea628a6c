// Commands of the recorder that hangs off the one encode (`-c copy` from MPEG-TS on stdin), and of the
// recordings' repair, export and thumbnails. Pure. (The push publishes from the studio itself: media/rtmp/.)

const tsIn = [
  '-hide_banner',
  '-loglevel',
  'warning',
  '-nostats',
  '-fflags',
  '+genpts',
  '-probesize',
  '200000',
  '-analyzeduration',
  '300000',
  '-f',
  'mpegts',
  '-i',
  'pipe:0',
];

export interface RecordArgsOptions {
  /** Segment file pattern, e.g. /rec/vj-20261125-101500-%03d.mp4 */
  pattern: string;
  /** CSV the segment muxer appends each finished segment to. */
  listFile: string;
  segmentSeconds: number;
}

/**
 * Fragmented MP4 segments, flushed every packet with 0.5 s fragments: a kill -9 or a power cut loses about
 * 0.1 s of the open file (MEDIA.md), and every closed segment is whole.
 */
export function recordArgs(o: RecordArgsOptions): string[] {
  return [
    ...tsIn,
    '-map',
    '0',
    '-c',
    'copy',
    '-f',
    'segment',
    '-segment_time',
    String(o.segmentSeconds),
    '-segment_format',
    'mp4',
    '-segment_format_options',
    'movflags=+frag_keyframe+empty_moov+default_base_moof:frag_duration=500000:flush_packets=1',
    '-reset_timestamps',
    '1',
    '-segment_list',
    o.listFile,
    '-segment_list_type',
    'csv',
    o.pattern,
  ];
}

/** Remux a recording into a plain MP4 with its index first (repair and export). */
export function remuxArgs(input: string, output: string): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-stats_period',
    '0.5',
    '-progress',
    'pipe:1',
    '-i',
    input,
    '-map',
    '0',
    '-c',
    'copy',
    '-movflags',
    '+faststart',
    '-y',
    output,
  ];
}

export function thumbnailArgs(input: string, output: string): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-ss',
    '1',
    '-i',
    input,
    '-frames:v',
    '1',
    '-vf',
    'scale=256:-2',
    '-q:v',
    '6',
    '-update',
    '1',
    '-y',
    output,
  ];
}
