/**
 * The practice lab's rules at BUILD time: read content/lab/rules.yaml and
 * lexicon.yaml, check them (zod for the shape, then the meaning: techniques,
 * phrases, regular expressions) and compile them into the plain JSON rules
 * the browser analyser (lab.ts) runs. Problems come back as ContentIssues
 * naming file, line, rule or list, problem and fix, so the content checker
 * can report them with everything else.
 *
 * Never import this file from browser code: it pulls in the YAML parser and
 * zod. The page embeds the compiled rules as JSON (src/pages/lab.astro).
 */
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { ContentIssue } from './issues.ts';
import { LENS_IDS, type LensId } from './lenses.ts';
import type { LabRule } from '../lab/lab.ts';

export interface TechniqueRef {
  id: string;
  /** The lens the technique belongs to (a lens page belongs to itself). */
  lens: string;
}

export interface LabRuleFiles {
  /** Text of rules.yaml. */
  rules: string;
  /** Text of lexicon.yaml. */
  lexicon: string;
  /** File names for messages (defaults: content/lab/rules.yaml, content/lab/lexicon.yaml). */
  rulesFile?: string;
  lexiconFile?: string;
}

export interface ValidateOptions {
  /** Known techniques; when given, every technique id is checked against them. */
  techniques?: readonly TechniqueRef[];
}

