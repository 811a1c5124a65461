/**
 * Everything that comes from outside (URL parameters, stored state, pasted
 * codes) goes through a parser that never throws and returns clean data.
 * Property-based (fast-check): a failure is shrunk to a minimal input and
 * printed with the seed that replays it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAssignment } from '../../src/lib/learner/assignment.ts';
import { lessonStateFor, parseProgress, PROGRESS_VERSION } from '../../src/lib/learner/progress.ts';
import { decodeResult } from '../../src/lib/learner/result-code.ts';
import { jsonish, PAYLOADS, untrustedString } from '../helpers/fuzz.ts';

const STEPS = ['sourcing-gap', 'emotive-language', 'unsupported-prediction', 'control'];
const RUNS = 3000;

describe('untrusted input (property-based)', () => {
  it('assignment parameters: never throw, only known steps and booleans come out', () => {
    const query = fc.oneof(
      untrustedString().map((s) => `?${s}`),
      fc.tuple(untrustedString(40), untrustedString(40)).map(([s, h]) => `?steps=${s}&hints=${h}`),
    );
    fc.assert(
      fc.property(query, (q) => {
        const a = parseAssignment(q, STEPS);
        expect(a.steps.length).toBeGreaterThan(0);
        for (const s of a.steps) expect(STEPS).toContain(s);
        expect(typeof a.hints).toBe('boolean');
        expect(typeof a.answers).toBe('boolean');
      }),
      { numRuns: RUNS, examples: PAYLOADS.map((p) => [`?steps=${p}&hints=${p}`]) },
    );
  });

  it('stored progress: never throws; whatever comes back is well-formed', () => {
    const raw = fc.oneof(
      jsonish.map((v) => JSON.stringify(v) ?? 'undefined'),
      fc
        .tuple(untrustedString(12), jsonish, jsonish)
        .map(([slug, a, b]) => JSON.stringify({ v: PROGRESS_VERSION, lessons: { [slug]: a, 'ok-lesson': b } })),
      untrustedString(),
    );
    fc.assert(
      fc.property(raw, (r) => {
        const { progress } = parseProgress(r);
        expect(progress.v).toBe(PROGRESS_VERSION);
        expect(Object.getPrototypeOf(progress.lessons)).toBe(Object.prototype);
        for (const [slug, lesson] of Object.entries(progress.lessons)) {
          expect(slug).toMatch(/^[a-z0-9-]{1,80}$/);
          const st = lessonStateFor(progress, slug, STEPS, {
            'sourcing-gap': 50,
            'emotive-language': 50,
            'unsupported-prediction': 50,
            control: 10,
          });
          for (const s of Object.values(st.steps)) {
            expect(s.marks.every((m) => Number.isInteger(m) && m >= 0 && m < 50)).toBe(true);
            expect(typeof s.checked).toBe('boolean');
          }
          expect(typeof lesson.updated).toBe('number');
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 2 * RUNS, examples: PAYLOADS.map((p) => [p]) },
    );
  });

  it('pasted result codes: never throw; failures always carry a message', () => {
    const code = fc.oneof(
      untrustedString(300),
      untrustedString(300).map((s) => `RNC1.${s}`),
    );
    fc.assert(
      fc.property(code, (c) => {
        const d = decodeResult(c);
        if (!d.ok) expect(d.error.length).toBeGreaterThan(10);
        else expect(d.result.lesson).toMatch(/^[a-z0-9-]{1,80}$/);
      }),
      { numRuns: RUNS, examples: [...PAYLOADS, ...PAYLOADS.map((p) => `RNC1.${p}.abc`)].map((p) => [p]) },
    );
  });
});
