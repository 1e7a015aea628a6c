// Hands the program scene to the compositor: one call at a time, the latest state wins, nothing sent twice.
// Drags arrive many times a second; the compositor only ever needs the newest scene, never a backlog.
import type { Scene } from '../contract/scene';
import type { SceneTransition } from '../contract/scenes';

/** What the scenes service drives. The composition root wires it to MediaEngine.setScene. */
export interface SceneOutput {
  applyScene(scene: Scene, transition?: SceneTransition): Promise<void>;
}

export const noSceneOutput: SceneOutput = { applyScene: () => Promise.resolve() };

interface Job {
  scene: Scene;
  transition?: SceneTransition;
  key: string;
}

export class ProgramFeed {
  private running = false;
  private pending: Job | null = null;
  private lastKey: string | null = null;
  private inFlightKey: string | null = null;
  private idle: Promise<void> = Promise.resolve();
  private release: () => void = () => {};

  constructor(
    private output: SceneOutput,
    private readonly onError: (err: Error, scene: Scene) => void,
  ) {}

  setOutput(output: SceneOutput): void {
    this.output = output;
    this.lastKey = null; // a new output has seen nothing yet
  }

  /** Queues the scene; returns at once. A scene equal to the last one sent (and no transition) is dropped. */
  push(scene: Scene, transition?: SceneTransition): void {
    const key = JSON.stringify(scene);
    const prev = this.pending;
    // A transition is only kept for the scene it was asked for: a later edit of that same scene still fades.
    const keep = transition ?? (prev?.transition && prev.scene.id === scene.id ? prev.transition : undefined);
    const newest = prev?.key ?? this.inFlightKey ?? this.lastKey;
    if (!keep && key === newest) return;
    this.pending = { scene, key, ...(keep ? { transition: keep } : {}) };
    if (!this.running) void this.drain();
  }

  /** Resolves when everything queued has been handed over (for tests and for closing). */
  settled(): Promise<void> {
    return this.running ? this.idle : Promise.resolve();
  }

  private async drain(): Promise<void> {
    this.running = true;
    this.idle = new Promise((r) => (this.release = r));
    while (this.pending) {
      const job = this.pending;
      this.pending = null;
      if (!job.transition && job.key === this.lastKey) continue;
      this.inFlightKey = job.key;
      try {
        await this.output.applyScene(job.scene, job.transition);
        this.lastKey = job.key;
      } catch (err) {
        this.lastKey = null; // try the next one in full
        this.onError(err instanceof Error ? err : new Error(String(err)), job.scene);
      } finally {
        this.inFlightKey = null;
      }
    }
    this.running = false;
    this.release();
  }
}
