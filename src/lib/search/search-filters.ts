/**
 * What search knows about the library beyond page text: the filters of each
 * lesson page and the values the search page offers. Flagged phrases are not
 * separate records: each note in a lesson's annotated text is a titled
 * Pagefind anchor (see `phraseAnchorTitle`), so a phrase or words from its
 * note come back as a sub-result of the lesson that links to the exact spot.
 */
import { LENSES, LENS_IDS } from '../content/lenses.ts';
import { findExcerpt } from '../content/lookup.ts';
import { LEVEL_LABELS } from '../content/schema.ts';
import type { Library, LessonEntry } from '../content/validate.ts';

export function minutesBand(minutes: number): string {
  if (minutes <= 20) return 'Up to 20 minutes';
  if (minutes <= 35) return '21–35 minutes';
  return '36 minutes or more';
}

/** Filters shared by a lesson page and the records of its annotations. */
export function lessonFilters(lib: Library, lesson: LessonEntry): Record<string, string[]> {
  const excerpt = findExcerpt(lib, lesson.data.excerpt);
  const lenses = LENS_IDS.filter((l) => excerpt?.annotations.some((a) => a.lenses.includes(l))).map((l) => LENSES[l].label);
  return {
    lens: lenses,
    level: [LEVEL_LABELS[lesson.data.level]],
    audience: lesson.data.audience,
    minutes: [minutesBand(lesson.data.minutes)],
    topic: [lesson.data.topic],
  };
}

/**
 * One Pagefind filter attribute per value ("key:value"). Pagefind reads a
 * single key:value per data-pagefind-filter attribute (it does not split on
 * commas), so a page with several filters needs one element for each.
 */
export function filterPairs(filters: Record<string, string[]>): string[] {
  return Object.entries(filters).flatMap(([k, vs]) => vs.map((v) => `${k}:${v}`));
}

/** The title Pagefind gives a flagged phrase's sub-result (data-pagefind-title on its note). */
export function phraseAnchorTitle(text: string): string {
  return `“${text}”`;
}

/** Every value each filter can take, for the search page's controls. */
export function filterValues(lib: Library): Record<string, string[]> {
  const all: Record<string, Set<string>> = {};
  for (const l of lib.lessons) {
    for (const [k, vs] of Object.entries(lessonFilters(lib, l))) for (const v of vs) (all[k] ??= new Set()).add(v);
  }
  all.type = new Set(['Lesson', 'Technique', 'Guide']);
  const order: Record<string, string[]> = {
    lens: LENS_IDS.map((l) => LENSES[l].label),
    level: Object.values(LEVEL_LABELS),
    minutes: ['Up to 20 minutes', '21–35 minutes', '36 minutes or more'],
  };
  return Object.fromEntries(
    Object.entries(all).map(([k, set]) => [
      k,
      order[k] ? order[k].filter((v) => set.has(v)) : [...set].sort((a, b) => a.localeCompare(b)),
    ]),
  );
}