/** Thrown by loadRules: every problem, each naming the file, the line and the rule or list. */
export class LabRulesError extends Error {
  readonly issues: ContentIssue[];
  readonly problems: string[];
  constructor(issues: ContentIssue[]) {
    const problems = issues.map(issueLine);
    super(`The practice lab rules cannot be used:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'LabRulesError';
    this.issues = issues;
    this.problems = problems;
  }
}

/** One line per issue: "file:line, problem Fix: fix". */
export function issueLine(i: ContentIssue): string {
  return `${i.file}${i.line ? `:${i.line}` : ''}: ${i.problem} Fix: ${i.fix}`;
}

// ------------------------------------------------------- regex building

/** Letters, marks, digits and underscore count as "inside a word". */
const WORD = '[\\p{L}\\p{M}\\p{N}_]';
const BEFORE = `(?<!${WORD})`;
const AFTER = `(?!${WORD})`;
const APOSTROPHES = "['\u2018\u2019\u02BC]";
const HYPHEN = '(?:[-\u2010\u2011]|\\s+)';

function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** One phrase as regex source (without word boundaries). */
export function phraseSource(phrase: string): string {
  const wild = phrase.endsWith('*');
  const core = (wild ? phrase.slice(0, -1) : phrase).trim();
  let out = '';
  let space = false;
  for (const ch of core) {
    if (/\s/.test(ch)) {
      space = true;
      continue;
    }
    if (space) {
      out += '\\s+';
      space = false;
    }
    if (/['\u2018\u2019\u02BC]/.test(ch)) out += APOSTROPHES;
    else if (/[-\u2010\u2011]/.test(ch)) out += HYPHEN;
    else out += escapeRegExp(ch);
  }
  return wild ? `${out}${WORD.replace('_', '')}*` : out;
}

/** Many phrases as one alternation, longest first so "will not" beats "will". */
export function phrasesSource(phrases: readonly string[]): string {
  const sorted = [...new Set(phrases)].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return `${BEFORE}(?:${sorted.map(phraseSource).join('|')})${AFTER}`;
}

function patternSource(pattern: string): string {
  return `${BEFORE}(?:${pattern})${AFTER}`;
}

/**
 * Whether a pattern repeats, without bound, a group that itself holds an
 * unbounded repeat, like (a+)+ or (\s*\w+)*: the shape that can make a
 * regular expression take exponential time. A first line of defence only:
 * the browser runs rules in a worker with a time budget (src/scripts/lab-worker.ts),
 * because no static check catches every slow pattern.
 */
export function hasNestedRepeat(pattern: string): boolean {
  const stack: boolean[] = [];
  let inner = false;
  const unboundedAt = (i: number): number => {
    const c = pattern[i];
    if (c === '*' || c === '+') return 1;
    if (c === '{') {
      const m = /^\{\d+,\}/.exec(pattern.slice(i));
      if (m) return m[0].length;
    }
    return 0;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') {
        if (pattern[i] === '\\') i++;
        i++;
      }
      continue;
    }
    if (c === '(') {
      stack.push(inner);
      inner = false;
      continue;
    }
    if (c === ')') {
      const held: boolean = inner;
      inner = stack.pop() ?? false;
      if (held && unboundedAt(i + 1)) return true;
      inner = inner || held || unboundedAt(i + 1) > 0;
      continue;
    }
    if (unboundedAt(i)) inner = true;
  }
  return false;
}

// ------------------------------------------------------------- schemas

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_EXPLANATION = 300;
const RULE_FIELDS = [
  'id',
  'lens',
  'technique',
  'label',
  'explanation',
  'phrases',
  'pattern',
  'lexicon',
  'exceptions',
  'unlessSentenceHas',
  'unlessSentenceMatches',
  'onlySentenceHas',
  'neutralIfSentenceHas',
  'matchCase',
] as const;

const text = (field: string) => z.string({ error: `\`${field}\` is required and must be text.` }).refine((s) => s.trim().length > 0, `\`${field}\` is required and must be text.`);
const phraseList = (field: string) => z.array(z.string({ error: `every entry of \`${field}\` must be a text.` }), { error: `\`${field}\` must be a list of phrases.` }).min(1, `\`${field}\` must be a non-empty list.`);
const listOrPhrases = (field: string) => z.union([z.string(), phraseList(field)], { error: `\`${field}\` must be a list of phrases and list names, or the name of a list in the lexicon.` });

export const LabRuleSchema = z
  .object({
    id: z.string({ error: '`id` must be lower-case words joined by hyphens, e.g. vague-reports.' }).regex(ID, '`id` must be lower-case words joined by hyphens, e.g. vague-reports.'),
    lens: z.unknown(),
    technique: z.unknown(),
    label: text('label'),
    explanation: text('explanation'),
    phrases: phraseList('phrases').optional(),
    pattern: z.string({ error: '`pattern` must be a regular expression source, in single quotes.' }).optional(),
    lexicon: z.string({ error: '`lexicon` must be the name of a list in the lexicon.' }).optional(),
    exceptions: listOrPhrases('exceptions').optional(),
    unlessSentenceHas: listOrPhrases('unlessSentenceHas').optional(),
    unlessSentenceMatches: z.string({ error: '`unlessSentenceMatches` must be a regular expression source, in single quotes.' }).optional(),
    onlySentenceHas: listOrPhrases('onlySentenceHas').optional(),
    neutralIfSentenceHas: listOrPhrases('neutralIfSentenceHas').optional(),
    matchCase: z.boolean({ error: '`matchCase` must be true or false.' }).optional(),
  })
  .strict();

const LexEntrySchema = z.union([z.string(), z.object({ term: z.string({ error: 'every entry needs a `term`.' }), technique: z.string({ error: '`technique` must be a technique id such as loaded-words.' }).optional() }).strict()], {
  error: 'must be a term or a mapping with `term` and `technique`.',
});

// ------------------------------------------------------------ validation

interface LexEntry {
  term: string;
  technique?: string;
}

const RULES_FILE = 'content/lab/rules.yaml';
const LEXICON_FILE = 'content/lab/lexicon.yaml';

function lineOf(doc: Document, counter: LineCounter, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) return counter.linePos(range[0]).line;
  }
  return undefined;
}

function readYaml(source: string, file: string, issues: ContentIssue[]): { data: unknown; line: (path: (string | number)[]) => number | undefined } {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    issues.push({
      file,
      line: e.linePos?.[0]?.line ?? counter.linePos(e.pos[0]).line,
      problem: `the YAML cannot be read: ${e.message.split('\n')[0]}.`,
      fix: 'check indentation, and put text containing ": " or starting with a quote inside quotes.',
    });
    return { data: undefined, line: () => undefined };
  }
  return { data: doc.toJS(), line: (path) => lineOf(doc, counter, path) };
}

