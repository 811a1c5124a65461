/**
 * What MDX components inside a lesson need to know about it. The lesson page
 * puts it on Astro.locals before rendering the MDX body.
 */
import type { Lesson } from '../lib/content/schema.ts';
import { LENSES } from '../lib/content/lenses.ts';
import type { StepId } from '../lib/content/lesson-rules.ts';
import type { Excerpt } from '../lib/content/validate.ts';

export interface LessonContext {
  slug: string;
  file: string;
  data: Lesson;
  excerpt: Excerpt;
  control?: Excerpt;
  /** The walkthrough's steps in order, from the lesson's parsed MDX (LessonEntry.steps). */
  steps: readonly StepId[];
  /** Where the component renders: the learner's lesson page, its assessment version (no answers) or the teacher's guide. */
  view: 'lesson' | 'assess' | 'guide';
}

export function lessonContext(locals: App.Locals, component: string): LessonContext {
  if (!locals.lesson) {
    throw new Error(`<${component}> can only be used inside a lesson in content/lessons/*.mdx`);
  }
  return locals.lesson;
}

/** The number a step shows ("Step 2: …"), from its place in the lesson's steps; the script counts again when an assignment skips steps. */
export function stepNumber(ctx: LessonContext, id: StepId): string {
  const i = ctx.steps.indexOf(id);
  return i === -1 ? '' : `Step ${i + 1}: `;
}

/** A step's name in the walkthrough's menu and its heading. */
export function stepLabel(id: StepId, view: LessonContext['view']): string {
  if (id !== 'control') return LENSES[id].label;
  return view === 'guide' ? 'Control passage' : 'Which text is the careful report?';
}

/**
 * In the guide, the step that carries an annotation's note card under its note id: the first of the
 * lesson's steps whose lens the annotation has. The guide's annotated text links its marks there
 * instead of repeating every card (undefined: no step lists it, so the annotated text keeps its card).
 */
export function guideNoteStep(ctx: LessonContext, lenses: readonly string[]): StepId | undefined {
  return ctx.view === 'guide' ? ctx.steps.find((s) => s !== 'control' && lenses.includes(s)) : undefined;
}
