/**
 * What search knows about the library: filters for each lesson page, and one
 * record per annotation, so a flagged phrase or words from its note find the
 * exact spot in the lesson.
 */
import { LENSES, LENS_IDS } from './lenses.ts';
import { markDomId } from './render.ts';
import type { Library, LessonEntry } from './validate.ts';

export interface SearchRecord {
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

export const LEVEL_LABELS = { intro: 'Introductory', intermediate: 'Intermediate', advanced: 'Advanced' } as const;

export function minutesBand(minutes: number): string {
  if (minutes <= 20) return 'Up to 20 minutes';
  if (minutes <= 35) return '21–35 minutes';
  return '36 minutes or more';
}

/** Filters shared by a lesson page and the records of its annotations. */
export function lessonFilters(lib: Library, lesson: LessonEntry): Record<string, string[]> {
  const excerpt = lib.excerpts.find((e) => e.slug === lesson.data.excerpt);
  const lenses = LENS_IDS.filter((l) => excerpt?.annotations.some((a) => a.lenses.includes(l))).map((l) => LENSES[l].label);
  return {
    lens: lenses,
    level: [LEVEL_LABELS[lesson.data.level]],
    audience: lesson.data.audience,
    minutes: [minutesBand(lesson.data.minutes)],
    topic: [lesson.data.topic],
  };
}

/** Pagefind's attribute syntax: "key:value, key:value" (commas in values escaped). */
export function filterAttribute(filters: Record<string, string[]>): string {
  return Object.entries(filters)
    .flatMap(([k, vs]) => vs.map((v) => `${k}:${v.replace(/\\/g, '\\\\').replace(/,/g, '\\,')}`))
    .join(', ');
}

export function annotationRecords(lib: Library): SearchRecord[] {
  const out: SearchRecord[] = [];
  for (const lesson of lib.lessons) {
    const excerpt = lib.excerpts.find((e) => e.slug === lesson.data.excerpt);
    if (!excerpt) continue;
    const base = lessonFilters(lib, lesson);
    for (const a of excerpt.annotations) {
      const kinds = lib.techniques.filter((t) => a.kinds.includes(t.id)).map((t) => t.title);
      const lensLabels = a.lenses.map((l) => LENSES[l].label);
      out.push({
        url: `/lessons/${lesson.slug}/#${markDomId(excerpt.slug, a.id)}`,
        content: [a.text, a.note, a.question, a.check, a.rewrite, a.lensNote, lensLabels.join(', '), kinds.join(', ')]
          .filter(Boolean)
          .join('\n'),
        language: 'en',
        meta: {
          title: `“${a.text}”`,
          lesson: lesson.data.title,
          kind: `Flagged phrase · ${lensLabels.join(' and ')}`,
        },
        filters: { ...base, lens: lensLabels, type: ['Flagged phrase'] },
      });
    }
  }
  return out;
}

/** Every value each filter can take, for the search page's controls. */
export function filterValues(lib: Library): Record<string, string[]> {
  const all: Record<string, Set<string>> = {};
  for (const l of lib.lessons) {
    for (const [k, vs] of Object.entries(lessonFilters(lib, l))) for (const v of vs) (all[k] ??= new Set()).add(v);
  }
  all.type = new Set(['Lesson', 'Technique', 'Flagged phrase', 'Guide']);
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