/** Split "problem. Fix: fix" messages written in the schemas and checks. */
function split(message: string): { problem: string; fix: string } {
  const at = message.indexOf(' Fix: ');
  if (at >= 0) return { problem: message.slice(0, at), fix: message.slice(at + 6) };
  return { problem: message, fix: 'see docs/lab-rules.md for the fields a rule may have.' };
}

function phraseProblem(p: string, field: string): string | null {
  if (!p.trim()) return `every entry of \`${field}\` must be a non-empty text (got ${JSON.stringify(p)}).`;
  if (!/[\p{L}\p{N}]/u.test(p)) return `"${p}" in \`${field}\` has no letter or digit, so it would match punctuation anywhere. Fix: remove it.`;
  if (p.slice(0, -1).includes('*')) return `"${p}" in \`${field}\` has a * that is not at the end. Fix: a * may only end a phrase ("soar*"); use \`pattern\` for anything else.`;
  return null;
}

type Say = (message: string, field?: string) => void;
type ReadYaml = ReturnType<typeof readYaml>;

/** What checking the rules needs: the files, the word lists read so far, and where problems go. */
interface RuleCheck {
  rulesFile: string;
  lexiconFile: string;
  lex: ReadYaml;
  rul: ReadYaml;
  lexicon: Map<string, LexEntry[]>;
  /** Technique id to its lens, when the caller passed the techniques. */
  techniques: Map<string, string> | null;
  issues: ContentIssue[];
  add: (file: string, line: number | undefined, where: string, message: string) => void;
}

/** One rule being checked: its record, name, lens and how problems about it are reported. */
interface OneRule {
  rec: Record<string, unknown>;
  named: string;
  lens: unknown;
  lensOk: boolean;
  flags: string;
  say: Say;
}

const listNames = (c: RuleCheck) => [...c.lexicon.keys()].join(', ') || 'none';

/** The word lists of the lexicon file, each entry checked. */
function readLexicon(c: RuleCheck): void {
  const lexData = c.lex.data;
  if (lexData === undefined || lexData === null) return;
  if (typeof lexData !== 'object' || Array.isArray(lexData)) {
    c.add(c.lexiconFile, 1, 'the file', 'must be a mapping of list names to lists. Fix: start each list with its name, e.g. "loaded:", then its entries.');
    return;
  }
  for (const [name, raw] of Object.entries(lexData as Record<string, unknown>)) {
    if (!Array.isArray(raw) || raw.length === 0) {
      c.add(c.lexiconFile, c.lex.line([name]), `list "${name}"`, 'must be a non-empty list of entries. Fix: add entries starting with "- ".');
      continue;
    }
    c.lexicon.set(name, readLexList(c, name, raw));
  }
}

function readLexList(c: RuleCheck, name: string, raw: unknown[]): LexEntry[] {
  const where = `list "${name}"`;
  const entries: LexEntry[] = [];
  const seen = new Set<string>();
  raw.forEach((item, i) => {
    const line = c.lex.line([name, i]);
    const at = `${where}, entry ${i + 1}`;
    const parsed = LexEntrySchema.safeParse(item);
    if (!parsed.success) {
      const zi = parsed.error.issues[0];
      const keys = (zi as { keys?: string[] }).keys;
      const inner = (zi as { errors?: { code: string; keys?: string[] }[][] }).errors?.flat().find((e) => e.code === 'unrecognized_keys');
      const unknown = keys ?? inner?.keys;
      if (unknown) c.add(c.lexiconFile, line, at, `unknown field ${unknown.map((k) => `\`${k}\``).join(', ')}. Fix: entries have \`term\` and \`technique\`.`);
      else c.add(c.lexiconFile, line, at, `${zi.message} Fix: write it as { term: <words>, technique: <id> }.`);
      return;
    }
    const entry: LexEntry = typeof parsed.data === 'string' ? { term: parsed.data } : parsed.data;
    const bad = phraseProblem(entry.term, 'term');
    if (bad) return c.add(c.lexiconFile, line, at, bad);
    const key = entry.term.trim().toLowerCase();
    if (seen.has(key)) return c.add(c.lexiconFile, line, where, `"${entry.term}" is listed twice. Fix: remove one.`);
    seen.add(key);
    entries.push(entry);
  });
  return entries;
}

