import { describe, expect, it } from 'vitest';
import { pageHref, pagerItems, paginate, slugsFor } from '../../src/lib/site/paginate.ts';

describe('pages of a growing list', () => {
  it('splits into pages of the size, never none', () => {
    expect(paginate([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(paginate([1, 2], 2)).toEqual([[1, 2]]);
    expect(paginate([], 24)).toEqual([[]]);
    expect(() => paginate([1], 0)).toThrow(/at least 1/);
    // However long the list, no page is longer than the size.
    expect(
      Math.max(
        ...paginate(
          Array.from({ length: 10_000 }, (_, i) => i),
          24,
        ).map((p) => p.length),
      ),
    ).toBe(24);
  });

  it('puts page 1 at the list’s own address and the rest under page/N/', () => {
    expect(pageHref('/b/lessons/', 1)).toBe('/b/lessons/');
    expect(pageHref('/b/lessons/', 3)).toBe('/b/lessons/page/3/');
  });

  it('shows a short pager for any number of pages', () => {
    expect(pagerItems(1, 1)).toEqual([1]);
    expect(pagerItems(1, 3)).toEqual([1, 2, 3]);
    expect(pagerItems(1, 42)).toEqual([1, 2, 3, null, 42]);
    expect(pagerItems(20, 42)).toEqual([1, null, 18, 19, 20, 21, 22, null, 42]);
    // A gap of one page shows that page instead of an ellipsis.
    expect(pagerItems(5, 42)).toEqual([1, 2, 3, 4, 5, 6, 7, null, 42]);
    expect(pagerItems(42, 42)).toEqual([1, null, 40, 41, 42]);
    expect(pagerItems(500, 1000).length).toBeLessThanOrEqual(9);
  });

  it('makes unique, URL-safe slugs for filter values', () => {
    const s = slugsFor(['Local news', 'Économie', 'Local-news', 'Local news', '???']);
    expect([...s.entries()]).toEqual([
      ['Local news', 'local-news'],
      ['Économie', 'economie'],
      ['Local-news', 'local-news-2'],
      ['???', 'other'],
    ]);
  });
});
