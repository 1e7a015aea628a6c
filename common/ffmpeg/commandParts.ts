// Pieces of ffmpeg command lines that the studio and the platform write alike, as pure data.

/** No banner; stderr carries only what went wrong (with warnings, for a process whose stats are read). */
export function quietArgs(level: 'error' | 'warning' = 'error'): string[] {
  return ['-hide_banner', '-loglevel', level];
}

/** An input taken as it comes: no buffering, low-delay decoding, a probe of this many bytes and microseconds. */
export function lowDelayInputArgs(probeBytes: number, analyzeMicros: number, fflags = '+nobuffer'): string[] {
  return [
    ...['-fflags', fflags, '-flags', 'low_delay'],
    ...['-probesize', String(probeBytes), '-analyzeduration', String(analyzeMicros)],
  ];
}

/** Raw interleaved stereo s16le at this rate: the studio's sound on a pipe, as an input's or output's format. */
export function rawStereoArgs(rate: number): string[] {
  return ['-f', 's16le', '-ar', String(rate), '-ac', '2'];
}

/** FLV published to an RTMP URL; a live stream has no duration or size to write back at its end. */
export function flvPublishArgs(url: string): string[] {
  return ['-flvflags', 'no_duration_filesize', '-f', 'flv', url];
}

/** A lavfi filter graph (a test pattern, a flat colour, a tone) read as an input. */
export function lavfiInputArgs(graph: string): string[] {
  return ['-f', 'lavfi', '-i', graph];
}
