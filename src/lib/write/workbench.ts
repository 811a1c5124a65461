/**
 * The lesson workbench (/write/): a draft lesson as plain data, the three
 * files it becomes, and the project's own validator run on exactly those
 * files. Pure: the page script (src/scripts/write.ts) only wires it up.
 */
import { anchorQuote } from '../content/anchor.ts';
import type { ContentIssue } from '../content/issues.ts';
import { LENS_IDS, LENSES, type LensId } from '../content/lenses.ts';
import type { MdxParser } from '../content/lesson-rules.ts';
import { parseMdxOutline } from './mdx-outline.ts';
import { checkSlug } from '../content/scaffold.ts';
import { GENRES, LEVELS } from '../content/schema.ts';
import type { Token } from '../learner/tokens.ts';
import { splitFrontmatter, validateLibrary, type Excerpt, type SourceFile } from '../content/validate.ts';
import { emitMap, emitPair, patchListDocument, patchMapDocument, type ListItem, type Value } from './yaml-patch.ts';
import { parseDocument } from 'yaml';

export interface DraftAnnotation {
  /** Index in the opened annotation file, for an annotation read from it. */
  orig?: number;
  id: string;
  quote: string;
  prefix: string;
  suffix: string;
  lens: string[];
  kind: string[];
  key: string[];
  scored: boolean;
  note: string;
  question: string;
  check: string;
  rewrite: string;
  lensNote: string;
}

export interface DraftMeta {
  title: string;
  outlet: string;
  constructed: boolean;
  date: string;
  provenance: string;
  genre: string;
  publisher: string;
  byline: string;
}

export interface DraftLesson {
  title: string;
  summary: string;
  level: string;
  minutes: number;
  audience: string[];
  topic: string;
  questions: string[];
  objectives: string[];
  keyPoints: string[];
  discussion: string[];
  misconceptions: string[];
  /** Slug of the control passage (`control:`); empty means `<slug>-control`. */
  control: string;
  /** For a new lesson: the paragraph learners read before the walkthrough. */
  intro: string;
  /** For a new lesson: what to look for, per lens (the step's prose). */
  hints: Record<string, string>;
  /** For a new lesson: what to look for in the control passage (the <ControlStep>). */
  controlHint: string;
  /** For a new lesson: the `## Debrief` section. */
  debrief: string;
}

/** The control passage: a calm, well-sourced text on the same topic, with its own source fields. */
export interface DraftControl {
  meta: DraftMeta;
  /** The text (the file's body), byte for byte. */
  text: string;
}

export interface Draft {
  v: 1;
  /** Local id of the draft on this device. */
  id: string;
  updated: number;
  slug: string;
  meta: DraftMeta;
  /** The excerpt text (the file's body), byte for byte. */
  text: string;
  annotations: DraftAnnotation[];
  lesson: DraftLesson;
  /**
   * The control passage's files. Absent when a lesson was opened without
   * them: its control files are then left as they are.
   */
  control?: DraftControl;
  /** Opened files, kept so unchanged parts are written back unchanged. */
  origin?: OpenedFiles;
}

export const ANNOTATION_FIELDS = [
  'id',
  'quote',
  'prefix',
  'suffix',
  'lens',
  'kind',
  'key',
  'scored',
  'question',
  'note',
  'check',
  'rewrite',
  'lensNote',
] as const;
const META_FIELDS = ['title', 'outlet', 'constructed', 'date', 'provenance', 'genre', 'publisher', 'byline'] as const;
const LESSON_FIELDS = [
  'title',
  'summary',
  'level',
  'minutes',
  'audience',
  'topic',
  'excerpt',
  'control',
  'questions',
  'objectives',
  'keyPoints',
  'discussion',
  'misconceptions',
] as const;
const emptyMeta = (today: string): DraftMeta => ({
  title: '',
  outlet: '',
  constructed: false,
  date: today,
  provenance: '',
  genre: '',
  publisher: '',
  byline: '',
});

export function emptyDraft(id: string, today: string): Draft {
  return {
    v: 1,
    id,
    updated: 0,
    slug: '',
    meta: emptyMeta(today),
    text: '',
    annotations: [],
    lesson: {
      title: '',
      summary: '',
      level: 'intro',
      minutes: 30,
      audience: ['secondary students (14+)', 'adult learners'],
      topic: '',
      questions: [],
      objectives: [],
      keyPoints: [],
      discussion: [],
      misconceptions: [],
      control: '',
      intro: '',
      hints: {},
      controlHint: '',
      debrief: '',
    },
    control: { meta: emptyMeta(today), text: '' },
  };
}

