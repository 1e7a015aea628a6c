// The program frames' timestamps as the compositor prints them on its meter pipe (fd 4): the filter chain that
// prints them and the reader that picks them out from among the meters' lines.
//
// Why: the canvas is timed on the wall clock (compositorClock.ts), so a frame's moment is not its number over the
// frame rate: the first frame comes 60-180 ms after the graph starts and a starved canvas makes fewer frames a
// second while its sound runs on. The frame relay pairs each frame with the sound of its own moment, which it can
// only know from the frame's timestamp. The line is printed where the frame leaves the graph for its outputs, in
// microseconds since the graph started; `-fps_mode passthrough` writes every frame it is given, in order, so the
// k-th line is the k-th frame on stdout. One short text line a frame: nothing next to the frame's own bytes.
import type { Readable } from 'node:stream';
import { escapeFilterValue } from './filterEscape';
import { LEVELS_FD } from './audioLevels';

/** The metadata key that marks a program frame's line (the meters' lines carry `vj_meter`). */
const FRAME_KEY = 'vj_frame';

/** The chain, put on the program video after its last filter, that prints each frame's time in microseconds. */
export function frameTimeChain(): string {
  return (
    `settb=AVTB,metadata=mode=add:key=${FRAME_KEY}:value=1,` +
    `metadata=mode=print:key=${FRAME_KEY}:direct=1:file=${escapeFilterValue(`pipe:${LEVELS_FD}`)}`
  );
}

/**
 * Calls `onTime` with each program frame's time (µs since the graph started), in order. The print writes
 * "frame:N pts:P pts_time:T" and then the key's line; a meter's frame line is followed by its own keys instead.
 */
export function readFrameTimes(pipe: Readable, onTime: (us: number) => void): () => void {
  let partial = '';
  let lastPts: number | null = null;
  pipe.setEncoding('utf8');
  const onData = (text: string) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('frame:')) {
        const m = /\bpts:(-?\d+)/.exec(line);
        lastPts = m ? Number(m[1]) : null;
      } else if (line.startsWith(`${FRAME_KEY}=`) && lastPts !== null) {
        onTime(lastPts);
        lastPts = null;
      }
    }
  };
  pipe.on('data', onData);
  return () => pipe.off('data', onData);
}