/** A technique id that exists and belongs to the rule's lens. */
function checkTechnique(c: RuleCheck, r: OneRule, technique: unknown, where: (m: string) => void): technique is string {
  if (typeof technique !== 'string' || !ID.test(technique)) {
    where(`\`technique\` must be a technique id such as vague-attribution (got ${JSON.stringify(technique)}). Fix: use a file name from content/techniques.`);
    return false;
  }
  const techniques = c.techniques;
  if (techniques && r.lensOk) {
    const owner = techniques.get(technique);
    if (owner === undefined) {
      where(`technique "${technique}" does not exist. Fix: use a file name from content/techniques (${[...techniques.keys()].filter((t) => techniques.get(t) === r.lens && t !== r.lens).join(', ')}).`);
      return false;
    }
    if (owner !== r.lens && technique !== r.lens) {
      where(`technique "${technique}" belongs to the lens ${owner}, not ${String(r.lens)}. Fix: change the lens or the technique.`);
      return false;
    }
  }
  return true;
}

/** A pattern that compiles, cannot match nothing, and cannot freeze the page. */
function regexOk(r: OneRule, pattern: string, field: string): boolean {
  try {
    new RegExp(pattern, r.flags);
  } catch (err) {
    r.say(`\`${field}\` is not a valid regular expression: ${(err as Error).message}. Fix: check brackets and backslashes.`, field);
    return false;
  }
  if (new RegExp(`^(?:${pattern})$`, 'u').test('')) {
    r.say(`\`${field}\` can match an empty string. Fix: make at least one letter or digit required.`, field);
    return false;
  }
  if (hasNestedRepeat(pattern)) {
    r.say(`\`${field}\` repeats a group that itself contains + or * with another + or *, which can freeze the page on long texts. Fix: bound the outer repeat, e.g. {0,3}.`, field);
    return false;
  }
  if (/\\[1-9]|\\k</.test(pattern)) {
    r.say(`\`${field}\` uses a back-reference, which is not allowed (it can be slow). Fix: spell the alternatives out.`, field);
    return false;
  }
  return true;
}

/** Phrases and list names (or one list name) as regex source. */
function contextSource(c: RuleCheck, r: OneRule, value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  if (typeof value === 'string' && !c.lexicon.has(value)) {
    r.say(`\`${field}\` names the list "${value}", which is not in ${c.lexiconFile} (lists: ${listNames(c)}). Fix: use one of those lists or write the phrases out.`, field);
    return undefined;
  }
  const phrases: string[] = [];
  for (const p of items) {
    if (typeof p !== 'string') return undefined;
    const list = c.lexicon.get(p);
    if (list) phrases.push(...list.map((e) => e.term));
    else {
      const bad = phraseProblem(p, field);
      if (bad) {
        r.say(bad.includes(' Fix: ') ? bad : `${bad} Fix: remove it.`, field);
        return undefined;
      }
      phrases.push(p);
    }
  }
  return phrases.length ? phrasesSource(phrases) : undefined;
}

/** The schema, the id (unique), the lens, the technique and the explanation of one rule. */
function checkRuleFields(c: RuleCheck, r: OneRule, ids: Set<string>): void {
  const parsed = LabRuleSchema.safeParse(r.rec);
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const field = String(zi.path[0] ?? '');
      if (zi.code === 'unrecognized_keys') r.say(`unknown field ${(zi as { keys: string[] }).keys.map((k) => `\`${k}\``).join(', ')}. Fix: fields are ${RULE_FIELDS.join(', ')}.`);
      else r.say(zi.message.includes(' Fix: ') ? zi.message : `${zi.message} Fix: see docs/lab-rules.md.`, field);
    }
  }
  const id = r.rec.id;
  if (typeof id === 'string' && ID.test(id)) {
    if (ids.has(id)) r.say('the id is used by another rule. Fix: give each rule its own id.', 'id');
    else ids.add(id);
  }
  if (!r.lensOk) r.say(`\`lens\` must be one of ${LENS_IDS.join(', ')} (got ${JSON.stringify(r.lens)}). Fix: use one of those ids.`, 'lens');
  checkTechnique(c, r, r.rec.technique, (m) => r.say(m, 'technique'));
}

