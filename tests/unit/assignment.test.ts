import { describe, expect, it } from 'vitest';
import { assignmentQuery, parseAssignment } from '../../src/lib/learner/assignment.ts';

const steps = ['sourcing-gap', 'emotive-language', 'unsupported-prediction', 'control'];

describe('assignment links', () => {
  it('round-trips a teacher’s choices', () => {
    const q = assignmentQuery({ steps: ['sourcing-gap', 'control'], hints: false, answers: true }, steps);
    expect(q).toBe('steps=sourcing-gap%2Ccontrol&hints=off&answers=on');
    expect(parseAssignment(`?${q}`, steps)).toEqual({
      steps: ['sourcing-gap', 'control'],
      hints: false,
      answers: true,
      assigned: true,
    });
  });

  it('defaults to everything on when there are no parameters', () => {
    expect(parseAssignment('', steps)).toEqual({ steps, hints: true, answers: true, assigned: false });
  });

  it('ignores bad or tampered values instead of failing', () => {
    for (const bad of [
      '?steps=<script>',
      '?steps=nope&hints=maybe&answers=1',
      '?%E0%A4%A',
      '?steps=' + 'x'.repeat(5000),
      '?hints[]=on',
      '?steps=,,,',
    ]) {
      const a = parseAssignment(bad, steps);
      expect(a.steps, bad).toEqual(steps);
      expect(a.hints).toBe(true);
      expect(a.answers).toBe(true);
    }
  });

  it('keeps lesson order and accepts repeated parameters', () => {
    expect(parseAssignment('?steps=control&steps=sourcing-gap', steps).steps).toEqual(['sourcing-gap', 'control']);
  });
});
