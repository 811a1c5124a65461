/**
 * The walkthrough's token data as the lesson page sends it: each annotation's start relative to
 * the previous one's, its end as a length, and its key and function-word tokens relative to its
 * start. Small numbers that repeat compress far better than absolute token indexes (a 7,500-word
 * lesson's data goes from 2.5 kB to 1.1 kB gzipped). Browser-safe; imports nothing at run time.
 */
import type { ExcerptTokenData, TokenAnn } from './tokens.ts';

export function packTokenData(d: ExcerptTokenData): ExcerptTokenData {
  let prev = 0;
  const anns = d.anns.map((t): TokenAnn => {
    const rel = { ...t, a: t.a - prev, b: t.b - t.a, k: t.k.map((i) => i - t.a), f: t.f.map((i) => i - t.a) };
    prev = t.a;
    return rel;
  });
  return { ...d, anns };
}

/** packTokenData backwards. */
export function unpackTokenData(d: ExcerptTokenData): ExcerptTokenData {
  let a = 0;
  const anns = d.anns.map((t): TokenAnn => {
    a += t.a;
    return { ...t, a, b: a + t.b, k: t.k.map((i) => i + a), f: t.f.map((i) => i + a) };
  });
  return { ...d, anns };
}
