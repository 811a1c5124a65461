/**
 * The practice lab's analyser: rules and word lists (content/lab/*.yaml) in,
 * candidate cues out. Pure TypeScript: the page validates and compiles the
 * rules at build time (loadRules) and the browser runs analyze() on the
 * learner's text. Nothing here touches the DOM or the network.
 *
 * The YAML parser is imported only inside loadRules, so the browser bundle
 * (which uses analyze and the export helpers) never carries it.
 *
 * Speed: each compiled rule is one regular expression (all its phrases in one
 * alternation), run once over the text, so the work grows with the length of
 * the text times the number of rules. Every match must start and end on a word
 * boundary, which also keeps patterns from re-scanning inside long words.
 */
import { LENS_IDS, LENSES, isLensId, type LensId } from './lenses.ts';
import { foldWithMap } from './text.ts';

// ---------------------------------------------------------------- types

/** A rule compiled for the browser: plain JSON, regular expressions as source. */
export interface LabRule {
  /** The rule's id in rules.yaml (a lexicon rule may compile to several LabRules with one id). */
  id: string;
  lens: LensId;
  technique: string;
  label: string;
  explanation: string;
  /** Regular expression source, word boundaries included. */
  source: string;
  /** RegExp flags: always g and u, plus i unless the rule matches case. */
  flags: string;
  /** Source of the exceptions: a match overlapping one of these is dropped. */
  exceptions?: string;
  /** Source of the sentence check: a match in a sentence containing one of these is dropped. */
  unlessSentence?: string;
}

export interface Cue {
  start: number;
  end: number;
  lens: LensId;
  technique: string;
  ruleId: string;
  label: string;
  explanation: string;
}

export interface Span {
  start: number;
  end: number;
}

export interface TechniqueRef {
  id: string;
  /** The lens the technique belongs to (a lens page belongs to itself). */
  lens: string;
}

export interface LoadOptions {
  /** Known techniques; when given, every technique id is checked against them. */
  techniques?: readonly TechniqueRef[];
  /** File names for messages. */
  rulesFile?: string;
  lexiconFile?: string;
}

/** Thrown by loadRules: one line per problem, each naming the file and the rule or list. */
export class LabRulesError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`The practice lab rules cannot be used:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'LabRulesError';
    this.problems = problems;
  }
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
function phrasesSource(phrases: readonly string[]): string {
  const sorted = [...new Set(phrases)].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return `${BEFORE}(?:${sorted.map(phraseSource).join('|')})${AFTER}`;
}

function patternSource(pattern: string): string {
  return `${BEFORE}(?:${pattern})${AFTER}`;
}

/**
 * Whether a pattern repeats, without bound, a group that itself holds an
 * unbounded repeat, like (a+)+ or (\s*\w+)*: the shape that can make a
 * regular expression take exponential time.
 */
export function hasNestedRepeat(pattern: string): boolean {
  const stack: boolean[] = [];
  let inner = false; // the current group holds an unbounded repeat
  const unboundedAt = (i: number): number => {
    // Length of an unbounded quantifier starting at i, or 0.
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
      // Skip a character class.
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
      // A group holding an unbounded repeat makes its parent hold one too.
      inner = inner || held || unboundedAt(i + 1) > 0;
      continue;
    }
    if (unboundedAt(i)) inner = true;
  }
  return false;
}

// ------------------------------------------------------------- loading

const RULE_FIELDS = ['id', 'lens', 'technique', 'label', 'explanation', 'phrases', 'pattern', 'lexicon', 'exceptions', 'unlessSentenceHas', 'matchCase'];
const ENTRY_FIELDS = ['term', 'technique'];
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_EXPLANATION = 300;

interface LexEntry {
  term: string;
  technique?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readYaml(parse: (src: string) => unknown, source: string, file: string, problems: string[]): unknown {
  try {
    return parse(source);
  } catch (err) {
    problems.push(`${file}: the YAML cannot be read: ${(err as Error).message.split('\n')[0]}. Fix: check indentation and put text containing ": " or starting with a quote inside quotes.`);
    return undefined;
  }
}

function checkPhrase(p: unknown, where: string, field: string, problems: string[]): p is string {
  if (typeof p !== 'string' || !p.trim()) {
    problems.push(`${where}: every entry of \`${field}\` must be a non-empty text (got ${JSON.stringify(p)}).`);
    return false;
  }
  if (!/[\p{L}\p{N}]/u.test(p)) {
    problems.push(`${where}: "${p}" in \`${field}\` has no letter or digit, so it would match punctuation anywhere.`);
    return false;
  }
  if (p.slice(0, -1).includes('*')) {
    problems.push(`${where}: "${p}" in \`${field}\` has a * that is not at the end. Fix: a * may only end a phrase ("soar*"); use \`pattern\` for anything else.`);
    return false;
  }
  return true;
}

