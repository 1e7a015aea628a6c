// Messages between the studio and its classifier worker thread. Types only: both sides import them.
import type { SafetyScores } from './safetyModel';

/**
 * A frame to classify: raw yuv420p as the frame relay carries the composed output, raw RGB24 (224×224 straight
 * from a guest's ffmpeg), or a JPEG.
 */
export type FrameInput =
  | { format: 'jpeg'; data: Uint8Array }
  | { format: 'rgb'; width: number; height: number; data: Uint8Array }
  | { format: 'yuv420p'; width: number; height: number; data: Uint8Array; owned?: boolean };
// owned: the sampler made `data` for the classifier alone, so it is moved to the worker (transferred), not
// copied: a structured-clone copy of a 3 MB frame cost ~6–17 ms of CPU here, the move almost nothing.

/** 16×9 RGB24 block averages: all a stored thumbnail is ever made of. */
export interface PixelatedThumb {
  width: number;
  height: number;
  rgb: Uint8Array;
}

export interface WorkerInit {
  /** The nsfwjs model name; an unknown one makes loading fail, which is how that fault is tested. */
  modelName: string;
  /** Folder holding @tensorflow/tfjs-backend-wasm's .wasm files, with a trailing slash. */
  wasmDir: string;
}

export type ToWorker = { type: 'classify'; id: number; frame: FrameInput } | { type: 'crashForTest' };

export type FromWorker =
  | { type: 'ready'; loadMs: number; backend: string }
  | { type: 'loadFailed'; message: string }
  /** ms: the worker's wall time for this frame; threadCpuMs: the worker thread's CPU time so far (Linux, else null). */
  | { type: 'result'; id: number; scores: SafetyScores; thumb: PixelatedThumb; ms: number; threadCpuMs: number | null }
  | { type: 'skipped'; id: number; message: string };
