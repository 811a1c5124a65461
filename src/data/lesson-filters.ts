import type { FilterGroup } from '../lib/filter-css.ts';
import { LEVELS } from '../lib/schema.ts';
import type { Library } from '../lib/validate.ts';

/** The filters of the lessons list: level, then topic. */
export function lessonFilterGroups(lib: Library): FilterGroup[] {
  return [
    { key: 'level', values: LEVELS.filter((l) => lib.lessons.some((x) => x.data.level === l)) },
    { key: 'topic', values: [...new Set(lib.lessons.map((l) => l.data.topic))].sort((a, b) => a.localeCompare(b)) },
  ];
}
