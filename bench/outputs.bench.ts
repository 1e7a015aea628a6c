// npm run bench:outputs [-- --seconds N --rounds R]: the CPU of the studio's own pipeline while it pushes to
// 1 destination, to 4, and to 1 plus the vertical canvas (720x1280, its own encode drawn from the program
// frames, pushed to a fifth destination), in one run. The engine runs the whole time at 720p30 in real time,
// as in a show: only the destinations change, the main encode never restarts.
// CPU is read from /proc ticks of every process of the studio (this process, which runs the relay and
// publishes every RTMP push; the compositor; the encoder; the vertical encoder), per second of video encoded.
// The measures alternate, each configuration between two measures of 1 destination (1, 4, 1, vertical, 1, 4,
// 1 ...), and its ratio is taken against the mean of those two, so a drift of this shared machine's load
// between minutes cancels; the medians are reported. The ingest (node-media-server, its own process, the
// receiving end) is printed apart and not counted. The last line is the RESULT.
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DestinationBook, DestinationsService, engineEncodes, VERTICAL_ENCODE } from '../main/destinations';
import { MediaEngine, presets } from '../main/media';
import { streamMetadata } from '../main/media/encoderCommand';
import { cpuSecondsOf } from '../main/media/ffmpegProcess';
import { FileSecretStore } from '../main/session';
import { RtmpTestServer } from '../testSupport/rtmpTestServer';
import { until, sleep } from '../testSupport/media';
import { argNumber, argSeconds, median } from './mediaPipelineRun';

const seconds = argSeconds(10);
const rounds = argNumber('--rounds', 8);
const SETTLE_MS = 2500;
const preset = presets['720p30'];
const dir = mkdtempSync(join(tmpdir(), 'outputs-bench-'));
type Config = 'one' | 'four' | 'vertical';

interface Measured {
  config: Config;
  cpu: number;
  byPart: Record<string, number>;
  /** The ingest's CPU per second of video: the receiving end, not the studio's. */
  ingest: number;
  fps: number;
  load: number;
  /** Before the vertical canvas was on: what the panel estimated it would cost (percent of a core). */
  estimate: number | null;
}

const load = () => loadavg()[0] as number;
console.log(
  `bench:outputs — the studio's engine at ${preset.width}x${preset.height}p${preset.fps} in real time, ` +
    `x264 veryfast CBR ${preset.videoKbps} kbit/s, ${seconds} s per measure, ${rounds} rounds; load average ` +
    `${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores (a shared machine: figures move)`,
);
const server = await RtmpTestServer.create();
const engine = new MediaEngine({
  ffmpegPath: 'ffmpeg',
  workDir: join(dir, 'work'),
  recordingsDir: join(dir, 'rec'),
  preset,
});
const service = new DestinationsService({
  book: new DestinationBook(new FileSecretStore(join(dir, 'destinations')), () => {}),
  fanout: () => engine.fanout,
  encodes: engineEncodes(engine, 'ffmpeg'),
  metadata: () => streamMetadata(engine.preset),
  log: (l) => console.log(`  (${l})`),
});
engine.on('state', () => service.sceneChanged());
const destination = (i: number, encode: 'main' | 'vertical' = 'main') =>
  service.add({ service: 'custom', name: `d${i}`, server: server.url('live'), key: `bench-${i}`, encode });
const ids = [destination(1), destination(2), destination(3), destination(4), destination(5, 'vertical')].map(
  (d) => d.id,
);
const pushing: Record<Config, string[]> = {
  one: ids.slice(0, 1),
  four: ids.slice(0, 4),
  vertical: [ids[0], ids[4]] as string[],
};

/** Pauses every destination but the configuration's, the vertical canvas on or off, and waits for them live. */
async function configure(config: Config): Promise<void> {
  const on = pushing[config];
  await service.setVertical(config === 'vertical');
  for (const id of ids) await service.setPaused(id, !on.includes(id));
  const live = () => on.every((id) => service.state().destinations.find((d) => d.id === id)?.output.state === 'live');
  await until(live, 30000, `${on.length} destinations live`);
  await sleep(SETTLE_MS);
}

/** Every process of the studio by its part, and the ingest. */
function processes(): Record<string, number | undefined> {
  const parts: Record<string, number | undefined> = { node: process.pid, encoder: engine.encoderPid };
  engine.pids().forEach((pid) => pid !== engine.encoderPid && (parts[`compositor ${pid}`] = pid));
  parts.vertical = service.encodePool.encode(VERTICAL_ENCODE)?.pid;
  parts.ingest = server.pid;
  return parts;
}