// ---------- reading files ----------

const str = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : v instanceof Date
      ? v.toISOString().slice(0, 10)
      : v === undefined || v === null
        ? ''
        : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint'
          ? String(v)
          : Array.isArray(v)
            ? v.map(str).join(',')
            : (JSON.stringify(v) ?? '');
const list = (v: unknown) => (Array.isArray(v) ? v.map(str) : v === undefined || v === null || v === '' ? [] : [str(v)]);

function readAnnotation(raw: Record<string, unknown>): Record<string, Value> {
  return {
    id: str(raw.id),
    quote: str(raw.quote),
    prefix: str(raw.prefix),
    suffix: str(raw.suffix),
    lens: list(raw.lens),
    kind: list(raw.kind),
    key: list(raw.key),
    // A missing `scored` means true; only `false` is written out.
    scored: raw.scored === false ? false : undefined,
    question: str(raw.question),
    note: str(raw.note),
    check: str(raw.check),
    rewrite: str(raw.rewrite),
    lensNote: str(raw.lensNote),
  };
}

function readMeta(raw: Record<string, unknown>): Record<string, Value> {
  return {
    title: str(raw.title),
    outlet: str(raw.outlet),
    constructed: raw.constructed === true ? true : undefined,
    date: str(raw.date),
    provenance: str(raw.provenance),
    genre: str(raw.genre),
    publisher: str(raw.publisher),
    byline: str(raw.byline),
  };
}

function readLesson(raw: Record<string, unknown>): Record<string, Value> {
  return {
    title: str(raw.title),
    summary: str(raw.summary),
    level: str(raw.level),
    minutes: typeof raw.minutes === 'number' ? raw.minutes : str(raw.minutes),
    audience: list(raw.audience),
    topic: str(raw.topic),
    excerpt: str(raw.excerpt),
    control: str(raw.control),
    questions: list(raw.questions),
    objectives: list(raw.objectives),
    keyPoints: list(raw.keyPoints),
    discussion: list(raw.discussion),
    misconceptions: list(raw.misconceptions),
  };
}

