import { describe, expect, it } from 'vitest';
import {
  describeDiscernment,
  describeTally,
  isFound,
  scoreStep,
  tally,
  targetFound,
  type Target,
} from '../../src/lib/learner/score.ts';
import { excerptTokenData, keyTokens, tokenize } from '../../src/lib/learner/tokens.ts';
import { splitBlocks } from '../../src/lib/content/text.ts';

const T = (id: string, a: number, b: number, lenses = ['sourcing-gap']): Target => ({ id, a, b, lenses });
const marks = (...ranges: [number, number][]) => {
  const s = new Set<number>();
  for (const [a, b] of ranges) for (let i = a; i < b; i++) s.add(i);
  return s;
};

// A 100-word text with three sourcing targets and one emotive annotation.
const targets = [T('reports', 10, 13), T('release', 30, 41), T('number', 60, 61)];
const others = [T('loaded', 20, 22, ['emotive-language']), T('both', 30, 33, ['emotive-language'])];

describe('the found rule', () => {
  it('counts a reasonable part of a phrase', () => {
    expect(isFound(1, 1)).toBe(true);
    expect(isFound(2, 1)).toBe(true);
    expect(isFound(3, 1)).toBe(true);
    expect(isFound(4, 1)).toBe(false);
    expect(isFound(11, 3)).toBe(true);
    expect(isFound(11, 2)).toBe(false);
    expect(isFound(5, 0)).toBe(false);
  });
});

describe('scoreStep', () => {
  it('finds exact marks with no false alarms', () => {
    const r = scoreStep(marks([10, 13], [30, 41], [60, 61]), targets, others);
    expect(r).toEqual({
      found: ['reports', 'release', 'number'],
      missed: [],
      partial: [],
      arguable: [],
      defensible: [],
      falseAlarms: [],
    });
  });

  it('accepts partial marks of a long phrase and reports the rest as missed', () => {
    const r = scoreStep(marks([32, 36]), targets, others);
    expect(r.found).toEqual(['release']);
    expect(r.missed).toEqual(['reports', 'number']);
  });

  it('forgives a word or two of sloppy edges around a found phrase', () => {
    const r = scoreStep(marks([9, 14]), targets, others);
    expect(r.found).toEqual(['reports']);
    expect(r.falseAlarms).toEqual([]);
  });

  it('counts stray marks as a false alarm, and says when they belong to another lens', () => {
    const r = scoreStep(marks([20, 22]), targets, others);
    expect(r.falseAlarms).toEqual([{ a: 20, b: 22, otherId: 'loaded', otherLenses: ['emotive-language'] }]);
  });

  it('says "close" only when the stray mark touches a missed flagged phrase', () => {
    expect(scoreStep(marks([13, 14]), targets, others).falseAlarms).toEqual([{ a: 13, b: 14, nearId: 'reports' }]);
    // Two words away is not close: nothing flagged is there.
    expect(scoreStep(marks([15, 16]), targets, others).falseAlarms).toEqual([{ a: 15, b: 16 }]);
  });

  it('says "good eye" only when most of the marked words belong to the other lens', () => {
    expect(scoreStep(marks([19, 22]), targets, others).falseAlarms[0].otherId).toBe('loaded');
    expect(scoreStep(marks([18, 22]), targets, others).falseAlarms[0].otherId).toBeUndefined();
  });

  it('counts an isolated stray mark as a false alarm with no other hints', () => {
    const r = scoreStep(marks([80, 83]), targets, others);
    expect(r.falseAlarms).toEqual([{ a: 80, b: 83 }]);
  });

  it('makes marking everything score badly on false alarms', () => {
    const all = marks([0, 100]);
    const t = tally(scoreStep(all, targets, others));
    expect(t.found).toBe(3);
    expect(t.falseAlarms).toBeGreaterThanOrEqual(targets.length);
    const careful = tally(scoreStep(marks([10, 13], [30, 41]), targets, others));
    expect(careful.falseAlarms).toBe(0);
  });

  it('counts a span with several lenses under each lens it has', () => {
    const multi = [T('both', 5, 7, ['emotive-language', 'unsupported-prediction'])];
    const asEmotive = scoreStep(
      marks([5, 7]),
      multi.filter((t) => t.lenses.includes('emotive-language')),
    );
    const asPrediction = scoreStep(
      marks([5, 7]),
      multi.filter((t) => t.lenses.includes('unsupported-prediction')),
    );
    expect(asEmotive.found).toEqual(['both']);
    expect(asPrediction.found).toEqual(['both']);
  });

  it('handles overlapping targets of different lenses independently', () => {
    // "release" (sourcing) overlaps "both" (emotive): marking the overlap finds one, not a false alarm.
    const r = scoreStep(marks([30, 33]), targets, others);
    expect(r.found).toContain('release');
    expect(r.falseAlarms).toEqual([]);
  });

  it('scores a control passage: nothing to find, every mark a false alarm', () => {
    const r = scoreStep(marks([3, 5]), []);
    expect(tally(r)).toEqual({ found: 0, total: 0, falseAlarms: 1 });
    expect(describeTally(tally(r))).toBe('nothing to find here, 1 mark on words not flagged here');
  });
});

