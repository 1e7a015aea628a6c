// A/V sync on the pushed stream: a clip whose flash and tone burst are made together (or with a chosen audio
// delay, to prove a late track is caught), and the analysis that finds both again in a captured stream.
import { execFile } from 'node:child_process';
import { lavfiInputArgs, quietArgs } from '../../common/ffmpeg/commandParts';

/** One flash and one burst per loop of the clip. */
export const SYNC_PERIOD_S = 2;
/** The burst's pitch: far from the test pattern's 440 Hz tone and the guests' 660 Hz. */
export const BURST_HZ = 3000;
/**
 * The sound is read in windows of 1 ms (48 samples, three periods of the burst), so a burst is found to the
 * millisecond: 5 ms windows found it up to 5 ms early (a 17 ms delay read as 15). A flash is found to its frame,
 * which is exact: the clip's flash starts on a frame, and the studio moves whole frames.
 */
const WINDOW_SAMPLES = 48;
const FLASH_S = 0.1;

function run(ffmpeg: string, args: string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(ffmpeg, args, { maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${String(stderr).slice(-600)}`)) : resolve(String(stdout)),
    ),
  );
}

/**
 * Writes the sync clip: black with a white flash for the first 100 ms of every 2 s (`periodS`), and a 3 kHz burst in
 * the same 100 ms (later by `audioDelayMs`). PCM audio and whole frames, so every loop has exactly the same length.
 * A longer period tells a sound late by a whole period (or half) from one on time.
 */
export async function makeSyncClip(
  ffmpeg: string,
  path: string,
  audioDelayMs = 0,
  periodS = SYNC_PERIOD_S,
): Promise<void> {
  const d = periodS;
  await run(ffmpeg, [
    ...quietArgs(),
    ...lavfiInputArgs(`color=c=black:s=320x180:r=30:d=${d}`),
    ...lavfiInputArgs(`sine=f=${BURST_HZ}:r=48000:d=${d}`),
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

/**
 * The sync clip as a camera and a microphone for Chromium's fake capture (`--use-file-for-fake-video-capture`,
 * `--use-file-for-fake-audio-capture`): a small (320x180) y4m, light for a loaded machine to play, and a mono WAV cut from one lavfi source, one period each,
 * so that both loops flash and beep together (the burst later by `audioDelayMs`).
 */
export async function makeSyncCaptureFiles(
  ffmpeg: string,
  dir: string,
  audioDelayMs = 0,
): Promise<{ camera: string; microphone: string }> {
  const d = SYNC_PERIOD_S;
  const camera = `${dir}/sync-camera.y4m`;
  const microphone = `${dir}/sync-microphone-${audioDelayMs}.wav`;
  await run(ffmpeg, [
    ...quietArgs(),
    ...lavfiInputArgs(`color=c=black:s=320x180:r=30:d=${d}`),
    '-vf',
    `drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(t,${FLASH_S})',format=yuv420p`,
    '-y',
    camera,
  ]);
  await run(ffmpeg, [
    ...quietArgs(),
    ...lavfiInputArgs(`sine=f=${BURST_HZ}:r=48000:d=${d}`),
    '-af',
    // Louder than the clip's: the page's microphone goes through Chromium's noise suppression.
    `volume=volume=0:enable='gte(t,${FLASH_S})',volume=2,adelay=${audioDelayMs}:all=1,atrim=0:${d}`,
    '-ac',
    '1',
    '-c:a',
    'pcm_s16le',
    '-y',
    microphone,
  ]);
  return { camera, microphone };
}

/**
 * Times (s) where a series rises through its threshold after at least a third of a period below it. Not "at least a
 * period after the last rise": a loaded studio drops whole ticks, sound and picture together, and a burst cut to a
 * 20 ms fragment (its flash dropped whole) then hid the next, complete burst 0.8 s later (read as -799 ms).
 */
function onsets(points: { t: number; v: number }[], threshold: number, periodS: number): number[] {
  // Quiet (below the threshold) a flash or burst must follow: a third of the clip's period.
  const quietBeforeS = periodS / 3;
  const found: number[] = [];
  let lastAbove = points[0]?.t ?? 0;
  for (const p of points) {
    if (p.v >= threshold) {
      if (p.t - lastAbove >= quietBeforeS) found.push(p.t);
      lastAbove = p.t;
    }
  }
  return found;
}

/** Each flash paired with the nearest burst within half a period: burst minus flash, in ms. */
export function pairOffsets(
  luma: { t: number; v: number }[],
  rms: { t: number; v: number }[],
  periodS = SYNC_PERIOD_S,
): SyncPairs {
  const lumaValues = luma.map((p) => p.v);
  const flashes = onsets(luma, (Math.min(...lumaValues) + Math.max(...lumaValues)) / 2, periodS);
  const bursts = onsets(rms, Math.max(...rms.map((p) => p.v)) - 12, periodS);
  const offsetsMs: number[] = [];
  for (const f of flashes) {
    const nearest = bursts.reduce((a, b) => (Math.abs(b - f) < Math.abs(a - f) ? b : a), Number.POSITIVE_INFINITY);
    if (Math.abs(nearest - f) < periodS / 2) offsetsMs.push(Math.round((nearest - f) * 1000));
  }
  return { flashes: flashes.length, bursts: bursts.length, offsetsMs };
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

export interface SyncPairs {
  flashes: number;
  bursts: number;
  /** Every pair's offset (burst minus flash), in the order of the flashes. */
  offsetsMs: number[];
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
 * in 1 ms windows) of a captured file, pairs each flash with the nearest burst and returns the median offset.
 */
export async function measureSync(
  ffmpeg: string,
  file: string,
  rect: { x: number; y: number; width: number; height: number },
): Promise<SyncMeasure> {
  const common = [...quietArgs(), '-copyts', '-i', file];
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
    `aresample=48000,${band},${band},asetnsamples=n=${WINDOW_SAMPLES}:p=0,astats=metadata=1:reset=1,ametadata=mode=print:key=lavfi.astats.Overall.RMS_level:file=pipe\\\\:1`,
    '-f',
    'null',
    '-',
  ]);
  const luma = parseMetadata(video, 'lavfi.signalstats.YAVG');
  const rms = parseMetadata(audio, 'lavfi.astats.Overall.RMS_level');
  if (luma.length < 30 || rms.length < 100)
    throw new Error(`the capture is too short to measure sync (${luma.length} frames, ${rms.length} windows)`);
  const { flashes, bursts, offsetsMs } = pairOffsets(luma, rms);
  if (offsetsMs.length < 3)
    throw new Error(
      `found ${flashes} flashes and ${bursts} bursts but only ${offsetsMs.length} pairs: sync cannot be measured`,
    );
  const sorted = [...offsetsMs].sort((a, b) => a - b);
  return {
    offsetMs: sorted[Math.floor(sorted.length / 2)]!,
    pairs: offsetsMs.length,
    flashes,
    bursts,
    offsetsMs,
  };
}

/** Copies `seconds` of a live stream (the viewers' HTTP-FLV) to a file, as a viewer would receive it. */
export async function captureStream(ffmpeg: string, url: string, file: string, seconds: number): Promise<void> {
  await run(
    ffmpeg,
    [...quietArgs(), '-rw_timeout', '10000000', '-i', url, '-c', 'copy', '-t', String(seconds), '-y', file],
    // A starved machine encodes slower than real time: allow several times the stream's length.
    seconds * 6000 + 60_000,
  );
}
