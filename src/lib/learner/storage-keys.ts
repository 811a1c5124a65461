/**
 * Every key the site keeps in the browser's storage, in one place. Runs in
 * the browser; imports nothing.
 *
 * These names are a stored format: renaming one orphans what learners have
 * saved under the old name (the `-v1` is the version of the data's shape, so
 * a new shape gets a new key and an explicit migration). `rnc-` keys are the
 * learner's record (progress, boosters); `ml-` keys belong to the tools.
 */

/** localStorage: lesson progress and results (src/lib/learner/progress.ts). */
export const PROGRESS_KEY = 'rnc-progress-v1';
/** localStorage: booster history (src/lib/learner/booster.ts). */
export const BOOSTER_KEY = 'rnc-boosters-v1';
/** localStorage: the workbench's drafts (src/scripts/write-app.ts). */
export const WRITE_DRAFTS_KEY = 'ml-write-drafts-v1';
/** sessionStorage: the practice lab's text and choices, for this tab only (src/scripts/lab.ts). */
export const LAB_SESSION_KEY = 'ml-lab-v1';
/** sessionStorage: a text and cues handed from the practice lab to the workbench (src/lib/write/workbench.ts). */
export const LAB_HANDOFF_KEY = 'ml-write-from-lab-v1';

/** Where unreadable stored data is set aside (kept, never deleted) before starting afresh. */
export function unreadableKey(key: string, stamp?: number): string {
  return stamp === undefined ? `${key}-unreadable` : `${key}-unreadable-${stamp}`;
}
