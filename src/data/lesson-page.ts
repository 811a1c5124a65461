/**
 * What every per-lesson route (lesson, assessment, guide, worksheet, answer
 * key, projector, data.json, annotations.jsonld) starts from: the lesson, its
 * content-collection entry (for rendering the MDX), its texts and its
 * walkthrough steps, resolved once in getStaticPaths and passed as props.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { getLibrary } from './library.ts';
import type { LessonContext } from './lesson-context.ts';
import { lessonTexts } from '../lib/content/lookup.ts';
import type { StepId } from '../lib/content/lesson-rules.ts';
import type { Excerpt, LessonEntry } from '../lib/content/validate.ts';

export interface LessonProps {
  lesson: LessonEntry;
  entry: CollectionEntry<'lessons'>;
  excerpt: Excerpt;
  control?: Excerpt;
  /** The walkthrough's steps in order (lens ids, then "control"): from the parsed MDX, see LessonEntry.steps. */
  steps: readonly StepId[];
}

/** getStaticPaths for every per-lesson route: one path per lesson of the validated library. */
export async function lessonPaths(): Promise<{ params: { slug: string }; props: LessonProps }[]> {
  const lib = getLibrary();
  const entries = new Map((await getCollection('lessons')).map((e) => [e.id, e]));
  return lib.lessons.map((lesson) => {
    const entry = entries.get(lesson.slug);
    if (!entry) throw new Error(`${lesson.file}: the lesson is not in the "lessons" content collection`);
    const { excerpt, control } = lessonTexts(lib, lesson);
    return { params: { slug: lesson.slug }, props: { lesson, entry, excerpt, control, steps: lesson.steps } };
  });
}

/** What the lesson components see while the MDX renders (put on Astro.locals.lesson). */
export function lessonPage(p: LessonProps, view: LessonContext['view']): LessonContext {
  const { lesson, excerpt, control, steps } = p;
  return { slug: lesson.slug, file: lesson.file, data: lesson.data, excerpt, control, steps, view };
}
