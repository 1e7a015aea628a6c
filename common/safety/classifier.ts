// What the safety service asks of a classifier, and the scripted one that replays recorded scores (tests, and
// the test-only setting the end-to-end run uses; real explicit frames cannot live in a repository).
import type { ClassifierStatus, SafetyScores } from './safetyModel';
import type { FrameInput, PixelatedThumb } from './classifierProtocol';
import { pixelate } from './pixelate';

export type ClassifyOutcome =
  | { ok: true; scores: SafetyScores; thumb: PixelatedThumb; ms: number }
  /** busy: a verdict is still in flight, so this sample is dropped; corrupt: the frame could not be decoded. */
  | { ok: false; reason: 'busy' | 'corrupt' | 'unavailable'; message: string };

export interface Classifier {
  readonly status: ClassifierStatus;
  onStatus(listener: (status: ClassifierStatus) => void): () => void;
  /** Never waits for a slot: answers `busy` at once when a classification is in flight. */
  classify(frame: FrameInput): Promise<ClassifyOutcome>;
  close(): Promise<void>;
}

export const SAFE_SCORES: SafetyScores = { drawing: 0.01, hentai: 0.001, neutral: 0.985, porn: 0.002, sexy: 0.002 };

/** Replays a list of scores, one per classified frame, then keeps returning the last (or loops). */
export class ScriptedClassifier implements Classifier {
  readonly status: ClassifierStatus = { status: 'ready', restarts: 0 };
  private index = 0;
  calls = 0;
  /** The last frame it was asked about (tests check what the samplers send). */
  lastFrame: FrameInput | null = null;

  constructor(
    private script: SafetyScores[],
    private readonly loop = false,
  ) {}

  /** Replaces the script from the next frame on (tests switch from explicit to clean mid-run). */
  play(script: SafetyScores[]): void {
    this.script = script;
    this.index = 0;
  }

  onStatus(listener: (status: ClassifierStatus) => void): () => void {
    listener(this.status);
    return () => {};
  }

  async classify(frame: FrameInput): Promise<ClassifyOutcome> {
    this.calls++;
    this.lastFrame = frame;
    const n = this.script.length;
    const scores =
      n === 0 ? SAFE_SCORES : (this.script[this.loop ? this.index % n : Math.min(this.index, n - 1)] ?? SAFE_SCORES);
    this.index++;
    const thumb =
      frame.format === 'rgb'
        ? pixelate(frame.data, frame.width, frame.height, 3)
        : { width: 16, height: 9, rgb: new Uint8Array(16 * 9 * 3).fill(96) };
    return { ok: true, scores, thumb, ms: 0 };
  }

  async close(): Promise<void> {}
}
