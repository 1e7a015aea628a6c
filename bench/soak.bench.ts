// npm run bench:soak -- [--minutes 60] [--segment-minutes <half the run, 60 at most>] [--audio-delay-ms 0]
//   [--guest-every-s 300] [--guest-stays-s 120] [--heap-snapshots DIR]: a long show on the real studio (see
// bench/soak/soakRun.ts for what runs). Prints a sample a minute, the first, end-of-warm-up and last samples side by
// side, A/V sync at both ends, the recording's split, and last:
// RESULT rss_growth_mb_per_h heap_growth_mb_per_h fd_growth av_drift_ms split_gap_ms reconnects.
// Growth is the least-squares slope over the samples after a warm-up of WARM_UP_MINUTES (20; minute 1 for runs too
// short to have 3 samples after it). The warm-up is a one-time climb, measured: over the first 20 minutes the
// studio's RSS rises 50-60 MB, almost all of it anonymous memory (the malloc arenas of the threads
// that hash passwords reaching their working size; V8's committed heap; JIT code; the chat's bounded memories
// filling), then stays within a few MB (README, "Long shows"). fd_growth is counted from the same sample.
// --heap-snapshots adds about 100 MB of RSS once (the snapshot's buffers stay in the allocator): not for RSS figures.
import { defaultFfmpegLocation } from '../main/system';
import { slope } from './soak/processFigures';
import { runSoak, soakDefaults, type SoakReport } from './soak/soakRun';
import type { SoakSample } from './soak/soakSampler';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} needs a number of zero or more.`);
  return v;
}

/** Minutes of one-time climb (caches and allocator arenas reaching their working size) left out of the growth. */
const WARM_UP_MINUTES = 20;

/** The samples growth is measured over: from the warm-up's end, or from minute 1 in a run too short for that. */
function measuredSamples(samples: SoakSample[]): SoakSample[] {
  const afterWarmUp = samples.filter((s) => s.minute >= WARM_UP_MINUTES - 0.5);
  if (afterWarmUp.length >= 3) return afterWarmUp;
  const afterArrival = samples.filter((s) => s.minute >= 1);
  return afterArrival.length >= 2 ? afterArrival : samples;
}

function growthPerHour(samples: SoakSample[], pick: (s: SoakSample) => number): number {
  return slope(measuredSamples(samples).map((s) => ({ x: s.minute / 60, y: pick(s) })));
}

function sideBySide(report: SoakReport): void {
  const first = report.samples.find((s) => s.minute >= 1) ?? report.samples[0]!;
  const warm = measuredSamples(report.samples)[0]!;
  const last = report.samples.at(-1)!;
  const rows: [string, (s: SoakSample) => string][] = [
    ['minute', (s) => s.minute.toFixed(1)],
    ['studio RSS MB', (s) => s.studioRssMb.toFixed(1)],
    ['  anonymous / file-backed MB', (s) => `${s.anonMb.toFixed(1)} / ${s.fileBackedMb.toFixed(1)}`],
    ['heap after GC / committed MB', (s) => `${s.heapMb.toFixed(2)} / ${s.heapTotalMb.toFixed(1)}`],
    ['external / ArrayBuffers MB', (s) => `${s.externalMb.toFixed(1)} / ${s.arrayBuffersMb.toFixed(1)}`],
    ['open fds', (s) => String(s.fds)],
    [
      'fd kinds',
      (s) =>
        Object.entries(s.fdKinds)
          .map(([k, n]) => `${k}:${n}`)
          .join(' '),
    ],
    ['ffmpeg processes', (s) => String(s.ffmpeg.length)],
    ['ffmpeg RSS MB', (s) => s.ffmpeg.map((f) => `${f.what} ${f.rssMb.toFixed(0)}`).join('; ')],
    ['studio.db + WAL MB', (s) => `${s.studioDbMb.toFixed(2)} + ${s.studioWalMb.toFixed(2)}`],
    ['platform db + WAL MB', (s) => `${s.platformDbMb.toFixed(2)} + ${s.platformWalMb.toFixed(2)}`],
    ['dropped / repeated frames', (s) => `${s.droppedFrames} / ${s.duplicatedFrames}`],
    ['push reconnects', (s) => String(s.reconnects)],
    ['chat lines received', (s) => String(s.chatLines)],
    ['preview frames', (s) => String(s.previewFrames)],
    ['viewers / gifts', (s) => `${s.viewers} / ${s.gifts}`],
  ];
  const columns = warm === first ? [first, last] : [first, warm, last];
  console.log(
    `\nfirst sample with the audience in, ${warm === first ? '' : 'end of the warm-up, '}and last; growth is measured from minute ${warm.minute.toFixed(1)}:`,
  );
  for (const [name, f] of rows)
    console.log(
      `  ${name.padEnd(30)} ${columns.map((s, i) => (i < columns.length - 1 ? f(s).padEnd(40) : f(s))).join(' ')}`,
    );
}

async function main(): Promise<void> {
  const loc = defaultFfmpegLocation();
  if (!loc.found) throw new Error(loc.message);
  const d = soakDefaults(loc.path, arg('--minutes', 60));
  const o = {
    ...d,
    segmentMinutes: arg('--segment-minutes', d.segmentMinutes),
    audioDelayMs: arg('--audio-delay-ms', d.audioDelayMs),
    guestEverySeconds: arg('--guest-every-s', d.guestEverySeconds),
    guestStaysSeconds: arg('--guest-stays-s', d.guestStaysSeconds),
    heapSnapshots: process.argv.includes('--heap-snapshots')
      ? (process.argv[process.argv.indexOf('--heap-snapshots') + 1] ?? null)
      : null,
  };
  console.log(
    `bench:soak — ${o.minutes} min on the real studio: default scene + test camera, beauty 5, recording (${o.segmentMinutes}-min files${o.segmentMinutes < 60 ? ', so the split falls inside the run; the studio records 60-min files' : ''}), preview watched, chat ${o.chatPerSecond}/s, a viewer in and out every second, a gift every ${o.giftEverySeconds} s, a guest every ${o.guestEverySeconds} s for ${o.guestStaysSeconds} s, a scene switch every ${o.sceneEverySeconds} s, safety sampling; node ${process.version}, gc ${typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'exposed' : 'exposed at run time'}`,
  );
  const started = new Date();
  const r = await runSoak(o);
  sideBySide(r);
  const rss = growthPerHour(r.samples, (s) => s.studioRssMb);
  const heap = growthPerHour(r.samples, (s) => s.heapMb);
  const warm = measuredSamples(r.samples)[0]!;
  const fdGrowth = r.samples.at(-1)!.fds - warm.fds;
  const [a, b] = [r.syncStart, r.syncEnd];
  const drift = a && b ? String(Math.max(Math.abs(a.offsetMs), Math.abs(b.offsetMs))) : 'n/a';
  const at = (m: typeof a) =>
    m ? `${m.offsetMs} ms over ${m.pairs} flashes (${m.offsetsMs.join(' ')})` : 'not measured';
  console.log(`\nA/V sync on the pushed stream (sound minus picture): start ${at(a)}, end ${at(b)}`);
  if (a && b) console.log(`sync change over the run: ${b.offsetMs - a.offsetMs} ms`);
  for (const p of r.syncProblems) console.log(`sync problem: ${p}`);
  if (r.split)
    console.log(
      `split: ${r.split.first} (${r.split.firstSeconds.toFixed(2)} s) → ${r.split.second}: video gap ${r.split.videoGapMs} ms, audio gap ${r.split.audioGapMs} ms; ${r.split.decodeProblems.length ? `decode problems: ${r.split.decodeProblems.join(' | ')}` : 'each file decodes alone at its start and end'}`,
    );
  else
    console.log(
      `split: none happened (the recording did not reach ${o.segmentMinutes} min on the stream's clock); nothing to check`,
    );
  console.log(`guests: ${JSON.stringify(r.guests)}; audience: ${JSON.stringify(r.crowd)}`);
  console.log(
    `ran ${started.toISOString()} → ${new Date().toISOString()} on a machine shared with other work; data in ${r.dataDir}`,
  );
  console.log(
    `RESULT rss_growth_mb_per_h=${rss.toFixed(1)} heap_growth_mb_per_h=${heap.toFixed(2)} fd_growth=${fdGrowth} av_drift_ms=${drift} split_gap_ms=${r.split ? r.split.gapMs : 'n/a'} reconnects=${r.reconnects}`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`bench:soak failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
