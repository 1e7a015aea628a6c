// Where a long recording rolls to its next file: the two files must join with no gap and no overlap, and each
// must play on its own. Read from the files themselves (ffprobe packets) and the segment muxer's list.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { probePackets, type Packet } from '../../testSupport/media';

export interface SegmentRow {
  file: string;
  /** Seconds on the stream's clock where the file begins and ends, as the segment muxer wrote them. */
  start: number;
  end: number;
}

/** Every finished segment of the recordings in a folder, oldest first (the muxer's CSV lists). */
export function finishedSegments(folder: string): SegmentRow[] {
  return readdirSync(folder)
    .filter((f) => f.startsWith('.') && f.endsWith('.csv'))
    .sort()
    .flatMap((csv) =>
      readFileSync(join(folder, csv), 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [file, start, end] = line.split(',');
          return { file: join(folder, file ?? ''), start: Number(start), end: Number(end) };
        }),
    );
}

/** Decodes part of a file; '' when it decoded without a single error. */
function decodeErrors(ffmpeg: string, file: string, where: string[]): Promise<string> {
  return new Promise((resolve) =>
    execFile(
      ffmpeg,
      ['-hide_banner', '-v', 'error', ...where, '-i', file, '-t', '3', '-f', 'null', '-'],
      { timeout: 120_000 },
      (err, _out, stderr) => resolve(err ? `${err.message} ${String(stderr)}` : String(stderr).trim()),
    ),
  );
}

export interface SplitCheck {
  first: string;
  second: string;
  firstSeconds: number;
  /** Where the second file's content starts minus where the first's ends, per track (ms; negative = overlap). */
  videoGapMs: number;
  audioGapMs: number;
  /** The larger of the two, as a magnitude. */
  gapMs: number;
  /** Decode errors at the start and the end of each file; empty when each plays alone. */
  decodeProblems: string[];
}

const endOf = (packets: Packet[]) => {
  const last = packets.at(-1);
  return last ? last.pts + (last.duration || 0) : 0;
};

/** Checks the join between the first two finished files of a folder's recording. */
export async function checkSplit(ffmpeg: string, folder: string): Promise<SplitCheck | null> {
  const rows = finishedSegments(folder);
  if (rows.length < 2) return null;
  const [a, b] = [rows[0]!, rows[1]!];
  const gap = async (stream: 'v:0' | 'a:0') => {
    const [pa, pb] = [await probePackets(a.file, stream), await probePackets(b.file, stream)];
    // Timestamps restart in each file (reset_timestamps); the list places each file on the stream's clock.
    return Math.round((b.start + (pb[0]?.pts ?? 0) - (a.start + endOf(pa))) * 1000);
  };
  const videoGapMs = await gap('v:0');
  const audioGapMs = await gap('a:0');
  const decodeProblems: string[] = [];
  for (const f of [a.file, b.file])
    for (const where of [[], ['-sseof', '-4']]) {
      const problem = await decodeErrors(ffmpeg, f, where);
      if (problem) decodeProblems.push(`${f} ${where.join(' ') || 'start'}: ${problem.slice(0, 300)}`);
    }
  return {
    first: a.file,
    second: b.file,
    firstSeconds: a.end - a.start,
    videoGapMs,
    audioGapMs,
    gapMs: Math.max(Math.abs(videoGapMs), Math.abs(audioGapMs)),
    decodeProblems,
  };
}
