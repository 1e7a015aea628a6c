// What the hub refuses in a message's text: control and bidi-override characters, blocked words.
import { refusals, type Words } from '../http/refusals';

// C0/C1 controls except tab and newline, plus the Unicode bidi overrides/isolates that can disguise text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/;

export function controlCharacterProblem(text: string): Words | null {
  return FORBIDDEN.test(text) ? refusals.controlCharacters : null;
}

/** Case-insensitive substring match; returns the first blocked word found. */
export function findBlockedWord(text: string, words: readonly string[]): string | null {
  if (words.length === 0) return null;
  const lower = text.toLowerCase();
  for (const w of words) if (lower.includes(w)) return w;
  return null;
}

export function normalizeBlockedWords(words: readonly string[]): string[] {
  return [...new Set(words.map((w) => w.trim().toLowerCase()).filter((w) => w.length > 0))];
}
