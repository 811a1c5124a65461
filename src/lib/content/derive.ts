/**
 * Things derived from the validated library: the start-here order, the
 * instances of each technique across lessons, counts per lens.
 */
import { LENS_IDS, type LensId } from './lenses.ts';
import { findExcerpt } from './lookup.ts';
import type { AnchoredAnnotation, Excerpt, Library, LessonEntry, Technique } from './validate.ts';

/** Lessons on the path first (by `path`), then the rest by level and title. */
export function lessonOrder(lessons: readonly LessonEntry[]): LessonEntry[] {
  let ordered = orders.get(lessons);
  if (!ordered) {
    const levels = { intro: 0, intermediate: 1, advanced: 2 } as const;
    ordered = [...lessons].sort((a, b) => {
      const pa = a.data.path ?? Infinity;
      const pb = b.data.path ?? Infinity;
      if (pa !== pb) return pa - pb;
      return levels[a.data.level] - levels[b.data.level] || a.data.title.localeCompare(b.data.title);
    });
    orders.set(lessons, ordered);
  }
  // A copy, so callers may filter or sort it; the sort itself runs once per list (every lesson page asks).
  return [...ordered];
}
const orders = new WeakMap<readonly LessonEntry[], LessonEntry[]>();

export interface Instance {
  lesson: LessonEntry;
  excerpt: Excerpt;
  ann: AnchoredAnnotation;
  /** The excerpt is the lesson's control passage. */
  isControl: boolean;
}

/** Every annotation in every lesson that uses this technique (lens or sub-kind). */
export function instancesOf(library: Library, technique: Technique): Instance[] {
  let index = instanceIndexes.get(library);
  if (!index) instanceIndexes.set(library, (index = indexInstances(library)));
  // A copy, so callers may filter or slice it.
  return [...(index.get(`${technique.isLens ? 'lens' : 'kind'}:${technique.id}`) ?? [])];
}
/** The instances of every lens and kind, found in one pass per library (each technique page and the index ask). */
const instanceIndexes = new WeakMap<Library, Map<string, Instance[]>>();

function indexInstances(library: Library): Map<string, Instance[]> {
  const index = new Map<string, Instance[]>();
  const add = (key: string, instance: Instance) => {
    const list = index.get(key);
    if (list) list.push(instance);
    else index.set(key, [instance]);
  };
  for (const lesson of lessonOrder(library.lessons)) {
    for (const [slug, isControl] of [
      [lesson.data.excerpt, false],
      [lesson.data.control, true],
    ] as const) {
      const excerpt = findExcerpt(library, slug);
      if (!excerpt) continue;
      for (const ann of excerpt.annotations) {
        // Once per technique, however often an annotation names it.
        for (const lens of new Set(ann.lenses)) add(`lens:${lens}`, { lesson, excerpt, ann, isControl });
        for (const kind of new Set(ann.kinds)) add(`kind:${kind}`, { lesson, excerpt, ann, isControl });
      }
    }
  }
  return index;
}

export function countByLens(anns: readonly AnchoredAnnotation[]): Record<LensId, number> {
  const counts = Object.fromEntries(LENS_IDS.map((l) => [l, 0])) as Record<LensId, number>;
  for (const a of anns) for (const l of a.lenses) counts[l]++;
  return counts;
}

/** A short, stable fingerprint of a list of ids (FNV-1a, base 36). */
export function fingerprint(ids: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of ids.join('|')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0').slice(-6);
}
