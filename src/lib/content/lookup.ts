/**
 * Lookups into a validated library by slug. Every page of every lesson needs
 * its lesson and texts; indexing once per library keeps a build of a large
 * library linear instead of scanning the whole list for each page.
 */
import type { Excerpt, Library, LessonEntry } from './validate.ts';

interface Index {
  lessons: Map<string, LessonEntry>;
  excerpts: Map<string, Excerpt>;
}
const indexes = new WeakMap<Library, Index>();

function indexOf(lib: Library): Index {
  let index = indexes.get(lib);
  if (!index) {
    index = { lessons: new Map(lib.lessons.map((l) => [l.slug, l])), excerpts: new Map(lib.excerpts.map((e) => [e.slug, e])) };
    indexes.set(lib, index);
  }
  return index;
}

export function findLesson(lib: Library, slug: string): LessonEntry | undefined {
  return indexOf(lib).lessons.get(slug);
}

export function findExcerpt(lib: Library, slug: string | undefined): Excerpt | undefined {
  return slug === undefined ? undefined : indexOf(lib).excerpts.get(slug);
}

/** A lesson's main text and, when it has one, its control passage (validation guarantees both exist). */
export function lessonTexts(lib: Library, lesson: LessonEntry): { excerpt: Excerpt; control?: Excerpt } {
  const excerpt = findExcerpt(lib, lesson.data.excerpt);
  if (!excerpt) throw new Error(`${lesson.file}: no excerpt "${lesson.data.excerpt}"`);
  return { excerpt, control: findExcerpt(lib, lesson.data.control) };
}