function readLexicon(data: unknown, file: string, problems: string[]): Map<string, LexEntry[]> {
  const lists = new Map<string, LexEntry[]>();
  if (data === undefined || data === null) return lists;
  if (!isRecord(data)) {
    problems.push(`${file}: the file must be a mapping of list names to lists (e.g. "loaded:" followed by entries).`);
    return lists;
  }
  for (const [name, raw] of Object.entries(data)) {
    const where = `${file}, list "${name}"`;
    if (!Array.isArray(raw) || raw.length === 0) {
      problems.push(`${where}: must be a non-empty list of entries.`);
      continue;
    }
    const entries: LexEntry[] = [];
    const seen = new Set<string>();
    raw.forEach((item, i) => {
      let entry: LexEntry;
      if (typeof item === 'string') entry = { term: item };
      else if (isRecord(item)) {
        const extra = Object.keys(item).filter((k) => !ENTRY_FIELDS.includes(k));
        if (extra.length) problems.push(`${where}, entry ${i + 1}: unknown field ${extra.map((k) => `\`${k}\``).join(', ')}. Entries have \`term\` and \`technique\`.`);
        if (item.technique !== undefined && typeof item.technique !== 'string') {
          problems.push(`${where}, entry ${i + 1}: \`technique\` must be a technique id such as loaded-words.`);
          return;
        }
        entry = { term: item.term as string, technique: item.technique as string | undefined };
      } else {
        problems.push(`${where}, entry ${i + 1}: must be a term or a mapping with \`term\` and \`technique\`.`);
        return;
      }
      if (!checkPhrase(entry.term, `${where}, entry ${i + 1}`, 'term', problems)) return;
      const key = entry.term.trim().toLowerCase();
      if (seen.has(key)) {
        problems.push(`${where}: "${entry.term}" is listed twice. Fix: remove one.`);
        return;
      }
      seen.add(key);
      entries.push(entry);
    });
    lists.set(name, entries);
  }
  return lists;
}

function compileCheck(source: string, flags: string, where: string, what: string, problems: string[]): boolean {
  try {
    new RegExp(source, flags);
    return true;
  } catch (err) {
    problems.push(`${where}: ${what} is not a valid regular expression: ${(err as Error).message}.`);
    return false;
  }
}

const RULES_FILE = 'content/lab/rules.yaml';
const LEXICON_FILE = 'content/lab/lexicon.yaml';

/**
 * Read rules.yaml and lexicon.yaml (as text), check every rule, and compile
 * them. Rejects with a LabRulesError listing every problem, each naming its
 * rule or list.
 */
export async function loadRules(rulesYaml: string, lexiconYaml: string, opts: LoadOptions = {}): Promise<LabRule[]> {
  const { parse } = await import('yaml');
  const problems: string[] = [];
  const lexicon = readYaml(parse, lexiconYaml, opts.lexiconFile ?? LEXICON_FILE, problems);
  const rules = readYaml(parse, rulesYaml, opts.rulesFile ?? RULES_FILE, problems);
  if (problems.length) throw new LabRulesError(problems);
  return compileRules(rules, lexicon, opts);
}

