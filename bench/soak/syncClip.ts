// A/V sync on the pushed stream: a clip whose flash and tone burst are made together (or with a chosen audio
// delay, to prove a late track is caught), and the analysis that finds both again in a captured stream.
import { execFile } from 'node:child_process';

/** One flash and one burst per loop of the clip. */
export const SYNC_PERIOD_S = 2;
/** The burst's pitch: far from the test pattern's 440 Hz tone and the guests' 660 Hz. */
export const BURST_HZ = 3000;
const FLASH_S = 0.1;

function run(ffmpeg: string, args: string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(ffmpeg, args, { maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${String(stderr).slice(-600)}`)) : resolve(String(stdout)),
    ),
  );
}

/**
 * Writes the sync clip: black with a white flash for the first 100 ms of every 2 s, and a 3 kHz burst in the same
 * 100 ms (later by `audioDelayMs`). PCM audio and whole frames, so every loop has exactly the same length.
 */
export async function makeSyncClip(ffmpeg: string, path: string, audioDelayMs = 0): Promise<void> {
  const d = SYNC_PERIOD_S;
  await run(ffmpeg, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    `color=c=black:s=320x180:r=30:d=${d}`,
    '-f',
    'lavfi',
    '-i',
    `sine=f=${BURST_HZ}:r=48000:d=${d}`,
    '-filter_complex',
    `[0:v]drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(t,${FLASH_S})',format=yuv420p[v];` +
      `[1:a]volume=volume=0:enable='gte(t,${FLASH_S})',volume=0.5,adelay=${audioDelayMs}:all=1,atrim=0:${d}[a]`,
    '-map',
    '[v]',
    '-map',
    '[a]',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-g',
    '30',
    '-c:a',
    'pcm_s16le',
    '-y',
    path,
  ]);
}

/** Times (s) where a series rises through its threshold, at least `gapS` apart. */
function risingEdges(points: { t: number; v: number }[], threshold: number, gapS: number): number[] {
  const edges: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const p = points[i]!;
    if (p.v >= threshold && points[i - 1]!.v < threshold && (edges.length === 0 || p.t - edges.at(-1)! > gapS))
      edges.push(p.t);
  }
  return edges;
}

/** `pts_time:X` lines followed by `key=value` lines, as ffmpeg's metadata filters print them. */
function parseMetadata(text: string, key: string): { t: number; v: number }[] {
  const out: { t: number; v: number }[] = [];
  let t: number | null = null;
  for (const line of text.split('\n')) {
    const pts = /pts_time:([-\d.e]+)/.exec(line);
    if (pts) t = Number(pts[1]);
    else if (t !== null && line.startsWith(`${key}=`)) {
      const v = Number(line.slice(key.length + 1));
      out.push({ t, v: Number.isFinite(v) ? v : -200 });
    }
  }
  return out;
}

export interface SyncMeasure {
  /** Median of (burst − flash) over the pairs found: positive means the sound comes late. */
  offsetMs: number;
  pairs: number;
  flashes: number;
  bursts: number;
  /** Every pair's offset, for the log. */
  offsetsMs: number[];
}

/**
 * Finds the flashes in `rect` of the video (its mean luma) and the bursts in the audio (the RMS of a 3 kHz band
 * in 5 ms windows) of a captured file, pairs each flash with the nearest burst and returns the median offset.
 */
export async function measureSync(
  ffmpeg: string,
  file: string,
  rect: { x: number; y: number; width: number; height: number },
): Promise<SyncMeasure> {
  const common = ['-hide_banner', '-loglevel', 'error', '-copyts', '-i', file];
  const video = await run(ffmpeg, [
    ...common,
    '-map',
    '0:v:0',
    '-vf',
    `crop=${rect.width}:${rect.height}:${rect.x}:${rect.y},signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG:file=pipe\\\\:1`,
    '-f',
    'null',
    '-',
  ]);
  const band = `bandpass=f=${BURST_HZ}:width_type=h:w=600`;
  const audio = await run(ffmpeg, [
    ...common,
    '-map',
    '0:a:0',
    '-af',
    `aresample=48000,${band},${band},asetnsamples=n=240:p=0,astats=metadata=1:reset=1,ametadata=mode=print:key=lavfi.astats.Overall.RMS_level:file=pipe\\\\:1`,
    '-f',
    'null',
    '-',
  ]);
  const luma = parseMetadata(video, 'lavfi.signalstats.YAVG');
  const rms = parseMetadata(audio, 'lavfi.astats.Overall.RMS_level');
  if (luma.length < 30 || rms.length < 100)
    throw new Error(`the capture is too short to measure sync (${luma.length} frames, ${rms.length} windows)`);
  const lumaValues = luma.map((p) => p.v);
  const flashes = risingEdges(luma, (Math.min(...lumaValues) + Math.max(...lumaValues)) / 2, SYNC_PERIOD_S / 2);
  const peak = Math.max(...rms.map((p) => p.v));
  const bursts = risingEdges(rms, peak - 12, SYNC_PERIOD_S / 2);
  const offsetsMs: number[] = [];
  for (const f of flashes) {
    const nearest = bursts.reduce((a, b) => (Math.abs(b - f) < Math.abs(a - f) ? b : a), Number.POSITIVE_INFINITY);
    if (Math.abs(nearest - f) < SYNC_PERIOD_S / 2) offsetsMs.push(Math.round((nearest - f) * 1000));
  }
  if (offsetsMs.length < 3)
    throw new Error(
      `found ${flashes.length} flashes and ${bursts.length} bursts but only ${offsetsMs.length} pairs: sync cannot be measured`,
    );
  const sorted = [...offsetsMs].sort((a, b) => a - b);
  return {
    offsetMs: sorted[Math.floor(sorted.length / 2)]!,
    pairs: offsetsMs.length,
    flashes: flashes.length,
    bursts: bursts.length,
    offsetsMs,
  };
}

/** Copies `seconds` of a live stream (the viewers' HTTP-FLV) to a file, as a viewer would receive it. */
export async function captureStream(ffmpeg: string, url: string, file: string, seconds: number): Promise<void> {
  await run(
    ffmpeg,
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-rw_timeout',
      '10000000',
      '-i',
      url,
      '-c',
      'copy',
      '-t',
      String(seconds),
      '-y',
      file,
    ],
    // A starved machine encodes slower than real time: allow several times the stream's length.
    seconds * 6000 + 60_000,
  );
}
