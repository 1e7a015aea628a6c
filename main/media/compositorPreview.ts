// The preview made by the compositor itself: a second output of the composed picture, scaled to 640x360
// (at the preset's aspect) and encoded as JPEG at about 15 fps on fd 5; and from that small picture, the
// content-safety samples: 224x224 yuv420p (the classifier's input size), twice a second on fd 6.
//
// Why in the compositor and not a process of its own fed with relay frames: the picture is already there;
// a separate process costs its own start and reads 1080p raw frames at 46 MB/s through Node, about twice
// what scaling and encoding the small picture costs here (bench:media).
// Why always on: an output of ffmpeg that stops receiving frames stalls the whole graph when its sources
// are generated inside it (the test pattern, placeholders): ffmpeg keeps asking that output for a frame.
// So the compositor always makes the preview (about 0.03 of a core at 1080p30) and the engine passes frames
// on only while someone watches; turning it on or off never rebuilds a compositor.
import type { Preset } from '../contract/media';

export const PREVIEW_FD = 5;
export const SAFETY_FD = 6;
const PREVIEW_HEIGHT = 360;
const PREVIEW_FPS = 15;
/**
 * The safety samples: the classifier's own input size (nsfwjs MobileNetV2, 224x224), made by ffmpeg from the
 * preview's small picture. Sampling the relay's 1080p frame instead cost a 3 MB copy and a scale in JS per
 * sample (bench:safety). They stay yuv420p (limited range, as the classifier reads raw frames): scaling to
 * RGB24 in this branch cost 4x as much (0.012 against 0.003 CPU-s per s of video), since the branch sees
 * every frame; the worker turns the one sampled picture into RGB.
 */
export const SAFETY_SIZE = 224;
/** Safety samples a second: above the policy's fastest sampling, so the sampler always finds a fresh one. */
export const SAFETY_FPS = 2;
export const SAFETY_FRAME_BYTES = (SAFETY_SIZE * SAFETY_SIZE * 3) / 2;

export interface PreviewOptions {
  width: number;
  height: number;
  /** JPEGs a second: the program's rate divided down to about 15 (15 from 30 and 60). */
  fps: number;
}

export function previewShape(p: Pick<Preset, 'width' | 'height' | 'fps'>): PreviewOptions {
  const height = Math.min(PREVIEW_HEIGHT, p.height);
  const width = Math.max(2, Math.round((p.width * height) / p.height / 2) * 2);
  return { width, height, fps: p.fps / Math.max(1, Math.round(p.fps / PREVIEW_FPS)) };
}

/**
 * From the composed picture `input` to the label `output`: the panel's frames only (about `fps` a second),
 * scaled to full-range yuv. Scaling every program frame and dropping half at the output cost ~0.01 CPU-s per s
 * of 1080p30 video for pictures no one saw (perf, swscale's share halved). A frame-stepped branch used to lag
 * the program: ffmpeg asks the sink whose last frame is oldest for the next one, and when that was the preview
 * (its last kept frame older than the program's) the request pulled two frames through the paced graph, the
 * program's frame waiting for the one after it (a live change showed 167–200 ms later instead of 100–133). So
 * the kept frames are stamped one preview interval later: the preview's sink is never the older one while its
 * next frame is still two program frames away. The JPEGs carry no time; the stamp is only for that choice.
 */
export function previewChain(input: string, output: string, o: PreviewOptions, safetyOutput: string): string {
  const interval = 1 / o.fps;
  return (
    `[${input}]select='isnan(prev_selected_t)+gte(t-prev_selected_t,${(interval * 0.9).toFixed(4)})',` +
    `setpts=PTS+${interval.toFixed(4)}/TB,` +
    `scale=${o.width}:${o.height}:flags=fast_bilinear:out_range=full,split=2[${output}][${safetyOutput}in];` +
    `[${safetyOutput}in]scale=${SAFETY_SIZE}:${SAFETY_SIZE}:flags=area:out_range=tv[${safetyOutput}]`
  );
}

/**
 * The JPEG output. Full-range yuv420p tagged as such is standard JPEG (`-strict unofficial` only lets the
 * encoder take yuv420p rather than the deprecated yuvj formats, which would add a conversion and a warning
 * per frame); every frame the branch keeps, never padded to a constant rate.
 */
export function previewOutputArgs(label: string): string[] {
  return [
    '-map',
    `[${label}]`,
    '-c:v',
    'mjpeg',
    '-q:v',
    '7',
    '-strict',
    'unofficial',
    '-color_range',
    'pc',
    '-fps_mode',
    'passthrough',
    '-f',
    'image2pipe',
    `pipe:${PREVIEW_FD}`,
  ];
}

/**
 * The safety samples' output: raw yuv420p, dropped to SAFETY_FPS at the output (every preview frame passes the
 * branch, for the reason previewChain gives), never padded.
 */
export function safetyOutputArgs(label: string): string[] {
  return [
    '-map',
    `[${label}]`,
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-fps_mode',
    'vfr',
    '-r',
    String(SAFETY_FPS),
    `pipe:${SAFETY_FD}`,
  ];
}

const EOI = Buffer.from([0xff, 0xd9]);

/** Cuts a stream of JPEGs at each end-of-image marker (0xFFD9 cannot occur inside JPEG entropy data). */
export class JpegSplitter {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const out: Buffer[] = [];
    let from = 0;
    for (;;) {
      const end = this.buffer.indexOf(EOI, from);
      if (end < 0) break;
      out.push(this.buffer.subarray(from, end + 2));
      from = end + 2;
    }
    this.buffer = from < this.buffer.length ? this.buffer.subarray(from) : Buffer.alloc(0);
    return out;
  }
}
