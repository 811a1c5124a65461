/**
 * Learner progress kept on the device. Everything read back is treated as
 * untrusted: wrong shapes, out-of-range indexes and unknown steps are
 * dropped, and a store that cannot be read at all starts fresh.
 */
import { isObj, readVersioned, SAFE_KEY } from './stored.ts';

export const PROGRESS_VERSION = 1;

export interface StepState {
  /** Marked token indexes, ascending. */
  marks: number[];
  /** Marked token indexes in the second text (the careful report), ascending. */
  other?: number[];
  checked: boolean;
  /** Hints shown so far (0, 1 or 2). */
  hints: number;
  revealed: boolean;
}

export interface LessonState {
  steps: Record<string, StepState>;
  current?: string;
  /** Epoch ms of the last change; `done` when every step was checked. */
  updated: number;
  done?: number;
  /** Which text the learner reads as "Text A": the lesson's own ('main') or the careful report ('control'). */
  first?: 'main' | 'control';
}

export interface Progress {
  v: typeof PROGRESS_VERSION;
  lessons: Record<string, LessonState>;
}

export function emptyProgress(): Progress {
  return { v: PROGRESS_VERSION, lessons: {} };
}

export function emptyStep(): StepState {
  return { marks: [], checked: false, hints: 0, revealed: false };
}

/** A step's saved state, cleaned; marks beyond `tokenCount` are dropped. */
export function sanitizeStep(
  raw: unknown,
  tokenCount = Number.MAX_SAFE_INTEGER,
  otherCount = Number.MAX_SAFE_INTEGER,
): StepState {
  if (!isObj(raw)) return emptyStep();
  const marks = Array.isArray(raw.marks)
    ? [...new Set(raw.marks.filter((m): m is number => Number.isInteger(m) && m >= 0 && m < tokenCount))].sort((a, b) => a - b)
    : [];
  const clean = (v: unknown, max: number) =>
    Array.isArray(v)
      ? [...new Set(v.filter((m): m is number => Number.isInteger(m) && m >= 0 && m < max))].sort((a, b) => a - b)
      : [];
  const other = clean(raw.other, otherCount);
  const hints = Number.isInteger(raw.hints) ? Math.min(2, Math.max(0, raw.hints as number)) : 0;
  return { marks, ...(other.length > 0 ? { other } : {}), checked: raw.checked === true, hints, revealed: raw.revealed === true };
}

function sanitizeLesson(raw: unknown): LessonState | null {
  if (!isObj(raw)) return null;
  const steps: Record<string, StepState> = {};
  if (isObj(raw.steps)) {
    for (const [k, v] of Object.entries(raw.steps)) if (SAFE_KEY.test(k)) steps[k] = sanitizeStep(v);
  }
  const out: LessonState = { steps, updated: typeof raw.updated === 'number' && Number.isFinite(raw.updated) ? raw.updated : 0 };
  if (typeof raw.current === 'string' && SAFE_KEY.test(raw.current)) out.current = raw.current;
  if (typeof raw.done === 'number' && Number.isFinite(raw.done)) out.done = raw.done;
  if (raw.first === 'main' || raw.first === 'control') out.first = raw.first;
  return out;
}

/** Parse what storage returned. `corrupt` is true when there was data we could not use. */
export function parseProgress(raw: string | null | undefined): { progress: Progress; corrupt: boolean } {
  const { lessons, corrupt } = readVersioned(raw, PROGRESS_VERSION);
  const progress = emptyProgress();
  for (const [slug, lesson] of lessons) {
    const clean = sanitizeLesson(lesson);
    if (clean) progress.lessons[slug] = clean;
  }
  return { progress, corrupt };
}

/** Keep only the steps a lesson still has (annotations and steps may change). */
export function lessonStateFor(
  progress: Progress,
  slug: string,
  stepIds: readonly string[],
  tokenCounts: Record<string, number>,
  otherCounts: Record<string, number> = {},
): LessonState {
  const saved = progress.lessons[slug];
  const steps: Record<string, StepState> = {};
  for (const id of stepIds)
    steps[id] = saved?.steps[id] ? sanitizeStep(saved.steps[id], tokenCounts[id], otherCounts[id] ?? 0) : emptyStep();
  return {
    steps,
    current: saved?.current && stepIds.includes(saved.current) ? saved.current : stepIds[0],
    updated: saved?.updated ?? 0,
    done: saved?.done,
    ...(saved?.first ? { first: saved.first } : {}),
  };
}

/** Text order for a learner who has none yet: either text may come first, so its place gives nothing away. */
export function pickFirst(random: () => number = Math.random): 'main' | 'control' {
  return random() < 0.5 ? 'main' : 'control';
}
