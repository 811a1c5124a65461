/**
 * Plain-text helpers shared by anchoring, rendering and validation.
 * No Astro imports: everything here runs in Node, Vitest and the browser.
 */

/** A paragraph-like block of an excerpt: text between blank lines. */
export interface Block {
  start: number;
  end: number;
}

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/;
const SPACE = /\s/;

/** Fold one character the way the tolerant matcher sees it. */
export function foldChar(ch: string): string {
  // Printable ASCII other than the backtick folds to itself (most characters of any text).
  const code = ch.charCodeAt(0);
  if (code > 32 && code < 127 && code !== 96) return ch;
  if (SINGLE_QUOTES.test(ch)) return "'";
  if (DOUBLE_QUOTES.test(ch)) return '"';
  if (DASHES.test(ch)) return '-';
  if (ch === '\u00A0' || SPACE.test(ch)) return ' ';
  if (ch === '\u2026') return '...';
  return ch;
}

/**
 * Fold quotes, dashes and runs of white space, and keep a map from every
 * folded index back to the original offset, so a match in the folded text
 * can be reported as a span of the original.
 */
export function foldWithMap(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  let lastWasSpace = false;
  for (let i = 0; i < text.length; i++) {
    const f = foldChar(text[i]);
    if (f === ' ') {
      if (lastWasSpace) continue;
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
    }
    for (const c of f) {
      folded += c;
      map.push(i);
    }
  }
  map.push(text.length);
  return { folded, map };
}

/** The folded form alone, for comparing strings. */
export function fold(text: string): string {
  return foldWithMap(text).folded;
}

/**
 * Characters that print as nothing: a line holding only these (a stray
 * byte-order mark, a zero-width space) looks blank to the author, so it is.
 */
// The joiner (U+200D) comes last: inside a character class, between two characters, it would join them.
export const INVISIBLE = '\uFEFF\u200B\u200C\u2060\u00AD\u200D';
const BLANK_LINE = new RegExp(`\\n[ \\t${INVISIBLE}]*\\n[\\s${INVISIBLE}]*`, 'g');
const EDGE = new RegExp(`[\\s${INVISIBLE}]`);

/** Split excerpt text into blocks separated by one or more blank (or invisible-only) lines. */
export function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const re = new RegExp(BLANK_LINE);
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    pushTrimmed(text, start, m.index, blocks);
    start = m.index + m[0].length;
  }
  pushTrimmed(text, start, text.length, blocks);
  return blocks;
}

function pushTrimmed(text: string, start: number, end: number, out: Block[]) {
  while (start < end && EDGE.test(text[start])) start++;
  while (end > start && EDGE.test(text[end - 1])) end--;
  if (end > start) out.push({ start, end });
}

/** 1-based line and column of an offset, for messages authors can follow. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

/** A short window of text around a span, on one line, for error messages. */
export function context(text: string, start: number, end: number, radius = 30): string {
  const a = Math.max(0, start - radius);
  const b = Math.min(text.length, end + radius);
  const before = (a > 0 ? '…' : '') + text.slice(a, start);
  const after = text.slice(end, b) + (b < text.length ? '…' : '');
  return `${before}[${text.slice(start, end)}]${after}`.replace(/\s+/g, ' ');
}

/** Count words the way a reader would (for reading time and benchmarks). */
export function wordCount(text: string): number {
  const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return m ? m.length : 0;
}
