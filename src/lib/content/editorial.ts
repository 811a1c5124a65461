/**
 * Editorial rules from docs/annotation-guide.md that a machine can check:
 * - a scored quote that occurs again in the same text is annotated there too,
 *   or the other occurrence is listed under `alsoDefensible:` (so a learner
 *   who marks the repeat is never told it is wrong);
 * - every sourcing gap says how a reader would check it (`check:`);
 * - a `nothingToFlag:` phrase does not overlap a scored annotation or an
 *   `alsoDefensible:` phrase (it cannot be both fine and flagged).
 * Pure: called by validateLibrary with the anchored excerpts.
 */
import type { ContentIssue } from './issues.ts';
import { foldedText } from './anchor.ts';
import { context, foldWithMap, lineCol } from './text.ts';
import type { Excerpt } from './validate.ts';

/** One folded copy of the last text searched (shared with anchoring, which folds it just before): every annotation of an excerpt reuses it. */
const folding = foldedText;

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Every occurrence of `quote` in `text`: case-insensitive, tolerant of quotes/dashes/spaces, whole words. */
export function occurrences(text: string, quote: string): { start: number; end: number }[] {
  const q = foldWithMap(quote.trim()).folded;
  if (q === '') return [];
  const { folded, lower, map } = folding(text);
  const out: { start: number; end: number }[] = [];
  const needle = q.toLowerCase();
  const isWord = (i: number) => i >= 0 && i < folded.length && WORD_CHAR.test(folded[i]);
  if (lower.length === folded.length && needle.length === q.length) {
    // Plain search on the lower-cased copy (a Unicode regex per quote took seconds at a few hundred lessons).
    for (let a = lower.indexOf(needle); a !== -1; a = lower.indexOf(needle, a + 1)) {
      const b = a + needle.length;
      if (!isWord(a - 1) && !isWord(b)) out.push({ start: map[a], end: map[b - 1] + 1 });
    }
    return out;
  }
  // Lower-casing changed a length (rare letters such as "İ"): the regex keeps offsets right.
  const pattern = q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'giu');
  for (const m of folded.matchAll(re)) {
    const a = m.index;
    const b = a + m[0].length;
    out.push({ start: map[a], end: map[b - 1] + 1 });
  }
  return out;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

export function editorialIssues(excerpts: readonly Excerpt[], annotationFiles: ReadonlyMap<string, string> = new Map()): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const ex of excerpts) {
    const file = annotationFiles.get(ex.slug) ?? ex.file;
    const covered = [...ex.annotations, ...ex.defensible];
    ex.fine.forEach((f, i) => {
      const clash = [...ex.annotations.filter((a) => a.scored !== false), ...ex.defensible].find((c) => overlaps(f, c));
      if (!clash) return;
      issues.push({
        file: ex.file,
        annotation: `nothingToFlag #${i + 1}`,
        quote: f.quote,
        problem: `it overlaps ${'id' in clash ? `the annotation "${clash.id}"` : 'an `alsoDefensible:` phrase'} ("${ex.text.slice(clash.start, clash.end)}"), so the lesson would call the same words both fine and flagged`,
        fix: 'choose words that no scored annotation or alsoDefensible phrase covers, or remove one of the two',
      });
    });
    for (const a of ex.annotations) {
      if (a.lenses.includes('sourcing-gap') && !a.check) {
        issues.push({
          file,
          annotation: a.id,
          quote: a.quote,
          problem: 'a sourcing gap has no `check:`, so the learner is not told how they could check the claim',
          fix: 'add `check:` with where a reader would look (the original document, a named outlet, an official record) and what to search for',
        });
      }
      if (a.scored === false) continue;
      for (const o of occurrences(ex.text, a.text)) {
        if (overlaps(o, a)) continue;
        if (covered.some((c) => overlaps(o, c))) continue;
        const { line } = lineCol(ex.text, o.start);
        issues.push({
          file,
          annotation: a.id,
          quote: a.quote,
          problem: `the quote occurs again in the text of ${ex.file} (line ${line} of the text), and that occurrence is neither annotated nor listed in \`alsoDefensible:\`, so a learner who marks it would be told it is not flagged`,
          detail: [`line ${line}: ${context(ex.text, o.start, o.end)}`],
          fix: `annotate the other occurrence too (add \`prefix:\` or \`suffix:\` to pick it), or list it under \`alsoDefensible:\` in ${ex.file} with a one-line reason (e.g. "the same word again; one note covers the repeat")`,
        });
      }
    }
  }
  return issues;
}
