import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { filterPairs, filterValues, lessonFilters, minutesBand, phraseAnchorTitle } from '../../src/lib/search/search-filters.ts';
import { markDomId, markIdOfNote, noteDomId } from '../../src/lib/site/dom-ids.ts';

const lib = loadLibrary(resolve('content'));

describe('search filters', () => {
  it('derives lesson filters from frontmatter and annotations', () => {
    const l = lib.lessons.find((x) => x.slug === 'staging-up-for-another-assault')!;
    const f = lessonFilters(lib, l);
    expect(f.lens).toEqual(['Sourcing gap', 'Emotive language', 'Unsupported prediction']);
    expect(f.minutes).toEqual(['36 minutes or more']);
    expect(f.topic).toEqual(['Conflict and war']);
  });

  it('bands minutes, and writes one filter attribute per value', () => {
    expect([15, 20, 21, 35, 36, 45].map(minutesBand)).toEqual([
      'Up to 20 minutes',
      'Up to 20 minutes',
      '21–35 minutes',
      '21–35 minutes',
      '36 minutes or more',
      '36 minutes or more',
    ]);
    expect(filterPairs({ audience: ['adults, teens', 'self-learners'], level: ['Intro'] })).toEqual([
      'audience:adults, teens',
      'audience:self-learners',
      'level:Intro',
    ]);
  });

  it('lists every filter value for the search page controls', () => {
    const v = filterValues(lib);
    expect(v.level).toEqual(['Introductory', 'Intermediate', 'Advanced']);
    expect(v.type).toEqual(['Guide', 'Lesson', 'Technique']);
    expect(v.topic.length).toBeGreaterThanOrEqual(6);
  });

  it('titles a flagged phrase by its words, and leads from its note back to its mark', () => {
    expect(phraseAnchorTitle('revenge-thirsty')).toBe('“revenge-thirsty”');
    for (const ex of lib.excerpts) {
      for (const a of ex.annotations) expect(markIdOfNote(noteDomId(ex.slug, a.id))).toBe(markDomId(ex.slug, a.id));
    }
    expect(markIdOfNote('step-sourcing-gap')).toBeNull();
    expect(markIdOfNote('--note')).toBeNull();
  });
});