/** What the rule matches (phrases, a pattern or a word list), as regex sources with their technique. */
function matchParts(c: RuleCheck, r: OneRule): { source: string; technique: string }[] {
  const rec = r.rec;
  const kinds = (['phrases', 'pattern', 'lexicon'] as const).filter((k) => rec[k] !== undefined);
  if (kinds.length !== 1) {
    r.say(`give exactly one of \`phrases\`, \`pattern\` or \`lexicon\` (${kinds.length ? `found ${kinds.join(' and ')}` : 'found none'}). Fix: keep one.`);
    return [];
  }
  const parts: { source: string; technique: string }[] = [];
  if (kinds[0] === 'phrases' && Array.isArray(rec.phrases) && rec.phrases.length) {
    const bad = (rec.phrases as unknown[]).map((p) => (typeof p === 'string' ? phraseProblem(p, 'phrases') : null)).find(Boolean);
    if (bad) r.say(bad.includes(' Fix: ') ? bad : `${bad} Fix: remove it.`, 'phrases');
    else if ((rec.phrases as unknown[]).every((p) => typeof p === 'string')) parts.push({ source: phrasesSource(rec.phrases as string[]), technique: rec.technique as string });
  } else if (kinds[0] === 'pattern' && typeof rec.pattern === 'string') {
    if (!rec.pattern.trim()) r.say('`pattern` must be a regular expression source, in single quotes. Fix: write the pattern.', 'pattern');
    else if (regexOk(r, rec.pattern, 'pattern')) parts.push({ source: patternSource(rec.pattern), technique: rec.technique as string });
  } else if (kinds[0] === 'lexicon' && typeof rec.lexicon === 'string') {
    parts.push(...lexiconParts(c, r, rec.lexicon));
  }
  return parts;
}

/** A rule that uses a word list: one part per technique of the list's entries. */
function lexiconParts(c: RuleCheck, r: OneRule, name: string): { source: string; technique: string }[] {
  const list = c.lexicon.get(name);
  if (!list) {
    r.say(`\`lexicon\` names the list "${name}", which is not in ${c.lexiconFile} (lists: ${listNames(c)}). Fix: use one of those lists.`, 'lexicon');
    return [];
  }
  if (!r.lensOk) return [];
  const groups = new Map<string, string[]>();
  list.forEach((e, i) => {
    const at = (m: string) => c.add(c.lexiconFile, c.lex.line([name, i]), `list "${name}", "${e.term}" (used by ${r.named})`, m);
    if (e.technique === undefined) return at(`has no technique. Fix: write it as { term: ${e.term}, technique: <id> }.`);
    if (!checkTechnique(c, r, e.technique, at)) return;
    const g = groups.get(e.technique) ?? [];
    g.push(e.term);
    groups.set(e.technique, g);
  });
  return [...groups].map(([t, terms]) => ({ source: phrasesSource(terms), technique: t }));
}

