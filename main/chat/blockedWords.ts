// Blocked words, matched robustly: obscenity's English list and transformers (leetspeak, confusable
// letters, repeated letters, s p a c e d letters) plus the moderators' own words, Chinese included.
import { RecentMap } from '../../common/recentMap';
import { DataSet, englishDataset, englishRecommendedTransformers, parseRawPattern, RegExpMatcher } from 'obscenity';

/** obscenity's pattern syntax gives meaning to []?|\ — a moderator's word is always literal. */
function literalPattern(word: string) {
  return parseRawPattern(word.replace(/[[\]?|\\]/g, (c) => `\\${c}`));
}

/** A flood repeats itself ("666", "主播好棒"): answers for recent texts are kept. */
const CACHE_SIZE = 20_000;
/** The built-in list is English: a text with no Latin letter cannot match it (digits alone, "666", are not words). */
const LATIN_LIKE = /[A-Za-z@$|ÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖòóôõöÙÚÛÜùúûüÇçÑñ\uff21-\uff3a\uff41-\uff5a]/;

/** Width, case, spaces and punctuation folded away, so "广 告" and "广·告" still read as "广告". */
function plain(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}\u200b-\u200f\u2060\ufeff]/gu, '');
}

export class BlockedWords {
  private matcher: RegExpMatcher | null = null;
  /** The moderators' own words, normalized, for texts the English list cannot concern (Chinese and such). */
  private plainWords: string[] = [];
  private readonly cache = new RecentMap<string, boolean>(CACHE_SIZE);
  private words: string[] = [];
  private builtIn = true;

  constructor(words: string[] = [], builtIn = true) {
    this.set(words, builtIn);
  }

  set(words: string[], builtIn: boolean): void {
    this.words = [...new Set(words.map((w) => w.trim()).filter(Boolean))];
    this.builtIn = builtIn;
    this.cache.clear();
    const build = (withEnglish: boolean) => {
      const data = new DataSet<{ originalWord: string }>();
      if (withEnglish) data.addAll(englishDataset);
      for (const w of this.words)
        data.addPhrase((p) => p.setMetadata({ originalWord: w }).addPattern(literalPattern(w.toLowerCase())));
      const built = data.build();
      return built.blacklistedTerms.length ? new RegExpMatcher({ ...built, ...englishRecommendedTransformers }) : null;
    };
    this.matcher = build(builtIn);
    this.plainWords = this.words.map(plain).filter(Boolean);
  }

  list(): { words: string[]; builtIn: boolean } {
    return { words: [...this.words], builtIn: this.builtIn };
  }

  matches(text: string): boolean {
    const known = this.cache.get(text);
    if (known !== undefined) return known;
    let hit: boolean;
    if (LATIN_LIKE.test(text)) hit = this.matcher?.hasMatch(text) ?? false;
    else {
      const flat = plain(text);
      hit = this.plainWords.some((w) => flat.includes(w));
    }
    this.cache.set(text, hit);
    return hit;
  }
}
