/**
 * Assignment links: a teacher chooses steps, hints and answers; the learner's
 * lesson reads them from the URL. Anything unknown or malformed falls back to
 * the default, so a tampered link still opens a working lesson.
 */

export interface Assignment {
  /** Steps to do, in lesson order; all steps when the link names none that exist. */
  steps: string[];
  hints: boolean;
  answers: boolean;
  /** The link set anything at all (show the learner a banner). */
  assigned: boolean;
}

export function parseAssignment(search: string, lessonSteps: readonly string[]): Assignment {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search.slice(0, 2000));
  } catch {
    params = new URLSearchParams();
  }
  const wanted = new Set(
    params
      .getAll('steps')
      .flatMap((v) => v.split(','))
      .map((v) => v.trim()),
  );
  const steps = lessonSteps.filter((s) => wanted.has(s));
  const flag = (name: string) => {
    const v = params.get(name);
    return v === 'off' ? false : v === 'on' ? true : null;
  };
  const hints = flag('hints');
  const answers = flag('answers');
  return {
    steps: steps.length > 0 ? steps : [...lessonSteps],
    hints: hints ?? true,
    answers: answers ?? true,
    assigned: steps.length > 0 || hints !== null || answers !== null,
  };
}

export function assignmentQuery(a: Pick<Assignment, 'steps' | 'hints' | 'answers'>, lessonSteps: readonly string[]): string {
  const params = new URLSearchParams();
  const steps = lessonSteps.filter((s) => a.steps.includes(s));
  if (steps.length > 0 && steps.length < lessonSteps.length) params.set('steps', steps.join(','));
  params.set('hints', a.hints ? 'on' : 'off');
  params.set('answers', a.answers ? 'on' : 'off');
  return params.toString();
}
