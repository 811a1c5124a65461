/**
 * Reading versioned JSON that the site keeps in localStorage (progress,
 * boosters). Everything is untrusted: the caller gets the per-lesson
 * entries whose keys are safe slugs, or `corrupt` when the data was unusable.
 */

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys we accept from storage: lesson slugs and step ids. */
export const SAFE_KEY = /^[a-z0-9-]{1,80}$/;

export function readVersioned(
  raw: string | null | undefined,
  version: number,
): { lessons: [string, unknown][]; data: Record<string, unknown>; corrupt: boolean } {
  if (raw === null || raw === undefined || raw === '') return { lessons: [], data: {}, corrupt: false };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { lessons: [], data: {}, corrupt: true };
  }
  if (!isObj(data) || data.v !== version || !isObj(data.lessons)) return { lessons: [], data: {}, corrupt: true };
  return { lessons: Object.entries(data.lessons).filter(([k]) => SAFE_KEY.test(k)), data, corrupt: false };
}