/** The same checks and compilation as loadRules, on already-parsed data. */
export function compileRules(data: unknown, lexiconData: unknown, opts: LoadOptions = {}): LabRule[] {
  const rulesFile = opts.rulesFile ?? RULES_FILE;
  const lexiconFile = opts.lexiconFile ?? LEXICON_FILE;
  const problems: string[] = [];
  const lexicon = readLexicon(lexiconData, lexiconFile, problems);
  const techniques = opts.techniques ? new Map(opts.techniques.map((t) => [t.id, t.lens])) : null;
  const out: LabRule[] = [];

  if (!isRecord(data) || !Array.isArray(data.rules)) {
    problems.push(`${rulesFile}: the file must have a \`rules:\` list.`);
  }
  const rules: unknown[] = isRecord(data) && Array.isArray(data.rules) ? data.rules : [];
  if (isRecord(data)) {
    const extra = Object.keys(data).filter((k) => k !== 'rules');
    if (extra.length) problems.push(`${rulesFile}: unknown top-level field ${extra.map((k) => `\`${k}\``).join(', ')}; only \`rules:\` is read.`);
  }
  const ids = new Set<string>();

  const checkTechnique = (technique: unknown, lens: LensId, where: string): technique is string => {
    if (typeof technique !== 'string' || !ID.test(technique)) {
      problems.push(`${where}: \`technique\` must be a technique id such as vague-attribution (got ${JSON.stringify(technique)}).`);
      return false;
    }
    if (techniques) {
      const owner = techniques.get(technique);
      if (owner === undefined) {
        problems.push(`${where}: technique "${technique}" does not exist. Fix: use a file name from content/techniques (${[...techniques.keys()].filter((t) => techniques.get(t) === lens && t !== lens).join(', ')}).`);
        return false;
      }
      if (owner !== lens && technique !== lens) {
        problems.push(`${where}: technique "${technique}" belongs to the lens ${owner}, not ${lens}. Fix: change the lens or the technique.`);
        return false;
      }
    }
    return true;
  };

  const contextSource = (value: unknown, where: string, field: string): string | undefined => {
    if (typeof value === 'string') {
      const list = lexicon.get(value);
      if (!list) {
        problems.push(`${where}: \`${field}\` names the list "${value}", which is not in ${lexiconFile} (lists: ${[...lexicon.keys()].join(', ') || 'none'}).`);
        return undefined;
      }
      return phrasesSource(list.map((e) => e.term));
    }
    if (!Array.isArray(value) || value.length === 0) {
      problems.push(`${where}: \`${field}\` must be a list of phrases${field === 'unlessSentenceHas' ? ' or the name of a list in the lexicon' : ''}.`);
      return undefined;
    }
    if (!value.every((p) => checkPhrase(p, where, field, problems))) return undefined;
    return phrasesSource(value as string[]);
  };

  rules.forEach((raw, index) => {
    const named = isRecord(raw) && typeof raw.id === 'string' && raw.id ? `rule "${raw.id}"` : `rule ${index + 1} (no id)`;
    const where = `${rulesFile}, ${named}`;
    if (!isRecord(raw)) {
      problems.push(`${where}: each rule must be a mapping with id, lens, technique, label, explanation and phrases, pattern or lexicon.`);
      return;
    }
    const start = problems.length;
    const extra = Object.keys(raw).filter((k) => !RULE_FIELDS.includes(k));
    if (extra.length) problems.push(`${where}: unknown field ${extra.map((k) => `\`${k}\``).join(', ')}. Fields are ${RULE_FIELDS.join(', ')}.`);

    const id = raw.id;
    if (typeof id !== 'string' || !ID.test(id)) problems.push(`${where}: \`id\` must be lower-case words joined by hyphens, e.g. vague-reports.`);
    else if (ids.has(id)) problems.push(`${where}: the id is used by another rule. Fix: give each rule its own id.`);
    else ids.add(id);

    const lens = raw.lens;
    const lensOk = isLensId(lens);
    if (!lensOk) problems.push(`${where}: \`lens\` must be one of ${LENS_IDS.join(', ')} (got ${JSON.stringify(lens)}).`);
    const technique = raw.technique;
    if (lensOk) checkTechnique(technique, lens, where);

    for (const field of ['label', 'explanation'] as const) {
      if (typeof raw[field] !== 'string' || !(raw[field] as string).trim()) problems.push(`${where}: \`${field}\` is required and must be text.`);
    }
    const label = typeof raw.label === 'string' ? raw.label.replace(/\s+/g, ' ').trim() : '';
    const explanation = typeof raw.explanation === 'string' ? raw.explanation.replace(/\s+/g, ' ').trim() : '';
    if (explanation.length > MAX_EXPLANATION) problems.push(`${where}: \`explanation\` has ${explanation.length} characters; keep it to one line of at most ${MAX_EXPLANATION}.`);

    const kinds = (['phrases', 'pattern', 'lexicon'] as const).filter((k) => raw[k] !== undefined);
    if (kinds.length !== 1) {
      problems.push(`${where}: give exactly one of \`phrases\`, \`pattern\` or \`lexicon\` (${kinds.length ? `found ${kinds.join(' and ')}` : 'found none'}).`);
    }
    if (raw.matchCase !== undefined && typeof raw.matchCase !== 'boolean') problems.push(`${where}: \`matchCase\` must be true or false.`);
    const flags = raw.matchCase === true ? 'gu' : 'giu';

    // What the rule matches, as one or more (source, technique) pairs.
    const parts: { source: string; technique: string }[] = [];
    if (kinds.length === 1 && kinds[0] === 'phrases') {
      const phrases = raw.phrases;
      if (!Array.isArray(phrases) || phrases.length === 0) problems.push(`${where}: \`phrases\` must be a non-empty list.`);
      else if (phrases.every((p) => checkPhrase(p, where, 'phrases', problems))) parts.push({ source: phrasesSource(phrases as string[]), technique: technique as string });
    } else if (kinds.length === 1 && kinds[0] === 'pattern') {
      const pattern = raw.pattern;
      if (typeof pattern !== 'string' || !pattern.trim()) problems.push(`${where}: \`pattern\` must be a regular expression source, in single quotes.`);
      else if (compileCheck(pattern, flags, where, '`pattern`', problems)) {
        if (new RegExp(`^(?:${pattern})$`, flags.replace('g', '')).test('')) {
          problems.push(`${where}: \`pattern\` can match an empty string. Fix: make at least one letter or digit required.`);
        } else if (hasNestedRepeat(pattern)) {
          problems.push(`${where}: \`pattern\` repeats a group that itself contains + or * with another + or *, which can freeze the page on long texts. Fix: bound the outer repeat, e.g. {0,3}.`);
        } else if (/\\[1-9]|\\k</.test(pattern)) {
          problems.push(`${where}: \`pattern\` uses a back-reference, which is not allowed (it can be slow). Fix: spell the alternatives out.`);
        } else parts.push({ source: patternSource(pattern), technique: technique as string });
      }
    } else if (kinds.length === 1 && kinds[0] === 'lexicon') {
      const name = raw.lexicon;
      const list = typeof name === 'string' ? lexicon.get(name) : undefined;
      if (typeof name !== 'string') problems.push(`${where}: \`lexicon\` must be the name of a list in ${lexiconFile}.`);
      else if (!list) problems.push(`${where}: \`lexicon\` names the list "${name}", which is not in ${lexiconFile} (lists: ${[...lexicon.keys()].join(', ') || 'none'}).`);
      else if (lensOk) {
        const groups = new Map<string, string[]>();
        for (const e of list) {
          if (e.technique === undefined) {
            problems.push(`${lexiconFile}, list "${name}" (used by ${named}): "${e.term}" has no technique. Fix: write it as { term: ${e.term}, technique: <id> }.`);
            continue;
          }
          if (!checkTechnique(e.technique, lens, `${lexiconFile}, list "${name}", "${e.term}" (used by ${named})`)) continue;
          const g = groups.get(e.technique) ?? [];
          g.push(e.term);
          groups.set(e.technique, g);
        }
        for (const [t, terms] of groups) parts.push({ source: phrasesSource(terms), technique: t });
      }
    }

    const exceptions = raw.exceptions === undefined ? undefined : contextSource(raw.exceptions, where, 'exceptions');
    const unlessSentence = raw.unlessSentenceHas === undefined ? undefined : contextSource(raw.unlessSentenceHas, where, 'unlessSentenceHas');

    if (problems.length > start || !lensOk) return;
    for (const part of parts) {
      if (!compileCheck(part.source, flags, where, 'the compiled rule', problems)) return;
      const rule: LabRule = { id: id as string, lens, technique: part.technique, label, explanation, source: part.source, flags };
      if (exceptions) rule.exceptions = exceptions;
      if (unlessSentence) rule.unlessSentence = unlessSentence;
      out.push(rule);
    }
  });

  if (problems.length) throw new LabRulesError(problems);
  if (out.length === 0) throw new LabRulesError([`${rulesFile}: there are no rules.`]);
  return out;
}

