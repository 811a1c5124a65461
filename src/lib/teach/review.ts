/**
 * The teacher's review of pasted result codes: one row per student, a class
 * summary per lesson (most missed phrases, most over-flagged words) and a
 * CSV export. Pure: the page fetches lesson data and renders what this returns.
 */
import type { LessonData, LessonDataExcerpt } from './lesson-data.ts';
import { decodeResult, type ResultInput } from '../learner/result-code.ts';
import { describeDiscernment } from '../learner/score.ts';
import { stepLabel } from '../content/lenses.ts';

export const UNKNOWN_LESSON = 'This code is for a lesson this site does not have.';
export const LESSON_CHANGED = 'Lesson changed since this code was made; per-phrase details may not match.';
export const MAX_LINES = 1000;

export interface CodeLine {
  /** 1-based line number in the pasted text. */
  line: number;
  result: ResultInput;
}

export interface LineProblem {
  line: number;
  message: string;
}

export interface Duplicate {
  /** The line left out ... */
  line: number;
  /** ... because it is the same code as this earlier line. */
  of: number;
}

/** "Line 5 is the same code as line 2, so that learner is counted once." */
export function duplicateNotice(d: Duplicate): string {
  return `Line ${d.line} is the same code as line ${d.of}, so that learner is counted once.`;
}

/**
 * Decode pasted text, one code per line. Blank lines are skipped silently; the
 * same code pasted again is one learner (the repeat is listed in `duplicates`).
 */
export function readCodes(
  text: string,
  maxLines = MAX_LINES,
): { codes: CodeLine[]; problems: LineProblem[]; duplicates: Duplicate[] } {
  const codes: CodeLine[] = [];
  const problems: LineProblem[] = [];
  const duplicates: Duplicate[] = [];
  const seen = new Map<string, number>();
  const lines = String(text).split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    if (i > maxLines || raw.trim() === '') return;
    if (i === maxLines) {
      problems.push({ line: i + 1, message: `Only the first ${maxLines} lines are read; paste the rest separately.` });
      return;
    }
    const d = decodeResult(raw);
    if (!d.ok) {
      problems.push({ line: i + 1, message: d.error });
      return;
    }
    const same = JSON.stringify(d.result);
    const first = seen.get(same);
    if (first !== undefined) {
      duplicates.push({ line: i + 1, of: first });
      return;
    }
    seen.set(same, i + 1);
    codes.push({ line: i + 1, result: d.result });
  });
  return { codes, problems, duplicates };
}

export interface StepCell {
  id: string;
  label: string;
  found: number;
  /** found + missed */
  total: number;
  missed: number;
  falseAlarms: number;
}

export interface StudentRow {
  line: number;
  /** The learner's name, or "Student N" (N counts the rows, from 1). */
  name: string;
  named: boolean;
  lesson: string;
  lessonTitle: string;
  /** The code's steps, in the lesson's order (steps the lesson no longer has come last). */
  steps: StepCell[];
  found: number;
  total: number;
  missed: number;
  falseAlarms: number;
  /** "#5 “pro Syrian troops …”" for each missed phrase that could be looked up. */
  missedPhrases: string[];
  /** The words of each mark on words not flagged. */
  falseAlarmTexts: string[];
  /** Set when the lesson changed since the code was made. */
  warning?: string;
  /** Problems flagged in the lesson's text against flags on the careful report (when both were checked). */
  discernment?: { found: number; total: number; careful: number };
}

/** "you flagged 9 of 14 problems and 1 thing in the careful report", or '' when not both were checked. */
export function discernmentText(r: Pick<StudentRow, 'discernment'>): string {
  return r.discernment ? describeDiscernment(r.discernment.found, r.discernment.total, r.discernment.careful) : '';
}

/** Why a code's counts cannot be right for the lesson it names, or null. */
export function impossibleCounts(result: ResultInput, lesson: LessonData): string | null {
  if (result.fp !== lesson.fp) return null;
  for (const s of result.steps) {
    const info = lesson.steps.find((x) => x.id === s.id);
    if (!info || info.flagged === undefined) continue;
    if (s.found > info.flagged || s.found + s.missed > info.flagged) {
      return `It says ${s.found} found and ${s.missed} missed in “${info.label}”, but that step has only ${info.flagged} flagged ${info.flagged === 1 ? 'phrase' : 'phrases'}, so the code was changed by hand. It is left out of the class summary.`;
    }
  }
  return null;
}

export interface MissedPhrase {
  step: string;
  stepLabel: string;
  number: number;
  text: string;
  /** Students who missed it. */
  count: number;
  /** Students who checked this step. */
  of: number;
}

export interface OverFlagged {
  text: string;
  /** Students who flagged these words where nothing was to be found. */
  count: number;
  stepLabels: string[];
}

