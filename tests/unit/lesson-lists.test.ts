import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonOrder } from '../../src/lib/content/derive.ts';
import { filterOptions, listPages, listPath } from '../../src/lib/site/lesson-lists.ts';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { lessonTexts } from '../../src/lib/content/lookup.ts';
import { PAGE_SIZE } from '../../src/lib/site/paginate.ts';
import type { Library } from '../../src/lib/content/validate.ts';

const lib = loadLibrary(resolve('content'));

/** The real library with its lessons repeated under other slugs, as a large library. */
function grown(times: number): Library {
  const lessons = Array.from({ length: times }, (_, i) => lib.lessons.map((l) => ({ ...l, slug: `${l.slug}-${i}` }))).flat();
  return { ...lib, lessons };
}

describe('the lessons list and its filters', () => {
  it('has one option per level, topic and lens that some lesson has, each with exactly its lessons', () => {
    const options = filterOptions(lib);
    for (const o of options) {
      expect(o.lessons.length).toBeGreaterThan(0);
      for (const l of o.lessons) {
        if (o.filter === 'level') expect(l.data.level).toBe(o.slug);
        if (o.filter === 'topic') expect(l.data.topic).toBe(o.label);
        if (o.filter === 'lens')
          expect(lessonTexts(lib, l).excerpt.annotations.some((a) => a.lenses.includes(o.slug as never))).toBe(true);
      }
    }
    const topics = new Set(lib.lessons.map((l) => l.data.topic));
    expect(
      options
        .filter((o) => o.filter === 'topic')
        .map((o) => o.label)
        .sort(),
    ).toEqual([...topics].sort());
    expect(options.filter((o) => o.filter === 'level').reduce((n, o) => n + o.lessons.length, 0)).toBe(lib.lessons.length);
    expect(new Set(options.map(listPath)).size).toBe(options.length);
  });

  it('puts every lesson on exactly one page of the whole list, in the list’s order, no page over the size', () => {
    const big = grown(40);
    const pages = listPages(big);
    const whole = pages.filter((p) => p.option === null);
    expect(whole[0].path).toBe('lessons/');
    expect(whole[1].path).toBe('lessons/page/2/');
    expect(whole.flatMap((p) => p.lessons.map((l) => l.slug))).toEqual(lessonOrder(big.lessons).map((l) => l.slug));
    expect(Math.max(...pages.map((p) => p.lessons.length))).toBe(PAGE_SIZE.lessons);
    expect(new Set(pages.map((p) => p.path)).size).toBe(pages.length);
    for (const p of pages) expect(p.pages).toBe(Math.ceil(p.total / PAGE_SIZE.lessons));
  });

  it('works the filters out once per library, and afresh for another library (dev reloads content)', () => {
    expect(filterOptions(lib)).toBe(filterOptions(lib));
    const big = grown(3);
    const options = filterOptions(big);
    expect(options).not.toBe(filterOptions(lib));
    const level = (l: Library, lv: string) =>
      filterOptions(l).find((o) => o.filter === 'level' && o.slug === lv)?.lessons.length ?? 0;
    for (const lv of ['intro', 'intermediate', 'advanced']) expect(level(big, lv)).toBe(3 * level(lib, lv));
  });
});
