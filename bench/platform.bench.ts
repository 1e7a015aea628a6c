// Chat hub load: viewers in one room at 40 messages/s; p99 delivery latency per viewer count, and join throughput.
//
// The platform runs on the main thread; the load generator in child processes (platformLoad.worker.mjs, its viewers
// bare WebSocket readers from platformViewer.mjs), so client work does not share the hub's event loop, and each
// side's sockets count against its own process's file limit (15,000 viewers are 15,000 descriptors in the platform
// and as many in the load processes: a process holding both ends would need 30,000). Viewers join while the host talks at 40 msg/s (joins_per_s is measured so). Latency is
// measured from each message's *scheduled* send time, so a late sender counts against the result. Each step prints
// the CPU the platform and the load processes spent per delivery (and per join), and the machine's load, so a run
// says whether the platform or the machine ran out. Usage:
//   npm run bench:platform -- [--max-viewers 15000] [--seconds 10] [--workers 2] [--fan-out-threads 2] [--all-steps]
//     [--quiet-joins]
// Last line: RESULT max_viewers_p99_250ms=<n> joins_per_s=<n>
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fork, type ChildProcess } from 'node:child_process';

const BUCKETS = 5000; // 1 ms buckets; the last one holds everything slower
const RATE = 40;

type ToWorker =
  | { cmd: 'guests'; count: number }
  | { cmd: 'join'; count: number; concurrency: number }
  | { cmd: 'reset' }
  | { cmd: 'send'; seconds: number; startAt: number }
  | { cmd: 'broadcast'; on: boolean }
  | { cmd: 'report' }
  | { cmd: 'stop' };
type FromWorker =
  | { ok: 'guests' }
  | { ok: 'join'; joined: number; failed: number; ms: number; cpuUs: number }
  | { ok: 'reset' }
  | { ok: 'send'; sent: number }
  | { ok: 'broadcast' }
  | { ok: 'report'; hist: number[]; received: number; cpuUs: number }
  | { ok: 'stop' };

interface WorkerInit {
  httpUrl: string;
  imUrl: string;
  groupId: string;
  hostToken: string | null;
}

// ───────────────────────────── main side ─────────────────────────────

class LoadWorker {
  private readonly w: ChildProcess;
  private waiting: ((r: FromWorker) => void) | null = null;

  constructor(init: WorkerInit) {
    // Plain JavaScript, run by plain Node: the load generator needs no TypeScript loader.
    this.w = fork(new URL('./platformLoad.worker.mjs', import.meta.url), [], { execArgv: [] });
    this.w.send(init);
    this.w.on('message', (r: FromWorker) => {
      const done = this.waiting;
      this.waiting = null;
      done?.(r);
    });
    this.w.on('error', (e) => {
      process.stderr.write(`load process failed: ${e.message}\n`);
      process.exit(1);
    });
    this.w.on('exit', (code) => {
      if (code) process.stderr.write(`a load process ended with code ${code}\n`);
    });
  }

  ask<T extends FromWorker['ok']>(m: ToWorker): Promise<Extract<FromWorker, { ok: T }>> {
    return new Promise((done) => {
      this.waiting = done as (r: FromWorker) => void;
      this.w.send(m);
    });
  }

  async stop(): Promise<void> {
    await this.ask<'stop'>({ cmd: 'stop' });
    this.w.kill();
  }
}

function cpuMicros(u: NodeJS.CpuUsage): number {
  return u.user + u.system;
}

function percentile(hist: number[], q: number): number {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total === 0) return Number.POSITIVE_INFINITY;
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i]!;
    if (seen >= total * q) return i;
  }
  return BUCKETS;
}

/**
 * Node raises its soft limit of open files to the hard one at start; the hard one is the OS's (`ulimit -Hn`, or
 * LimitNOFILE in a systemd unit). A viewer is one descriptor in the platform.
 */