export interface LessonSummary {
  lesson: string;
  title: string;
  /** Student rows for this lesson. */
  students: number;
  /** Codes left out of the per-phrase lists because the lesson changed since. */
  stale: number;
  /** Class totals per step of the lesson. */
  steps: (StepCell & { students: number })[];
  /** Most missed first. */
  mostMissed: MissedPhrase[];
  /** Most flagged first. */
  overFlagged: OverFlagged[];
}

export interface Review {
  rows: StudentRow[];
  /** Codes whose counts are impossible for their lesson: listed with the reason, left out of rows and summaries. */
  impossible: LineProblem[];
  summaries: LessonSummary[];
  problems: LineProblem[];
}

function stepExcerpt(lesson: LessonData, stepId: string): LessonDataExcerpt | undefined {
  const step = lesson.steps.find((s) => s.id === stepId);
  return step ? lesson.excerpts.find((e) => e.slug === step.excerpt) : undefined;
}

function rangeText(ex: LessonDataExcerpt | undefined, [a, b]: [number, number]): string | undefined {
  if (!ex || b > ex.words.length) return undefined;
  return ex.words.slice(a, b).join(' ');
}

const byLine = (x: { line: number }, y: { line: number }) => x.line - y.line;

type Entry = { row: StudentRow; result: ResultInput };

/** A code's step cells in the lesson's step order (steps the lesson no longer has go last). */
function stepCells(lesson: LessonData, result: ResultInput): { steps: ResultInput['steps']; cells: StepCell[] } {
  const order = (id: string) => {
    const i = lesson.steps.findIndex((s) => s.id === id);
    return i === -1 ? lesson.steps.length : i;
  };
  const steps = [...result.steps].sort((x, y) => order(x.id) - order(y.id));
  const cells = steps.map((s) => ({
    id: s.id,
    label: lesson.steps.find((l) => l.id === s.id)?.label ?? stepLabel(s.id) ?? s.id,
    found: s.found,
    total: s.found + s.missed,
    missed: s.missed,
    falseAlarms: s.falseAlarms,
  }));
  return { steps, cells };
}

/** The words of each missed phrase and of each mark on words not flagged. */
function rowPhrases(row: StudentRow, lesson: LessonData, steps: ResultInput['steps']): void {
  for (const s of steps) {
    const ex = stepExcerpt(lesson, s.id);
    for (const n of s.missedNumbers) {
      const ann = ex?.anns.find((x) => x.number === n);
      row.missedPhrases.push(ann ? `#${n} “${ann.text}”` : `#${n}`);
    }
    for (const r of s.falseAlarmRanges) {
      const text = rangeText(ex, r);
      if (text !== undefined) row.falseAlarmTexts.push(text);
    }
  }
}

/** One student's row: cells per step, totals, phrases, and how well they told the texts apart. */
function studentRow(line: number, result: ResultInput, lesson: LessonData, nth: number): StudentRow {
  const { steps, cells } = stepCells(lesson, result);
  const row: StudentRow = {
    line,
    name: result.name ?? `Student ${nth}`,
    named: result.name !== undefined,
    lesson: lesson.slug,
    lessonTitle: lesson.title,
    steps: cells,
    found: 0,
    total: 0,
    missed: 0,
    falseAlarms: 0,
    missedPhrases: [],
    falseAlarmTexts: [],
  };
  for (const c of row.steps) {
    row.found += c.found;
    row.total += c.total;
    row.missed += c.missed;
    row.falseAlarms += c.falseAlarms;
  }
  rowPhrases(row, lesson, steps);
  if (result.fp !== lesson.fp) row.warning = LESSON_CHANGED;
  const careful = row.steps.find((c) => c.id === 'control');
  const lensCells = row.steps.filter((c) => c.id !== 'control');
  if (careful && lensCells.length > 0) {
    row.discernment = {
      found: lensCells.reduce((n, c) => n + c.found, 0),
      total: lensCells.reduce((n, c) => n + c.total, 0),
      careful: careful.falseAlarms,
    };
  }
  return row;
}

/** Class totals per step of the lesson. */
function stepTotals(lesson: LessonData, entries: readonly Entry[]): LessonSummary['steps'] {
  const steps = lesson.steps.map((s) => ({
    id: s.id,
    label: s.label,
    found: 0,
    total: 0,
    missed: 0,
    falseAlarms: 0,
    students: 0,
  }));
  for (const { row } of entries) {
    for (const c of row.steps) {
      const t = steps.find((s) => s.id === c.id);
      if (!t) continue;
      t.found += c.found;
      t.total += c.total;
      t.missed += c.missed;
      t.falseAlarms += c.falseAlarms;
      t.students += 1;
    }
  }
  return steps;
}

