/**
 * What MDX components inside a lesson need to know about it. The lesson page
 * puts it on Astro.locals before rendering the MDX body.
 */
import type { Lesson } from '../lib/content/schema.ts';
import type { Excerpt } from '../lib/content/validate.ts';

export interface LessonContext {
  slug: string;
  file: string;
  data: Lesson;
  excerpt: Excerpt;
  control?: Excerpt;
  /** Where the component renders: the learner's lesson page, its assessment version (no answers) or the teacher's guide. */
  view: 'lesson' | 'assess' | 'guide';
}

export function lessonContext(locals: App.Locals, component: string): LessonContext {
  if (!locals.lesson) {
    throw new Error(`<${component}> can only be used inside a lesson in content/lessons/*.mdx`);
  }
  return locals.lesson;
}
