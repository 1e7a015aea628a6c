import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zh } from './zh';

function leaves(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v as object, key)) out.set(kk, vv);
  }
  return out;
}

// Strings that are the same in both languages on purpose (product and tool names).
const sameOnPurpose = new Set(['system.ffmpeg']);

describe('translations', () => {
  const e = leaves(en);
  const z = leaves(zh);
  it('have the same keys in English and Simplified Chinese', () => {
    expect([...z.keys()].sort()).toEqual([...e.keys()].sort());
  });
  it('translate every string', () => {
    const untranslated = [...e].filter(([k, v]) => !sameOnPurpose.has(k) && z.get(k) === v).map(([k]) => k);
    expect(untranslated).toEqual([]);
  });
  it('keep every interpolation placeholder', () => {
    for (const [k, v] of e) {
      const names = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(names(z.get(k) ?? ''), k).toEqual(names(v));
    }
  });
});
