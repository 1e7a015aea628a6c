// The engine's preview tap: who wants the small JPEG preview (the UI's switch, frame listeners such as the
// renderer's stream) and the one preview process that serves them while the stage runs.
import type { Preset } from '../contract/media';
import type { Frame } from './frameRelay';
import { PreviewOutput, type PreviewFrame } from './previewOutput';

export class PreviewTap {
  private output: PreviewOutput | null = null;
  private wanted = false;
  private readonly listeners = new Set<(f: PreviewFrame) => void>();

  constructor(
    private readonly ffmpeg: string,
    private readonly preset: () => Preset,
    private readonly stageRunning: () => boolean,
  ) {}

  /** Someone wants the preview (the switch is on, or a listener is attached). */
  get active(): boolean {
    return this.wanted || this.listeners.size > 0;
  }

  get pid(): number | undefined {
    return this.output?.pid;
  }

  /** A relay tick: the preview takes the frames it needs (every other one), by reference. */
  offer(frame: Frame): void {
    this.output?.offer(frame);
  }

  listen(listener: (f: PreviewFrame) => void): () => void {
    this.listeners.add(listener);
    if (this.stageRunning()) this.startOutput();
    return () => {
      this.listeners.delete(listener);
      if (!this.active) void this.output?.stop();
    };
  }

  set(on: boolean): void {
    this.wanted = on;
    if (on && this.stageRunning()) this.startOutput();
    if (!this.active) void this.output?.stop();
  }

  /** The stage is up: a preview someone wants starts with it. */
  stageStarted(): void {
    if (this.active) this.startOutput();
  }

  /** The stage stops: so does the preview; the next stage makes a new one at its own size. */
  async stageStopped(): Promise<void> {
    const output = this.output;
    this.output = null;
    await output?.stop();
  }

  private startOutput(): void {
    if (!this.output) {
      const p = this.preset();
      const h = 360;
      const w = Math.round((p.width * h) / p.height / 2) * 2;
      const output = new PreviewOutput(this.ffmpeg, p.width, p.height, p.fps, w, h);
      output.on('frame', (f) => {
        for (const l of this.listeners) l(f);
      });
      this.output = output;
    }
    this.output.start();
  }
}
