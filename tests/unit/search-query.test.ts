import { describe, expect, it } from 'vitest';
import {
  FLAGGED_PHRASE_WEIGHT,
  phraseOffsets,
  phraseSubResults,
  phraseWeight,
  rankBatch,
  rankResults,
  searchQuery,
} from '../../src/lib/search/search-query.ts';

describe('the query sent to Pagefind', () => {
  it('drops common function words when other words remain', () => {
    expect(searchQuery('according to reports')).toBe('according reports');
    expect(searchQuery('  The stench of the corpses ')).toBe('stench corpses');
    expect(searchQuery('According TO reports,')).toBe('According reports,');
  });

  it('keeps a query made only of function words, and everything else as typed', () => {
    expect(searchQuery('to be or')).toBe('to be or');
    expect(searchQuery('revenge-thirsty')).toBe('revenge-thirsty');
    expect(searchQuery('who says so')).toBe('who says so');
    expect(searchQuery('')).toBe('');
    expect(searchQuery('   ')).toBe('');
  });

  it('drops quotation marks, which would make Pagefind look for the remaining words side by side', () => {
    expect(searchQuery('"according to reports"')).toBe('according reports');
    expect(searchQuery('“sources say”')).toBe('sources say');
    expect(searchQuery('" the "')).toBe('the');
    expect(searchQuery('""')).toBe('');
  });
});

describe('ranking: the phrase first', () => {
  const at = (...ls: [number, number][]) => ls.map(([location, weight]) => ({ location, weight }));

  it('knows where the sent words sit in the phrase as typed', () => {
    expect(phraseOffsets('According to reports')).toEqual([0, 2]);
    expect(phraseOffsets('"it is believed by the experts"')).toEqual([0, 3]);
    expect(phraseOffsets('certainly')).toEqual([0]);
    expect(phraseOffsets('to be or')).toEqual([0, 1, 2]);
    expect(phraseOffsets('  ')).toEqual([]);
  });

  it('weighs a phrase by the lightest of its words at the best place it occurs', () => {
    const offsets = phraseOffsets('according to reports');
    expect(phraseWeight(at([10, 1], [12, 1]), offsets)).toBe(1);
    expect(phraseWeight(at([10, 1], [12, 1], [40, FLAGGED_PHRASE_WEIGHT], [42, FLAGGED_PHRASE_WEIGHT]), offsets)).toBe(
      FLAGGED_PHRASE_WEIGHT,
    );
    // Both words, never two apart: not the phrase.
    expect(phraseWeight(at([10, 10], [11, 10], [30, 1]), offsets)).toBe(0);
    // One word in a heading, the other in text.
    expect(phraseWeight(at([5, 7], [7, 1]), offsets)).toBe(1);
    expect(phraseWeight([], offsets)).toBe(0);
    expect(phraseWeight(at([3, 1]), [])).toBe(0);
  });

  it('puts pages with the whole phrase first, then titles with query words, keeping Pagefind’s order within each', () => {
    const r = (id: string, score: number, words: number[], title = false) => ({
      id,
      score,
      words,
      matchedMetaFields: title ? ['title'] : undefined,
    });
    const results = [
      r('technique mentioning both words apart', 3, [16, 47, 83]),
      r('glossary', 2.9, [224, 380]),
      r('page titled with a query word', 2.5, [5, 90], true),
      r('technique with the phrase', 2.4, [47, 49]),
      r('lesson flagging the phrase, titled', 2.3, [5, 291, 293], true),
    ];
    expect(rankResults(results, 'according to reports').map((x) => x.id)).toEqual([
      'lesson flagging the phrase, titled',
      'technique with the phrase',
      'page titled with a query word',
      'technique mentioning both words apart',
      'glossary',
    ]);
    // One word: every page has it, so only the title moves a page up.
    expect(rankResults(results, 'certainly').map((x) => x.id)[0]).toBe('page titled with a query word');
    expect(rankResults([], 'x')).toEqual([]);
  });

  it('orders a loaded batch by where the phrase sits: title, flagged phrase, heading, text; a lesson before its guide', () => {
    const d = (id: string, kind: string, locs: [number, number][]) => ({ id, meta: { kind }, weighted_locations: at(...locs) });
    const batch = [
      d('guide', 'Teaching guide', [
        [466, FLAGGED_PHRASE_WEIGHT],
        [468, FLAGGED_PHRASE_WEIGHT],
      ]),
      d('technique', 'Technique', [
        [47, 1],
        [49, 1],
      ]),
      d('lesson', 'Lesson', [
        [291, FLAGGED_PHRASE_WEIGHT],
        [293, FLAGGED_PHRASE_WEIGHT],
      ]),
      d('titled', 'Lesson', [
        [0, 10],
        [2, 10],
      ]),
      d('no phrase', 'Guide', [[3, 10]]),
    ];
    expect(rankBatch(batch, 'according to reports').map((x) => x.id)).toEqual([
      'titled',
      'lesson',
      'guide',
      'technique',
      'no phrase',
    ]);
    expect(rankBatch([{ meta: {} }], 'x')).toHaveLength(1);
  });

  it('puts a lesson before its own teaching guide, even when the guide weighs the phrase more', () => {
    const at = (weight: number) => [0, 1, 2].map((k) => ({ location: k, weight }));
    const batch = [
      { id: 'guide', meta: { title: 'Teaching guide: A war report', kind: 'Guide' }, weighted_locations: at(8) },
      { id: 'other', meta: { title: 'Another lesson', kind: 'Lesson' }, weighted_locations: at(4) },
      { id: 'lesson', meta: { title: 'A war report', kind: 'Lesson' }, weighted_locations: at(2) },
    ];
    expect(rankBatch(batch, 'according to reports').map((x) => x.id)).toEqual(['lesson', 'guide', 'other']);
  });
});

describe('flagged phrases shown under a result', () => {
  const sub = (title: string, id: string, excerpt: string) => ({ title, url: `/l/#${id}`, excerpt, anchor: { id } });
  const subs = [
    sub('Walkthrough', 'walkthrough-h', 'the <mark>floor</mark> of it'),
    sub('“Syria, Russia, And Iran”', 'ex--syria--note', 'and <mark>the</mark> three <mark>the</mark>'),
    sub('“the stench of corpses”', 'ex--stench--note', '<mark>the</mark> a <mark>the</mark> b <mark>the</mark>'),
    sub('“brutally wiped the floor with their attackers”', 'ex--wiped--note', 'praise <mark>brutally</mark> here'),
    { title: 'No anchor', url: '/l/', excerpt: '<mark>floor</mark>' },
  ];

  it('keeps only notes, ranks by query words in the phrase, and links to the mark', () => {
    const got = phraseSubResults(subs, 'brutally wiped the floor', 2);
    expect(got.map((g) => g.mark)).toEqual(['ex--wiped', 'ex--stench']);
    expect(got[0].sub.title).toContain('brutally');
  });

  it('breaks ties by how many different words the excerpt marks, and honours the limit', () => {
    const got = phraseSubResults(subs, 'zzz', 5);
    expect(got).toHaveLength(3);
    expect(got.every((g) => !g.mark.endsWith('--note'))).toBe(true);
    expect(phraseSubResults(subs, 'anything', 0)).toEqual([]);
  });
});
