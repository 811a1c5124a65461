import { describe, expect, it } from 'vitest';
import { phraseSubResults, searchQuery } from '../../src/lib/search-query.ts';

describe('the query sent to Pagefind', () => {
  it('drops common function words when other words remain', () => {
    expect(searchQuery('according to reports')).toBe('according reports');
    expect(searchQuery('  The stench of the corpses ')).toBe('stench corpses');
    expect(searchQuery('"According" TO reports,')).toBe('"According" reports,');
  });

  it('keeps a query made only of function words, and everything else as typed', () => {
    expect(searchQuery('to be or')).toBe('to be or');
    expect(searchQuery('revenge-thirsty')).toBe('revenge-thirsty');
    expect(searchQuery('who says so')).toBe('who says so');
    expect(searchQuery('')).toBe('');
    expect(searchQuery('   ')).toBe('');
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
