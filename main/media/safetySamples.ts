// The compositor's content-safety samples (compositorPreview.ts: 224x224 yuv420p on fd 6) cut back into frames.
import { SAFETY_FRAME_BYTES, SAFETY_SIZE } from './compositorPreview';

/**
 * One sample, in a buffer of its own (never Node's shared pool) made for the classifier alone (`owned`), so it
 * moves to the classifier's worker instead of being copied.
 */
export interface SafetySample {
  format: 'yuv420p';
  width: number;
  height: number;
  data: Uint8Array;
  owned: true;
}

/** Assembles whole samples from the pipe's chunks; a sample is copied once, into its own buffer. */
export class SafetySampleReader {
  private frame = new Uint8Array(SAFETY_FRAME_BYTES);
  private filled = 0;

  constructor(private readonly onSample: (sample: SafetySample) => void) {}

  push(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(SAFETY_FRAME_BYTES - this.filled, chunk.length - offset);
      this.frame.set(chunk.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === SAFETY_FRAME_BYTES) {
        const data = this.frame;
        this.frame = new Uint8Array(SAFETY_FRAME_BYTES);
        this.filled = 0;
        this.onSample({ format: 'yuv420p', width: SAFETY_SIZE, height: SAFETY_SIZE, data, owned: true });
      }
    }
  }
}
