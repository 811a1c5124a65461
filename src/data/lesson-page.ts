/** What every per-lesson page (lesson, guide, worksheet, key) starts from. */
import { getLibrary } from './library.ts';
import type { LessonContext } from './lesson-context.ts';
import { findLesson, lessonTexts } from '../lib/content/lookup.ts';

export function lessonPaths() {
  return getLibrary().lessons.map((l) => ({ params: { slug: l.slug } }));
}

export function lessonPage(slug: string, view: LessonContext['view']): LessonContext {
  const lib = getLibrary();
  const lesson = findLesson(lib, slug);
  if (!lesson) throw new Error(`No lesson "${slug}"`);
  const { excerpt, control } = lessonTexts(lib, lesson);
  return { slug: lesson.slug, file: lesson.file, data: lesson.data, excerpt, control, view };
}
