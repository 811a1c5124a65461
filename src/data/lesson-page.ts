/** What every per-lesson page (lesson, guide, worksheet, key) starts from. */
import { getLibrary } from './library.ts';
import type { LessonContext } from './lesson-context.ts';

export function lessonPaths() {
  return getLibrary().lessons.map((l) => ({ params: { slug: l.slug } }));
}

export function lessonPage(slug: string, view: LessonContext['view']): LessonContext {
  const lib = getLibrary();
  const lesson = lib.lessons.find((l) => l.slug === slug);
  if (!lesson) throw new Error(`No lesson "${slug}"`);
  const excerpt = lib.excerpts.find((e) => e.slug === lesson.data.excerpt)!;
  const control = lesson.data.control ? lib.excerpts.find((e) => e.slug === lesson.data.control) : undefined;
  return { slug: lesson.slug, file: lesson.file, data: lesson.data, excerpt, control, view };
}
