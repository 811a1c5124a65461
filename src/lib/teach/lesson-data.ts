/**
 * A lesson as data for client pages that are not the lesson itself (the
 * teacher's review page, the projector): steps, words and annotations.
 * Served at /lessons/<slug>/data.json.
 */
import { fingerprint } from '../content/derive.ts';
import { CONTROL_STEP_LABEL, stepLabel } from '../content/lenses.ts';
import { lessonTexts } from '../content/lookup.ts';
import { tokenize, tokenRange } from '../learner/tokens.ts';
import type { Excerpt, Library, LessonEntry } from '../content/validate.ts';

export interface LessonDataExcerpt {
  slug: string;
  words: string[];
  anns: { id: string; number: number; a: number; b: number; lenses: string[]; text: string }[];
}

export interface LessonData {
  slug: string;
  title: string;
  /** Fingerprint of the annotation ids of main and control excerpts. */
  fp: string;
  /** `flagged`: scored phrases the step asks for (a code counting more is impossible). */
  steps: { id: string; label: string; excerpt: string; flagged?: number }[];
  excerpts: LessonDataExcerpt[];
}

function excerptData(e: Excerpt): LessonDataExcerpt {
  const tokens = tokenize(e.text, e.blocks);
  return {
    slug: e.slug,
    words: tokens.map((t) => e.text.slice(t.start, t.end)),
    anns: e.annotations.map((a) => ({
      id: a.id,
      number: a.number,
      ...tokenRange(tokens, a.start, a.end),
      lenses: a.lenses,
      text: a.text,
    })),
  };
}

/** Changes whenever an annotation of the lesson's texts is added, removed or renamed. */
export function lessonFingerprint(excerpts: readonly (Excerpt | undefined)[]): string {
  return fingerprint(excerpts.flatMap((e) => (e ? e.annotations.map((a) => `${e.slug}/${a.id}`) : [])));
}

export function lessonData(lib: Library, lesson: LessonEntry): LessonData {
  const { excerpt: main, control } = lessonTexts(lib, lesson);
  const excerpts = [main, control].filter((e): e is Excerpt => e !== undefined);
  return {
    slug: lesson.slug,
    title: lesson.data.title,
    fp: lessonFingerprint(excerpts),
    steps: lesson.steps.map((id) => {
      const ex = id === 'control' && control ? control : main;
      const scored = ex.annotations.filter((a) => a.scored !== false);
      return {
        id,
        label: stepLabel(id) ?? CONTROL_STEP_LABEL,
        excerpt: ex.slug,
        flagged: id === 'control' ? scored.length : scored.filter((a) => (a.lenses as string[]).includes(id)).length,
      };
    }),
    excerpts: excerpts.map(excerptData),
  };
}
