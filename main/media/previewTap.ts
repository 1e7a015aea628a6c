// The engine's preview tap: who wants the small JPEG preview (the UI's switch, frame listeners such as the
// renderer's stream) and the compositor's preview frames passed on to them while someone does.
import type { CompositorPreviewFrame } from './compositorRunner';

export type PreviewFrame = CompositorPreviewFrame;

export class PreviewTap {
  private wanted = false;
  private readonly listeners = new Set<(f: PreviewFrame) => void>();

  /** Someone wants the preview (the switch is on, or a listener is attached). */
  get active(): boolean {
    return this.wanted || this.listeners.size > 0;
  }

  listen(listener: (f: PreviewFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(on: boolean): void {
    this.wanted = on;
  }

  /** A JPEG from the compositor on air. */
  frame(f: PreviewFrame): void {
    if (!this.active) return;
    for (const l of this.listeners) l(f);
  }
}
