/**
 * Content problems, and how they are written for authors: which file, which
 * annotation, which quote, what is wrong and exactly what to do about it.
 */
import type { ZodError } from 'zod';

export interface ContentIssue {
  file: string;
  line?: number;
  /** The annotation's id, for problems in an annotation file. */
  annotation?: string;
  /** Any other item of a file, as shown to authors: `term "Hedging"`, `rule 3 (vague-reports)`. */
  item?: string;
  quote?: string;
  problem: string;
  fix: string;
  detail?: string[];
}

/** Text on one line: a quote with line breaks is printed with spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** At most `max` characters, cut at a word boundary with an ellipsis: for quoting another annotation. */
export function brief(text: string, max = 40): string {
  const t = oneLine(text).trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function formatIssue(issue: ContentIssue): string {
  const where = issue.file + (issue.line ? `:${issue.line}` : '');
  const who = issue.annotation ? ` — annotation "${issue.annotation}"` : issue.item ? ` — ${issue.item}` : '';
  const lines = [`${where}${who}`];
  if (issue.quote !== undefined) lines.push(`  Quote:   "${oneLine(issue.quote)}"`);
  lines.push(`  Problem: ${oneLine(issue.problem)}`);
  for (const d of issue.detail ?? []) lines.push(`           ${oneLine(d)}`);
  lines.push(`  Fix:     ${oneLine(issue.fix)}`);
  return lines.join('\n');
}

/** Notes: things the checker changed or wants an author to know, which do not stop the build. */
export function formatNotes(notes: ContentIssue[]): string {
  return notes.map((n) => formatIssue(n).replace('  Problem: ', '  Note:    ')).join('\n\n');
}

export function formatIssues(issues: ContentIssue[]): string {
  const n = issues.length;
  const head = `${n} content problem${n === 1 ? '' : 's'} found. Nothing was built; fix ${n === 1 ? 'it' : 'them'} and run again.`;
  return [head, ...issues.map(formatIssue)].join('\n\n');
}

export class ContentError extends Error {
  readonly issues: ContentIssue[];
  constructor(issues: ContentIssue[]) {
    super(formatIssues(issues));
    this.issues = issues;
    this.name = 'ContentError';
  }
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return 'a date';
  return `${typeof v} ${JSON.stringify(v)}`.slice(0, 60);
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/**
 * Turn schema errors into author-facing issues. `known` lists the allowed
 * field names, so an unknown one can be answered with the right spelling.
 */
export function issuesFromZod(
  error: ZodError,
  input: unknown,
  base: Omit<ContentIssue, 'problem' | 'fix'>,
  where: string,
  known: string[],
): ContentIssue[] {
  return error.issues.map((zi) => {
    const field = zi.path.map(String).join('.') || '(top level)';
    const got = valueAt(input, zi.path);
    if (zi.code === 'unrecognized_keys') {
      const keys = (zi as { keys: string[] }).keys;
      return {
        ...base,
        problem: `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `\`${k}\``).join(', ')} in ${where}`,
        fix: `remove or rename ${keys.length > 1 ? 'them' : 'it'}; the fields allowed here are: ${known.join(', ')}`,
      };
    }
    if (zi.code === 'custom') {
      return { ...base, problem: `\`${field}\` in ${where} needs attention`, fix: zi.message };
    }
    if (got === undefined && (zi.code === 'invalid_type' || zi.code === 'invalid_value')) {
      // A missing choice (a zod enum) says which values it may take.
      const values = zi.code === 'invalid_value' ? (zi as { values: unknown[] }).values.map(String) : [];
      const fix = values.length > 0 ? `add \`${field}:\` with one of: ${values.join(', ')}` : `add \`${field}:\` with a value`;
      return { ...base, problem: `\`${field}\` is missing from ${where}`, fix };
    }
    const expected = zi.code === 'invalid_type' ? `expected ${(zi as { expected: string }).expected}, ` : '';
    return {
      ...base,
      problem: `\`${field}\` in ${where} is not valid: ${expected}${zi.message.replace(/^Invalid input: /, '')} (it is ${describeValue(got)})`,
      fix: `correct \`${field}\`${expected ? ` to be ${(zi as { expected: string }).expected === 'array' ? 'a list (lines starting with "- ")' : `a ${(zi as { expected: string }).expected}`}` : ''}`,
    };
  });
}

/** The closest of `options` to `value`, if it is close enough to suggest. */
export function suggest(value: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = editDistance(value.toLowerCase(), o.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  if (best && (bestD <= Math.max(2, Math.floor(best.length / 3)) || best.startsWith(value) || value.startsWith(best)))
    return best;
  return undefined;
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
