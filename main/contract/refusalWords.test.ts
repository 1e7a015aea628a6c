// The studio's refusal-words table: both languages for every entry, held by the type checker (npm run
// typecheck fails on an unused @ts-expect-error, so each line below must fail to compile) and checked here.
import { describe, expect, it } from 'vitest';
import { refusalWords, wordsTable, type BilingualWords } from './refusalWords';

function everyWords(): BilingualWords[] {
  const out: BilingualWords[] = [];
  for (const table of Object.values(refusalWords))
    for (const entry of Object.values(table) as unknown[])
      out.push(
        typeof entry === 'function'
          ? (entry as (...a: unknown[]) => BilingualWords)('x', 'y', 1)
          : (entry as BilingualWords),
      );
  return out;
}

describe('refusal words', () => {
  it('refuses, at compile time, an entry missing a language', () => {
    // @ts-expect-error no Chinese
    const noChinese = wordsTable({ gone: { en: 'It is gone.' } });
    // @ts-expect-error a maker of words without English
    const noEnglish = wordsTable({ gone: (what: string) => ({ zh: `${what}不见了。` }) });
    expect(Object.keys({ ...noChinese, ...noEnglish })).toEqual(['gone']);
  });

  it('has words in both languages for every entry', () => {
    const all = everyWords();
    expect(all.length).toBeGreaterThan(20);
    for (const w of all) {
      expect(w.en.trim().length, JSON.stringify(w)).toBeGreaterThan(0);
      expect(w.zh, JSON.stringify(w)).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
