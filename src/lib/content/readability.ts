/**
 * How hard a text is to read, measured the same way for every lesson:
 * Flesch–Kincaid grade (with a syllable heuristic) and scored targets per
 * 100 words. Level labels are checked against these measures (LEVEL_RULES).
 */
import type { Level } from './schema.ts';

/** Words as readers count them: runs of letters/digits, with inner apostrophes and hyphens. */
export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
}

/**
 * Sentences: runs ending in . ! ? (or a line break after a headline or a
 * paragraph). Abbreviations such as "U.S." are rare in the corpus and only
 * shift the grade slightly.
 */
export function sentenceCount(text: string): number {
  const parts = text
    .split(/(?<=[.!?…])["”’)\]]*\s+|\n\s*\n|\n(?=\S)/u)
    .filter((p) => words(p).length > 0);
  return Math.max(1, parts.length);
}

/**
 * English syllables by a vowel-group heuristic: count groups of a, e, i, o,
 * u, y; drop a silent final "e" (but not "-le" after a consonant); "-ed"
 * and "-es" endings add no syllable after most consonants. At least one per
 * word. Numbers count one syllable per digit group (a rough reading cost).
 */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w === '') return 1;
  if (w.length <= 3) return 1;
  let s = w;
  if (/[^aeiouy]e$/.test(s) && !/[^aeiouy]le$/.test(s)) s = s.slice(0, -1);
  else if (/[^aeiouydt]ed$/.test(s)) s = s.slice(0, -2);
  else if (/[^aeiouysxzhg]es$/.test(s)) s = s.slice(0, -2);
  const groups = s.match(/[aeiouy]+/g)?.length ?? 0;
  return Math.max(1, groups);
}

export interface Readability {
  words: number;
  sentences: number;
  syllables: number;
  /** Flesch–Kincaid grade level, one decimal. */
  grade: number;
}

export function readability(text: string): Readability {
  const ws = words(text);
  const n = Math.max(1, ws.length);
  const sentences = sentenceCount(text);
  const syl = ws.reduce((sum, w) => sum + syllables(w), 0);
  const grade = 0.39 * (n / sentences) + 11.8 * (syl / n) - 15.59;
  return { words: ws.length, sentences, syllables: syl, grade: Math.round(grade * 10) / 10 };
}

/** Scored targets per 100 words of text, one decimal. */
export function targetsPer100(scoredTargets: number, wordCount: number): number {
  if (wordCount <= 0) return 0;
  return Math.round((scoredTargets / wordCount) * 1000) / 10;
}

/**
 * The thresholds a level label must meet. A lesson is at most as easy as its
 * harder measure says. Introductory: grade 9 or below (readable at about
 * 14, the youngest audience) and at most 6.5 scored targets per 100 words.
 * Advanced: above grade 12.5 (university-entry prose) or more than 8 targets
 * per 100 words. Everything else is Intermediate.
 */
export const LEVEL_RULES = {
  intro: { maxGrade: 9, maxTargetsPer100: 6.5 },
  advanced: { aboveGrade: 12.5, aboveTargetsPer100: 8 },
} as const;

export function levelFor(grade: number, per100: number): Level {
  if (grade > LEVEL_RULES.advanced.aboveGrade || per100 > LEVEL_RULES.advanced.aboveTargetsPer100) return 'advanced';
  if (grade <= LEVEL_RULES.intro.maxGrade && per100 <= LEVEL_RULES.intro.maxTargetsPer100) return 'intro';
  return 'intermediate';
}

export interface ExcerptMeasures extends Readability {
  /** Scored annotations (judgement calls with `scored: false` are not targets). */
  targets: number;
  per100: number;
  level: Level;
}

/** The measures shown on the teaching guide and checked against the lesson's level label. */
export function measureExcerpt(
  excerpt: { text: string; annotations: readonly { scored?: boolean; lenses: readonly string[] }[] },
  /** The lenses the lesson's steps practise: only their phrases are targets. Left out: every lens. */
  lenses?: readonly string[],
): ExcerptMeasures {
  const r = readability(excerpt.text);
  const targets = excerpt.annotations.filter((a) => a.scored !== false && (!lenses || a.lenses.some((l) => lenses.includes(l)))).length;
  const per100 = targetsPer100(targets, r.words);
  return { ...r, targets, per100, level: levelFor(r.grade, per100) };
}

/** A lesson's measures: its main text, counting the phrases of the lenses its walkthrough steps practise. */
export function lessonMeasures(
  steps: readonly string[],
  excerpt: { text: string; annotations: readonly { scored?: boolean; lenses: readonly string[] }[] },
): ExcerptMeasures {
  const lenses = steps.filter((s) => s !== 'control');
  return measureExcerpt(excerpt, lenses.length > 0 ? lenses : undefined);
}
