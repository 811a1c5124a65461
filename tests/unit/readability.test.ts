/** Reading grade, target density and level labels (src/lib/content/readability.ts). */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/lib/content/load.ts';
import {
  LEVEL_RULES,
  lessonMeasures,
  levelFor,
  measureExcerpt,
  readability,
  sentenceCount,
  syllables,
  targetsPer100,
  words,
} from '../../src/lib/content/readability.ts';

describe('syllables (heuristic)', () => {
  it.each([
    ['cat', 1],
    ['the', 1],
    ['water', 2],
    ['table', 2],
    ['make', 1],
    ['happy', 2],
    ['beautiful', 3],
    ['announced', 2],
    ['wanted', 2],
    ['boxes', 2],
    ['revolutionary', 6],
    ['organisation', 5],
  ])('%s has %i', (w, n) => {
    expect(syllables(w)).toBe(n);
  });

  it('never returns less than one, even for numbers and symbols', () => {
    expect(syllables('2018')).toBe(1);
    expect(syllables('—')).toBe(1);
  });
});

describe('words and sentences', () => {
  it('counts words with inner apostrophes and hyphens as one', () => {
    expect(words('It’s a revenge-thirsty, well-known “story”.')).toEqual(['It’s', 'a', 'revenge-thirsty', 'well-known', 'story']);
  });

  it('counts a headline line and each sentence', () => {
    expect(sentenceCount('A headline without a stop\n\nOne sentence. Two sentences! Three? “Four,” she said. Five.')).toBe(6);
  });
});

describe('Flesch–Kincaid grade', () => {
  it('rises with longer sentences and longer words', () => {
    const easy = readability('The cat sat on the mat. The dog ran. We had fun.');
    const hard = readability(
      'Notwithstanding considerable institutional reluctance, the administration subsequently acknowledged that unprecedented organisational difficulties had materially compromised its investigative capabilities.',
    );
    expect(easy.grade).toBeLessThan(3);
    expect(hard.grade).toBeGreaterThan(18);
  });

  it('matches the formula on a worked example', () => {
    // 12 words, 2 sentences, 14 syllables (very, happy: 2 each): 0.39 × 6 + 11.8 × 14/12 − 15.59 = 0.52
    const r = readability('The big dog ran to the park. It was very happy there.');
    expect([r.words, r.sentences, r.syllables]).toEqual([12, 2, 14]);
    expect(r.grade).toBe(0.5);
  });
});

describe('targets per 100 words', () => {
  it('counts scored phrases only, and only of the given lenses', () => {
    const ex = {
      text: Array.from({ length: 50 }, () => 'word').join(' '),
      annotations: [
        { lenses: ['sourcing-gap'] },
        { lenses: ['emotive-language'], scored: true },
        { lenses: ['emotive-language'], scored: false },
      ],
    };
    expect(measureExcerpt(ex).targets).toBe(2);
    expect(measureExcerpt(ex).per100).toBe(4);
    expect(measureExcerpt(ex, ['sourcing-gap']).targets).toBe(1);
    expect(targetsPer100(3, 0)).toBe(0);
  });
});

describe('level labels', () => {
  it('follow the stated thresholds', () => {
    expect(levelFor(LEVEL_RULES.intro.maxGrade, LEVEL_RULES.intro.maxTargetsPer100)).toBe('intro');
    expect(levelFor(LEVEL_RULES.intro.maxGrade + 0.1, 1)).toBe('intermediate');
    expect(levelFor(7, LEVEL_RULES.intro.maxTargetsPer100 + 0.1)).toBe('intermediate');
    expect(levelFor(LEVEL_RULES.advanced.aboveGrade + 0.1, 1)).toBe('advanced');
    expect(levelFor(7, LEVEL_RULES.advanced.aboveTargetsPer100 + 0.1)).toBe('advanced');
  });

  const lib = loadLibrary(resolve('content'));
  it.each(lib.lessons.map((l) => [l.slug, l] as const))('%s is labelled with the level its measures give', (_slug, l) => {
    const excerpt = lib.excerpts.find((e) => e.slug === l.data.excerpt)!;
    const m = lessonMeasures(l.steps, excerpt);
    expect(l.data.level, `grade ${m.grade}, ${m.per100} scored phrases per 100 words`).toBe(m.level);
  });
});
