/** The "who is behind this, and what kind of text is it?" opener (src/lib/learner/source-check.ts). */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { GENRES } from '../../src/lib/content/schema.ts';
import { GENRE_SIGNS, LATERAL_STEPS, genreFeedback, publisherName } from '../../src/lib/learner/source-check.ts';

describe('genreFeedback', () => {
  it('confirms the right kind of text and says what that kind does', () => {
    const r = genreFeedback('news', 'news');
    expect(r.correct).toBe(true);
    expect(r.message).toBe(`Yes: this is presented as a news report. ${GENRE_SIGNS.news}`);
  });

  it('answers a wrong choice with the signs of the chosen kind, without giving the answer away', () => {
    const r = genreFeedback('sponsored', 'news');
    expect(r.correct).toBe(false);
    expect(r.message).toContain('Look again.');
    expect(r.message).toContain('Sponsored');
    expect(r.message).not.toContain('news report');
  });

  it('accepts a defensible alternative kindly, with the excerpt’s note', () => {
    const r = genreFeedback('opinion', 'news', ['opinion'], 'News in form, opinion in tone.');
    expect(r).toEqual({ correct: true, message: 'A fair reading. News in form, opinion in tone.' });
    expect(genreFeedback('analysis', 'news', ['opinion']).correct).toBe(false);
  });

  it('handles a value that is not a kind of text', () => {
    expect(genreFeedback('advert<script>', 'news')).toEqual({
      correct: false,
      message: 'Choose one of the kinds of text listed.',
    });
  });
});

describe('the opener’s data', () => {
  it('describes every kind of text, and lateral reading in a few steps', () => {
    for (const g of GENRES) expect(GENRE_SIGNS[g].length).toBeGreaterThan(40);
    expect(LATERAL_STEPS.length).toBeGreaterThanOrEqual(3);
    expect(LATERAL_STEPS.join(' ')).toMatch(/search/i);
    expect(LATERAL_STEPS.join(' ')).toMatch(/about page/i);
    expect(LATERAL_STEPS.join(' ')).toMatch(/funds/i);
  });

  it('takes the outlet’s name from the publisher field', () => {
    expect(publisherName({ publisher: 'funker530.com, a website built around combat footage' })).toBe('funker530.com');
    expect(publisherName({ publisher: 'The Lowland Courier (fictional)' })).toBe('The Lowland Courier');
    expect(publisherName({ publisher: 'Valley Press' })).toBe('Valley Press');
  });

  const lib = loadLibrary(resolve('content'));
  it('every excerpt says what kind of text it is and who is behind it; constructed ones say the outlet is invented', () => {
    for (const e of lib.excerpts) {
      expect(GENRES, e.slug).toContain(e.meta.genre);
      expect(publisherName(e.meta).length, e.slug).toBeGreaterThan(2);
      if (e.meta.constructed) expect(e.meta.publisher, e.slug).toMatch(/fictional|invented/i);
      for (const g of e.meta.genreAlso) expect(e.meta.genreNote, `${e.slug} explains its alternative ${g}`).toBeTruthy();
    }
  });

  it('the flagship is honestly sourced: funker530.com, its address as text, February 2018, authorship unknown', () => {
    const f = lib.excerpts.find((e) => e.slug === 'staging-up-for-another-assault')!;
    expect(f.meta.constructed).toBe(false);
    expect(f.meta.outlet).toContain('https://www.funker530.com/syria-russia-iran-another-assault/');
    expect(f.meta.date).toBe('2018-02');
    expect(f.meta.byline).toMatch(/unknown/i);
    expect(publisherName(f.meta)).toBe('funker530.com');
  });
});
