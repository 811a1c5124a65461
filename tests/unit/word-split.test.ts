/** The walkthrough's words (issue 15, item 6): graphemes and Unicode word boundaries, not ASCII. */
import { describe, expect, it } from 'vitest';
import { tokenize, wordSpans } from '../../src/lib/learner/tokens.ts';
import { splitBlocks } from '../../src/lib/content/text.ts';
import { blockTokensHtml } from '../../src/lib/site/render.ts';

const words = (text: string, lang?: string) => wordSpans(text, lang).map((w) => text.slice(w.start, w.end));

describe('word splitting', () => {
  it('keeps combining accents in their letter: "Noël" typed with U+0308 is one word', () => {
    const text = 'Noe\u0308l Cre\u0301teil said so.';
    expect(words(text)).toEqual(['Noe\u0308l', 'Cre\u0301teil', 'said', 'so']);
  });

  it('joins words as an English reader sees them, as before', () => {
    expect(words("Don't cut 5,000 e-mail jobs in the U.S. by 9–5, Mr. Smith; 3.5% is 'fine'.")).toEqual([
      "Don't",
      'cut',
      '5,000',
      'e-mail',
      'jobs',
      'in',
      'the',
      'U.S',
      'by',
      '9–5',
      'Mr',
      'Smith',
      '3.5',
      'is',
      'fine',
    ]);
  });

  it('finds words in scripts written without spaces', () => {
    const ja = words('東京都に住んでいます', 'ja');
    expect(ja.length).toBeGreaterThan(2);
    expect(ja.join('')).toBe('東京都に住んでいます');
  });

  it('keeps right-to-left words whole and in reading (logical) order', () => {
    const text = 'The sign read مرحبا بالعالم today.';
    expect(words(text)).toEqual(['The', 'sign', 'read', 'مرحبا', 'بالعالم', 'today']);
  });

  it('never splits a grapheme, and emoji are not words', () => {
    const text = 'Fans 👩‍👩‍👧‍👦 cheered 👍🏽 as a\u0301\u0327 ñ\u0303 won.';
    const seg = new Intl.Segmenter('en', { granularity: 'grapheme' });
    const bounds = new Set([...seg.segment(text)].map((g) => g.index).concat(text.length));
    for (const w of wordSpans(text)) {
      expect(bounds.has(w.start) && bounds.has(w.end), text.slice(w.start, w.end)).toBe(true);
    }
    expect(words(text)).toEqual(['Fans', 'cheered', 'as', 'a\u0301\u0327', 'ñ\u0303', 'won']);
  });

  it('tokens are found per block and rendered around the same characters', () => {
    const text = 'Noe\u0308l wins\n\nالعالم today';
    const blocks = splitBlocks(text);
    const tokens = tokenize(text, blocks);
    expect(tokens.map((t) => [text.slice(t.start, t.end), t.block])).toEqual([
      ['Noe\u0308l', 0],
      ['wins', 0],
      ['العالم', 1],
      ['today', 1],
    ]);
    expect(blockTokensHtml(text, blocks[1], tokens)).toBe('<span class="w">العالم</span> <span class="w">today</span>');
  });
});