// ------------------------------------------------------------ analysing

interface Compiled {
  re: RegExp;
  exceptions?: RegExp;
  unless?: RegExp;
}

const compiled = new WeakMap<LabRule, Compiled>();

function compile(rule: LabRule): Compiled {
  let c = compiled.get(rule);
  if (!c) {
    c = { re: new RegExp(rule.source, rule.flags) };
    if (rule.exceptions) c.exceptions = new RegExp(rule.exceptions, 'giu');
    if (rule.unlessSentence) c.unless = new RegExp(rule.unlessSentence, 'giu');
    compiled.set(rule, c);
  }
  return c;
}

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS = new Set(
  'mr mrs ms mx dr prof st gen col lt sgt capt cpl maj adm rep sen gov pres rev hon jr sr no nos vs inc ltd co corp dept est approx fig jan feb mar apr jun jul aug sep sept oct nov dec mt ft cf al'.split(' '),
);
const SENTENCE_END = /[.!?\u2026]+["'\u201D\u2019)\]]*(?=\s|$)|\n/g;

/**
 * End offsets of the sentences of a text, in order. A sentence ends at . ! ?
 * followed by white space (not after an abbreviation or an initial), or at a
 * line break.
 */
export function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  SENTENCE_END.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SENTENCE_END.exec(text))) {
    if (m[0] === '.' || m[0].startsWith('.')) {
      // The word before the full stop, looking back at most 12 characters.
      let i = m.index;
      const stop = Math.max(0, i - 12);
      while (i > stop && /[\p{L}.]/u.test(text[i - 1])) i--;
      const word = text.slice(i, m.index);
      if (/^\p{L}$/u.test(word) || word.includes('.') || ABBREVIATIONS.has(word.toLowerCase())) continue;
    }
    ends.push(m.index + m[0].length);
  }
  return ends;
}

