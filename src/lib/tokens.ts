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

const WORD = /[\p{L}\p{N}]+(?:['’.,\-–][\p{L}\p{N}]+)*/gu;

export function tokenize(text: string, blocks: readonly Block[]): Token[] {
  const out: Token[] = [];
  blocks.forEach((b, block) => {
    const slice = text.slice(b.start, b.end);
    for (const m of slice.matchAll(WORD)) out.push({ start: b.start + m.index, end: b.start + m.index + m[0].length, block });
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
