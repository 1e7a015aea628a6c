// Audio levels of the compositor's sources: the chain each source ends in before the mix (its gain, mute and
// noise suppression, then a meter), and the reader of what the meters print on the compositor's fd 4 (its blocks, from the pipe's one reader:
// printedFrames.ts).
//
// Why astats inline and not a split branch: a branch ending in a sink (anullsink) is pulled by ffmpeg as fast
// as the CPU allows, racing the source ahead of the mix; inline, the meter runs at the pace the mix is read.
// asetnsamples cuts every source into 100 ms frames, so astats (reset each frame) gives one peak and one RMS
// per 100 ms: 10 Hz, whatever frame size the source delivers. ametadata writes each frame's figures as text
// lines, tagged with the meter's index, straight to the pipe (direct=1: one write per line, so lines of
// different meters never interleave; the filter graph runs on one thread).
import type { AudioMix } from '../contract/scene';
import { escapeFilterValue } from './filterEscape';
import { PrintedFrames, type PrintedFrame } from './printedFrames';

/** The compositor's extra pipe the meters write to (fd 3 carries the mixed audio). */
export const LEVELS_FD = 4;
/** What silence reads as (astats says -inf; JSON has no infinity). Meters show -60 dB as empty. */
export const SILENCE_DB = -100;
/** Samples per meter reading at 48 kHz: 100 ms. */
export const METER_SAMPLES = 4800;

export interface MeterReading {
  /** The channel id: an item id or an audio source id of the scene. */
  id: string;
  peakDb: number;
  rmsDb: number;
}

/** The volume filter of meter `index`: gain and mute change through its `volume` command, no new graph. */
export const volumeTarget = (index: number) => `volume@mix${index}`;

/** The volume a mix asks for, as the filter's expression: a muted source stays in the graph at 0. */
export function volumeArg(mix: AudioMix | undefined): string {
  if (mix?.muted) return '0';
  return `${mix?.gainDb ?? 0}dB`;
}

/** ffmpeg's per-source noise suppression and volume (gain, mute), as a chain suffix. */
export function mixChain(mix: AudioMix | undefined, index: number): string {
  // afftdn: FFT denoiser of this build, no model file needed; -25 dB noise floor suits a room's hiss.
  // A muted source keeps its device open and its meter reading silence: unmuting is a command, instant.
  return `${mix?.noiseSuppression ? ',afftdn=nf=-25' : ''},${volumeTarget(index)}=${volumeArg(mix)}`;
}

/** The meters of one compositor: each chain() call adds one, in order; ids[i] is meter i's channel. */
export class AudioMeters {
  readonly ids: string[] = [];

  /** Gain, mute, noise suppression and the meter for channel `id`, appended to its source chain. */
  chain(id: string, mix?: AudioMix): string {
    const index = this.ids.length;
    this.ids.push(id);
    return (
      // Measured as the program carries it: stereo (a mono source spreads at -3 dB a side, as in the mix).
      ',aformat=channel_layouts=stereo' +
      mixChain(mix, index) +
      `,asetnsamples=n=${METER_SAMPLES}:p=0` +
      ',astats=metadata=1:reset=1:measure_perchannel=none:measure_overall=Peak_level+RMS_level' +
      `,ametadata=mode=add:key=vj_meter:value=${index}` +
      `,ametadata=mode=print:direct=1:file=${escapeFilterValue(`pipe:${LEVELS_FD}`)}`
    );
  }
}

function toDb(text: string | undefined): number | null {
  if (text === undefined) return null;
  if (/^-?inf/i.test(text.trim())) return SILENCE_DB;
  const n = Number(text);
  return Number.isFinite(n) ? Math.max(SILENCE_DB, Math.round(n * 10) / 10) : null;
}

/** The metadata key that tags a meter's printed frame with the meter's index. */
const METER_KEY = 'vj_meter';

/** A meter's reading from its printed frame; null while the frame still lacks a figure. */
function meterReading(frame: PrintedFrame, ids: readonly string[]): MeterReading | null | undefined {
  const b = frame.values;
  const peak = toDb(b['lavfi.astats.Overall.Peak_level']);
  const rms = toDb(b['lavfi.astats.Overall.RMS_level']);
  if (b[METER_KEY] === undefined || peak === null || rms === null) return null;
  const id = ids[Number(b[METER_KEY])];
  return id === undefined ? undefined : { id, peakDb: peak, rmsDb: rms };
}

/** Calls `onReading` with each meter's reading as it is printed; returns the stop. */
export function readMeters(
  printed: PrintedFrames,
  ids: readonly string[],
  onReading: (r: MeterReading) => void,
): () => void {
  return printed.on(METER_KEY, (frame) => {
    const reading = meterReading(frame, ids);
    if (reading) onReading(reading);
    return reading !== null;
  });
}

/** Parses ametadata's print output handed in pieces (the meters alone, as a test reads them). */
export class LevelParser {
  private readonly printed = new PrintedFrames();
  private out: MeterReading[] = [];

  constructor(ids: readonly string[]) {
    readMeters(this.printed, ids, (r) => this.out.push(r));
  }

  push(text: string): MeterReading[] {
    this.printed.push(text);
    const out = this.out;
    this.out = [];
    return out;
  }
}

/**
 * Reads the meters from a compositor's print pipe and hands on the latest reading of every channel about ten
 * times a second (every meter prints at 10 Hz; readings are gathered and sent as one batch per interval).
 */
export function readLevels(
  printed: PrintedFrames,
  ids: readonly string[],
  onLevels: (levels: MeterReading[]) => void,
  intervalMs = 100,
): () => void {
  const latest = new Map<string, MeterReading>();
  const stop = readMeters(printed, ids, (r) => latest.set(r.id, r));
  const timer = setInterval(() => {
    if (latest.size === 0) return;
    onLevels([...latest.values()]);
    latest.clear();
  }, intervalMs);
  return () => {
    clearInterval(timer);
    stop();
  };
}
