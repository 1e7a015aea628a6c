// A classifier that replays recorded scores, for tests and end-to-end runs: real explicit frames cannot live in
// a repository. It reaches the studio and the platform through their options, never the product's own code.
import type { Classifier, ClassifyOutcome } from '../common/safety/classifier';
import type { FrameInput } from '../common/safety/classifierProtocol';
import { pixelate } from '../common/safety/pixelate';
import type { ClassifierStatus, SafetyScores } from '../common/safety/safetyModel';

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
