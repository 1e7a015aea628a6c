// The media pipeline's public face: the MediaEngine and what the rest of the studio needs from it.
//
// Design (measured in bench/media.bench.ts and bench/scenes.bench.ts; figures in the closing notes):
//
//   compositor ffmpeg (restartable)            stage (never restarts)                outputs (each restartable)
//   sources → beauty → overlays → safety  ──▶  frame relay (Node, fixed clock)  ──▶  encoder ffmpeg ──TS──▶ fan-out
//   raw yuv420p on stdout, s16le on fd 3       one frame + its audio per tick         (x264 CBR, GOP 2 s)    ├▶ push  (RTMP from Node)
//   640x360 JPEG preview, 15 fps, on fd 5      repeats the last frame / silence                              └▶ record (-c copy → fMP4 segments)
//                                              while a compositor restarts
//
// Why a relay and not pre-built slots: a scene can hold any number of sources of any kind, and guests come
// and go; pre-building slots for all of that in one graph costs CPU for slots nobody shows and still cannot
// add a source it did not foresee. A new compositor for a new shape costs only its start (~0.2–0.5 s,
// during which the last frame holds: no gap, no reconnect). The encoder's input timestamps are the relay's
// frame count, so the push and the recording are contiguous by construction. The relay never copies or
// reads a pixel: a frame is a list of slices of the pipe's chunks, written again to repeat it.
// The price of this shape, measured (bench:media's one-process floor): ~0.25 CPU-s per s of 1080p30 video
// over one ffmpeg doing the same work, mostly the raw frames' pipes through Node and ffmpeg's raw I/O; what
// another shape would save and cost is in the README's "Media engine".
//
// Why outputs behind a Node fan-out and not tee+fifo inside the encoder: a push that fails, a recording that
// starts or stops, a recorder killed by the OS, none of them can disturb the encode or each other; the
// fan-out keeps the current GOP, so a late output starts on a keyframe. The recording is a `-c copy`
// process (its own crash-safe fMP4 muxer); the push is RTMP published from this process (media/rtmp/), as
// OBS does: no process start per push or reconnect, no remux copy of every byte, errors from the connection
// itself, and frames dropped to the next keyframe when the network falls behind (outputs_cpu_ratio).
//
// Values change through the compositor's zmq filter on the next frame (stdin commands, ~100 ms, where ffmpeg
// has no zmq): beauty is one lut2 plane per level change, item position is overlay x/y, visibility / mirror /
// safety mask are the generic `enable` command of timeline filters (free when off); text changes through
// drawtext's reloaded file. A change of shape (items added, removed, resized, cropped, reordered) starts a new compositor; the
// relay switches to it on its first frame, then the old one is stopped (a device-holding scene stops the
// old one first). Transitions (fade, slide, stinger) run in the relay (programTransition.ts): the outgoing
// frame is held and mixed with the incoming compositor's frames in Node (a fade ~11 ms, a slide ~6 ms, a
// mostly opaque/transparent stinger ~16 ms per 1080p frame on a loaded 2-core machine), so no second
// compositor runs and no graph changes; a stinger holds the relay's switch (and commands) until its cut.
export { MediaEngine } from './mediaEngine';
export type { MediaEngineOptions, MediaEngineEvents, GuestFrameEvent, ProgramFrame } from './mediaEngineTypes';
export { presets, customPreset } from './presets';
export { listDevices, testPatternDevice } from './deviceList';
export { probeEncoders } from './encoderProbe';
export { videoEncoders, isVideoEncoderId } from './encoderCommand';
export type { VideoEncoderId } from './encoderCommand';
export type { PushTarget } from './rtmp/rtmpPublisher';
export { PushOutput } from './pushOutput';
export type { PreviewFrame } from './previewTap';
export type { LiveFigures } from './textContent';
export { classifyLine, classifyLines } from './ffmpegErrors';
export type { MediaError, MediaErrorCode } from './ffmpegErrors';
export { defaultScene } from './defaultScene';
export { MediaService } from './mediaService';
export { soundChannels } from './sceneAudio';
export { mediaHandlers } from './mediaHandlers';
export { broadcastMedia } from './broadcastAdapter';
export { scaleScene } from './sceneScale';
