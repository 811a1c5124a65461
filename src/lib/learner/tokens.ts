/**
 * Words of an excerpt, as the walkthrough lets learners mark them. The
 * server renders each token as <span class="w">, or sends a paragraph as
 * plain text where WORD_PATTERN finds the same words (the script wraps them);
 * the client finds them in the same order, so token indexes are shared
 * without shipping offsets.
 */
import type { Block } from '../content/text.ts';
import { WORD_PATTERN } from './word-pattern.ts';

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

/** The last tokens of each blocks array (an excerpt's are made once per build and read by several pages). */
const tokenCache = new WeakMap<readonly Block[], { text: string; lang: string; tokens: readonly Token[] }>();

/** The words of `text`, block by block. The result is shared between callers with the same text and blocks: do not change it. */
export function tokenize(text: string, blocks: readonly Block[], lang = 'en'): Token[] {
  const hit = tokenCache.get(blocks);
  if (hit && hit.text === text && hit.lang === lang) return hit.tokens as Token[];
  const out: Token[] = [];
  blocks.forEach((b, block) => {
    for (const w of wordSpans(text.slice(b.start, b.end), lang))
      out.push({ start: b.start + w.start, end: b.start + w.end, block });
  });
  tokenCache.set(blocks, { text, lang, tokens: out });
  return out;
}

/** Latin letters (with combining accents), digits and common punctuation: characters whose pattern classes no browser disagrees on. */
const PLAIN_SAFE = /^(?:[\t\n\r\u0020-\u007e\u00a0-\u024f\u2010-\u2027\u2030-\u205e]|[\u0300-\u036f])*$/u;

/**
 * True when a block can be sent as plain text and wrapped in the browser: its characters are all
 * PLAIN_SAFE and WORD_PATTERN finds exactly its tokens (same starts and ends). Otherwise the page
 * keeps the block's word spans, so the browser never has to agree with Intl.Segmenter.
 */
export function patternFindsTokens(text: string, block: Block, tokens: readonly Token[]): boolean {
  const slice = text.slice(block.start, block.end);
  if (!PLAIN_SAFE.test(slice)) return false;
  const mine = tokens.filter((t) => t.start >= block.start && t.end <= block.end);
  let i = 0;
  for (const m of slice.matchAll(WORD_PATTERN)) {
    const t = mine[i++];
    if (!t || t.start !== block.start + m.index || t.end !== block.start + m.index + m[0].length) return false;
  }
  return i === mine.length;
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

/**
 * Words that never carry a flagged phrase on their own: marking only these
 * does not find anything, and they are never derived key words.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor so yet if then than as at by for from in into of off on onto out over to up with ' +
    'about after against among before between during through under until upon within without ' +
    'is are was were be been being am do does did done has have had having will would shall should can could may might must ' +
    'it its it’s this that these those there here which who whom whose what when where while ' +
    'i me my we us our you your he him his she her they them their one not no also just very all any both each some such'
  ).split(' '),
);

/** Lower case, apostrophes unified: the form FUNCTION_WORDS and key words are compared in. */
export function wordForm(word: string): string {
  return word.toLowerCase().replace(/'/g, '’');
}

export interface TokenAnn {
  id: string;
  /** Annotation number (for result codes). */
  n: number;
  /** Token range [a, b). */
  a: number;
  b: number;
  lenses: string[];
  /** Key tokens: the `key:` words, or else the phrase's content words (never function words). */
  k: number[];
  /** Tokens of the phrase that are function words (marking only these never counts). */
  f: number[];
  /** Present (false) for an unscored, arguable annotation. */
  s?: false;
}

export interface TokenDefensible {
  a: number;
  b: number;
  lenses: string[];
  reason: string;
}

export interface ExcerptTokenData {
  slug: string;
  /** Number of tokens. */
  count: number;
  /** Index of the first token of each block. */
  blocks: number[];
  /** Annotations as token ranges. */
  anns: TokenAnn[];
  /** alsoDefensible phrases as token ranges. */
  def: TokenDefensible[];
}

/**
 * Token indexes of an annotation's key words inside [a, b): every run of
 * tokens that spells one of `keys` (whole words, case-insensitive); without
 * keys, the tokens that are not function words.
 */
export function keyTokens(words: readonly string[], a: number, b: number, keys: readonly string[] | undefined): number[] {
  const out = new Set<number>();
  if (keys && keys.length > 0) {
    for (const key of keys) {
      const want = wordSpans(key).map((w) => wordForm(key.slice(w.start, w.end)));
      if (want.length === 0) continue;
      for (let i = a; i + want.length <= b; i++) {
        if (want.every((w, j) => wordForm(words[i + j]) === w)) for (let j = 0; j < want.length; j++) out.add(i + j);
      }
    }
    if (out.size > 0) return [...out].sort((x, y) => x - y);
  }
  for (let i = a; i < b; i++) if (!FUNCTION_WORDS.has(wordForm(words[i]))) out.add(i);
  // A phrase of function words only ("will be"): each of its words is a key word.
  if (out.size === 0) for (let i = a; i < b; i++) out.add(i);
  return [...out];
}

/** What the walkthrough script needs to score marks on one excerpt. */
export function excerptTokenData(
  slug: string,
  text: string,
  blocks: readonly Block[],
  anns: readonly {
    id: string;
    number: number;
    start: number;
    end: number;
    lenses: readonly string[];
    key?: readonly string[];
    scored?: boolean;
  }[],
  defensible: readonly { start: number; end: number; lenses: readonly string[]; reason: string }[] = [],
): ExcerptTokenData {
  const tokens = tokenize(text, blocks);
  const words = tokens.map((t) => text.slice(t.start, t.end));
  const firsts = blocks.map((_, i) => tokens.findIndex((t) => t.block === i));
  return {
    slug,
    count: tokens.length,
    blocks: firsts,
    anns: anns.map((x) => {
      const { a, b } = tokenRange(tokens, x.start, x.end);
      const f: number[] = [];
      for (let i = a; i < b; i++) if (FUNCTION_WORDS.has(wordForm(words[i]))) f.push(i);
      return {
        id: x.id,
        n: x.number,
        a,
        b,
        lenses: [...x.lenses],
        k: keyTokens(words, a, b, x.key),
        f,
        ...(x.scored === false ? { s: false as const } : {}),
      };
    }),
    def: defensible.map((d) => ({ ...tokenRange(tokens, d.start, d.end), lenses: [...d.lenses], reason: d.reason })),
  };
}
