// npm run bench:outputs [-- --seconds N --rounds R]: the CPU of the studio's own pipeline (the media engine's
// compositor and encoder, every derived encode, and this process, which runs the relay and publishes every
// RTMP push), per second of video encoded, while it pushes to 1 destination, to 4, and to 1 plus the vertical canvas (720x1280, its own
// encode drawn from the program frames, pushed to a fifth destination), in one run. The engine runs the whole
// time at 720p30 in real time, as in a show: only the destinations change, the main encode never restarts.
// Every configuration is measured once per round after a settling pause; ratios are taken within a round and
// the medians reported (this machine's CPU time moves by up to a third from one minute to the next).
// The ingest is node-media-server in its own process, not counted. The last line is the RESULT.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const rounds = argNumber('--rounds', 3);
const SETTLE_MS = 3000;
const preset = presets['720p30'];
const dir = mkdtempSync(join(tmpdir(), 'outputs-bench-'));

interface Measured {
  cpu: number;
  byPart: Record<string, number>;
  live: number;
  dropped: number;
}

console.log(
  `bench:outputs — the studio's engine at ${preset.width}x${preset.height}p${preset.fps} in real time, ` +
    `x264 veryfast CBR ${preset.videoKbps} kbit/s, ${seconds} s per measure, ${rounds} rounds (a shared machine: figures move)`,
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

/** Pauses every destination but `on`, with the vertical canvas on or off, and waits for them to be live. */
async function configure(on: string[], vertical: boolean): Promise<void> {
  await service.setVertical(vertical);
  for (const id of ids) await service.setPaused(id, !on.includes(id));
  const live = () => on.every((id) => service.state().destinations.find((d) => d.id === id)?.output.state === 'live');
  await until(live, 30000, `${on.length} destinations live`);
  await sleep(SETTLE_MS);
}

async function measure(name: string): Promise<Measured> {
  const pids = () => {
    const parts: Record<string, number | undefined> = { encoder: engine.encoderPid };
    engine.pids().forEach((pid) => pid !== engine.encoderPid && (parts[`compositor ${pid}`] = pid));
    parts.vertical = service.encodePool.encode(VERTICAL_ENCODE)?.pid;
    return parts;
  };
  const read = () => Object.fromEntries(Object.entries(pids()).map(([k, pid]) => [k, cpuSecondsOf(pid) ?? 0]));
  const before = read();
  const node = process.cpuUsage();
  const start = process.hrtime.bigint();
  const frames = engine.frameIndex;
  const pushed = service.state().destinations.map((d) => d.droppedFrames);
  const skipped = service.encodePool.encode(VERTICAL_ENCODE)?.dropped ?? 0;
  await sleep(seconds * 1000);
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const after = read();
  const n = process.cpuUsage(node);
  // Per second of video encoded, not of wall time: on a starved machine the pipeline gets less than real time
  // (the relay skips ticks), and CPU per wall second would then measure the scheduler, not the pipeline.
  const videoSeconds = Math.max(1, engine.frameIndex - frames) / preset.fps;
  const byPart: Record<string, number> = { node: (n.user + n.system) / 1e6 / videoSeconds };
  for (const [k, v] of Object.entries(after))
    byPart[k.startsWith('compositor') ? 'compositor' : k] = (v - (before[k] ?? v)) / videoSeconds;
  const cpu = Object.values(byPart).reduce((a, b) => a + b, 0);
  const state = service.state();
  const live = state.destinations.filter((d) => d.output.state === 'live').length;
  const dropped = state.destinations.reduce((sum, d, i) => sum + d.droppedFrames - (pushed[i] ?? 0), 0);
  const verticalSkipped = (service.encodePool.encode(VERTICAL_ENCODE)?.dropped ?? 0) - skipped;
  const parts = Object.entries(byPart)
    .map(([k, v]) => `${k} ${v.toFixed(3)}`)
    .join(', ');
  console.log(
    `${name.padEnd(30)} cpu ${cpu.toFixed(3)} s per s of video at ${((videoSeconds * preset.fps) / wall).toFixed(1)} ` +
      `fps (${parts}); ${live} live, ${dropped} frames dropped by pushes, ` +
      `${verticalSkipped} program frames skipped by the vertical encoder`,
  );
  return { cpu, byPart, live, dropped };
}

const multi: number[] = [];
const vert: number[] = [];
const estimates: number[] = [];
try {
  await engine.start();
  service.setLive(true); // as when the room's push goes on; the room's own push is not measured here

  for (let round = 1; round <= rounds; round++) {
    console.log(`— round ${round} of ${rounds}`);
    const runs: Record<string, () => Promise<Measured>> = {
      one: async () => {
        await configure([ids[0] as string], false);
        const m = await measure(`1 destination (r${round})`);
        estimates.push(service.state().vertical.estimatedCpuPercent ?? NaN);
        return m;
      },
      four: async () => (await configure(ids.slice(0, 4), false), measure(`4 destinations (r${round})`)),
      on: async () => (await configure([ids[0], ids[4]] as string[], true), measure(`1 + vertical canvas (r${round})`)),
    };
    // Every other round in the reverse order, so a drift of the machine's load favours no configuration.
    const order = round % 2 ? ['one', 'four', 'on'] : ['on', 'four', 'one'];
    const m: Record<string, Measured> = {};
    for (const k of order) m[k] = await (runs[k] as () => Promise<Measured>)();
    const [one, four, on] = [m.one, m.four, m.on] as [Measured, Measured, Measured];
    multi.push(four.cpu / one.cpu);
    vert.push(on.cpu / one.cpu);
    console.log(
      `  ratios this round: 4/1 ${multi.at(-1)?.toFixed(3)}, vertical on/off ${vert.at(-1)?.toFixed(3)}; the ` +
        `vertical encoder measured ${((on.byPart.vertical ?? 0) * 100).toFixed(1)}% of a core, estimated before ` +
        `it was on ${estimates.at(-1)?.toFixed(1)}%`,
    );
  }
} finally {
  await service.close();
  await engine.stop();
  await server.kill();
}
const m4 = median(multi);
const mv = median(vert);
console.log(`median 4/1 destinations: ${m4.toFixed(3)} (goal at most 1.05); vertical canvas on/off: ${mv.toFixed(3)}`);
console.log(`RESULT multistream_cpu_ratio_4=${m4.toFixed(3)} vertical_cpu_ratio=${mv.toFixed(3)}`);
