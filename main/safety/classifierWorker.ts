// The classifier's worker thread: nsfwjs MobileNetV2 on tfjs's wasm backend, loaded offline from the installed
// packages. It decodes each frame, classifies it and answers scores plus a 16×9 pixelated thumbnail. It runs
// off the studio's event loop; the studio restarts it when it dies.
import { parentPort, workerData } from 'node:worker_threads';
import jpeg from 'jpeg-js';
import type { SafetyScores } from '../contract/safety';
import type { FromWorker, ToWorker, WorkerInit } from './classifierProtocol';
import { pixelate } from './pixelate';

import type * as TfModule from '@tensorflow/tfjs';
import type { NSFWJS } from 'nsfwjs';

type Tf = typeof TfModule;
type Model = NSFWJS;

if (!parentPort) throw new Error('classifierWorker must run in a worker thread.');
const port = parentPort;
const init = workerData as WorkerInit;
const send = (m: FromWorker) => port.postMessage(m);

/** tfjs and nsfwjs chat on the console while loading (hints, URLs); the studio's log wants none of it. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const saved = { info: console.info, log: console.log, warn: console.warn };
  console.info = console.log = console.warn = () => {};
  try {
    return await run();
  } finally {
    Object.assign(console, saved);
  }
}

async function loadModel(): Promise<{ tf: Tf; model: Model }> {
  return quietly(async () => {
    const tf = await import('@tensorflow/tfjs');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(init.wasmDir);
    if (!(await tf.setBackend('wasm'))) throw new Error(`the wasm backend did not start (files looked for in ${init.wasmDir})`);
    await tf.ready();
    const nsfw = await import('nsfwjs');
    const model = await nsfw.load(init.modelName);
    return { tf, model };
  });
}

function decode(frame: Extract<ToWorker, { type: 'classify' }>['frame']): { data: Uint8Array; width: number; height: number } {
  if (frame.format === 'rgb') {
    if (!Number.isInteger(frame.width) || !Number.isInteger(frame.height) || frame.width < 8 || frame.height < 8) {
      throw new Error(`a raw frame of ${frame.width}×${frame.height} is too small to judge`);
    }
    if (frame.data.length !== frame.width * frame.height * 3) {
      throw new Error(`a raw ${frame.width}×${frame.height} RGB frame needs ${frame.width * frame.height * 3} bytes, it had ${frame.data.length}`);
    }
    return frame;
  }
  const img = jpeg.decode(frame.data, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: 40, maxMemoryUsageInMB: 512 });
  if (img.width < 8 || img.height < 8) throw new Error(`a ${img.width}×${img.height} picture is too small to judge`);
  return img;
}

// nsfwjs's output order (its NSFW_CLASSES): Drawing, Hentai, Neutral, Porn, Sexy.
function toScores(p: ArrayLike<number>): SafetyScores {
  return { drawing: p[0] ?? 0, hentai: p[1] ?? 0, neutral: p[2] ?? 0, porn: p[3] ?? 0, sexy: p[4] ?? 0 };
}

async function main(): Promise<void> {
  const started = performance.now();
  let loaded: { tf: Tf; model: Model };
  try {
    loaded = await loadModel();
  } catch (err) {
    send({ type: 'loadFailed', message: (err as Error).message });
    return;
  }
  const { tf, model } = loaded;
  send({ type: 'ready', loadMs: Math.round(performance.now() - started), backend: tf.getBackend() });

  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'crashForTest') {
      // Test-only: a real uncaught exception on the worker's own loop, like a bug in a decoder would throw.
      setImmediate(() => {
        throw new Error('crash requested by a test');
      });
      return;
    }
    const t0 = performance.now();
    let img: { data: Uint8Array; width: number; height: number };
    try {
      img = decode(msg.frame);
    } catch (err) {
      send({ type: 'skipped', id: msg.id, message: (err as Error).message });
      return;
    }
    const input = tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
    const logits = model.infer(input);
    input.dispose();
    void logits.data().then(
      (probs) => {
        logits.dispose();
        send({ type: 'result', id: msg.id, scores: toScores(probs), thumb: pixelate(img.data, img.width, img.height, 3), ms: performance.now() - t0 });
      },
      (err: unknown) => {
        logits.dispose();
        send({ type: 'skipped', id: msg.id, message: (err as Error).message });
      },
    );
  });
}

void main();
