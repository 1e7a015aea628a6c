// What the safety service tells the VJ when a source is flagged, and how a frame's slices become one buffer.
import type { SafetySource } from '../contract/safety';

/** One frame's slices into a buffer of its own (never Node's shared pool), so it can move to the worker. */
export function joinSlices(slices: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(slices.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const s of slices) {
    out.set(s, at);
    at += s.length;
  }
  return out;
}

export function sourceWords(source: SafetySource): string {
  return source.kind === 'program' ? 'Your output' : `Guest ${source.guestUserId ?? ''}`;
}

const actionWords: Record<string, string> = {
  notify: 'nothing was hidden',
  blur: 'the output is blurred',
  slate: 'the output is cut to the "we\'ll be right back" slate',
  removeGuest: 'the guest was removed from the picture',
};

export function alertMessage(source: SafetySource, className: string, score: number, action: string): string {
  return `${sourceWords(source)} looks like ${className} (${Math.round(score * 100)}%); ${actionWords[action] ?? action}.`;
}
