/**
 * The practice lab's analyser, for the BROWSER: compiled rules (plain JSON,
 * made at build time by lab-rules.ts from content/lab/*.yaml) in, candidate
 * cues out. Pure TypeScript with no YAML parser and no DOM: the page runs it
 * in a Web Worker (src/scripts/lab-worker.ts) one rule at a time, under a
 * time budget, so no rule can freeze the page.
 *
 * Speed: each compiled rule is one regular expression (all its phrases in one
 * alternation), run once over the text. Every match must start and end on a
 * word boundary, which also keeps patterns from re-scanning inside long words.
 *
 * Context the rules cannot see, handled here for every rule:
 * - a match written with a capital letter in the middle of a sentence is a
 *   name ("Epic Lantern Studios", "Ms Soares") and is skipped, unless the
 *   line is in title case (a headline) or the word is in capitals;
 * - an emotive match inside quotation marks is someone's word, not the
 *   writer's: it becomes a neutral "quoted" mark ("whose word is this?");
 * - a rule's `neutralSentence` makes a match neutral (a hedged forecast
 *   credited to someone), shown but not counted as a suggested cue.
 */
import { LENS_IDS, LENSES, type LensId } from '../content/lenses.ts';
import { foldWithMap } from '../content/text.ts';

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
  /** Source of the sentence requirement: a match is kept only in a sentence containing one of these. */
  onlySentence?: string;
  /** Source of the neutral check: a match in a sentence containing one of these is shown as neutral. */
  neutralSentence?: string;
}

/**
 * How a mark is shown: `cue` is a suggested cue; `quoted` is an emotive word
 * inside quotation marks (whose word is it?); `neutral` is wording worth
 * noticing that the text already credits (a hedged, attributed forecast).
 * Only `cue` counts as a suggested cue.
 */
export type Tone = 'cue' | 'quoted' | 'neutral';

export interface Cue {
  start: number;
  end: number;
  lens: LensId;
  technique: string;
  ruleId: string;
  label: string;
  explanation: string;
  tone: Tone;
}

export interface Span {
  start: number;
  end: number;
}

/** Shown on a quoted emotive word instead of its rule's verdict. */
export const QUOTED_LABEL = 'Quoted: whose word is this?';
export const QUOTED_EXPLANATION =
  'The word is inside quotation marks, so it is someone else’s. Who said it, and is the text reporting their feeling or borrowing their word to make its own point?';

function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}
// ------------------------------------------------------------ analysing

interface Compiled {
  re: RegExp;
  exceptions?: RegExp;
  unless?: RegExp;
  only?: RegExp;
  neutral?: RegExp;
}

const compiled = new WeakMap<LabRule, Compiled>();

function compile(rule: LabRule): Compiled {
  let c = compiled.get(rule);
  if (!c) {
    c = { re: new RegExp(rule.source, rule.flags) };
    if (rule.exceptions) c.exceptions = new RegExp(rule.exceptions, 'giu');
    if (rule.unlessSentence) c.unless = new RegExp(rule.unlessSentence, 'giu');
    if (rule.onlySentence) c.only = new RegExp(rule.onlySentence, 'giu');
    if (rule.neutralSentence) c.neutral = new RegExp(rule.neutralSentence, 'giu');
    compiled.set(rule, c);
  }
  return c;
}

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS = new Set(
  'mr mrs ms mx dr prof st gen col lt sgt capt cpl maj adm rep sen gov pres rev hon jr sr no nos vs inc ltd co corp dept est approx fig jan feb mar apr jun jul aug sep sept oct nov dec mt ft cf al'.split(
    ' ',
  ),
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

/**
 * Spans inside quotation marks: "…", “…” and ‘…’ (a ‘ opening after a space
 * or line start, so apostrophes are not taken for quotes). A quote never
 * runs past the end of its line; an unclosed one is ignored.
 */
export function quotedSpans(text: string): Span[] {
  const spans: Span[] = [];
  const re =
    /"([^"\n]{1,600})"|\u201C([^\u201C\u201D\n]{1,600})\u201D|(?<![\p{L}\p{N}])\u2018([^\u2018\u2019\n]{1,600}?)\u2019(?![\p{L}])/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) spans.push({ start: m.index + 1, end: m.index + m[0].length - 1 });
  return spans;
}

/** Context shared by the rules of one analysis: sentences, quotes, cached sentence checks. */
export interface AnalysisContext {
  text: string;
  ends: number[];
  quotes: Span[];
  /** Lines (start offsets) written in title case, such as headlines. */
  titleLines: Set<number>;
  lineStarts: number[];
  sentenceSets: Map<string, Set<number>>;
  exceptionSpans: Map<string, Span[]>;
}

export function analysisContext(text: string): AnalysisContext {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const titleLines = new Set<number>();
  lineStarts.forEach((s, i) => {
    const line = text.slice(s, i + 1 < lineStarts.length ? lineStarts[i + 1] : text.length);
    const words = line.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
    const long = words.filter((w) => w.length > 3);
    if (long.length >= 2 && long.filter((w) => /^\p{Lu}/u.test(w)).length / long.length >= 0.75) titleLines.add(i);
  });
  return {
    text,
    ends: sentenceEnds(text),
    quotes: quotedSpans(text),
    titleLines,
    lineStarts,
    sentenceSets: new Map(),
    exceptionSpans: new Map(),
  };
}