/** Index of the sentence that holds an offset: how many sentences end at or before it. */
function sentenceOf(ends: readonly number[], pos: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function allSpans(re: RegExp, text: string): Span[] {
  const spans: Span[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** Whether [start, end) overlaps any span of a list sorted by start (spans do not overlap each other). */
function overlapsAny(spans: readonly Span[], start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length && spans[lo].start < end;
}

const LENS_ORDER: Record<LensId, number> = Object.fromEntries(LENS_IDS.map((l, i) => [l, i])) as Record<LensId, number>;

/**
 * Candidate cues in a text. Cues of one lens never overlap (where they would,
 * the earlier one wins, then the longer, then the rule listed first); cues of
 * different lenses may. Sorted by start, then lens, then end.
 */
export function analyze(text: string, rules: readonly LabRule[]): Cue[] {
  const found: (Cue & { order: number })[] = [];
  let ends: number[] | null = null;
  const exceptionCache = new Map<string, Span[]>();
  const sentenceCache = new Map<string, Set<number>>();

  rules.forEach((rule, order) => {
    const c = compile(rule);
    let exceptions: Span[] | undefined;
    let blocked: Set<number> | undefined;
    c.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = c.re.exec(text))) {
      let start = m.index;
      let end = start + m[0].length;
      if (end === start) {
        c.re.lastIndex++;
        continue;
      }
      while (start < end && /\s/.test(text[start])) start++;
      while (end > start && /\s/.test(text[end - 1])) end--;
      if (c.exceptions) {
        exceptions ??= exceptionCache.get(rule.exceptions!) ?? allSpans(c.exceptions, text);
        exceptionCache.set(rule.exceptions!, exceptions);
        if (overlapsAny(exceptions, start, end)) continue;
      }
      if (c.unless) {
        ends ??= sentenceEnds(text);
        if (!blocked) {
          blocked = sentenceCache.get(rule.unlessSentence!);
          if (!blocked) {
            blocked = new Set(allSpans(c.unless, text).map((s) => sentenceOf(ends!, s.start)));
            sentenceCache.set(rule.unlessSentence!, blocked);
          }
        }
        if (blocked.has(sentenceOf(ends, start))) continue;
      }
      found.push({ start, end, lens: rule.lens, technique: rule.technique, ruleId: rule.id, label: rule.label, explanation: rule.explanation, order });
    }
  });

  found.sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);
  const lastEnd: Record<string, number> = {};
  const cues: Cue[] = [];
  for (const f of found) {
    if (f.start < (lastEnd[f.lens] ?? 0)) continue;
    lastEnd[f.lens] = f.end;
    const { order: _order, ...cue } = f;
    cues.push(cue);
  }
  return cues.sort((a, b) => a.start - b.start || LENS_ORDER[a.lens] - LENS_ORDER[b.lens] || a.end - b.end);
}

