import { describe, expect, it } from 'vitest';
import type { LessonData } from '../../src/lib/teach/lesson-data.ts';
import { encodeResult, MESSAGES, type ResultInput, type StepOutcome } from '../../src/lib/learner/result-code.ts';
import {
  buildReview,
  csvCell,
  discernmentText,
  duplicateNotice,
  LESSON_CHANGED,
  readCodes,
  toCsv,
  UNKNOWN_LESSON,
  type CodeLine,
} from '../../src/lib/teach/review.ts';

const words = 'Officials say the terrible storm will surely return next week according to reports'.split(' ');
const lesson: LessonData = {
  slug: 'storm',
  title: 'A storm report',
  fp: 'abc123',
  steps: [
    { id: 'sourcing-gap', label: 'Sourcing gap', excerpt: 'storm-text' },
    { id: 'emotive-language', label: 'Emotive language', excerpt: 'storm-text' },
    { id: 'control', label: 'Control passage', excerpt: 'calm-text' },
  ],
  excerpts: [
    {
      slug: 'storm-text',
      words,
      anns: [
        { id: 'officials', number: 1, a: 0, b: 2, lenses: ['sourcing-gap'], text: 'Officials say' },
        { id: 'terrible', number: 2, a: 3, b: 4, lenses: ['emotive-language'], text: 'terrible' },
        { id: 'reports', number: 3, a: 10, b: 13, lenses: ['sourcing-gap'], text: 'according to reports' },
      ],
    },
    { slug: 'calm-text', words: ['The', 'council', 'met', 'on', 'Monday'], anns: [] },
  ],
};

const step = (id: string, found: number, missedNumbers: number[], falseAlarmRanges: [number, number][] = []): StepOutcome => ({
  id,
  found,
  missed: missedNumbers.length,
  falseAlarms: falseAlarmRanges.length,
  missedNumbers,
  falseAlarmRanges,
});

const results: ResultInput[] = [
  {
    lesson: 'storm',
    fp: 'abc123',
    name: 'Ana',
    steps: [step('sourcing-gap', 1, [3], [[5, 6]]), step('emotive-language', 1, []), step('control', 0, [], [[1, 2]])],
  },
  {
    lesson: 'storm',
    fp: 'abc123',
    steps: [
      step('control', 0, [], []),
      step(
        'sourcing-gap',
        0,
        [1, 3],
        [
          [5, 6],
          [7, 8],
        ],
      ),
      step('emotive-language', 0, [2]),
    ],
  },
  { lesson: 'storm', fp: 'abc123', name: 'Ben', steps: [step('sourcing-gap', 1, [3], [[5, 6]])] },
  { lesson: 'storm', fp: 'old999', name: 'Cy', steps: [step('sourcing-gap', 0, [1, 3], [[2, 4]])] },
];
const codes: CodeLine[] = results.map((result, i) => ({ line: i + 2, result }));

describe('readCodes', () => {
  it('reads one code per line, skips blank lines and reports the others by line', () => {
    const text = [
      encodeResult(results[0]),
      '',
      '   ',
      'hello there',
      encodeResult(results[2]).slice(0, -2),
      encodeResult(results[1]),
    ].join('\r\n');
    const { codes: read, problems } = readCodes(text);
    expect(read.map((c) => c.line)).toEqual([1, 6]);
    expect(read[0].result).toEqual(results[0]);
    expect(problems).toEqual([
      { line: 4, message: MESSAGES.notCode },
      { line: 5, message: MESSAGES.truncated },
    ]);
  });

  it('reads at most the line limit', () => {
    const { problems } = readCodes('x\n'.repeat(10), 3);
    expect(problems.map((p) => p.line)).toEqual([1, 2, 3, 4]);
    expect(problems[3].message).toMatch(/Only the first 3 lines/);
  });
});

