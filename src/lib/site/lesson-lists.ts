/**
 * The lessons list and its filters as static pages: every lesson at
 * lessons/, and one list per level, topic and lens at lessons/<filter>/<value>/,
 * each split into pages of PAGE_SIZE.lessons (page/N/ after the first). One
 * filter at a time; the search page combines them.
 */
import { countByLens, lessonOrder } from '../content/derive.ts';
import { LENSES, LENS_IDS } from '../content/lenses.ts';
import { lessonTexts } from '../content/lookup.ts';
import { PAGE_SIZE, paginate, slugsFor } from './paginate.ts';
import { LEVELS, LEVEL_LABELS } from '../content/schema.ts';
import type { Library, LessonEntry } from '../content/validate.ts';

export type ListFilter = 'level' | 'topic' | 'lens';
export const FILTER_LABELS: Record<ListFilter, string> = { level: 'Level', topic: 'Topic', lens: 'Lens' };

export interface FilterOption {
  filter: ListFilter;
  /** Shown to people. */
  label: string;
  /** In the URL. */
  slug: string;
  lessons: readonly LessonEntry[];
}

export interface ListPage {
  /** Relative to the base, without leading slash: "lessons/", "lessons/level/advanced/page/2/". */
  path: string;
  /** Path of the list's first page. */
  first: string;
  option: FilterOption | null;
  lessons: LessonEntry[];
  page: number;
  pages: number;
  total: number;
}

/**
 * Every value of each filter that some lesson has, with its lessons in the list's order.
 * Worked out once per library (every page of every list shows the filters); do not change the result.
 */
export function filterOptions(lib: Library): readonly FilterOption[] {
  let options = optionsOf.get(lib);
  if (!options) optionsOf.set(lib, (options = computeFilterOptions(lib)));
  return options;
}
const optionsOf = new WeakMap<Library, readonly FilterOption[]>();

function computeFilterOptions(lib: Library): FilterOption[] {
  const all = lessonOrder(lib.lessons);
  const lensesOf = new Map(all.map((l) => [l, countByLens(lessonTexts(lib, l).excerpt.annotations)]));
  const topics = [...new Set(all.map((l) => l.data.topic))].sort((a, b) => a.localeCompare(b));
  const topicSlugs = slugsFor(topics);
  const out: FilterOption[] = [
    ...LEVELS.map((lv) => ({
      filter: 'level' as const,
      label: LEVEL_LABELS[lv],
      slug: lv,
      lessons: all.filter((l) => l.data.level === lv),
    })),
    ...topics.map((t) => ({
      filter: 'topic' as const,
      label: t,
      slug: topicSlugs.get(t)!,
      lessons: all.filter((l) => l.data.topic === t),
    })),
    ...LENS_IDS.map((id) => ({
      filter: 'lens' as const,
      label: LENSES[id].label,
      slug: id,
      lessons: all.filter((l) => lensesOf.get(l)![id] > 0),
    })),
  ];
  return out.filter((o) => o.lessons.length > 0);
}

export function listPath(option: Pick<FilterOption, 'filter' | 'slug'> | null): string {
  return option ? `lessons/${option.filter}/${option.slug}/` : 'lessons/';
}

/** Every page of every list: the whole list first. */
export function listPages(lib: Library): ListPage[] {
  const lists: [FilterOption | null, readonly LessonEntry[]][] = [
    [null, lessonOrder(lib.lessons)],
    ...filterOptions(lib).map((o) => [o, o.lessons] as [FilterOption, readonly LessonEntry[]]),
  ];
  return lists.flatMap(([option, lessons]) => {
    const first = listPath(option);
    const pages = paginate(lessons, PAGE_SIZE.lessons);
    return pages.map((page, i) => ({
      path: i === 0 ? first : `${first}page/${i + 1}/`,
      first,
      option,
      lessons: page,
      page: i + 1,
      pages: pages.length,
      total: lessons.length,
    }));
  });
}
