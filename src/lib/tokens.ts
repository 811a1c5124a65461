/**
 * Words of an excerpt, as the walkthrough lets learners mark them. The
 * server renders each token as <span class="w">; the client finds them in
 * the same order, so token indexes are shared without shipping offsets.
 */
import type { Block } from './text.ts';

export interface Token {
  start: number;
  end: number;
  block: number;
}

/** Punctuation that joins two words into one token: don't, 5,000, U.S, e-mail, 9–5. */
const JOINERS = new Set(["'", '’', '.', ',', '-', '–']);
const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    try {
      s = new Intl.Segmenter(lang, { granularity: 'word' });
    } catch {
      s = new Intl.Segmenter('en', { granularity: 'word' });
    }
    segmenters.set(lang, s);
  }
  return s;
}

/**
 * The words of a text as [start, end) offsets. Words are found by
 * Intl.Segmenter (Unicode word boundaries, so scripts written without spaces
 * split into words too) and never split a grapheme: combining accents stay
 * in their letter ("Noël" written with U+0308 is one word). Words joined by
 * an apostrophe, dot, comma or hyphen are one token, as a reader sees them.
 */
export function wordSpans(text: string, lang = 'en'): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let pendingJoin = -1; // end of the previous word when only a joiner follows it
  for (const seg of segmenter(lang).segment(text)) {
    const start = seg.index;
    const end = start + seg.segment.length;
    if (seg.isWordLike) {
      const last = out[out.length - 1];
      if (last && pendingJoin === start) last.end = end;
      else out.push({ start, end });
      pendingJoin = -1;
    } else if (seg.segment.length === 1 && JOINERS.has(seg.segment) && out.length > 0 && out[out.length - 1].end === start) {
      pendingJoin = end;
    } else pendingJoin = -1;
  }
  return out;
}

export function tokenize(text: string, blocks: readonly Block[], lang = 'en'): Token[] {
  const out: Token[] = [];
  blocks.forEach((b, block) => {
    for (const w of wordSpans(text.slice(b.start, b.end), lang)) out.push({ start: b.start + w.start, end: b.start + w.end, block });
  });
  return out;
}

/** The token range [a, b) covering a character span (tokens that overlap it). */
export function tokenRange(tokens: readonly Token[], start: number, end: number): { a: number; b: number } {
  let a = -1;
  let b = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].end > start && tokens[i].start < end) {
      if (a === -1) a = i;
      b = i + 1;
    }
  }
  return a === -1 ? { a: 0, b: 0 } : { a, b };
}

export interface ExcerptTokenData {
  slug: string;
  /** Number of tokens. */
  count: number;
  /** Index of the first token of each block. */
  blocks: number[];
  /** Annotations as token ranges. */
  anns: { id: string; n: number; a: number; b: number; lenses: string[] }[];
}

/** What the walkthrough script needs to score marks on one excerpt. */
export function excerptTokenData(
  slug: string,
  text: string,
  blocks: readonly Block[],
  anns: readonly { id: string; number: number; start: number; end: number; lenses: readonly string[] }[],
): ExcerptTokenData {
  const tokens = tokenize(text, blocks);
  const firsts = blocks.map((_, i) => tokens.findIndex((t) => t.block === i));
  return {
    slug,
    count: tokens.length,
    blocks: firsts,
    anns: anns.map((x) => ({ id: x.id, n: x.number, ...tokenRange(tokens, x.start, x.end), lenses: [...x.lenses] })),
  };
}