async function measure(config: Config, label: string): Promise<Measured> {
  await configure(config);
  const estimate = service.state().vertical.estimatedCpuPercent;
  const read = () => Object.fromEntries(Object.entries(processes()).map(([k, pid]) => [k, cpuSecondsOf(pid)]));
  const before = read();
  const start = process.hrtime.bigint();
  const frames = engine.frameIndex;
  const loadBefore = load();
  const own = process.cpuUsage();
  await sleep(seconds * 1000);
  const { user, system } = process.cpuUsage(own);
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const after = read();
  // Per second of video encoded, not of wall time: on a starved machine the pipeline gets less than real time
  // (the relay skips ticks), and CPU per wall second would then measure the scheduler, not the pipeline.
  const videoSeconds = Math.max(1, engine.frameIndex - frames) / preset.fps;
  const byPart: Record<string, number> = { node: 0, encoder: 0, compositor: 0, vertical: 0, ingest: 0 };
  for (const [k, v] of Object.entries(after)) {
    const was = before[k];
    if (v === null || v === undefined || was === null || was === undefined) continue; // not running throughout
    const part = k.startsWith('compositor') ? 'compositor' : k;
    byPart[part] = (byPart[part] ?? 0) + (v - was) / videoSeconds;
  }
  const { ingest = 0, ...studio } = byPart;
  const cpu = Object.values(studio).reduce((a, b) => a + b, 0);
  const fps = (videoSeconds * preset.fps) / wall;
  const m: Measured = { config, cpu, byPart: studio, ingest, fps, load: (loadBefore + load()) / 2, estimate };
  // This process's share split: user time is JavaScript (relay, fan-out, pushes); system time is mostly the
  // kernel moving frames through pipes and, on loopback, the TCP of every push (the ingest's side included).
  const split = `this process: user ${(user / 1e6 / videoSeconds).toFixed(3)}, system ${(system / 1e6 / videoSeconds).toFixed(3)}`;
  const parts = Object.entries(studio)
    .map(([k, v]) => `${k} ${v.toFixed(3)}`)
    .join(', ');
  const live = service.state().destinations.filter((d) => d.output.state === 'live').length;
  console.log(
    `${label.padEnd(26)} cpu ${cpu.toFixed(3)} s per s of video (${parts}; ${split}; ingest apart ${ingest.toFixed(3)}) ` +
      `at ${fps.toFixed(1)} fps, ${live} live, load ${m.load.toFixed(1)}`,
  );
  return m;
}

const all: Measured[] = [];
const ratios: Record<'four' | 'vertical', number[]> = { four: [], vertical: [] };
/** The vertical encoder measured against its estimate shown before it was on. */
const estimateRatios: number[] = [];
try {
  await engine.start();
  service.setLive(true); // as when the room's push goes on; the room's own push is not measured here
  await sleep(3000); // the encoder's first seconds (x264's lookahead filling) are not a show's
  let before = await measure('one', '1 destination');
  for (let round = 1; round <= rounds; round++) {
    console.log(`— round ${round} of ${rounds}`);
    for (const config of ['four', 'vertical'] as const) {
      const m = await measure(config, config === 'four' ? '4 destinations' : '1 + vertical canvas');
      const next = await measure('one', '1 destination');
      const base = (before.cpu + next.cpu) / 2;
      ratios[config].push(m.cpu / base);
      all.push(before, m);
      if (config === 'vertical' && before.estimate)
        estimateRatios.push((m.byPart.vertical ?? 0) / (before.estimate / 100));
      console.log(
        `  ${config === 'four' ? '4/1' : 'vertical on/off'} ${(m.cpu / base).toFixed(3)} (against the mean of the ` +
          `1-destination measures either side, ${base.toFixed(3)})` +
          (config === 'vertical'
            ? `; the vertical encoder measured ${((m.byPart.vertical ?? 0) * 100).toFixed(1)}% of a core, ` +
              `estimated before it was on ${before.estimate ?? '—'}%`
            : ''),
      );
      before = next;
    }
  }
  all.push(before);
} finally {
  await service.close();
  await engine.stop();
  await server.kill();
}

/** The median of each part over the measures of one configuration. */
function medianParts(config: Config): Record<string, number> {
  const ms = all.filter((m) => m.config === config);
  const keys = Object.keys(ms[0]?.byPart ?? {});
  return Object.fromEntries(keys.map((k) => [k, median(ms.map((m) => m.byPart[k] ?? 0))]));
}
const show = (p: Record<string, number>) =>
  Object.entries(p)
    .map(([k, v]) => `${k} ${v.toFixed(3)}`)
    .join(', ');
const [one, four, vertical] = [medianParts('one'), medianParts('four'), medianParts('vertical')];
console.log(`medians per part, CPU-s per s of video: 1 destination: ${show(one)}`);
console.log(`  4 destinations: ${show(four)}`);
console.log(`  1 + vertical canvas: ${show(vertical)}`);
console.log(
  `  this process (relay and every push) per push added: ${(((four.node ?? 0) - (one.node ?? 0)) / 3).toFixed(4)}; ` +
    `fps ${Math.min(...all.map((m) => m.fps)).toFixed(1)}–${Math.max(...all.map((m) => m.fps)).toFixed(1)}; load ` +
    `${Math.min(...all.map((m) => m.load)).toFixed(1)}–${Math.max(...all.map((m) => m.load)).toFixed(1)}`,
);
const list = (xs: number[]) => xs.map((x) => x.toFixed(3)).join(' ');
const m4 = median(ratios.four);
const mv = median(ratios.vertical);
console.log(`4/1 destinations by round: ${list(ratios.four)}; median ${m4.toFixed(3)} (goal at most 1.05)`);
console.log(`vertical canvas on/off by round: ${list(ratios.vertical)}; median ${mv.toFixed(3)}`);
console.log(
  `the vertical encoder against the panel's estimate before it was on: ${list(estimateRatios)}; median ` +
    `${estimateRatios.length ? median(estimateRatios).toFixed(3) : '—'} (1 is a true estimate)`,
);
console.log(`RESULT multistream_cpu_ratio_4=${m4.toFixed(3)} vertical_cpu_ratio=${mv.toFixed(3)}`);
