import { describe, expect, it } from 'vitest';
import { searchQuery } from '../../src/lib/search-query.ts';

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
