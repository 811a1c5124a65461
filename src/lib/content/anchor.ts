/**
 * Anchoring: find the span of excerpt text an annotation quotes.
 * A quote is a W3C TextQuoteSelector: `exact`, with optional `prefix` and
 * `suffix` to pick one occurrence when the words appear more than once.
 */
import { fold, foldWithMap } from './text.ts';

export interface QuoteSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface Span {
  start: number;
  end: number;
}

export type AnchorResult =
  | { ok: true; start: number; end: number; tolerant: boolean }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'ambiguous'; matches: Span[] }
  | { ok: false; reason: 'context-mismatch'; matches: Span[] }
  | { ok: false; reason: 'not-found'; nearest: (Span & { distance: number }) | null };

function allIndexes(haystack: string, needle: string): number[] {
  const out: number[] = [];
  let i = haystack.indexOf(needle);
  while (i !== -1) {
    out.push(i);
    i = haystack.indexOf(needle, i + 1);
  }
  return out;
}

function contextFits(text: string, span: Span, sel: QuoteSelector): boolean {
  if (sel.prefix) {
    const want = fold(sel.prefix);
    const before = fold(text.slice(Math.max(0, span.start - sel.prefix.length * 2 - 8), span.start));
    if (!before.endsWith(want) && !before.endsWith(want.trimEnd())) return false;
  }
  if (sel.suffix) {
    const want = fold(sel.suffix);
    const after = fold(text.slice(span.end, span.end + sel.suffix.length * 2 + 8));
    if (!after.startsWith(want) && !after.startsWith(want.trimStart())) return false;
  }
  return true;
}

function pick(text: string, spans: Span[], sel: QuoteSelector, tolerant: boolean): AnchorResult | null {
  if (spans.length === 0) return null;
  const fitting = spans.filter((s) => contextFits(text, s, sel));
  if (fitting.length === 1) return { ok: true, ...fitting[0], tolerant };
  if (fitting.length > 1) return { ok: false, reason: 'ambiguous', matches: fitting };
  return { ok: false, reason: 'context-mismatch', matches: spans };
}

let lastFold: { text: string; folded: string; map: number[]; lower?: string } | null = null;

/**
 * foldWithMap of the last text asked for, and its folded copy in lower case:
 * anchoring every quote of an excerpt, then checking the excerpt's repeats
 * (editorial.ts), search one text many times in a row. Do not change the arrays returned.
 */
export function foldedText(text: string): { folded: string; map: readonly number[]; lower: string } {
  if (lastFold?.text !== text) lastFold = { text, ...foldWithMap(text) };
  const f = lastFold;
  f.lower ??= f.folded.toLowerCase();
  return { folded: f.folded, map: f.map, lower: f.lower };
}
const folding = foldedText;

/**
 * Find where `sel` sits in `text`. Quotes are compared after Unicode NFC
 * normalisation (the validator keeps excerpt text in NFC), then exactly, then
 * with quotes, dashes and spaces folded. A quote that matches one place exactly
 * and another only after folding is ambiguous: the author may mean either.
 */
