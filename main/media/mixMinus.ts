// The compositor's sound: the program mix, and beside it one mix-minus per co-host guest (the same mix
// without that guest's own voice) for the guest's return feed: a guest who hears themselves a moment late
// cannot talk. Each mix-minus leaves the compositor as raw PCM on a pipe of its own. Pure.
import { SAFETY_FD } from './compositorPreview';
import { rawStereoArgs } from '../../common/ffmpeg/commandParts';
import { LIVE_SOUND_LEAD_S } from './compositorClock';

/** The first pipe a mix-minus is written to; guest j of the plan's returnMixes writes to this + j. */
export const MIX_MINUS_FIRST_FD = SAFETY_FD + 1;

/**
 * One source's chain up to the mix (no label), and the guest whose voice it is (null for the VJ's sound);
 * `live`: timed on arrival (compositorClock.ts, liveSoundClock), so a mix with it is timed ahead.
 */
export interface MixedSound {
  chain: string;
  guest: string | null;
  live?: boolean;
}

/** Where guest j's mix-minus arrives. */
export const mixMinusFd = (j: number) => MIX_MINUS_FIRST_FD + j;

function mixOf(labels: string[], rate: number, fmt: string, out: string): string {
  if (labels.length === 0) return `anullsrc=r=${rate}:cl=stereo,${fmt}[${out}]`;
  if (labels.length === 1) return `${labels[0]}${fmt}[${out}]`;
  return `${labels.join('')}amix=inputs=${labels.length}:duration=longest:dropout_transition=0,${fmt}[${out}]`;
}

/** The format of a mix's output, timed ahead when a sound in it is timed on arrival. */
function outputFormat(fmt: string, sounds: MixedSound[]): string {
  return sounds.some((s) => s.live) ? `${fmt},asetpts=PTS+${LIVE_SOUND_LEAD_S}/TB` : fmt;
}

/**
 * The audio part of the filter graph: `[aout]` is the program mix; `[mm<j>]` is the mix without
 * `returnGuests[j]`'s sound. A source heard in several mixes is split once (asplit), so its gain, meter and
 * noise suppression are shared by every mix it is in.
 */
export function programAudioGraph(sounds: MixedSound[], returnGuests: readonly string[], rate: number): string {
  const fmt = `aformat=sample_fmts=s16:sample_rates=${rate}:channel_layouts=stereo`;
  const parts: string[] = [];
  const program: string[] = [];
  const minus: string[][] = returnGuests.map(() => []);
  sounds.forEach((s, i) => {
    const uses = [`au${i}`];
    returnGuests.forEach((g, j) => {
      if (g !== s.guest) {
        uses.push(`au${i}r${j}`);
        minus[j]!.push(`[au${i}r${j}]`);
      }
    });
    program.push(`[au${i}]`);
    parts.push(
      uses.length === 1
        ? `${s.chain}[au${i}]`
        : `${s.chain},asplit=${uses.length}${uses.map((u) => `[${u}]`).join('')}`,
    );
  });
  // A lone source needs no amix; its chain then feeds the format filter directly (no label in between).
  if (sounds.length === 1 && returnGuests.length === 0) return `${sounds[0]!.chain},${outputFormat(fmt, sounds)}[aout]`;
  parts.push(mixOf(program, rate, outputFormat(fmt, sounds), 'aout'));
  minus.forEach((labels, j) => {
    const heard = sounds.filter((s) => s.guest !== returnGuests[j]);
    parts.push(mixOf(labels, rate, outputFormat(fmt, heard), `mm${j}`));
  });
  return parts.join(';');
}

/** The output arguments of each mix-minus: raw PCM of the program's format on its own pipe. */
export function mixMinusOutputArgs(returnGuests: readonly string[], rate: number): string[] {
  return returnGuests.flatMap((_, j) => ['-map', `[mm${j}]`, ...rawStereoArgs(rate), `pipe:${mixMinusFd(j)}`]);
}
