import { describe, expect, it } from 'vitest';
import { anchorQuote, nearestText } from '../../src/lib/content/anchor.ts';
import { foldWithMap, splitBlocks } from '../../src/lib/content/text.ts';

const text = 'Syria’s 5th Legion — and “revenge-thirsty” troops — are  amassing. The troops are ready.';

describe('anchorQuote', () => {
  it('finds an exact quote', () => {
    const r = anchorQuote(text, { exact: 'revenge-thirsty' });
    expect(r).toMatchObject({ ok: true, tolerant: false });
    if (r.ok) expect(text.slice(r.start, r.end)).toBe('revenge-thirsty');
  });

  it('folds curly quotes, dashes and white space, mapping back to the original offsets', () => {
    const r = anchorQuote(text, { exact: 'Syria\'s 5th Legion - and "revenge-thirsty"' });
    expect(r.ok && r.tolerant).toBe(true);
    if (r.ok) expect(text.slice(r.start, r.end)).toBe('Syria’s 5th Legion — and “revenge-thirsty”');
    const spaced = anchorQuote(text, { exact: 'are amassing' });
    if (!spaced.ok) throw new Error('expected a match');
    expect(text.slice(spaced.start, spaced.end)).toBe('are  amassing');
  });

  it('reports an empty quote', () => {
    expect(anchorQuote(text, { exact: '  ' })).toEqual({ ok: false, reason: 'empty' });
  });

  it('reports every place an ambiguous quote occurs', () => {
    const r = anchorQuote(text, { exact: 'troops' });
    expect(r.ok).toBe(false);
    if (!r.ok && r.reason === 'ambiguous')
      expect(r.matches.map((m) => m.start)).toEqual([text.indexOf('troops'), text.lastIndexOf('troops')]);
    else throw new Error(`expected ambiguous, got ${JSON.stringify(r)}`);
  });

  it('uses prefix and suffix to pick one occurrence', () => {
    const second = anchorQuote(text, { exact: 'troops', prefix: 'The ' });
    expect(second).toMatchObject({ ok: true, start: text.lastIndexOf('troops') });
    const first = anchorQuote(text, { exact: 'troops', suffix: ' — are' });
    expect(first).toMatchObject({ ok: true, start: text.indexOf('troops') });
  });

  it('says when the quote exists but not with the given context', () => {
    expect(anchorQuote(text, { exact: 'troops', prefix: 'Russian ' })).toMatchObject({ ok: false, reason: 'context-mismatch' });
  });

  it('suggests the nearest text for a misspelled quote', () => {
    const r = anchorQuote(text, { exact: 'revenge-thirstey' });
    expect(r.ok).toBe(false);
    if (!r.ok && r.reason === 'not-found') {
      expect(r.nearest).not.toBeNull();
      expect(text.slice(r.nearest!.start, r.nearest!.end)).toContain('revenge-thirsty');
    } else throw new Error('expected not-found');
  });
});

describe('nearestText', () => {
  it('returns a span within the text and a distance', () => {
    const n = nearestText('According to reports, troops moved.', 'Acording to report');
    expect(n).toMatchObject({ start: 0 });
    expect(n!.distance).toBeLessThanOrEqual(2);
  });
  it('returns null for an empty quote', () => {
    expect(nearestText('abc', '')).toBeNull();
  });
});

describe('text helpers', () => {
  it('maps folded indexes back to original offsets', () => {
    const { folded, map } = foldWithMap('a \n\t b—c');
    expect(folded).toBe('a b-c');
    expect(map.slice(0, 5)).toEqual([0, 1, 5, 6, 7]);
  });
  it('splits blocks on blank lines and trims them', () => {
    const t = 'Title\n\nPara one\nline two\n\n\n Para two \n';
    expect(splitBlocks(t).map((b) => t.slice(b.start, b.end))).toEqual(['Title', 'Para one\nline two', 'Para two']);
  });
});