function lineOf(ctx: AnalysisContext, pos: number): number {
  let lo = 0;
  let hi = ctx.lineStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.lineStarts[mid] <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Whether a match looks like part of a name: it starts with a capital, is not
 * all capitals, does not open a sentence (or a quotation, or follow a colon),
 * and its line is not a title-case headline.
 */
function looksLikeName(ctx: AnalysisContext, start: number, end: number): boolean {
  const t = ctx.text;
  if (!/^\p{Lu}/u.test(t[start])) return false;
  const word = t.slice(start, end);
  if (word === word.toUpperCase()) return false;
  let i = start - 1;
  while (i >= 0 && /[\s"'\u201C\u2018([\u2014\u2013-]/.test(t[i])) {
    if (t[i] === '\n') return false;
    i--;
  }
  // Only after a word or a comma is a capital a sign of a name.
  if (i < 0 || !/[\p{L}\p{N},]/u.test(t[i])) return false;
  return !ctx.titleLines.has(lineOf(ctx, start));
}

function sentencesWith(ctx: AnalysisContext, source: string): Set<number> {
  let set = ctx.sentenceSets.get(source);
  if (!set) {
    set = new Set(allSpans(new RegExp(source, 'giu'), ctx.text).map((s) => sentenceOf(ctx.ends, s.start)));
    ctx.sentenceSets.set(source, set);
  }
  return set;
}

/** A rule's matches in a text, with its exceptions and sentence checks applied (overlaps not yet resolved). */
export function matchRule(ctx: AnalysisContext, rule: LabRule): Cue[] {
  const { text } = ctx;
  const c = compile(rule);
  const out: Cue[] = [];
  let exceptions: Span[] | undefined;
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
    // A rule that matches case chose its capitals on purpose; others skip names.
    if (rule.flags.includes('i') && looksLikeName(ctx, start, end)) continue;
    if (c.exceptions) {
      exceptions ??= ctx.exceptionSpans.get(rule.exceptions!) ?? allSpans(c.exceptions, text);
      ctx.exceptionSpans.set(rule.exceptions!, exceptions);
      if (overlapsAny(exceptions, start, end)) continue;
    }
    const sentence = sentenceOf(ctx.ends, start);
    if (c.unless && sentencesWith(ctx, rule.unlessSentence!).has(sentence)) continue;
    if (c.only && !sentencesWith(ctx, rule.onlySentence!).has(sentence)) continue;
    let tone: Tone = 'cue';
    if (rule.lens === 'emotive-language' && overlapsAny(ctx.quotes, start, end)) tone = 'quoted';
    else if (c.neutral && sentencesWith(ctx, rule.neutralSentence!).has(sentence)) tone = 'neutral';
    const cue: Cue = {
      start,
      end,
      lens: rule.lens,
      technique: rule.technique,
      ruleId: rule.id,
      label: rule.label,
      explanation: rule.explanation,
      tone,
    };
    if (tone === 'quoted') Object.assign(cue, { label: QUOTED_LABEL, explanation: QUOTED_EXPLANATION });
    if (tone === 'neutral') cue.label = `${rule.label}, credited`;
    out.push(cue);
  }
  return out;
}

const LENS_ORDER: Record<LensId, number> = Object.fromEntries(LENS_IDS.map((l, i) => [l, i])) as Record<LensId, number>;

/**
 * Resolve overlaps among matches listed rule by rule (`order` is the rule's
 * index): cues of one lens never overlap (the earlier one wins, then the
 * longer, then the rule listed first); cues of different lenses may. Sorted by
 * start, then lens, then end.
 */
export function mergeMatches(found: readonly (Cue & { order: number })[]): Cue[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);
  const lastEnd: Record<string, number> = {};
  const cues: Cue[] = [];
  for (const f of sorted) {
    if (f.start < (lastEnd[f.lens] ?? 0)) continue;
    lastEnd[f.lens] = f.end;
    const { order: _order, ...cue } = f;
    cues.push(cue);
  }
  return cues.sort((a, b) => a.start - b.start || LENS_ORDER[a.lens] - LENS_ORDER[b.lens] || a.end - b.end);
}

/** Candidate cues in a text (all rules, on this thread). */
export function analyze(text: string, rules: readonly LabRule[]): Cue[] {
  const ctx = analysisContext(text);
  return mergeMatches(rules.flatMap((rule, order) => matchRule(ctx, rule).map((c) => ({ ...c, order }))));
}

/** Only the suggested cues (tone `cue`): what the density message counts. */
export const suggested = (cues: readonly Cue[]): Cue[] => cues.filter((c) => c.tone === 'cue');

/**
 * The density line a learner sees first: how many suggested cues for how many
 * words, and the question that matters ("which 3 matter?").
 */
export function densityMessage(suggestedCount: number, words: number): string {
  const n = (k: number, one: string) => `${k.toLocaleString('en')} ${one}${k === 1 ? '' : 's'}`;
  if (suggestedCount === 0)
    return `No suggested cues in ${n(words, 'word')}. The rules only know certain words: read it again with the three questions.`;
  const matter = Math.max(1, Math.min(suggestedCount, Math.round(suggestedCount / 4)));
  if (suggestedCount <= 3)
    return `${n(suggestedCount, 'cue')} in ${n(words, 'word')}: is ${suggestedCount === 1 ? 'it' : 'each one'} fair where it stands?`;
  return `${n(suggestedCount, 'cue')} in ${n(words, 'word')}: most will be fine; which ${matter} matter?`;
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

export const LAB_NOTICE =
  'These cues are prompts to think, not verdicts. The suggested ones come from simple word rules that cannot read context; the decisions and notes are yours.';

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
  const kept = cues
    .filter((c) => c.status === 'confirmed' || c.status === 'added')
    .sort((a, b) => a.start - b.start || a.number - b.number);
  const lines: string[] = [];
  const rule = (s: string) => [s, '-'.repeat(s.length)];
  lines.push(
    'Practice lab report',
    `Read the News Closely, made on ${input.date.slice(0, 10)}`,
    '',
    LAB_NOTICE,
    '',
    countsLine(cues),
    '',
  );
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
          tone: c.tone,
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
