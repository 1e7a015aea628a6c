// Blocked words, matched robustly: obscenity's English list and transformers (leetspeak, confusable
// letters, repeated letters, s p a c e d letters) plus the moderators' own words, Chinese included.
import { DataSet, englishDataset, englishRecommendedTransformers, parseRawPattern, RegExpMatcher } from 'obscenity';

/** obscenity's pattern syntax gives meaning to []?|\ — a moderator's word is always literal. */
function literalPattern(word: string) {
  return parseRawPattern(word.replace(/[[\]?|\\]/g, (c) => `\\${c}`));
}

export class BlockedWords {
  private matcher: RegExpMatcher | null = null;
  private words: string[] = [];
  private builtIn = true;

  constructor(words: string[] = [], builtIn = true) {
    this.set(words, builtIn);
  }

  set(words: string[], builtIn: boolean): void {
    this.words = [...new Set(words.map((w) => w.trim()).filter(Boolean))];
    this.builtIn = builtIn;
    const data = new DataSet<{ originalWord: string }>();
    if (builtIn) data.addAll(englishDataset);
    for (const w of this.words) data.addPhrase((p) => p.setMetadata({ originalWord: w }).addPattern(literalPattern(w.toLowerCase())));
    const built = data.build();
    this.matcher = built.blacklistedTerms.length
      ? new RegExpMatcher({ ...built, ...englishRecommendedTransformers })
      : null;
  }

  list(): { words: string[]; builtIn: boolean } {
    return { words: [...this.words], builtIn: this.builtIn };
  }

  matches(text: string): boolean {
    return this.matcher?.hasMatch(text) ?? false;
  }
}
