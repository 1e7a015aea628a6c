// The program frames' timestamps as the compositor prints them on its meter pipe (fd 4): the filter chain that
// prints them and the reader of their lines (one block a frame, from the pipe's one reader: printedFrames.ts).
//
// Why: the canvas is timed on the wall clock (compositorClock.ts), so a frame's moment is not its number over the
// frame rate: the first frame comes 60-180 ms after the graph starts and a starved canvas makes fewer frames a
// second while its sound runs on. The frame relay pairs each frame with the sound of its own moment, which it can
// only know from the frame's timestamp. The line is printed where the frame leaves the graph for its outputs, in
// microseconds since the graph started; `-fps_mode passthrough` writes every frame it is given, in order, so the
// k-th line is the k-th frame on stdout. One short text line a frame: nothing next to the frame's own bytes.
import { escapeFilterValue } from './filterEscape';
import { LEVELS_FD } from './audioLevels';
import type { PrintedFrames } from './printedFrames';

/** The metadata key that marks a program frame's line (the meters' lines carry `vj_meter`). */
const FRAME_KEY = 'vj_frame';

/** The chain, put on the program video after its last filter, that prints each frame's time in microseconds. */
export function frameTimeChain(): string {
  return (
    `settb=AVTB,metadata=mode=add:key=${FRAME_KEY}:value=1,` +
    `metadata=mode=print:key=${FRAME_KEY}:direct=1:file=${escapeFilterValue(`pipe:${LEVELS_FD}`)}`
  );
}

/** Calls `onTime` with each program frame's time (µs since the graph started), in order; returns the stop. */
export function readFrameTimes(printed: PrintedFrames, onTime: (us: number) => void): () => void {
  return printed.on(FRAME_KEY, (frame) => {
    if (frame.pts !== null) onTime(frame.pts);
    return true;
  });
}