/** Check one rule and compile it: one LabRule per technique it matches, none when anything is wrong. */
function compileRule(c: RuleCheck, raw: unknown, index: number, ids: Set<string>): LabRule[] {
  const line = c.rul.line(['rules', index]);
  const rec = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  const named = rec && typeof rec.id === 'string' && rec.id ? `rule "${rec.id}"` : `rule ${index + 1} (no id)`;
  const start = c.issues.length;
  const say: Say = (message, field) => c.add(c.rulesFile, field ? (c.rul.line(['rules', index, field]) ?? line) : line, named, message);
  if (!rec) {
    say('each rule must be a mapping with id, lens, technique, label, explanation and phrases, pattern or lexicon. Fix: copy a rule that works and change it.');
    return [];
  }
  const lens = rec.lens;
  const lensOk = typeof lens === 'string' && (LENS_IDS as readonly string[]).includes(lens);
  const r: OneRule = { rec, named, lens, lensOk, flags: rec.matchCase === true ? 'gu' : 'giu', say };

  checkRuleFields(c, r, ids);
  const explanation = typeof rec.explanation === 'string' ? rec.explanation.replace(/\s+/g, ' ').trim() : '';
  if (explanation.length > MAX_EXPLANATION) say(`\`explanation\` has ${explanation.length} characters. Fix: keep it to one line of at most ${MAX_EXPLANATION}.`, 'explanation');
  const parts = matchParts(c, r);

  const exceptions = contextSource(c, r, rec.exceptions, 'exceptions');
  const unless = contextSource(c, r, rec.unlessSentenceHas, 'unlessSentenceHas');
  const only = contextSource(c, r, rec.onlySentenceHas, 'onlySentenceHas');
  const neutral = contextSource(c, r, rec.neutralIfSentenceHas, 'neutralIfSentenceHas');
  let unlessMatches: string | undefined;
  if (typeof rec.unlessSentenceMatches === 'string' && regexOk(r, rec.unlessSentenceMatches, 'unlessSentenceMatches')) unlessMatches = patternSource(rec.unlessSentenceMatches);

  if (c.issues.length > start || !lensOk) return [];
  return parts.map((part) => {
    const rule: LabRule = {
      id: rec.id as string,
      lens: lens as LensId,
      technique: part.technique,
      label: (rec.label as string).replace(/\s+/g, ' ').trim(),
      explanation,
      source: part.source,
      flags: r.flags,
    };
    if (exceptions) rule.exceptions = exceptions;
    if (unless || unlessMatches) rule.unlessSentence = [unless, unlessMatches].filter(Boolean).join('|');
    if (only) rule.onlySentence = only;
    if (neutral) rule.neutralSentence = neutral;
    return rule;
  });
}

/**
 * Check and compile the lab's rules. Never throws: every problem is returned
 * as a ContentIssue, and `rules` holds what compiled (empty when anything is
 * wrong, so a half-checked rule set never reaches a page).
 */
export function validateLabRules(files: LabRuleFiles, opts: ValidateOptions = {}): { rules: LabRule[]; issues: ContentIssue[] } {
  const rulesFile = files.rulesFile ?? RULES_FILE;
  const lexiconFile = files.lexiconFile ?? LEXICON_FILE;
  const issues: ContentIssue[] = [];
  const lex = readYaml(files.lexicon, lexiconFile, issues);
  const rul = readYaml(files.rules, rulesFile, issues);
  if (issues.length) return { rules: [], issues };

  const c: RuleCheck = {
    rulesFile,
    lexiconFile,
    lex,
    rul,
    lexicon: new Map(),
    techniques: opts.techniques ? new Map(opts.techniques.map((t) => [t.id, t.lens])) : null,
    issues,
    add: (file, line, where, message) => {
      const { problem, fix } = split(message);
      issues.push({ file, ...(line ? { line } : {}), problem: `${where}: ${problem}`, fix });
    },
  };
  readLexicon(c);

  const data = rul.data as { rules?: unknown } | null | undefined;
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !Array.isArray(data.rules)) {
    c.add(rulesFile, 1, 'the file', 'must have a `rules:` list. Fix: start the file with "rules:" and list the rules under it.');
    return { rules: [], issues };
  }
  const extra = Object.keys(data).filter((k) => k !== 'rules');
  if (extra.length) c.add(rulesFile, rul.line([extra[0]]), 'the file', `unknown top-level field ${extra.map((k) => `\`${k}\``).join(', ')}. Fix: only \`rules:\` is read; remove the rest.`);

  const ids = new Set<string>();
  const out = (data.rules as unknown[]).flatMap((raw, index) => compileRule(c, raw, index, ids));

  if (!issues.length && out.length === 0) c.add(rulesFile, 1, 'the file', 'there are no rules. Fix: add at least one rule under `rules:`.');
  return issues.length ? { rules: [], issues } : { rules: out, issues };
}

/** validateLabRules for the page build: the rules, or a LabRulesError listing every problem. */
export function loadRules(rulesYaml: string, lexiconYaml: string, opts: ValidateOptions & { rulesFile?: string; lexiconFile?: string } = {}): LabRule[] {
  const { rules, issues } = validateLabRules({ rules: rulesYaml, lexicon: lexiconYaml, rulesFile: opts.rulesFile, lexiconFile: opts.lexiconFile }, opts);
  if (issues.length) throw new LabRulesError(issues);
  return rules;
}
