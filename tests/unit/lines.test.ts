import { describe, expect, it } from 'vitest';
import { lineOf, wrapLines } from '../../src/lib/teach/lines.ts';
import { splitBlocks } from '../../src/lib/content/text.ts';

describe('wrapLines', () => {
  const text = 'A short headline\n\nThe quick brown fox jumps over the lazy dog and keeps on running far away.\n\nEnd.';
  const blocks = splitBlocks(text);
  const lines = wrapLines(text, blocks, 20);

  it('breaks between words within the width and numbers lines continuously', () => {
    expect(lines.map((l) => text.slice(l.start, l.end))).toEqual([
      'A short headline',
      'The quick brown fox',
      'jumps over the lazy',
      'dog and keeps on',
      'running far away.',
      'End.',
    ]);
    expect(lines.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(lines.filter((l) => l.paragraphStart).map((l) => l.number)).toEqual([1, 2, 6]);
    for (const l of lines) expect(l.end - l.start).toBeLessThanOrEqual(20);
  });

  it('keeps every word: joining the lines gives the text back', () => {
    const joined = blocks.map((b) =>
      lines
        .filter((l) => l.start >= b.start && l.end <= b.end)
        .map((l) => text.slice(l.start, l.end))
        .join(' '),
    );
    expect(joined).toEqual(blocks.map((b) => text.slice(b.start, b.end)));
  });

  it('finds the line of an offset', () => {
    expect(lineOf(lines, text.indexOf('lazy'))).toBe(3);
    expect(lineOf(lines, text.indexOf('End'))).toBe(6);
  });

  it('puts an over-long word on its own line', () => {
    const t = 'a supercalifragilisticexpialidocious b';
    const l = wrapLines(t, splitBlocks(t), 10);
    expect(l.map((x) => t.slice(x.start, x.end))).toEqual(['a', 'supercalifragilisticexpialidocious', 'b']);
  });
});
