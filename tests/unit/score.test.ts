import { describe, expect, it } from 'vitest';
import { describeTally, isFound, scoreStep, tally, type Target } from '../../src/lib/score.ts';

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
    expect(r).toEqual({ found: ['reports', 'release', 'number'], missed: [], falseAlarms: [] });
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

  it('says when a false alarm is close to a flagged phrase', () => {
    const r = scoreStep(marks([15, 16]), targets, others);
    expect(r.falseAlarms).toEqual([{ a: 15, b: 16, nearId: 'reports' }]);
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
    const asEmotive = scoreStep(marks([5, 7]), multi.filter((t) => t.lenses.includes('emotive-language')));
    const asPrediction = scoreStep(marks([5, 7]), multi.filter((t) => t.lenses.includes('unsupported-prediction')));
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
    expect(describeTally(tally(r))).toBe('nothing to find here, 1 false alarm');
  });
});

describe('describeTally', () => {
  it('reports hits and false alarms separately', () => {
    expect(describeTally({ found: 6, total: 8, falseAlarms: 1 })).toBe('found 6 of 8, 1 false alarm');
    expect(describeTally({ found: 8, total: 8, falseAlarms: 0 })).toBe('found 8 of 8, 0 false alarms');
  });
});