function fileLimit(): string {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const [soft, hard] = line?.split(/\s+/).slice(3, 5) ?? [];
    return `open files allowed to the platform's process: ${soft} (hard limit ${hard}): room for about ${Number(soft) - 200} viewers`;
  } catch {
    return 'open files allowed to the platform: unknown on this OS';
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'max-viewers': { type: 'string' },
      seconds: { type: 'string' },
      workers: { type: 'string' },
      // Threads that write the viewers' sockets (0: the hub's own thread writes them all).
      'fan-out-threads': { type: 'string' },
      // Every step is run even after one is over the goal, for the fan-out's CPU figures at larger rooms.
      'all-steps': { type: 'boolean' },
      // Viewers join a quiet room (the host silent while they join): a join's own cost, without its share of the
      // broadcast the room sends meanwhile.
      'quiet-joins': { type: 'boolean' },
    },
  });
  const maxViewers = Number(values['max-viewers'] ?? 15000);
  const seconds = Number(values.seconds ?? 10);
  const workerCount = Math.max(1, Number(values.workers ?? 2));
  const fanOutThreads = Math.max(0, Number(values['fan-out-threads'] ?? 2));
  if (!(maxViewers >= 10) || !(seconds >= 1))
    throw new Error('--max-viewers must be at least 10 and --seconds at least 1.');
  const steps = [100, 250, 500, 1000, 2000, 3000, 4000, 5000, 6000, 8000, 10000, 12000, 15000].filter(
    (n) => n <= maxViewers,
  );
  if (steps[steps.length - 1] !== maxViewers) steps.push(maxViewers);

  const { startPlatform } = await import('../platform/index');
  const dataDir = mkdtempSync(join(tmpdir(), 'platform-bench-'));
  const p = await startPlatform({
    port: 0,
    rtmpPort: 0,
    dataDir,
    hls: false,
    heartbeatSeconds: 3600,
    chat: { fanOutThreads },
  });
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(p.httpUrl + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Record<string, string>;
  };
  const host = await post('/api/v1/sessions/guest', { nickname: 'Bench VJ' });
  const room = await post('/api/v1/rooms', { title: 'Bench' }, host.token);
  console.log(`${fileLimit()}; each load process has as many`);
  console.log(
    `platform ${p.httpUrl} · room ${room.groupId} · ${workerCount} load workers · ${fanOutThreads} fan-out threads · ${seconds} s per step at ${RATE} msg/s · steps ${steps.join(', ')}`,
  );

  const workers = Array.from(
    { length: workerCount },
    (_, i) =>
      new LoadWorker({
        httpUrl: p.httpUrl,
        imUrl: p.imUrl,
        groupId: room.groupId!,
        hostToken: i === 0 ? host.token! : null,
      }),
  );
  let joined = 0;
  let joinMs = 0;
  let joinCount = 0;
  let maxOk = 0;
  let overOnce = false;
  let baselineP99: number | null = null;
  try {
    for (const target of steps) {
      const add = target - joined;
      const shares = workers.map((_, i) => Math.floor(add / workerCount) + (i < add % workerCount ? 1 : 0));
      await Promise.all(workers.map((w, i) => w.ask<'guests'>({ cmd: 'guests', count: shares[i]! })));
      // Viewers join while the room is broadcasting: the host talks at 40 msg/s to everyone already in.
      if (!values['quiet-joins']) await workers[0]!.ask<'broadcast'>({ cmd: 'broadcast', on: true });
      const t0 = Date.now();
      const joinCpuBefore = process.cpuUsage();
      const joins = await Promise.all(
        workers.map((w, i) => w.ask<'join'>({ cmd: 'join', count: shares[i]!, concurrency: 100 })),
      );
      const ms = Date.now() - t0;
      const joinCpu = cpuMicros(process.cpuUsage(joinCpuBefore));
      await workers[0]!.ask<'broadcast'>({ cmd: 'broadcast', on: false });
      const ok = joins.reduce((a, j) => a + j.joined, 0);
      const failed = joins.reduce((a, j) => a + j.failed, 0);
      joined += ok;
      joinMs += ms;
      joinCount += ok;
      await new Promise((r) => setTimeout(r, 1500)); // let member batches settle
      await Promise.all(workers.map((w) => w.ask<'reset'>({ cmd: 'reset' })));
      const startAt = Date.now() + 200;
      // The platform's own CPU time over the send (its load processes are children, not counted): per delivery
      // it is the fan-out's cost, which a busy shared machine stretches far less than it stretches latency.
      const cpuBefore = process.cpuUsage();
      // How busy the hub's own thread was (the fan-out threads' share of the CPU is not in it).
      const eluBefore = performance.eventLoopUtilization();
      const { sent } = await workers[0]!.ask<'send'>({ cmd: 'send', seconds, startAt });
      await new Promise((r) => setTimeout(r, 1500));
      const cpu = process.cpuUsage(cpuBefore);
      const hubBusy = performance.eventLoopUtilization(eluBefore).utilization;
      const reports = await Promise.all(workers.map((w) => w.ask<'report'>({ cmd: 'report' })));
      const hist = new Array<number>(BUCKETS + 1).fill(0);
      let received = 0;
      let loadCpu = 0;
      for (const r of reports) {
        r.hist.forEach((v, i) => (hist[i]! += v));
        received += r.received;
        loadCpu += r.cpuUs;
      }
      const p50 = percentile(hist, 0.5);
      const p99 = percentile(hist, 0.99);
      baselineP99 ??= Math.max(1, p99);
      const delivered = received / Math.max(1, sent * joined);
      const cpuPerDelivery = cpuMicros(cpu) / Math.max(1, received);
      const loadPerDelivery = loadCpu / Math.max(1, received);
      const joinLoadCpu = joins.reduce((a, j) => a + j.cpuUs, 0);
      const pass = p99 < 250 && delivered >= 0.95;
      if (pass && !overOnce) maxOk = joined;
      console.log(
        `viewers=${joined} (join ${ok} in ${ms} ms = ${Math.round((ok * 1000) / Math.max(1, ms))}/s${failed ? `, ${failed} failed` : ''}) sent=${sent} delivered=${(delivered * 100).toFixed(1)}% p50=${p50}ms p99=${p99}ms p99/p99@${steps[0]}=${(p99 / baselineP99).toFixed(2)} platform_cpu_us_per_delivery=${cpuPerDelivery.toFixed(2)} load_cpu_us_per_delivery=${loadPerDelivery.toFixed(2)} hub_thread_busy=${(hubBusy * 100).toFixed(0)}% join_cpu_us platform=${Math.round(joinCpu / Math.max(1, ok))} load=${Math.round(joinLoadCpu / Math.max(1, ok))} loadavg=${loadavg()[0]!.toFixed(1)} ${pass ? 'ok' : 'OVER'}`,
      );
      if (!pass) overOnce = true;
      if (!pass && !values['all-steps']) break;
    }
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await p.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const joinsPerSecond = Math.round((joinCount * 1000) / Math.max(1, joinMs));
  console.log(`RESULT max_viewers_p99_250ms=${maxOk} joins_per_s=${joinsPerSecond}`);
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(e.message);
    process.exit(1);
  },
);
