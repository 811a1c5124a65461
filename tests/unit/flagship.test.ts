/** The flagship lesson as issue 13 left it: honest, thinned, last on the path, with an invented companion. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonOrder } from '../../src/lib/content/derive.ts';
import { loadLibrary } from '../../src/lib/content/load.ts';

const lib = loadLibrary(resolve('content'));
const lesson = lib.lessons.find((l) => l.slug === 'staging-up-for-another-assault')!;
const text = lib.excerpts.find((e) => e.slug === lesson.data.excerpt)!;
const control = lib.excerpts.find((e) => e.slug === lesson.data.control)!;

describe('the flagship', () => {
  it('is the advanced capstone at the end of the start-here path, with a content note', () => {
    expect(lesson.data.level).toBe('advanced');
    expect(lessonOrder(lib.lessons).at(-1)!.slug).toBe(lesson.slug);
    expect(lesson.data.contentNote).toMatch(/graphic|gory|deaths/i);
    expect(lesson.body).toMatch(/Do not read the gory lines aloud/);
    expect(lesson.body).toMatch(/substitute lesson/);
  });

  it('has about 20–24 scored targets, with learner notes of about 60 words at most', () => {
    const scored = text.annotations.filter((a) => a.scored !== false);
    expect(scored.length).toBeGreaterThanOrEqual(20);
    expect(scored.length).toBeLessThanOrEqual(24);
    for (const a of text.annotations) expect(a.note.split(/\s+/).length, a.id).toBeLessThanOrEqual(60);
    for (const id of ['assad-regime', 'f22-dedicated']) expect(text.annotations.find((a) => a.id === id)?.scored, id).toBe(false);
    expect(text.annotations.some((a) => /head to head/.test(a.text))).toBe(false);
    expect(text.annotations.find((a) => a.id === 'falsification-asserted')!.lenses).toEqual(['sourcing-gap']);
    // One note for the repeated "massive": the other two are listed, not scored.
    expect(text.annotations.filter((a) => /massive/i.test(a.text))).toHaveLength(1);
    expect(text.defensible.filter((d) => /massive/i.test(d.text))).toHaveLength(2);
  });

  it('teaches what happened next, hedged, and that unsupported is not false', () => {
    expect(lesson.body).toMatch(/<TeacherNote title="What happened next">/);
    expect(lesson.body).toMatch(/unsupported is not the same as false/);
    expect(lesson.body).toMatch(/other reports at the time credited/i);
    expect(lesson.body).not.toMatch(/appears nowhere/);
    expect(text.annotations.map((a) => a.note).join(' ')).not.toMatch(/contradicts|appears nowhere/);
  });

  it('has a companion that is invented throughout and needs no flag', () => {
    expect(control.meta.constructed).toBe(true);
    expect(control.meta.provenance).toMatch(/fictional/i);
    expect(control.meta.publisher).toMatch(/fictional/i);
    expect(control.text).not.toMatch(/Deir|Syria|Russia|coalition|SANA|Euphrates|Islamic State/i);
    expect(control.annotations).toEqual([]);
  });
});
