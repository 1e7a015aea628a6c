// Sends scene edits from the editor: at most one scenes.update in flight, the newest edit sent on the next
// animation frame after the previous answer. A drag of 200 pointer moves becomes a few dozen updates, and the
// scene on air follows the mouse within a frame or two of the round trip.
import type { Scene } from '../../../main/contract/scene';

export interface EditQueueOptions {
  send: (scene: Scene) => Promise<unknown>;
  /** Runs `fn` on the next animation frame (requestAnimationFrame in the page). */
  schedule: (fn: () => void) => void;
  onError: (err: Error) => void;
  /** Called when the local copies change (an edit, or an edit finally sent and answered). */
  onChange: () => void;
}

export class SceneEditQueue {
  /** Scenes edited here and not yet confirmed: the editor shows these over the studio's state. */
  private readonly local = new Map<string, Scene>();
  private readonly dirty = new Set<string>();
  private inFlight = false;
  private scheduled = false;

  constructor(private readonly options: EditQueueOptions) {}

  edit(scene: Scene): void {
    this.local.set(scene.id, scene);
    this.dirty.add(scene.id);
    this.options.onChange();
    this.kick();
  }

  /** The local copy of a scene while an edit of it is pending or in flight. */
  overlay(scene: Scene): Scene {
    return this.local.get(scene.id) ?? scene;
  }

  get busy(): boolean {
    return this.inFlight || this.dirty.size > 0;
  }

  private kick(): void {
    if (this.inFlight || this.scheduled || this.dirty.size === 0) return;
    this.scheduled = true;
    this.options.schedule(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const id = this.dirty.values().next().value;
    if (id === undefined || this.inFlight) return;
    const scene = this.local.get(id);
    this.dirty.delete(id);
    if (!scene) return;
    this.inFlight = true;
    try {
      await this.options.send(scene);
    } catch (err) {
      this.options.onError(err instanceof Error ? err : new Error(String(err)));
      // The studio refused it: drop the local copy so the editor shows what the studio really has.
      if (!this.dirty.has(id)) this.local.delete(id);
    } finally {
      this.inFlight = false;
    }
    // The studio's scenes.changed event for this edit arrived before its answer: the local copy is no longer needed.
    if (!this.dirty.has(id) && this.local.get(id) === scene) this.local.delete(id);
    this.options.onChange();
    this.kick();
  }
}
