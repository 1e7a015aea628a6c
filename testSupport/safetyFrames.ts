// Test-only helpers: safe frames rendered by the real ffmpeg from lavfi sources (test patterns and a studio-like
// scene), as JPEG like the preview tap or raw 224×224 RGB like a stream sampler.
import { execFile } from 'node:child_process';
import { defaultFfmpegLocation } from '../main/system';

export function ffmpegPath(): string {
  const loc = defaultFfmpegLocation();
  if (!loc.found) throw new Error(loc.message);
  return loc.path;
}

function run(args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      ffmpegPath(),
      ['-hide_banner', '-loglevel', 'error', ...args],
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`ffmpeg failed: ${stderr.toString()}`));
        else resolve(stdout);
      },
    );
  });
}

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

/**
 * lavfi graphs of safe pictures: test patterns, and a scene laid out like the studio's (a PIP, a title, a lower third).
 */
export const safeGraphs: Record<string, string> = {
  testsrc2: 'testsrc2=size=640x360:rate=1',
  smptebars: 'smptebars=size=640x360:rate=1',
  rgbtestsrc: 'rgbtestsrc=size=640x360:rate=1',
  black: 'color=c=black:size=640x360:rate=1',
  studioScene:
    `color=c=0x1b2230:size=1280x720:rate=1[bg];testsrc2=size=640x360:rate=1[pip];` +
    `smptebars=size=320x180:rate=1[cam];[bg][pip]overlay=x=80:y=120[a];[a][cam]overlay=x=860:y=120,` +
    `drawbox=x=0:y=600:w=1280:h=90:color=0xff3b5c@0.85:t=fill,` +
    `drawtext=fontfile=${FONT}:text='VJ Studio live - tonight\\: synthwave set':x=40:y=625:fontsize=40:fontcolor=white,` +
    `drawtext=fontfile=${FONT}:text='viewers 1234  likes 987':x=860:y=330:fontsize=26:fontcolor=0xe6e9ee,scale=640:360`,
};

export function renderJpeg(graph: string): Promise<Buffer> {
  return run(['-f', 'lavfi', '-i', graph, '-frames:v', '1', '-c:v', 'mjpeg', '-q:v', '4', '-f', 'image2pipe', '-']);
}

export function renderRgb224(graph: string): Promise<Uint8Array> {
  return renderRaw(graph, 'scale=224:224', 'rgb24');
}

/** One frame as the frame relay carries the composed output: raw yuv420p at the broadcast size. */
export function renderYuv420p(graph: string, width: number, height: number): Promise<Uint8Array> {
  return renderRaw(graph, `scale=${width}:${height}`, 'yuv420p');
}

/** One frame of `graph`, scaled, as raw pixels of `pixelFormat`. */
async function renderRaw(graph: string, scale: string, pixelFormat: string): Promise<Uint8Array> {
  const output = ['-vf', scale, '-pix_fmt', pixelFormat, '-f', 'rawvideo', '-'];
  const buf = await run(['-f', 'lavfi', '-i', graph, '-frames:v', '1', ...output]);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