/**
 * Split a long text into pieces of at most about maxChars for analysing in
 * slices. Cuts fall at line breaks where possible (so no sentence is split),
 * else after a sentence, else at a space.
 */
export function analysisChunks(text: string, maxChars = 20_000): Span[] {
  const chunks: Span[] = [];
  let pos = 0;
  while (text.length - pos > maxChars) {
    const limit = pos + maxChars;
    const half = pos + Math.floor(maxChars / 2);
    let cut = text.lastIndexOf('\n', limit - 1) + 1;
    if (cut <= half) {
      const window = text.slice(half, limit);
      const m = /.*[.!?]\s/s.exec(window);
      cut = m ? half + m[0].length : 0;
    }
    if (cut <= half) cut = text.lastIndexOf(' ', limit - 1) + 1;
    if (cut <= pos) cut = limit;
    chunks.push({ start: pos, end: cut });
    pos = cut;
  }
  if (pos < text.length || chunks.length === 0) chunks.push({ start: pos, end: text.length });
  return chunks;
}

/**
 * Every place where words a learner typed occur in the text, ignoring case,
 * kinds of quote and dash, and how much white space separates the words.
 */
export function findOccurrences(text: string, words: string): Span[] {
  const needle = foldWithMap(words.trim()).folded;
  if (!needle) return [];
  const { folded, map } = foldWithMap(text);
  const re = new RegExp([...needle].map(escapeRegExp).join(''), 'giu');
  return allSpans(re, folded).map((s) => ({ start: map[s.start], end: map[s.end - 1] + 1 }));
}

// -------------------------------------------------------------- exports

export type CueStatus = 'suggested' | 'confirmed' | 'dismissed' | 'added';

export interface ReportCue extends Cue {
  /** Number shown with the lens letter: S3, E4. */
  number: number;
  status: CueStatus;
  note: string;
}

export interface ExportInput {
  text: string;
  cues: readonly ReportCue[];
  /** ISO date-time of the export. */
  date: string;
  /** Absolute link to a technique page, when known. */
  techniqueUrl?: (id: string) => string;
  /** Technique titles by id, for readable names. */
  techniqueTitles?: Readonly<Record<string, string>>;
}

/** A cue's short code: the lens letter and its number, e.g. "S3". */
export function cueCode(cue: { lens: LensId; number: number }): string {
  return `${LENSES[cue.lens].letter}${cue.number}`;
}

const STATUS_WORDS: Record<CueStatus, string> = {
  suggested: 'suggested, not yet decided',
  confirmed: 'confirmed by you',
  dismissed: 'dismissed by you',
  added: 'added by you',
};

