import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { AP_ANONYMOUS, SEMEVAL, SEMEVAL_NOT_COVERED, TECHNIQUE_MAP, WALTON } from '../../src/lib/teach/technique-map.ts';

const lib = loadLibrary(resolve('content'));

describe('the techniques map for teachers', () => {
  it('has an entry for every technique page, and none for pages that do not exist', () => {
    expect(Object.keys(TECHNIQUE_MAP).sort()).toEqual(lib.techniques.map((t) => t.id).sort());
  });

  it('only names framework items that exist', () => {
    for (const [id, m] of Object.entries(TECHNIQUE_MAP)) {
      for (const s of m.semeval) expect(SEMEVAL, id).toHaveProperty(s);
      for (const w of m.walton) expect(WALTON, id).toHaveProperty(w);
      for (const a of m.ap) expect(AP_ANONYMOUS, id).toHaveProperty(a);
    }
  });

  it('accounts for all 14 SemEval classes: each is mapped or listed as not covered', () => {
    expect(Object.keys(SEMEVAL)).toHaveLength(14);
    const used = new Set(Object.values(TECHNIQUE_MAP).flatMap((m) => m.semeval));
    for (const s of Object.keys(SEMEVAL)) expect(used.has(s as keyof typeof SEMEVAL) || s in SEMEVAL_NOT_COVERED, s).toBe(true);
  });

  it('uses every Walton question and every AP condition at least once', () => {
    const w = new Set(Object.values(TECHNIQUE_MAP).flatMap((m) => m.walton));
    const a = new Set(Object.values(TECHNIQUE_MAP).flatMap((m) => m.ap));
    expect([...w].sort()).toEqual(Object.keys(WALTON).sort());
    expect([...a].sort()).toEqual(Object.keys(AP_ANONYMOUS).sort());
  });
});