describe('describeTally', () => {
  it('reports hits and false alarms separately', () => {
    expect(describeTally({ found: 6, total: 8, falseAlarms: 1 })).toBe('found 6 of 8, 1 mark on words not flagged here');
    expect(describeTally({ found: 8, total: 8, falseAlarms: 0 })).toBe('found 8 of 8, 0 marks on words not flagged here');
    expect(describeTally({ found: 8, total: 8, falseAlarms: 0 })).not.toMatch(/false alarm/);
  });
});

// Synthetic excerpts: the real content changes under other hands.
function excerpt(
  text: string,
  anns: { id: string; quote: string; key?: string[]; scored?: boolean; lens?: string }[],
  def: { quote: string; reason: string; lens?: string }[] = [],
) {
  const blocks = splitBlocks(text);
  const span = (q: string) => {
    const start = text.indexOf(q);
    if (start < 0) throw new Error(q);
    return { start, end: start + q.length };
  };
  const data = excerptTokenData(
    'x',
    text,
    blocks,
    anns.map((a, i) => ({
      id: a.id,
      number: i + 1,
      ...span(a.quote),
      lenses: [a.lens ?? 'unsupported-prediction'],
      key: a.key,
      scored: a.scored,
    })),
    def.map((d) => ({ ...span(d.quote), lenses: [d.lens ?? 'unsupported-prediction'], reason: d.reason })),
  );
  const words = tokenize(text, blocks).map((t) => text.slice(t.start, t.end));
  const at = (w: string, nth = 0) => {
    const hits = words.flatMap((x, i) => (x === w ? [i] : []));
    if (hits[nth] === undefined) throw new Error(w);
    return hits[nth];
  };
  return { data, words, at };
}

describe('key-word credit', () => {
  const ex = excerpt('Headline\n\nThe US is certainly preparing for another assault on the town. Officials will likely stay.', [
    { id: 'certainly', quote: 'The US is certainly preparing for another assault', key: ['certainly'] },
    { id: 'likely', quote: 'will likely stay' },
  ]);
  const [certainly, likely] = ex.data.anns;

  it('finds the key words inside the phrase, and derives content words when there is no key', () => {
    expect(certainly.k).toEqual([ex.at('certainly')]);
    expect(likely.k).toEqual([ex.at('likely'), ex.at('stay')]);
    expect(likely.f).toEqual([ex.at('will')]);
    expect(keyTokens(['the', 'official', 'release'], 0, 3, ['official release'])).toEqual([1, 2]);
    expect(keyTokens(['will', 'be'], 0, 2, undefined)).toEqual([0, 1]);
  });

  it('counts marking only the key word as found, where the old share rule did not', () => {
    const one = new Set([ex.at('certainly')]);
    expect(isFound(certainly.b - certainly.a, 1)).toBe(false);
    expect(targetFound(certainly, one)).toBe(true);
    expect(scoreStep(one, [certainly]).found).toEqual(['certainly']);
    expect(scoreStep(new Set([ex.at('likely')]), [likely]).found).toEqual(['likely']);
  });

  it('never counts function words alone, and names the key words in its answer', () => {
    const fn = new Set([ex.at('The'), ex.at('is')]);
    const r = scoreStep(fn, [certainly]);
    expect(r.found).toEqual([]);
    expect(r.partial).toEqual(['certainly']);
    expect(r.falseAlarms).toEqual([]);
    expect(scoreStep(new Set([ex.at('will')]), [likely]).found).toEqual([]);
  });

  it('still counts a reasonable part of the phrase', () => {
    const part = new Set([ex.at('preparing'), ex.at('for'), ex.at('another')]);
    expect(scoreStep(part, [certainly]).found).toEqual(['certainly']);
  });
});

describe('arguable and defensible phrases', () => {
  const ex = excerpt(
    'Headline\n\nThe Assad regime said the talks were a disaster for everyone involved in them.',
    [
      { id: 'regime', quote: 'Assad regime', scored: false, lens: 'emotive-language' },
      { id: 'disaster', quote: 'a disaster', lens: 'emotive-language' },
    ],
    [{ quote: 'everyone involved', reason: 'A sweeping word, though here it is literal.', lens: 'emotive-language' }],
  );
  const targets = ex.data.anns;

  it('never counts an unscored phrase as missed, and answers it when marked', () => {
    const none = scoreStep(new Set(), targets, [], ex.data.def);
    expect(none.missed).toEqual(['disaster']);
    expect(tally(none).total).toBe(1);
    const r = scoreStep(new Set([ex.at('regime')]), targets, [], ex.data.def);
    expect(r.arguable).toEqual(['regime']);
    expect(r.falseAlarms).toEqual([]);
  });

  it('answers a defensible phrase with its reason and does not count it against the learner', () => {
    const r = scoreStep(new Set([ex.at('everyone'), ex.at('involved')]), targets, [], ex.data.def);
    expect(r.defensible).toEqual([
      { a: ex.at('everyone'), b: ex.at('involved') + 1, reason: 'A sweeping word, though here it is literal.' },
    ]);
    expect(r.falseAlarms).toEqual([]);
    expect(tally(r).falseAlarms).toBe(0);
  });
});

describe('discernment', () => {
  it('says what was flagged where, in words', () => {
    expect(describeDiscernment(9, 14, 1)).toBe('you flagged 9 of 14 problems and 1 thing in the careful report');
    expect(describeDiscernment(1, 1, 0)).toBe('you flagged 1 of 1 problem and 0 things in the careful report');
  });
});
