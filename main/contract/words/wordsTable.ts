// The shape of the studio's words tables: every entry is { en, zh } or a function that makes one, so the type
// checker fails on an entry missing either language.

/** One refusal's words in both languages. */
export interface BilingualWords {
  en: string;
  zh: string;
}

type WordsEntry = BilingualWords | ((...args: never[]) => BilingualWords);

/** Declares one area's words; an entry without `en` or `zh` does not compile. */
export function wordsTable<T extends Record<string, WordsEntry>>(table: T): T {
  return table;
}
