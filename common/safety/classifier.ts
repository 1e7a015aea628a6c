// What the safety service asks of a classifier (the nsfwjs worker in the product; tests hand a scripted one,
// testSupport/scriptedClassifier.ts, through the services' options).
import type { ClassifierStatus, SafetyScores } from './safetyModel';
import type { FrameInput, PixelatedThumb } from './classifierProtocol';

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
