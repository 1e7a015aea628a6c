// The classifier's worker thread: loads the model on the fastest runtime that answers as the original does
// (modelRuntime.ts: ONNX Runtime on one thread, else tfjs's wasm backend), then answers each frame, scaled once
// to the model's 224×224 input (sampleInput.ts), as scores plus a 16×9 pixelated thumbnail. It runs off the
// studio's event loop; the studio restarts it when it dies.
import { readFileSync, readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { SafetyScores } from './safetyModel';
import { readMessage, toWorkerSchema, workerInitSchema, type FromWorker } from './classifierProtocol';
import { loadSafetyModel, type LoadedModel } from './modelRuntime';
import { pixelate } from './pixelate';
import { MODEL_SIZE, toModelRgb } from './sampleInput';

if (!parentPort) throw new Error('classifierWorker must run in a worker thread.');
const port = parentPort;
const send = (m: FromWorker) => port.postMessage(m);

/** This thread's CPU time (utime + stime, in 10 ms ticks) from Linux's /proc/thread-self; null elsewhere. */
function threadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * Asks for this thread to run above normal priority: a sample costs ~10 ms of CPU every few seconds, and at
 * normal priority it waits behind the encoder's threads for a core, which is most of a verdict's time on a
 * busy PC. The encoder loses those few ms and has frames buffered to cover them. Linux sets priority per
 * thread (this thread's id from /proc/thread-self); raising it needs the right to (CAP_SYS_NICE or RLIMIT_NICE),
 * and without it, or on other systems, the thread stays at normal priority: said in the log, nothing fails.
 */
function raiseThreadPriority(): string {
  const wanted = constants.priority.PRIORITY_ABOVE_NORMAL;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (!Number.isInteger(tid)) return 'normal priority';
    setPriority(tid, wanted);
    return `priority ${wanted}`;
  } catch (err) {
    // Node wraps the system's refusal: its own code (EACCES, EPERM) is in `info`.
    const e = err as NodeJS.ErrnoException & { info?: { code?: string } };
    return `normal priority (${e.info?.code ?? e.code ?? e.message})`;
  }
}

/** One sample through the whole path before the first real one, so the first verdict is not the slow one. */
async function warmUp(predict: LoadedModel['predict']): Promise<void> {
  const frame = new Uint8Array(MODEL_SIZE * MODEL_SIZE * 1.5).map((_, i) => i % 251);
  for (let i = 0; i < 2; i++) {
    const rgb = toModelRgb({ format: 'yuv420p', width: MODEL_SIZE, height: MODEL_SIZE, data: frame });
    await predict(rgb);
    pixelate(rgb, MODEL_SIZE, MODEL_SIZE, 3);
  }
}

// nsfwjs's output order (its NSFW_CLASSES): Drawing, Hentai, Neutral, Porn, Sexy.
function toScores(p: ArrayLike<number>): SafetyScores {
  return { drawing: p[0] ?? 0, hentai: p[1] ?? 0, neutral: p[2] ?? 0, porn: p[3] ?? 0, sexy: p[4] ?? 0 };
}

/** Model calls running on ONNX Runtime's or tfjs's own threads: the worker may only end between them. */
let busy = 0;
let closing = false;

function exitWhenIdle(): void {
  if (closing && busy === 0) process.exit(0);
}

/** Runs a model call, counted, so a close asked for meanwhile waits for it. */
async function counted<T>(call: () => Promise<T>): Promise<T> {
  busy++;
  try {
    return await call();
  } finally {
    busy--;
    setImmediate(exitWhenIdle);
  }
}

// Heard from the start, loading included: a native call still running when the thread is torn down throws where
// nothing can catch it, and that ends the studio, not just this thread.
port.on('message', (raw: unknown) => {
  if ((raw as { type?: unknown } | null)?.type !== 'close') return;
  closing = true;
  exitWhenIdle();
});

async function main(): Promise<void> {
  const started = performance.now();
  const init = readMessage(workerInitSchema, workerData, "the studio (the worker's settings)");
  if (!init.ok) {
    send({ type: 'loadFailed', message: init.reason });
    return;
  }
  let loaded: LoadedModel;
  try {
    loaded = await counted(async () => {
      const model = await loadSafetyModel(init.message);
      await warmUp(model.predict);
      return model;
    });
  } catch (err) {
    send({ type: 'loadFailed', message: (err as Error).message });
    return;
  }
  const { predict, runtime } = loaded;
  const priority = init.message.raisePriority === false ? 'normal priority (as asked)' : raiseThreadPriority();
  send({ type: 'ready', loadMs: Math.round(performance.now() - started), backend: `${runtime}, ${priority}` });

  port.on('message', (raw: unknown) => {
    const read = readMessage(toWorkerSchema, raw, 'the studio');
    if (!read.ok) {
      // Answered, never thrown: a frame it can name is skipped; anything else is refused in words.
      send(
        read.id === null
          ? { type: 'refused', message: read.reason }
          : { type: 'skipped', id: read.id, message: read.reason },
      );
      return;
    }
    const msg = read.message;
    if (msg.type === 'close' || closing) return;
    if (msg.type === 'crashForTest') {
      // Test-only: a real uncaught exception on the worker's own loop, like a bug in a decoder would throw.
      setImmediate(() => {
        throw new Error('crash requested by a test');
      });
      return;
    }
    const t0 = performance.now();
    let rgb: Uint8Array;
    try {
      rgb = toModelRgb(msg.frame);
    } catch (err) {
      send({ type: 'skipped', id: msg.id, message: (err as Error).message });
      return;
    }
    counted(() => predict(rgb)).then(
      (probs) =>
        // The thumbnail is averaged from the model's input: the same picture, squeezed, in 16×9 blocks.
        send({
          type: 'result',
          id: msg.id,
          scores: toScores(probs),
          thumb: pixelate(rgb, MODEL_SIZE, MODEL_SIZE, 3),
          ms: performance.now() - t0,
          threadCpuMs: threadCpuMs(),
        }),
      (err: unknown) =>
        send({ type: 'skipped', id: msg.id, message: `the classifier failed on it: ${(err as Error).message}` }),
    );
  });
}

void main();
