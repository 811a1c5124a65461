import { describe, expect, it } from 'vitest';
import { emptyProgress, lessonStateFor, parseProgress, pickFirst, sanitizeStep } from '../../src/lib/learner/progress.ts';

describe('parseProgress', () => {
  it('treats nothing stored as a fresh start, not corruption', () => {
    expect(parseProgress(null)).toEqual({ progress: emptyProgress(), corrupt: false });
    expect(parseProgress('')).toEqual({ progress: emptyProgress(), corrupt: false });
  });

  it('flags unreadable JSON and wrong versions as corrupt', () => {
    for (const raw of ['{not json', '[]', '42', '{"v":2,"lessons":{}}', '{"v":1}', 'null', '{"v":1,"lessons":[]}']) {
      const r = parseProgress(raw);
      expect(r.corrupt, raw).toBe(true);
      expect(r.progress).toEqual(emptyProgress());
    }
  });

  it('keeps good lessons and drops bad parts', () => {
    const raw = JSON.stringify({
      v: 1,
      lessons: {
        good: {
          steps: { 'sourcing-gap': { marks: [3, 1, 1, -2, 'x', 2.5, 7], checked: true, hints: 9, revealed: 'yes' } },
          updated: 5,
          current: 'sourcing-gap',
        },
        'Bad Slug<script>': { steps: {} },
        broken: 'nope',
      },
    });
    const { progress, corrupt } = parseProgress(raw);
    expect(corrupt).toBe(false);
    expect(Object.keys(progress.lessons)).toEqual(['good']);
    expect(progress.lessons.good.steps['sourcing-gap']).toEqual({ marks: [1, 3, 7], checked: true, hints: 2, revealed: false });
  });
});

describe('lessonStateFor', () => {
  it('keeps only steps the lesson still has and drops marks beyond the text', () => {
    const progress = parseProgress(
      JSON.stringify({
        v: 1,
        lessons: { l: { steps: { old: { marks: [1] }, control: { marks: [2, 50] } }, current: 'old', updated: 1 } },
      }),
    ).progress;
    const st = lessonStateFor(progress, 'l', ['sourcing-gap', 'control'], { 'sourcing-gap': 100, control: 10 });
    expect(Object.keys(st.steps)).toEqual(['sourcing-gap', 'control']);
    expect(st.steps.control.marks).toEqual([2]);
    expect(st.current).toBe('sourcing-gap');
  });

  it('sanitizes anything that is not an object', () => {
    expect(sanitizeStep(undefined)).toEqual({ marks: [], checked: false, hints: 0, revealed: false });
  });
});

describe('blind text order and marks on the second text', () => {
  it("keeps a learner's text order and the marks on the careful report, cleaned", () => {
    const { progress } = parseProgress(
      JSON.stringify({
        v: 1,
        lessons: {
          l: {
            steps: { 'sourcing-gap': { marks: [1], other: [4, 2, 2, -1, 99, 'x'], checked: true } },
            updated: 5,
            first: 'control',
          },
        },
      }),
    );
    const st = lessonStateFor(progress, 'l', ['sourcing-gap'], { 'sourcing-gap': 10 }, { 'sourcing-gap': 50 });
    expect(st.first).toBe('control');
    expect(st.steps['sourcing-gap'].other).toEqual([2, 4]);
  });

  it('drops an unknown order value', () => {
    const { progress } = parseProgress(JSON.stringify({ v: 1, lessons: { l: { steps: {}, updated: 5, first: 'sideways' } } }));
    expect(lessonStateFor(progress, 'l', ['control'], { control: 3 }).first).toBeUndefined();
  });

  it('picks either order', () => {
    expect(pickFirst(() => 0.1)).toBe('main');
    expect(pickFirst(() => 0.9)).toBe('control');
  });
});
