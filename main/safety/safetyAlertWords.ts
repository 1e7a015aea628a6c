// What the safety service tells the VJ when a source is flagged.
import type { SafetySource } from '../contract/safety';

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
