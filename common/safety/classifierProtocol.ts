// Messages between the studio and its classifier worker thread, declared once with zod: each end reads what
// it receives through these schemas, so a malformed message becomes a plain-words reason, never a crash.
import { z } from 'zod';
import { safetyScoresSchema } from './safetyModel';

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes (a Uint8Array)');
const size = z.number().int().min(1);

/**
 * A frame to classify: raw yuv420p as the frame relay carries the composed output, raw RGB24 (224×224 straight
 * from a guest's ffmpeg), or a JPEG.
 */
export const frameInputSchema = z.discriminatedUnion('format', [
  z.object({ format: z.literal('jpeg'), data: bytes }),
  z.object({ format: z.literal('rgb'), width: size, height: size, data: bytes }),
  // owned: the sampler made `data` for the classifier alone, so it is moved to the worker (transferred), not
  // copied: a structured-clone copy of a 3 MB frame cost ~6–17 ms of CPU here, the move almost nothing.
  z.object({ format: z.literal('yuv420p'), width: size, height: size, data: bytes, owned: z.boolean().optional() }),
]);
export type FrameInput = z.infer<typeof frameInputSchema>;

/** 16×9 RGB24 block averages: all a stored thumbnail is ever made of. */
export const pixelatedThumbSchema = z.object({ width: size, height: size, rgb: bytes });
export type PixelatedThumb = z.infer<typeof pixelatedThumbSchema>;

export const workerInitSchema = z.object({
  /** The nsfwjs model name; an unknown one makes loading fail, which is how that fault is tested. */
  modelName: z.string().min(1),
  /** Folder holding @tensorflow/tfjs-backend-wasm's .wasm files, with a trailing slash. */
  wasmDir: z.string().min(1),
  /** fastest: ONNX Runtime when it answers as the original does; tfjs: tfjs's wasm backend only (the benchmark's baseline). */
  runtime: z.enum(['fastest', 'tfjs']).optional(),
  /** false: the thread stays at normal priority, as on a PC that does not allow raising it (the benchmark's comparison). */
  raisePriority: z.boolean().optional(),
});
export type WorkerInit = z.infer<typeof workerInitSchema>;

const messageId = z.number().int().min(0);

export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('classify'), id: messageId, frame: frameInputSchema }),
  z.object({ type: z.literal('crashForTest') }),
  /** Ends the worker once no model call is running (ending it during one aborts the whole process). */
  z.object({ type: z.literal('close') }),
]);
export type ToWorker = z.infer<typeof toWorkerSchema>;

export const fromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), loadMs: z.number(), backend: z.string() }),
  z.object({ type: z.literal('loadFailed'), message: z.string() }),
  /** ms: the worker's wall time for this frame; threadCpuMs: the worker thread's CPU time so far (Linux, else null). */
  z.object({
    type: z.literal('result'),
    id: messageId,
    scores: safetyScoresSchema,
    thumb: pixelatedThumbSchema,
    ms: z.number(),
    threadCpuMs: z.number().nullable(),
  }),
  z.object({ type: z.literal('skipped'), id: messageId, message: z.string() }),
  /** The worker could not read a message the studio sent (and it named no frame to skip). */
  z.object({ type: z.literal('refused'), message: z.string() }),
]);
export type FromWorker = z.infer<typeof fromWorkerSchema>;

export type ReadMessage<T> = { ok: true; message: T } | { ok: false; reason: string; id: number | null };

/**
 * Reads one message from the other side: the message, or why it was refused in plain words, with the id it
 * carried (when it carried one) so the answer can name the frame it was about.
 */
export function readMessage<T>(schema: z.ZodType<T>, raw: unknown, from: string): ReadMessage<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  const id = (raw as { id?: unknown } | null)?.id;
  return {
    ok: false,
    reason: `a message from ${from} was not understood${where}: ${issue?.message ?? 'unknown shape'}`,
    id: typeof id === 'number' && Number.isInteger(id) ? id : null,
  };
}