export const LAB_NOTICE = 'These cues are prompts to think, not verdicts. The suggested ones come from simple word rules that cannot read context; the decisions and notes are yours.';

function countsLine(cues: readonly ReportCue[]): string {
  const n = (s: CueStatus) => cues.filter((c) => c.status === s).length;
  const suggested = cues.filter((c) => c.status !== 'added').length;
  return `${suggested} cue${suggested === 1 ? '' : 's'} suggested by the rules: ${n('confirmed')} confirmed, ${n('dismissed')} dismissed, ${n('suggested')} not decided. ${n('added')} added by you.`;
}

/** The text with [S3]…[/S3] around confirmed and added cues. */
export function markedText(text: string, cues: readonly ReportCue[]): string {
  const kept = cues.filter((c) => c.status === 'confirmed' || c.status === 'added');
  const inserts: { at: number; s: string; order: number }[] = [];
  for (const c of kept) {
    inserts.push({ at: c.start, s: `[${cueCode(c)}]`, order: 1 });
    inserts.push({ at: c.end, s: `[/${cueCode(c)}]`, order: 0 });
  }
  inserts.sort((a, b) => a.at - b.at || a.order - b.order);
  let out = '';
  let pos = 0;
  for (const ins of inserts) {
    out += text.slice(pos, ins.at) + ins.s;
    pos = ins.at;
  }
  return out + text.slice(pos);
}

/** A plain-text report: the confirmed and added cues with notes, then the marked text. */
export function textReport(input: ExportInput): string {
  const { text, cues } = input;
  const kept = cues.filter((c) => c.status === 'confirmed' || c.status === 'added').sort((a, b) => a.start - b.start || a.number - b.number);
  const lines: string[] = [];
  const rule = (s: string) => [s, '-'.repeat(s.length)];
  lines.push('Practice lab report', `Read the News Closely, made on ${input.date.slice(0, 10)}`, '', LAB_NOTICE, '', countsLine(cues), '');
  lines.push(...rule(`Cues you confirmed or added (${kept.length})`), '');
  if (kept.length === 0) lines.push('You have not confirmed or added any cues yet.', '');
  for (const c of kept) {
    const quote = text.slice(c.start, c.end).replace(/\s+/g, ' ');
    lines.push(`${cueCode(c)}  ${LENSES[c.lens].label}, ${STATUS_WORDS[c.status]}`);
    lines.push(`    Words: "${quote}"`);
    if (c.status !== 'added') lines.push(`    Rule: ${c.label}. ${c.explanation}`);
    const title = input.techniqueTitles?.[c.technique] ?? c.technique;
    lines.push(`    Technique: ${title}${input.techniqueUrl ? `, ${input.techniqueUrl(c.technique)}` : ''}`);
    lines.push(`    Your note: ${c.note.trim() ? c.note.trim().replace(/\s*\n\s*/g, ' / ') : '(none)'}`, '');
  }
  lines.push(...rule('Your text, with confirmed and added cues marked like [S1]this[/S1]'), '', markedText(text, cues), '');
  return lines.join('\n');
}

/** Everything as JSON: the text and every cue with its status and note. */
export function jsonExport(input: ExportInput): string {
  const { text } = input;
  return JSON.stringify(
    {
      format: 'read-the-news-closely/practice-lab',
      version: 1,
      exported: input.date,
      notice: LAB_NOTICE,
      text,
      cues: [...input.cues]
        .sort((a, b) => a.start - b.start || a.number - b.number)
        .map((c) => ({
          code: cueCode(c),
          number: c.number,
          status: c.status,
          lens: c.lens,
          lensLabel: LENSES[c.lens].label,
          technique: c.technique,
          ...(input.techniqueUrl ? { techniqueUrl: input.techniqueUrl(c.technique) } : {}),
          rule: c.ruleId,
          label: c.label,
          explanation: c.explanation,
          start: c.start,
          end: c.end,
          quote: text.slice(c.start, c.end),
          note: c.note,
        })),
    },
    null,
    2,
  );
}