function yamlObject(src: string): Record<string, unknown> {
  try {
    const v = parseDocument(src).toJS() as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export interface OpenedFiles {
  md?: string;
  yaml?: string;
  mdx?: string;
  /** The control passage's excerpt and annotation files. */
  cmd?: string;
  cyaml?: string;
}

function metaFromFile(md: string): { meta: DraftMeta; text: string } {
  const parts = splitFrontmatter(md);
  const m = readMeta(yamlObject(parts?.frontmatter ?? ''));
  return {
    meta: {
      title: m.title as string,
      outlet: m.outlet as string,
      constructed: m.constructed === true,
      date: m.date as string,
      provenance: m.provenance as string,
      genre: m.genre as string,
      publisher: m.publisher as string,
      byline: m.byline as string,
    },
    text: parts ? parts.body : md,
  };
}

/** A draft from an existing lesson's files (any of them may be missing). */
export function draftFromFiles(files: OpenedFiles, slug: string, id: string, today: string): Draft {
  const d = emptyDraft(id, today);
  d.slug = slug;
  d.origin = { ...files };
  if (files.md !== undefined) ({ meta: d.meta, text: d.text } = metaFromFile(files.md));
  // Control files that were not opened are left as they are.
  if (files.cmd !== undefined) d.control = metaFromFile(files.cmd);
  else if (files.mdx !== undefined) delete d.control;
  if (files.yaml !== undefined) {
    let raw: unknown;
    try {
      raw = parseDocument(files.yaml).toJS();
    } catch {
      raw = [];
    }
    d.annotations = (Array.isArray(raw) ? raw : []).map((r, orig) => {
      const a = readAnnotation(r && typeof r === 'object' ? (r as Record<string, unknown>) : {});
      return {
        orig,
        id: a.id as string,
        quote: a.quote as string,
        prefix: a.prefix as string,
        suffix: a.suffix as string,
        lens: a.lens as string[],
        kind: a.kind as string[],
        key: a.key as string[],
        scored: a.scored !== false,
        note: a.note as string,
        question: a.question as string,
        check: a.check as string,
        rewrite: a.rewrite as string,
        lensNote: a.lensNote as string,
      };
    });
  }
  if (files.mdx !== undefined) {
    const parts = splitFrontmatter(files.mdx);
    const l = readLesson(yamlObject(parts?.frontmatter ?? ''));
    d.lesson = {
      ...d.lesson,
      title: l.title as string,
      summary: l.summary as string,
      level: l.level as string,
      minutes: Number(l.minutes) || 30,
      audience: l.audience as string[],
      topic: l.topic as string,
      questions: l.questions as string[],
      objectives: l.objectives as string[],
      keyPoints: l.keyPoints as string[],
      discussion: l.discussion as string[],
      misconceptions: l.misconceptions as string[],
      control: l.control as string,
    };
  }
  return d;
}

// ---------- writing files ----------

function annotationValues(a: DraftAnnotation): Record<string, Value> {
  return {
    id: a.id,
    quote: a.quote,
    prefix: a.prefix,
    suffix: a.suffix,
    lens: a.lens,
    kind: a.kind,
    key: a.key,
    scored: a.scored ? undefined : false,
    question: a.question.trim(),
    note: a.note.trim(),
    check: a.check.trim(),
    rewrite: a.rewrite.trim(),
    lensNote: a.lensNote.trim(),
  };
}

function metaValues(m: DraftMeta): Record<string, Value> {
  return {
    title: m.title.trim(),
    outlet: m.constructed ? '' : m.outlet.trim(),
    constructed: m.constructed ? true : undefined,
    date: m.date.trim(),
    provenance: m.provenance.trim(),
    genre: m.genre,
    publisher: m.publisher.trim(),
    byline: m.byline.trim(),
  };
}

function lessonValues(d: Draft): Record<string, Value> {
  const l = d.lesson;
  const lines = (xs: string[]) => xs.map((x) => x.trim()).filter(Boolean);
  return {
    title: l.title.trim(),
    summary: l.summary.trim(),
    level: l.level,
    minutes: l.minutes,
    audience: lines(l.audience),
    topic: l.topic.trim(),
    excerpt: d.slug,
    control: controlSlug(d) || undefined,
    questions: lines(l.questions),
    objectives: lines(l.objectives),
    keyPoints: lines(l.keyPoints),
    discussion: lines(l.discussion),
    misconceptions: lines(l.misconceptions),
  };
}

/** The control passage's slug: the one the lesson names, or `<slug>-control` for a new lesson. */
export function controlSlug(d: Draft): string {
  if (d.lesson.control.trim()) return d.lesson.control.trim();
  if (d.origin?.mdx !== undefined) return '';
  return `${d.slug || 'my-lesson'}-control`;
}

/** Text that MDX must not read as JSX or an expression. */
export function mdxText(s: string): string {
  return s.replace(/[{}<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The lenses the draft's annotations use, in the site's lens order. */
export function lensesUsed(d: Draft): LensId[] {
  return LENS_IDS.filter((l) => d.annotations.some((a) => a.lens.includes(l)));
}

function lessonBody(d: Draft): string {
  const intro = d.lesson.intro.trim() || `Read the text below closely before the walkthrough.`;
  const steps = lensesUsed(d).map((l) => {
    const hint = d.lesson.hints[l]?.trim() || `Look for ${LENSES[l].label.toLowerCase()} in this text. ${LENSES[l].question}`;
    return `<Step lens="${l}">\n${mdxText(hint)}\n</Step>\n`;
  });
  // Left out when not written, so the validator says what is missing beside its field.
  const control = d.lesson.controlHint.trim() ? `\n<ControlStep>\n${mdxText(d.lesson.controlHint.trim())}\n</ControlStep>\n` : '';
  const debrief = d.lesson.debrief.trim() ? `\n## Debrief\n\n${mdxText(d.lesson.debrief.trim())}\n` : '';
  return `\n${mdxText(intro)}\n\n<Walkthrough>\n\n${steps.join('\n')}${control}\n</Walkthrough>\n\n<AnnotatedExcerpt />\n${debrief}`;
}

function frontmatterFile(fm: string, body: string): string {
  return `---\n${fm}${fm.endsWith('\n') ? '' : '\n'}---\n${body}`;
}

/** Replace the frontmatter of a file, keeping its `---` lines and body as they were. */
function withFrontmatter(original: string, patch: (fm: string) => string, body?: string): string {
  const m = /^(---[ \t]*\r?\n)([\s\S]*?\r?\n)(---[ \t]*(?:\r?\n|$))/.exec(original);
  if (!m) return original;
  const rest = original.slice(m[0].length);
  return m[1] + patch(m[2]) + m[3] + (body ?? rest);
}

export interface DraftFiles {
  md: string;
  yaml: string;
  mdx: string;
  /** The control passage's files, when the draft has them. */
  cmd?: string;
  cyaml?: string;
}

export type FileKey = keyof DraftFiles;
export const FILE_KEYS: readonly FileKey[] = ['md', 'yaml', 'mdx', 'cmd', 'cyaml'];

function mdFile(meta: DraftMeta, text: string, origin: string | undefined): string {
  const want = metaValues(meta);
  if (origin !== undefined && splitFrontmatter(origin)) {
    return withFrontmatter(origin, (fm) => patchMapDocument(fm, want, readMeta, META_FIELDS), text);
  }
  return frontmatterFile(emitMap(want, 0, META_FIELDS), text.endsWith('\n') ? text : `${text}\n`);
}

export function excerptFile(d: Draft): string {
  return mdFile(d.meta, d.text, d.origin?.md);
}

/** The control passage's excerpt and (empty, for a new one) annotation file. */
export function controlFiles(d: Draft): { cmd: string; cyaml: string } | null {
  if (!d.control) return null;
  const cmd = mdFile(d.control.meta, d.control.text, d.origin?.cmd);
  if (d.origin?.cyaml !== undefined) return { cmd, cyaml: d.origin.cyaml };
  const title = d.control.meta.title.trim().replace(/\s+/g, ' ');
  return {
    cmd,
    cyaml: `# Control passage for "${d.lesson.title.trim().replace(/\s+/g, ' ')}": "${title}". Nothing in it is flagged.\n[]\n`,
  };
}

export function annotationFile(d: Draft): string {
  const items: ListItem[] = d.annotations.map((a) => ({ orig: a.orig, values: annotationValues(a) }));
  const fresh = (it: ListItem) => `- ${emitMap(it.values, 2, ANNOTATION_FIELDS)}`;
  if (d.origin?.yaml !== undefined) return patchListDocument(d.origin.yaml, items, readAnnotation, ANNOTATION_FIELDS, fresh);
  const title = d.meta.title.trim().replace(/\s+/g, ' ');
  const head = `# Annotations for "${title}". Written with the lesson workbench (/write/).\n# Keep ids stable once published.\n`;
  if (items.length === 0) return `${head}[]\n`;
  return `${head}\n${items.map(fresh).join('\n')}`;
}

export function lessonFile(d: Draft): string {
  const want = lessonValues(d);
  if (d.origin?.mdx !== undefined && splitFrontmatter(d.origin.mdx)) {
    return withFrontmatter(d.origin.mdx, (fm) => patchMapDocument(fm, want, readLesson, LESSON_FIELDS));
  }
  return frontmatterFile(emitMap(want, 0, LESSON_FIELDS), lessonBody(d));
}

export function draftFiles(d: Draft): DraftFiles {
  return { md: excerptFile(d), yaml: annotationFile(d), mdx: lessonFile(d), ...controlFiles(d) };
}

export function fileNames(slug: string, control = `${slug || 'my-lesson'}-control`): Record<FileKey, string> {
  const s = slug || 'my-lesson';
  const c = control || `${s}-control`;
  return {
    md: `content/excerpts/${s}.md`,
    yaml: `content/excerpts/${s}.yaml`,
    mdx: `content/lessons/${s}.mdx`,
    cmd: `content/excerpts/${c}.md`,
    cyaml: `content/excerpts/${c}.yaml`,
  };
}

/** The draft's files with their names in the project, control files included when the draft has them. */
export function namedFiles(d: Draft, files: DraftFiles = draftFiles(d)): { key: FileKey; name: string; data: string }[] {
  const names = fileNames(d.slug, controlSlug(d));
  return FILE_KEYS.flatMap((key) => (files[key] === undefined ? [] : [{ key, name: names[key], data: files[key] }]));
}

// ---------- choosing the quote ----------

export interface QuotePick {
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

/**
 * The quote for the words from token a to token b (inclusive), with the
 * fewest words of prefix and/or suffix that make it occur once.
 */
export function pickQuote(text: string, tokens: readonly Token[], a: number, b: number): QuotePick | null {
  const lo = Math.max(0, Math.min(a, b));
  const hi = Math.min(tokens.length - 1, Math.max(a, b));
  if (tokens.length === 0) return null;
  const start = tokens[lo].start;
  const end = tokens[hi].end;
  const quote = text.slice(start, end);
  const fits = (prefix: string, suffix: string) => {
    const r = anchorQuote(text, { exact: quote, prefix: prefix || undefined, suffix: suffix || undefined });
    return r.ok && r.start === start && r.end === end;
  };
  if (fits('', '')) return { quote, prefix: '', suffix: '', start, end };
  // Words from the same paragraph read best; cross into the next one only if needed.
  for (const sameBlock of [true, false]) {
    for (let k = 1; k <= 12; k++) {
      const p =
        lo - k >= 0 && (!sameBlock || tokens[lo - k].block === tokens[lo].block) ? text.slice(tokens[lo - k].start, start) : '';
      const s =
        hi + k < tokens.length && (!sameBlock || tokens[hi + k].block === tokens[hi].block)
          ? text.slice(end, tokens[hi + k].end)
          : '';
      if (p && fits(p, '')) return { quote, prefix: p, suffix: '', start, end };
      if (s && fits('', s)) return { quote, prefix: '', suffix: s, start, end };
      if (p && s && fits(p, s)) return { quote, prefix: p, suffix: s, start, end };
    }
  }
  return { quote, prefix: '', suffix: '', start, end };
}

/** A readable id from the quote: lower-case words joined by hyphens, unique in the draft. */
export function idFor(quote: string, taken: readonly string[]): string {
  const words = quote
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .match(/[a-z0-9]+/g) ?? ['note'];
  const base = words.slice(0, 4).join('-').slice(0, 40).replace(/-+$/, '') || 'note';
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

// ---------- checking ----------

export interface WorkbenchContext {
  /** Technique pages (content/techniques/*.md), as files. */
  techniques: { id: string; file: SourceFile }[];
  /** Slugs of the excerpts already in the library. */
  excerpts: string[];
  /** The MDX parser for the lesson body: the outline reader in the browser (default), the build's own in Node. */
  parseMdx?: MdxParser;
}

/** Where a message belongs on the page. */
export type IssueTarget =
  | { kind: 'meta'; field: string }
  | { kind: 'text' }
  | { kind: 'annotation'; index: number; field?: string }
  | { kind: 'lesson'; field?: string }
  | { kind: 'control'; field: string }
  | { kind: 'slug' };

export interface PlacedIssue {
  issue: ContentIssue;
  target: IssueTarget;
}

export interface DraftCheck {
  files: DraftFiles;
  issues: PlacedIssue[];
  /** The excerpt as the build reads it (null when the excerpt itself does not pass). */
  excerpt: Excerpt | null;
}

const STUB = '---\ntitle: Another lesson\nconstructed: true\ndate: 2020\nprovenance: Part of the library.\n---\nText.\n';

function fieldIn(issue: ContentIssue, fields: readonly string[]): string | undefined {
  for (const m of `${issue.problem} ${issue.fix}`.matchAll(/`([A-Za-z]+)(?:[:.`\s])/g)) if (fields.includes(m[1])) return m[1];
  return undefined;
}

/** Run the project's validator on the draft's files, and say where each message belongs. */
export function checkDraft(d: Draft, ctx: WorkbenchContext): DraftCheck {
  const files = draftFiles(d);
  const cslug = controlSlug(d);
  const names = fileNames(d.slug, cslug);
  const slug = d.slug || 'my-lesson';
  const editing = d.origin !== undefined && ctx.excerpts.includes(slug);
  const mineControl = files.cmd !== undefined && cslug !== '' && cslug !== slug;
  const others = new Set(ctx.excerpts.filter((s) => s !== slug && !(mineControl && s === cslug)));
  const sources = {
    techniques: ctx.techniques,
    excerpts: [
      { slug, text: { path: names.md, content: files.md }, annotations: { path: names.yaml, content: files.yaml } },
      ...(mineControl
        ? [
            {
              slug: cslug,
              text: { path: names.cmd, content: files.cmd! },
              annotations: { path: names.cyaml, content: files.cyaml! },
            },
          ]
        : []),
      ...[...others].map((s) => ({ slug: s, text: { path: `content/excerpts/${s}.md`, content: STUB } })),
    ],
    lessons: [{ slug, file: { path: names.mdx, content: files.mdx } }],
  };
  const { library, issues } = validateLibrary(sources, { parseMdx: ctx.parseMdx ?? parseMdxOutline });
  const own = new Set([names.md, names.yaml, names.mdx, ...(mineControl ? [names.cmd, names.cyaml] : [])]);
  const mine = issues.filter((i) => own.has(i.file));
  const placed: PlacedIssue[] = mine.map((issue) => {
    if (mineControl && (issue.file === names.cmd || issue.file === names.cyaml)) {
      if (issue.file === names.cyaml || /no text after its frontmatter/.test(issue.problem))
        return { issue, target: { kind: 'control', field: 'text' } };
      return { issue, target: { kind: 'control', field: fieldIn(issue, [...META_FIELDS]) ?? 'title' } };
    }
    if (issue.file === names.md) {
      if (issue.annotation?.startsWith('alsoDefensible')) return { issue, target: { kind: 'meta', field: 'alsoDefensible' } };
      if (/no text after its frontmatter/.test(issue.problem)) return { issue, target: { kind: 'text' } };
      return { issue, target: { kind: 'meta', field: fieldIn(issue, [...META_FIELDS]) ?? 'title' } };
    }
    if (issue.file === names.yaml) {
      const index = d.annotations.findIndex((a, i) => a.id === issue.annotation || issue.annotation === `#${i + 1} (no id)`);
      const field = /^the note is too short/.test(issue.problem) ? 'note' : fieldIn(issue, ANNOTATION_FIELDS);
      if (index >= 0) return { issue, target: { kind: 'annotation', index, field } };
      return { issue, target: { kind: 'text' } };
    }
    if (/## Debrief/.test(issue.problem)) return { issue, target: { kind: 'lesson', field: 'debrief' } };
    if (/<ControlStep>/.test(issue.problem)) return { issue, target: { kind: 'lesson', field: 'controlHint' } };
    return { issue, target: { kind: 'lesson', field: fieldIn(issue, [...LESSON_FIELDS]) } };
  });
  const slugProblem =
    d.slug === ''
      ? 'Give the lesson a short name for its files, e.g. city-council-budget'
      : editing
        ? null
        : checkSlug(d.slug, ctx.excerpts);
  if (slugProblem) {
    placed.unshift({
      issue: {
        file: names.mdx,
        problem: slugProblem.replace(/npm run new:lesson -- /, ''),
        fix: 'use lower-case letters, digits and single hyphens',
      },
      target: { kind: 'slug' },
    });
  }
  return { files, issues: placed, excerpt: library.excerpts.find((e) => e.slug === slug) ?? null };
}

/** Repeats: other places in the text where an annotation's quote also occurs. */
export function repeatsOf(text: string, quote: string): number {
  if (quote.trim() === '') return 0;
  let n = 0;
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) n++;
  return n;
}

export const GENRE_IDS = GENRES;
export const LEVEL_IDS = LEVELS;

// ---------- drafts on the device ----------

export interface DraftStore {
  v: 1;
  current: string;
  drafts: Draft[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A draft read from storage or an imported file, or null when it is not one. */
export function readDraft(v: unknown): Draft | null {
  if (
    !isObj(v) ||
    v.v !== 1 ||
    typeof v.id !== 'string' ||
    typeof v.text !== 'string' ||
    !isObj(v.meta) ||
    !isObj(v.lesson) ||
    !Array.isArray(v.annotations)
  )
    return null;
  const base = emptyDraft(v.id, '');
  const meta: DraftMeta = { ...base.meta, ...v.meta };
  const lesson: DraftLesson = { ...base.lesson, ...v.lesson };
  const annotations = (v.annotations as unknown[]).filter(isObj).map((a) => ({
    orig: typeof a.orig === 'number' ? a.orig : undefined,
    id: str(a.id),
    quote: str(a.quote),
    prefix: str(a.prefix),
    suffix: str(a.suffix),
    lens: list(a.lens),
    kind: list(a.kind),
    key: list(a.key),
    scored: a.scored !== false,
    note: str(a.note),
    question: str(a.question),
    check: str(a.check),
    rewrite: str(a.rewrite),
    lensNote: str(a.lensNote),
  }));
  const s = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const origin = isObj(v.origin)
    ? { md: s(v.origin.md), yaml: s(v.origin.yaml), mdx: s(v.origin.mdx), cmd: s(v.origin.cmd), cyaml: s(v.origin.cyaml) }
    : undefined;
  // A draft saved before control passages were part of the workbench gets an empty one, unless it was opened from a lesson.
  const control =
    isObj(v.control) && isObj(v.control.meta) && typeof v.control.text === 'string'
      ? { meta: { ...base.meta, ...(v.control.meta as object) }, text: v.control.text }
      : origin?.mdx !== undefined
        ? undefined
        : base.control;
  return {
    v: 1,
    id: v.id,
    updated: typeof v.updated === 'number' ? v.updated : 0,
    slug: typeof v.slug === 'string' ? v.slug : '',
    meta,
    text: v.text,
    annotations,
    lesson,
    ...(control ? { control } : {}),
    ...(origin ? { origin } : {}),
  };
}

export function readDraftStore(raw: string | null): { store: DraftStore; corrupt: boolean } {
  const emptyStore: DraftStore = { v: 1, current: '', drafts: [] };
  if (!raw) return { store: emptyStore, corrupt: false };
  try {
    const v = JSON.parse(raw) as unknown;
    if (!isObj(v) || v.v !== 1 || !Array.isArray(v.drafts)) return { store: emptyStore, corrupt: true };
    const drafts = v.drafts.map(readDraft).filter((d): d is Draft => d !== null);
    return {
      store: { v: 1, current: typeof v.current === 'string' ? v.current : '', drafts },
      corrupt: drafts.length !== v.drafts.length,
    };
  } catch {
    return { store: emptyStore, corrupt: true };
  }
}

/** The draft file a teacher exports (and imports on another device). */
export function exportDraft(d: Draft): string {
  return `${JSON.stringify({ kind: 'lesson-workbench-draft', ...d }, null, 1)}\n`;
}

export function importDraft(text: string): Draft | null {
  try {
    const v = JSON.parse(text) as unknown;
    if (!isObj(v) || v.kind !== 'lesson-workbench-draft') return null;
    const { kind: _kind, ...rest } = v;
    return readDraft(rest);
  } catch {
    return null;
  }
}

/** The lab's handoff: the pasted text and the cues the learner accepted. */
export interface LabHandoff {
  text: string;
  cues: { start: number; end: number; lens: string; note?: string }[];
}

export function readLabHandoff(raw: string | null): LabHandoff | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as unknown;
    if (!isObj(v) || typeof v.text !== 'string' || !Array.isArray(v.cues)) return null;
    const cues = v.cues.filter(
      (c): c is LabHandoff['cues'][number] =>
        isObj(c) &&
        Number.isInteger(c.start) &&
        Number.isInteger(c.end) &&
        (c.start as number) >= 0 &&
        (c.end as number) > (c.start as number) &&
        (c.end as number) <= (v.text as string).length &&
        typeof c.lens === 'string',
    );
    return { text: v.text, cues };
  } catch {
    return null;
  }
}

/** A new draft from the lab: the text and one draft annotation per accepted cue. */
export function draftFromLab(h: LabHandoff, tokens: readonly Token[], id: string, today: string): Draft {
  const d = emptyDraft(id, today);
  d.text = h.text.endsWith('\n') ? h.text : `${h.text}\n`;
  d.meta.title = h.text.trim().split('\n')[0].slice(0, 120);
  for (const c of h.cues) {
    const a = tokens.findIndex((t) => t.end > c.start);
    let b = -1;
    tokens.forEach((t, i) => {
      if (t.start < c.end) b = i;
    });
    if (a < 0 || b < a) continue;
    const q = pickQuote(d.text, tokens, a, b);
    if (!q) continue;
    d.annotations.push({
      id: idFor(
        q.quote,
        d.annotations.map((x) => x.id),
      ),
      quote: q.quote,
      prefix: q.prefix,
      suffix: q.suffix,
      lens: LENS_IDS.includes(c.lens as LensId) ? [c.lens] : [],
      kind: [],
      key: [],
      scored: true,
      note: c.note ?? '',
      question: '',
      check: '',
      rewrite: '',
      lensNote: '',
    });
  }
  return d;
}

export { emitPair };
