// Messages between the studio and its classifier worker thread. Types only: both sides import them.
import type { SafetyScores } from '../contract/safety';

/**
 * A frame to classify: raw yuv420p as the frame relay carries the composed output, raw RGB24 (224×224 straight
 * from a guest's ffmpeg), or a JPEG.
 */
export type FrameInput =
  | { format: 'jpeg'; data: Uint8Array }
  | { format: 'rgb'; width: number; height: number; data: Uint8Array }
  | { format: 'yuv420p'; width: number; height: number; data: Uint8Array };

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
