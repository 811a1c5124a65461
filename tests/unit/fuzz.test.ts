/**
 * Everything that comes from outside (URL parameters, stored state, pasted
 * codes) goes through a parser that never throws and returns clean data.
 */
import { describe, expect, it } from 'vitest';
import { parseAssignment } from '../../src/lib/assignment.ts';
import { lessonStateFor, parseProgress, PROGRESS_VERSION } from '../../src/lib/progress.ts';
import { decodeResult } from '../../src/lib/result-code.ts';
import { PAYLOADS, randomString, randomValue, rng } from '../helpers/fuzz.ts';

const STEPS = ['sourcing-gap', 'emotive-language', 'unsupported-prediction', 'control'];
const N = 3000;

describe('fuzzing untrusted input', () => {
  it('assignment parameters: never throw, only known steps and booleans come out', () => {
    const next = rng(1);
    const inputs = [...PAYLOADS.map((p) => `?steps=${p}&hints=${p}`), ...Array.from({ length: N }, () => `?${randomString(next)}`)];
    for (const q of inputs) {
      const a = parseAssignment(q, STEPS);
      expect(a.steps.length).toBeGreaterThan(0);
      for (const s of a.steps) expect(STEPS).toContain(s);
      expect(typeof a.hints).toBe('boolean');
      expect(typeof a.answers).toBe('boolean');
    }
  });

  it('stored progress: never throws; whatever comes back is well-formed', () => {
    const next = rng(2);
    const raws = [
      ...PAYLOADS,
      ...Array.from({ length: N }, () => JSON.stringify(randomValue(next))),
      ...Array.from({ length: N }, () => JSON.stringify({ v: PROGRESS_VERSION, lessons: { [randomString(next, 12)]: randomValue(next), 'ok-lesson': randomValue(next) } })),
      ...Array.from({ length: 500 }, () => randomString(next)),
    ];
    for (const raw of raws) {
      const { progress } = parseProgress(raw);
      expect(progress.v).toBe(PROGRESS_VERSION);
      expect(Object.getPrototypeOf(progress.lessons)).toBe(Object.prototype);
      for (const [slug, lesson] of Object.entries(progress.lessons)) {
        expect(slug).toMatch(/^[a-z0-9-]{1,80}$/);
        const st = lessonStateFor(progress, slug, STEPS, { 'sourcing-gap': 50, 'emotive-language': 50, 'unsupported-prediction': 50, control: 10 });
        for (const s of Object.values(st.steps)) {
          expect(s.marks.every((m) => Number.isInteger(m) && m >= 0 && m < 50)).toBe(true);
          expect(typeof s.checked).toBe('boolean');
        }
        expect(typeof lesson.updated).toBe('number');
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('pasted result codes: never throw; failures always carry a message', () => {
    const next = rng(3);
    const inputs = [...PAYLOADS, ...PAYLOADS.map((p) => `RNC1.${p}.abc`), ...Array.from({ length: N }, () => (next() < 0.5 ? 'RNC1.' : '') + randomString(next, 300))];
    for (const code of inputs) {
      const d = decodeResult(code);
      if (!d.ok) expect(d.error.length).toBeGreaterThan(10);
      else expect(d.result.lesson).toMatch(/^[a-z0-9-]{1,80}$/);
    }
  });
});