export function anchorQuote(text: string, sel: QuoteSelector): AnchorResult {
  const exact = (sel.exact ?? '').normalize('NFC');
  if (exact.trim() === '') return { ok: false, reason: 'empty' };
  const norm: QuoteSelector = { exact, prefix: sel.prefix?.normalize('NFC'), suffix: sel.suffix?.normalize('NFC') };

  const exactSpans = allIndexes(text, exact).map((start) => ({ start, end: start + exact.length }));
  const { folded, map } = folding(text);
  const needle = fold(exact.trim());
  const tolerantSpans = needle
    ? allIndexes(folded, needle).map((fs) => ({ start: map[fs], end: map[fs + needle.length - 1] + 1 }))
    : [];
  // Every exact match is also a folded match; count places, not spellings.
  const places = [...exactSpans];
  for (const t of tolerantSpans) if (!places.some((p) => p.start < t.end && t.start < p.end)) places.push(t);
  places.sort((a, b) => a.start - b.start);

  if (places.length > exactSpans.length && exactSpans.length > 0) {
    // Exact somewhere, folded elsewhere: only the context may decide.
    const fitting = places.filter((s) => contextFits(text, s, norm));
    if (fitting.length === 1) return { ok: true, ...fitting[0], tolerant: text.slice(fitting[0].start, fitting[0].end) !== exact };
    if (fitting.length > 1) return { ok: false, reason: 'ambiguous', matches: fitting };
    return { ok: false, reason: 'context-mismatch', matches: places };
  }
  const exactResult = pick(text, exactSpans, norm, false);
  if (exactResult) return exactResult;
  const tolerantResult = pick(text, tolerantSpans, norm, true);
  if (tolerantResult) return tolerantResult;

  return { ok: false, reason: 'not-found', nearest: nearestText(text, exact) };
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const IN_WORD = /[\p{L}\p{N}\p{M}'’]/u;

/** The whole word around offset `at` (a boundary between two word characters). */
function wordAround(text: string, at: number): string {
  let a = at;
  let b = at;
  while (a > 0 && IN_WORD.test(text[a - 1])) a--;
  while (b < text.length && IN_WORD.test(text[b])) b++;
  return text.slice(a, b).replace(/^['’]+|['’]+$/g, '');
}

/**
 * Whether a span starts or ends in the middle of a word ("ssacre" for
 * "massacre"): learners mark whole words, so such a quote can never be found.
 * Returns the side and the whole word, or null when both edges are clean.
 */
export function cutWord(text: string, start: number, end: number): { side: 'start' | 'end'; word: string } | null {
  if (start > 0 && WORD_CHAR.test(text[start - 1]) && WORD_CHAR.test(text[start] ?? '')) return { side: 'start', word: wordAround(text, start) };
  if (end < text.length && end > 0 && WORD_CHAR.test(text[end - 1]) && WORD_CHAR.test(text[end])) return { side: 'end', word: wordAround(text, end) };
  return null;
}

/**
 * The stretch of `text` closest to `quote` by edit distance (case and
 * punctuation folded), so an error can say "did you mean …".
 * Sellers' algorithm: O(text × quote), fine for excerpt-sized text.
 */
export function nearestText(text: string, quote: string): (Span & { distance: number }) | null {
  const { folded, map } = folding(text);
  const t = folded.toLowerCase();
  const p = fold(quote.trim()).toLowerCase();
  const m = p.length;
  if (m === 0 || t.length === 0) return null;
  let prev = new Array<number>(m + 1);
  let prevStart = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  let curStart = new Array<number>(m + 1);
  for (let i = 0; i <= m; i++) {
    prev[i] = i;
    prevStart[i] = 0;
  }
  let best = { distance: prev[m], end: 0, start: 0 };
  for (let j = 1; j <= t.length; j++) {
    cur[0] = 0;
    curStart[0] = j;
    for (let i = 1; i <= m; i++) {
      // Cheapest edit wins; on a tie keep the candidate that starts earlier,
      // so the suggestion covers the whole phrase.
      const sub = prev[i - 1] + (p[i - 1] === t[j - 1] ? 0 : 1);
      const del = prev[i] + 1;
      const ins = cur[i - 1] + 1;
      let cost = sub;
      let start = prevStart[i - 1];
      if (del < cost || (del === cost && prevStart[i] < start)) {
        cost = del;
        start = prevStart[i];
      }
      if (ins < cost || (ins === cost && curStart[i - 1] < start)) {
        cost = ins;
        start = curStart[i - 1];
      }
      cur[i] = cost;
      curStart[i] = start;
    }
    if (cur[m] < best.distance) best = { distance: cur[m], end: j, start: curStart[m] };
    [prev, cur] = [cur, prev];
    [prevStart, curStart] = [curStart, prevStart];
  }
  if (best.end <= best.start) return null;
  // Widen to whole words: a suggestion never cuts a word in half.
  let start = map[best.start];
  let end = map[best.end - 1] + 1;
  while (start > 0 && WORD_CHAR.test(text[start - 1]) && WORD_CHAR.test(text[start])) start--;
  while (end < text.length && WORD_CHAR.test(text[end - 1]) && WORD_CHAR.test(text[end])) end++;
  return { start, end, distance: best.distance };
}
