/** The walkthrough's words (issue 15, item 6): graphemes and Unicode word boundaries, not ASCII. */
import { describe, expect, it } from 'vitest';
import { excerptTokenData, patternFindsTokens, tokenize, wordSpans } from '../../src/lib/learner/tokens.ts';
import { packTokenData, unpackTokenData } from '../../src/lib/learner/token-wire.ts';
import { WORD_PATTERN } from '../../src/lib/learner/word-pattern.ts';
import { loadLibrary } from '../../src/lib/content/load.ts';
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

  it("sends a paragraph as plain text only where the browser's pattern finds exactly the same words", () => {
    const text =
      "Don't cut 5,000 e-mail jobs in the U.S. by 9–5, Mr. Smith; 3.5% is 'fine'.\n\nNoe\u0308l wins\n\nالعالم today\n\nsnake_case and 🙂 here";
    const blocks = splitBlocks(text);
    const tokens = tokenize(text, blocks);
    // Latin text, joiners and combining accents: the pattern agrees, so the page sends plain text.
    expect(patternFindsTokens(text, blocks[0], tokens)).toBe(true);
    expect(patternFindsTokens(text, blocks[1], tokens)).toBe(true);
    // Other scripts and characters whose word classes browsers may disagree on keep their spans.
    expect(patternFindsTokens(text, blocks[2], tokens)).toBe(false);
    expect(patternFindsTokens(text, blocks[3], tokens)).toBe(false);
    // Where the pattern and Intl.Segmenter disagree ("snake_case" is one word to the segmenter), spans stay.
    const under = 'a snake_case word';
    const ub = splitBlocks(under);
    expect(patternFindsTokens(under, ub[0], tokenize(under, ub))).toBe(false);
    expect([...text.slice(blocks[0].start, blocks[0].end).matchAll(WORD_PATTERN)].map((m) => m[0])).toEqual(
      tokens.filter((t) => t.block === 0).map((t) => text.slice(t.start, t.end)),
    );
  });

  it('every block of every real lesson text goes through the pattern check, and the Latin ones pass', () => {
    const lib = loadLibrary('content', '.');
    let plain = 0;
    let total = 0;
    for (const e of lib.excerpts) {
      const tokens = tokenize(e.text, e.blocks);
      for (const b of e.blocks) {
        total++;
        if (patternFindsTokens(e.text, b, tokens)) plain++;
      }
    }
    expect(total).toBeGreaterThan(100);
    // The real texts are English: nearly every paragraph can go as plain text (a mismatch only keeps spans).
    expect(plain / total).toBeGreaterThan(0.9);
  });

  it('packs token data for the page and unpacks it to the same numbers', () => {
    const text = 'According to reports, the shocking plan will certainly fail.\n\nOfficials said so.';
    const blocks = splitBlocks(text);
    const at = (q: string) => ({ start: text.indexOf(q), end: text.indexOf(q) + q.length });
    const data = excerptTokenData('x', text, blocks, [
      { id: 'b', number: 2, ...at('shocking plan'), lenses: ['emotive-language'], key: ['shocking'] },
      { id: 'a', number: 1, ...at('According to reports'), lenses: ['sourcing-gap'] },
      { id: 'c', number: 3, ...at('will certainly fail'), lenses: ['unsupported-prediction'], scored: false },
    ]);
    const packed = packTokenData(data);
    expect(packed.anns.map((t) => t.b)).toEqual([2, 3, 3]);
    expect(unpackTokenData(JSON.parse(JSON.stringify(packed)) as typeof packed)).toEqual(data);
  });
});

describe('tokenize, shared between the pages of one build', () => {
  it('gives the same words once per text and blocks, and works again when the text changes', () => {
    const text = 'Officials said. Nothing else.';
    const blocks = splitBlocks(text);
    const first = tokenize(text, blocks);
    expect(tokenize(text, blocks)).toBe(first);
    const edited = 'Officials told. Nothing else.'; // the same length, so the same blocks fit
    const again = tokenize(edited, blocks);
    expect(again).not.toBe(first);
    expect(again.map((t) => edited.slice(t.start, t.end))).toEqual(['Officials', 'told', 'Nothing', 'else']);
    expect(tokenize(text, blocks).map((t) => text.slice(t.start, t.end))).toEqual(['Officials', 'said', 'Nothing', 'else']);
  });
});