/** Which phrases were missed and which words over-flagged, by how many students (codes of the current lesson only). */
function phraseTallies(
  lesson: LessonData,
  steps: LessonSummary['steps'],
  current: readonly Entry[],
): Pick<LessonSummary, 'mostMissed' | 'overFlagged'> {
  const missed = new Map<string, MissedPhrase>();
  const flagged = new Map<string, { text: string; students: Set<number>; steps: Set<string> }>();
  for (const { row, result } of current) {
    for (const s of result.steps) {
      const info = steps.find((t) => t.id === s.id);
      const ex = stepExcerpt(lesson, s.id);
      if (!info || !ex) continue;
      for (const n of new Set(s.missedNumbers)) {
        const ann = ex.anns.find((x) => x.number === n);
        if (!ann) continue;
        const key = `${s.id}/${n}`;
        const m = missed.get(key) ?? {
          step: s.id,
          stepLabel: info.label,
          number: n,
          text: ann.text,
          count: 0,
          of: current.filter((e) => e.result.steps.some((x) => x.id === s.id)).length,
        };
        m.count += 1;
        missed.set(key, m);
      }
      for (const r of s.falseAlarmRanges) {
        const text = rangeText(ex, r);
        if (!text) continue;
        const key = text.toLocaleLowerCase('en');
        const f = flagged.get(key) ?? { text, students: new Set<number>(), steps: new Set<string>() };
        f.students.add(row.line);
        f.steps.add(info.label);
        flagged.set(key, f);
      }
    }
  }
  const stepOrder = (id: string) => steps.findIndex((s) => s.id === id);
  return {
    mostMissed: [...missed.values()].sort(
      (x, y) => y.count - x.count || stepOrder(x.step) - stepOrder(y.step) || x.number - y.number,
    ),
    overFlagged: [...flagged.values()]
      .map((f) => ({ text: f.text, count: f.students.size, stepLabels: [...f.steps] }))
      .sort((x, y) => y.count - x.count || x.text.localeCompare(y.text, 'en')),
  };
}

function lessonSummary(lesson: LessonData, entries: readonly Entry[]): LessonSummary {
  const steps = stepTotals(lesson, entries);
  const current = entries.filter(({ row }) => !row.warning);
  return {
    lesson: lesson.slug,
    title: lesson.title,
    students: entries.length,
    stale: entries.length - current.length,
    steps,
    ...phraseTallies(lesson, steps, current),
  };
}

/**
 * Rows, summaries and problems for decoded codes. `lessons` holds the data
 * of every lesson the site has that the codes name; a code for any other
 * lesson becomes a problem on its line.
 */
export function buildReview(codes: readonly CodeLine[], lessons: Readonly<Record<string, LessonData>>): Review {
  const rows: StudentRow[] = [];
  const problems: LineProblem[] = [];
  const impossible: LineProblem[] = [];
  const perLesson = new Map<string, { lesson: LessonData; entries: Entry[] }>();

  for (const { line, result } of [...codes].sort(byLine)) {
    const lesson = Object.hasOwn(lessons, result.lesson) ? lessons[result.lesson] : undefined;
    if (!lesson) {
      problems.push({ line, message: UNKNOWN_LESSON });
      continue;
    }
    const bad = impossibleCounts(result, lesson);
    if (bad) {
      impossible.push({ line, message: bad });
      continue;
    }
    const row = studentRow(line, result, lesson, rows.length + 1);
    rows.push(row);
    let group = perLesson.get(lesson.slug);
    if (!group) perLesson.set(lesson.slug, (group = { lesson, entries: [] }));
    group.entries.push({ row, result });
  }

  const summaries = [...perLesson.values()].map(({ lesson, entries }) => lessonSummary(lesson, entries));
  return { rows, summaries, problems: problems.sort(byLine), impossible: impossible.sort(byLine) };
}

// ---------- CSV ----------

/** One CSV field: formula-injection safe (a leading = + - @ tab or CR gets a '), then RFC 4180 quoted if needed. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV (RFC 4180: CRLF line ends, header row). One column group per step seen in any row. */
export function toCsv(rows: readonly StudentRow[]): string {
  const stepCols: { id: string; label: string }[] = [];
  for (const r of rows)
    for (const s of r.steps) if (!stepCols.some((c) => c.id === s.id)) stepCols.push({ id: s.id, label: s.label });
  const header = [
    'Line',
    'Student',
    'Lesson',
    'Found',
    'Out of',
    'Missed',
    'Marked but not flagged',
    ...stepCols.flatMap((c) => [`${c.label}: found`, `${c.label}: out of`, `${c.label}: marked but not flagged`]),
    'Told the texts apart',
    'Missed phrases',
    'Words marked but not flagged',
    'Note',
  ];
  const lines = [header];
  for (const r of rows) {
    lines.push([
      String(r.line),
      r.name,
      r.lessonTitle,
      String(r.found),
      String(r.total),
      String(r.missed),
      String(r.falseAlarms),
      ...stepCols.flatMap((c) => {
        const s = r.steps.find((x) => x.id === c.id);
        return s ? [String(s.found), String(s.total), String(s.falseAlarms)] : ['', '', ''];
      }),
      discernmentText(r),
      r.missedPhrases.join('; '),
      r.falseAlarmTexts.join('; '),
      r.warning ?? '',
    ]);
  }
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
