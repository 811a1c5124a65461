import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/lib/load.ts';
import { annotationRecords, filterAttribute, filterValues, lessonFilters, minutesBand } from '../../src/lib/search-records.ts';

const lib = loadLibrary(resolve('content'));
const records = annotationRecords(lib);

describe('search records', () => {
  it('has one record per annotation of every lesson excerpt, linking to its mark', () => {
    const expected = lib.lessons.reduce((n, l) => n + lib.excerpts.find((e) => e.slug === l.data.excerpt)!.annotations.length, 0);
    expect(records).toHaveLength(expected);
    const r = records.find((x) => x.url.endsWith('--revenge-thirsty'))!;
    expect(r.url).toBe('/lessons/staging-up-for-another-assault/#staging-up-for-another-assault--revenge-thirsty');
    expect(r.meta.title).toBe('“revenge-thirsty”');
    expect(r.meta.lesson).toBe('Three lenses on a war report');
  });

  it('holds the phrase, its note, question and how to check it', () => {
    const ex = lib.excerpts.find((e) => e.slug === 'staging-up-for-another-assault')!;
    const a = ex.annotations.find((x) => x.id === 'according-to-reports')!;
    const r = records.find((x) => x.url.endsWith('--according-to-reports'))!;
    expect(r.content).toContain('According to reports');
    expect(r.content).toContain(a.note);
    expect(r.content).toContain(a.check!);
    expect(r.filters.lens).toEqual(['Sourcing gap']);
    expect(r.filters.type).toEqual(['Flagged phrase']);
    expect(r.filters.level).toEqual(['Introductory']);
  });

  it('derives lesson filters from frontmatter and annotations', () => {
    const l = lib.lessons.find((x) => x.slug === 'staging-up-for-another-assault')!;
    const f = lessonFilters(lib, l);
    expect(f.lens).toEqual(['Sourcing gap', 'Emotive language', 'Unsupported prediction']);
    expect(f.minutes).toEqual(['36 minutes or more']);
    expect(f.topic).toEqual(['Conflict and war']);
  });

  it('bands minutes and escapes commas in filter attributes', () => {
    expect([15, 20, 21, 35, 36, 45].map(minutesBand)).toEqual([
      'Up to 20 minutes',
      'Up to 20 minutes',
      '21–35 minutes',
      '21–35 minutes',
      '36 minutes or more',
      '36 minutes or more',
    ]);
    expect(filterAttribute({ audience: ['adults, teens'], level: ['Intro'] })).toBe('audience:adults\\, teens, level:Intro');
  });

  it('lists every filter value for the search page controls', () => {
    const v = filterValues(lib);
    expect(v.level).toEqual(['Introductory', 'Intermediate', 'Advanced']);
    expect(v.type).toContain('Flagged phrase');
    expect(v.topic.length).toBeGreaterThanOrEqual(6);
  });
});