describe('buildReview', () => {
  const review = buildReview(codes, { storm: lesson });

  it('makes one row per student, with names or "Student N" and per-step tallies in lesson order', () => {
    expect(review.rows.map((r) => r.name)).toEqual(['Ana', 'Student 2', 'Ben', 'Cy']);
    const [ana, second] = review.rows;
    expect(ana.named).toBe(true);
    expect(second.named).toBe(false);
    expect(ana.lessonTitle).toBe('A storm report');
    expect(second.steps.map((s) => s.id)).toEqual(['sourcing-gap', 'emotive-language', 'control']);
    expect(second.steps[0]).toEqual({ id: 'sourcing-gap', label: 'Sourcing gap', found: 0, total: 2, missed: 2, falseAlarms: 2 });
    expect([ana.found, ana.total, ana.missed, ana.falseAlarms]).toEqual([2, 3, 1, 2]);
    expect(ana.missedPhrases).toEqual(['#3 “according to reports”']);
    // The control step's range reads the control passage's words.
    expect(ana.falseAlarmTexts).toEqual(['will', 'council']);
  });

  it('warns when the lesson changed since the code was made, and leaves that code out of the phrase lists', () => {
    expect(review.rows.map((r) => r.warning)).toEqual([undefined, undefined, undefined, LESSON_CHANGED]);
    const [s] = review.summaries;
    expect(s.students).toBe(4);
    expect(s.stale).toBe(1);
  });

  it('summarises the class: most missed phrases first, with text and counts', () => {
    const [s] = review.summaries;
    expect(s.steps.find((x) => x.id === 'sourcing-gap')).toMatchObject({ found: 2, total: 8, falseAlarms: 5, students: 4 });
    expect(s.mostMissed.map((m) => [m.text, m.count, m.of])).toEqual([
      ['according to reports', 3, 3],
      ['Officials say', 1, 3],
      ['terrible', 1, 2],
    ]);
    expect(s.mostMissed[0]).toMatchObject({ step: 'sourcing-gap', stepLabel: 'Sourcing gap', number: 3 });
  });

  it('groups identical over-flagged words across students and steps', () => {
    const [s] = review.summaries;
    expect(s.overFlagged).toEqual([
      { text: 'will', count: 3, stepLabels: ['Sourcing gap'] },
      { text: 'council', count: 1, stepLabels: ['Control passage'] },
      { text: 'return', count: 1, stepLabels: ['Sourcing gap'] },
    ]);
  });

  it('ignores phrase numbers and ranges the lesson does not have', () => {
    const odd: CodeLine = {
      line: 1,
      result: { lesson: 'storm', fp: 'abc123', steps: [step('sourcing-gap', 0, [99], [[10, 500]])] },
    };
    const r = buildReview([odd], { storm: lesson });
    expect(r.rows[0].missedPhrases).toEqual(['#99']);
    expect(r.rows[0].falseAlarmTexts).toEqual([]);
    expect(r.summaries[0].mostMissed).toEqual([]);
    expect(r.summaries[0].overFlagged).toEqual([]);
  });

  it('reports codes for lessons it was not given, by line', () => {
    const r = buildReview(
      [
        ...codes,
        { line: 9, result: { lesson: 'nope', fp: 'a', steps: [] } },
        { line: 1, result: { lesson: 'constructor', fp: 'a', steps: [] } },
      ],
      { storm: lesson },
    );
    expect(r.problems).toEqual([
      { line: 1, message: UNKNOWN_LESSON },
      { line: 9, message: UNKNOWN_LESSON },
    ]);
    expect(r.rows).toHaveLength(4);
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(12)).toBe('12');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses spreadsheet formulas', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes a header and one row per student, with step columns', () => {
    const rows = buildReview(codes, { storm: lesson }).rows;
    const evil = { ...rows[2], name: '=cmd|" /C calc"!A0' };
    const csv = toCsv([rows[0], rows[1], evil, rows[3]]);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'Line,Student,Lesson,Found,Out of,Missed,Marked but not flagged,Sourcing gap: found,Sourcing gap: out of,Sourcing gap: marked but not flagged,Emotive language: found,Emotive language: out of,Emotive language: marked but not flagged,Control passage: found,Control passage: out of,Control passage: marked but not flagged,Told the texts apart,Missed phrases,Words marked but not flagged,Note',
    );
    expect(lines[1]).toBe(
      '2,Ana,A storm report,2,3,1,2,1,2,1,1,1,0,0,0,1,you flagged 2 of 3 problems and 1 thing in the careful report,#3 “according to reports”,will; council,',
    );
    expect(lines[3]).toBe(`4,"'=cmd|"" /C calc""!A0",A storm report,1,2,1,1,1,2,1,,,,,,,,#3 “according to reports”,will,`);
    expect(lines[4].endsWith(`,${LESSON_CHANGED}`)).toBe(true);
    expect(lines).toHaveLength(6);
  });
});

describe('duplicates, impossible counts and discernment', () => {
  it('counts the same code pasted twice as one learner and names the duplicate lines', () => {
    const a = encodeResult(results[0]);
    const { codes: read, duplicates } = readCodes([a, encodeResult(results[2]), ` ${a} `].join('\n'));
    expect(read.map((c) => c.line)).toEqual([1, 2]);
    expect(duplicates).toEqual([{ line: 3, of: 1 }]);
    expect(duplicateNotice(duplicates[0])).toBe('Line 3 is the same code as line 1, so that learner is counted once.');
  });

  it('lists codes with more found than flagged, with a reason, and leaves them out of the summary', () => {
    const flagged: LessonData = {
      ...lesson,
      steps: lesson.steps.map((s) => ({ ...s, flagged: s.id === 'sourcing-gap' ? 2 : s.id === 'emotive-language' ? 1 : 0 })),
    };
    const forged: ResultInput = { lesson: 'storm', fp: 'abc123', name: 'Eve', steps: [step('sourcing-gap', 9, [])] };
    const review = buildReview([...codes, { line: 9, result: forged }], { storm: flagged });
    expect(review.rows.map((r) => r.name)).not.toContain('Eve');
    expect(review.impossible).toHaveLength(1);
    expect(review.impossible[0].line).toBe(9);
    expect(review.impossible[0].message).toContain('only 2 flagged phrases');
    const src = review.summaries[0].steps.find((s) => s.id === 'sourcing-gap')!;
    expect(src.found).toBe(2);
  });

  it('reports discernment: problems found against flags on the careful report', () => {
    const rows = buildReview(codes, { storm: lesson }).rows;
    expect(discernmentText(rows[0])).toBe('you flagged 2 of 3 problems and 1 thing in the careful report');
    expect(discernmentText(rows[2])).toBe('');
    expect(rows.every((r) => Number.isInteger(r.line))).toBe(true);
  });
});
