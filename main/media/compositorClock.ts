// The compositor's clock: how its pictures are timed, so that a compositor running late stays live (it shows
// fewer frames, each with the live inputs' newest pictures) instead of falling further behind them.
//
// Why: every overlay pairs a canvas frame with the newest frame of each input timed at or before it, and reads
// an input only when it needs that input's next frame. With the canvas timed by its frame count, a compositor
// making 20 frames a second of a 30 fps program fell behind real time by a third of a second every second, and
// every live input's frames waited in front of it: the guest and the VJ's screen were 17 s behind after 8 s and
// 35 s after 28 s (bench:cohost). Timed on the wall clock since the graph started, a late canvas frame is late
// once: it carries the time it was made, and every input frame that arrived before it is used up at once.

/**
 * The canvas: paced to the program's rate (lavfi sources would otherwise run as fast as the CPU allows), then
 * timed by when each frame was made, in microseconds. `realtime` gives up waiting when the canvas is behind by
 * more than 0.1 s, and starts again from now instead of catching up in a burst (its default, 2 s, bursts).
 */
export function canvasClock(): string {
  return "realtime=limit=0.1,settb=AVTB,setpts='max(PREV_OUTPTS+1,RTCTIME-RTCSTART)'";
}

/** How much an input's timing may drift from the wall clock, per frame: 1 ms, 3 % at 30 fps. */
const DRIFT_US_PER_FRAME = 1000;

/**
 * A live input (a guest's stream, a camera, a screen, a playing file): its frames timed by when they arrived,
 * on the canvas's clock. `lag`: how long after the graph started a frame is used, minus the frame's own time.
 * Its smallest value so far is the input's offset to the graph's clock (when the graph keeps up, frames are used
 * as they arrive), so a frame that waited in a queue is timed when it arrived, before the canvas frame that
 * now needs it, and the overlay uses all such frames up at once instead of one per canvas frame. The offset may
 * grow by a little each frame, so a source whose clock runs slower than the wall clock is followed. Frames that
 * arrived in a burst (a stream's cached pictures at its start) are all timed "now", at least 1 µs apart.
 */
export function liveInputClock(): string {
  const lag = 'RTCTIME-RTCSTART-PTS';
  const offset = `st(0,if(N,min(ld(0)+${DRIFT_US_PER_FRAME},${lag}),${lag}))`;
  return `settb=AVTB,setpts='max(PREV_OUTPTS+1,PTS+${offset})'`;
}

/** For graphs not paced to the wall clock (benchmarks of how fast a graph runs): each input from its start. */
export const FROM_START = 'setpts=PTS-STARTPTS';

/**
 * A media file, live: its own times from its start, in the canvas's microseconds. It is read as fast as the graph
 * asks (no `-re`), so the canvas paces it: each canvas frame takes the file's picture of its moment, and the file's
 * sound, on its own times from its start too, stays with it. Read with `-re`, ffmpeg waited in 10 ms steps for the
 * file's sound with a canvas frame due (the canvas made 9-23 frames a second instead of 30) and the file's picture,
 * timed on arrival, left its sound behind by the frames queued while the graph started.
 */
export function fileClock(fps: number): string {
  // Half a program frame early: a canvas frame takes the file's picture nearest its moment, not the last one
  // before it (which showed the picture up to a frame late against its sound, 17 ms on average).
  return `settb=AVTB,setpts=PTS-STARTPTS-${Math.round(500_000 / fps)}`;
}

/**
 * A live stream's sound (a co-host guest's), on the same clock as its picture: each sample where it arrived.
 * `ahead`: how far the sound's own time since its first sample runs ahead of the graph's clock. Sound that waited
 * while the graph started (decoded before the graph could take it) comes in a burst, each frame further ahead; the
 * most it has been ahead is dropped from every time, so the newest sample of that burst plays "now", as the
 * picture of that moment shows "now", and the older ones are trimmed by the resampler (`min_hard_comp`: a jump of
 * more than 20 ms is cut, not stretched over seconds). Timed from its first sample instead, the guest's sound
 * played as late as it had waited: 120-190 ms from a stream started at its keyframe, ~1 s from a cached GOP.
 */
export function liveSoundClock(rate: number): string {
  const since = '(PTS-STARTPTS)';
  const ahead = `${since}*TB-(RTCTIME-RTCSTART)/1000000`;
  return `asetpts='${since}-st(0,max(ld(0),${ahead}))/TB',aresample=${rate}:async=1000:first_pts=0:min_hard_comp=0.02`;
}

/**
 * How far a mix with a live stream's sound is timed ahead, for ffmpeg's choice of what to make next only (the raw
 * pipe does not carry times). ffmpeg asks the graph for the output furthest behind: a sound timed on arrival is
 * always behind the canvas by its packets' wait and its meter's 100 ms blocks, so the canvas waited on each next
 * packet of the guest's sound (17 % of the program's frames fresh). 0.2 s covers that wait and the meter's block.
 */
export const LIVE_SOUND_LEAD_S = 0.2;
