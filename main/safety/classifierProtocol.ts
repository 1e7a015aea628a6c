// Messages between the studio and its classifier worker thread. Types only: both sides import them.
import type { SafetyScores } from '../contract/safety';

/** A frame to classify: a JPEG from the preview tap, or raw RGB24 (e.g. 224×224 straight from ffmpeg). */
export type FrameInput = { format: 'jpeg'; data: Uint8Array } | { format: 'rgb'; width: number; height: number; data: Uint8Array };

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
  | { type: 'result'; id: number; scores: SafetyScores; thumb: PixelatedThumb; ms: number }
  | { type: 'skipped'; id: number; message: string };
