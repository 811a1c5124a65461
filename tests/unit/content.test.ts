/** The library as a teacher needs it: complete lessons, every technique used, one path. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instancesOf, lessonOrder } from '../../src/lib/derive.ts';
import { LENS_IDS } from '../../src/lib/lenses.ts';
import { loadLibrary } from '../../src/lib/load.ts';

const lib = loadLibrary(resolve('content'));

describe('the lesson library', () => {
  it('has at least 8 lessons over at least 6 topics and all three levels, 15 to 45 minutes each', () => {
    expect(lib.lessons.length).toBeGreaterThanOrEqual(8);
    expect(new Set(lib.lessons.map((l) => l.data.topic)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(lib.lessons.map((l) => l.data.level))).toEqual(new Set(['intro', 'intermediate', 'advanced']));
    for (const l of lib.lessons) {
      expect(l.data.minutes, l.slug).toBeGreaterThanOrEqual(15);
      expect(l.data.minutes, l.slug).toBeLessThanOrEqual(45);
    }
  });

  it.each(lib.lessons.map((l) => [l.slug, l] as const))('%s has every required part', (_slug, l) => {
    expect(l.data.questions.length).toBeGreaterThan(0);
    expect(l.data.objectives.length).toBeGreaterThan(0);
    expect(l.data.keyPoints.length).toBeGreaterThan(0);
    expect(l.data.discussion.length).toBeGreaterThan(0);
    expect(l.data.misconceptions.length).toBeGreaterThan(0);
    expect(l.data.control, 'control passage').toBeTruthy();
    expect(l.body).toMatch(/<Walkthrough>[\s\S]*<Step lens="[a-z-]+"[\s\S]*<ControlStep>[\s\S]*<\/Walkthrough>/);
    expect(l.body).toContain('<AnnotatedExcerpt');
    expect(l.body).toMatch(/^## Debrief/m);
    const excerpt = lib.excerpts.find((e) => e.slug === l.data.excerpt)!;
    for (const a of excerpt.annotations) {
      expect(a.note.length, a.id).toBeGreaterThan(20);
      expect(a.question, `${a.id} question`).toBeTruthy();
      if (a.lenses.includes('sourcing-gap')) expect(a.check, `${a.id} check`).toBeTruthy();
    }
    // Texts not taken from a publication are labelled as constructed.
    if (!excerpt.meta.outlet) expect(excerpt.meta.constructed).toBe(true);
  });

  it('has at least two lessons that focus on one lens, and one calm, well-sourced main text', () => {
    const oneLens = lib.lessons.filter((l) => (l.body.match(/<Step lens=/g) ?? []).length === 1);
    expect(oneLens.length).toBeGreaterThanOrEqual(2);
    const calm = lib.lessons.filter((l) => lib.excerpts.find((e) => e.slug === l.data.excerpt)!.annotations.length <= 4);
    expect(calm.length).toBeGreaterThanOrEqual(1);
  });

  it('uses every sub-kind at least twice', () => {
    for (const t of lib.techniques.filter((x) => !x.isLens)) {
      expect(instancesOf(lib, t).length, t.id).toBeGreaterThanOrEqual(2);
    }
    for (const lens of LENS_IDS) expect(lib.techniques.some((t) => t.id === lens)).toBe(true);
  });

  it('puts every lesson on the start-here path exactly once, numbered 1..n', () => {
    const path = lessonOrder(lib.lessons).map((l) => l.data.path);
    expect(path).toEqual(lib.lessons.map((_, i) => i + 1));
  });
});
