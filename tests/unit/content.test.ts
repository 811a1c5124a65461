/** The library as a teacher needs it: complete lessons, every technique used, one path. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instancesOf, lessonOrder } from '../../src/lib/content/derive.ts';
import { LENS_IDS } from '../../src/lib/content/lenses.ts';
import { loadLibrary } from '../../src/lib/content/load.ts';
import type { Library, Technique } from '../../src/lib/content/validate.ts';

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

  // Every lesson's required parts (discussion, misconceptions, control passage, walkthrough steps,
  // <AnnotatedExcerpt />, ## Debrief) and every annotation's note, question and sourcing-gap check
  // are rules of the content contract now (src/lib/content/validate.ts, lesson-rules.ts): loadLibrary above
  // throws if any lesson breaks them, and tests/unit/contract.test.ts shows each rule failing.

  it('has at least two lessons that focus on one lens, and one calm, well-sourced main text', () => {
    const oneLens = lib.lessons.filter((l) => l.steps.filter((s) => s !== 'control').length === 1);
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

describe('instancesOf', () => {
  /** Every annotation of every lesson's texts that names the technique, by a plain scan. */
  const scan = (l: Library, t: Technique) =>
    lessonOrder(l.lessons).flatMap((lesson) =>
      [lesson.data.excerpt, lesson.data.control].flatMap((slug, i) => {
        const excerpt = l.excerpts.find((e) => e.slug === slug);
        const hits =
          excerpt?.annotations.filter((a) => (t.isLens ? (a.lenses as string[]).includes(t.id) : a.kinds.includes(t.id))) ?? [];
        return hits.map((a) => `${lesson.slug}/${excerpt!.slug}/${a.id}/${i === 1 ? 'control' : 'main'}`);
      }),
    );
  const ids = (list: ReturnType<typeof instancesOf>) =>
    list.map((i) => `${i.lesson.slug}/${i.excerpt.slug}/${i.ann.id}/${i.isControl ? 'control' : 'main'}`);

  it('finds, in lesson order, every annotation of every technique and nothing else', () => {
    for (const t of lib.techniques) expect(ids(instancesOf(lib, t)), t.id).toEqual(scan(lib, t));
  });

  it('answers each library from its own lessons (dev reloads content), and hands out copies', () => {
    const fewer: Library = { ...lib, lessons: lib.lessons.slice(0, 2) };
    for (const t of lib.techniques) expect(ids(instancesOf(fewer, t)), t.id).toEqual(scan(fewer, t));
    const lens = lib.techniques.find((t) => t.isLens)!;
    const first = instancesOf(lib, lens);
    first.length = 0;
    expect(instancesOf(lib, lens).length).toBeGreaterThan(0);
  });
});
