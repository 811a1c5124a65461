import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonOrder } from '../../src/lib/content/derive.ts';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { findExcerpt, findLesson, lessonTexts } from '../../src/lib/content/lookup.ts';

const lib = loadLibrary(resolve('content'));

describe('lookups by slug', () => {
  it('finds every lesson and excerpt, and nothing for unknown slugs', () => {
    for (const l of lib.lessons) expect(findLesson(lib, l.slug)).toBe(l);
    for (const e of lib.excerpts) expect(findExcerpt(lib, e.slug)).toBe(e);
    expect(findLesson(lib, 'no-such-lesson')).toBeUndefined();
    expect(findExcerpt(lib, 'no-such-excerpt')).toBeUndefined();
    expect(findExcerpt(lib, undefined)).toBeUndefined();
  });

  it("gives a lesson's main text and its control passage", () => {
    for (const l of lib.lessons) {
      const { excerpt, control } = lessonTexts(lib, l);
      expect(excerpt.slug).toBe(l.data.excerpt);
      expect(control?.slug).toBe(l.data.control);
    }
  });

  it('names the lesson file when its excerpt is missing', () => {
    const lesson = { ...lib.lessons[0], data: { ...lib.lessons[0].data, excerpt: 'gone' } };
    expect(() => lessonTexts(lib, lesson)).toThrow(`${lesson.file}: no excerpt "gone"`);
  });

  it('sorts the lesson order once, and callers may change their copy', () => {
    const first = lessonOrder(lib.lessons);
    first.reverse();
    expect(lessonOrder(lib.lessons)).not.toEqual(first);
    expect(lessonOrder(lib.lessons)[0].data.path).toBe(1);
  });
});
