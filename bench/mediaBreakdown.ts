// Where bench:media's CPU goes, per stage of the studio pipeline, from the per-process figures of one round's
// runs: the compositor with beauty off (generation and compositing), the beauty's extra in the compositor, the
// raw-frame pipes (this process reading the compositor and writing the encoder), the encoder, the preview's
// extra in the compositor, and the fan-out (the push from this process plus the recording process).
import { median, type PipelineRunResult, type RunResult } from './mediaPipelineRun';

export const stages = [
  'generation+compositing',
  'beauty',
  'raw-frame pipes (node)',
  'encoder',
  'preview',
  'fan-out (push+record)',
] as const;
export type Stage = (typeof stages)[number];

export interface RoundRuns {
  off: RunResult;
  on: PipelineRunResult;
  outputs: PipelineRunResult;
}

/** This process's share of the two Node stages spent in the kernel (copies, wake-ups, syscalls). */
export const kernelParts = ['raw-frame pipes: in the kernel', 'fan-out: Node in the kernel'] as const;
export type KernelPart = (typeof kernelParts)[number];

export function kernelShare(r: RoundRuns): Record<KernelPart, number> {
  return {
    'raw-frame pipes: in the kernel': r.on.nodeKernel / r.on.videoSeconds,
    'fan-out: Node in the kernel': r.outputs.nodeKernel / r.outputs.videoSeconds - r.on.nodeKernel / r.on.videoSeconds,
  };
}

const perSecond = (r: RunResult, role: string) => (r.parts[role] ?? 0) / r.videoSeconds;

/** CPU seconds per second of video per stage, for the full studio run (beauty 5 + push/record/preview). */
export function breakdown(r: RoundRuns): Record<Stage, number> {
  return {
    'generation+compositing': perSecond(r.off, 'compositor'),
    beauty: perSecond(r.on, 'compositor') - perSecond(r.off, 'compositor'),
    'raw-frame pipes (node)': perSecond(r.on, 'node'),
    encoder: perSecond(r.outputs, 'encoder'),
    preview: perSecond(r.outputs, 'compositor') - perSecond(r.on, 'compositor'),
    'fan-out (push+record)': perSecond(r.outputs, 'node') - perSecond(r.on, 'node') + perSecond(r.outputs, 'record'),
  };
}

/** Prints the medians over rounds per stage, beside the bare encode's whole cost. */
export function printBreakdown(
  rounds: Record<Stage, number>[],
  bare: number[],
  kernel: Record<KernelPart, number>[] = [],
): void {
  console.log('where the full studio run goes (1080p30, CPU-s per s of video, medians over rounds):');
  console.log(`  ${'bare ffmpeg (generation + encode)'.padEnd(34)} ${median(bare).toFixed(3)}`);
  for (const s of stages) {
    const xs = rounds.map((r) => r[s]);
    console.log(`  ${s.padEnd(34)} ${median(xs).toFixed(3)}  (rounds: ${xs.map((x) => x.toFixed(3)).join(', ')})`);
  }
  for (const k of kernel.length ? kernelParts : []) {
    const xs = kernel.map((r) => r[k]);
    console.log(`    ${k.padEnd(32)} ${median(xs).toFixed(3)}  (rounds: ${xs.map((x) => x.toFixed(3)).join(', ')})`);
  }
  console.log('  (scaling: none in this scene; the camera is generated at the output size)');
}
