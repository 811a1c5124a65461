/**
 * Turn raw content files into a checked library: parse frontmatter and YAML,
 * apply the schemas, anchor every quote, and collect every problem with a
 * message that says what to fix. Pure: callers pass file contents in.
 */
import { parseDocument, isSeq, LineCounter } from 'yaml';
import { anchorQuote, cutWord, type AnchorResult } from './anchor.ts';
import { editorialIssues } from './editorial.ts';
import { type ContentIssue, brief, issuesFromZod, suggest } from './issues.ts';
import { validateLabRules } from './lab-rules.ts';
import { checkLessonMdx, lessonEditorialIssues, placeholderIssues, type MdxParser, type StepId } from './lesson-rules.ts';
import { SLUG_RE } from './scaffold.ts';
import { LENS_IDS, type LensId, isLensId } from './lenses.ts';
import {
  annotationSchema,
  excerptMetaSchema,
  glossarySchema,
  type GlossaryEntry,
  lessonSchema,
  techniqueSchema,
  type Annotation,
  type Defensible,
  type ExcerptMeta,
  type Lesson,
  type TechniqueMeta,
} from './schema.ts';
import { type Block, context, lineCol, splitBlocks, wordCount } from './text.ts';

export interface SourceFile {
  /** Path shown to authors, relative to the project, e.g. content/lessons/x.mdx */
  path: string;
  content: string;
}

export interface ContentSources {
  excerpts: { slug: string; text: SourceFile; annotations?: SourceFile }[];
  lessons: { slug: string; file: SourceFile }[];
  techniques: { id: string; file: SourceFile }[];
  /** content/glossary.yaml: terms that are not techniques. */
  glossary?: SourceFile;
  /** content/lab/rules.yaml and lexicon.yaml: the practice lab's word rules. */
  lab?: { rules: SourceFile; lexicon: SourceFile };
  /** Files under content/ that are none of the above (reported, never read). */
  stray?: string[];
}

export interface Technique extends TechniqueMeta {
  id: string;
  /** The lens this technique belongs to (a lens page belongs to itself). */
  lensId: LensId;
  isLens: boolean;
  body: string;
  file: string;
}

export interface AnchoredAnnotation extends Annotation {
  lenses: LensId[];
  kinds: string[];
  start: number;
  end: number;
  /** 1-based position in reading order. */
  number: number;
  /** The excerpt's own text at the span (may differ in quotes/dashes from `quote`). */
  text: string;
}

export interface AnchoredDefensible extends Defensible {
  lenses: LensId[];
  start: number;
  end: number;
  text: string;
}

export interface Excerpt {
  slug: string;
  file: string;
  meta: ExcerptMeta;
  text: string;
  blocks: Block[];
  annotations: AnchoredAnnotation[];
  /** Phrases that may be flagged without penalty (frontmatter `alsoDefensible:`). */
  defensible: AnchoredDefensible[];
  /** Tempting phrases that need no flag (frontmatter `nothingToFlag:`); `lenses` is empty. */
  fine: AnchoredDefensible[];
}

export interface LessonEntry {
  slug: string;
  file: string;
  data: Lesson;
  body: string;
  /** The walkthrough's steps in order, from the parsed MDX (empty when validated without a parser, as in the browser workbench). */
  steps: readonly StepId[];
}

export interface Library {
  techniques: Technique[];
  excerpts: Excerpt[];
  lessons: LessonEntry[];
  glossary: GlossaryEntry[];
}

export interface ValidationResult {
  library: Library;
  issues: ContentIssue[];
  /** What the checker changed or wants known, without stopping the build (e.g. Unicode normalisation). */
  notes: ContentIssue[];
}

/** The longest excerpt a lesson may use: longer texts are not read closely, and slow every page. */
export const MAX_EXCERPT_WORDS = 5000;

/** Split `---` frontmatter from the body, keeping the body byte for byte. */
export function splitFrontmatter(content: string): { frontmatter: string; body: string; bodyLine: number } | null {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(content);
  if (!m) return null;
  return { frontmatter: m[1], body: content.slice(m[0].length), bodyLine: m[0].split('\n').length };
}

function parseYaml(source: string, file: string, lineOffset: number, issues: ContentIssue[]) {
  // A tab in the indentation makes YAML report an error on every line after it: say it once.
  const tab = source.split('\n').findIndex((l) => /^[ ]*\t/.test(l));
  if (tab !== -1) {
    issues.push({
      file,
      line: tab + 1 + lineOffset,
      problem: 'this line is indented with a tab; YAML only allows spaces for indentation',
      fix: 'replace the tab at the start of the line with spaces (two per level); set your editor to insert spaces',
    });
    return null;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    // The first error is the real one; the rest are usually its echo.
    const err = doc.errors[0];
    const line = lineCounter.linePos(err.pos[0]).line + lineOffset;
    issues.push({
      file,
      line,
      problem: `the YAML cannot be read: ${err.message.split('\n')[0]}${doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more error${doc.errors.length > 2 ? 's' : ''} after it, probably caused by this one)` : ''}`,
      fix: 'check indentation and quoting on that line; put text containing a colon followed by a space, or starting with a quote mark, inside double quotes',
    });
    return null;
  }
  let js: unknown;
  try {
    js = doc.toJS();
  } catch (e) {
    issues.push({
      file,
      problem: /alias/i.test((e as Error).message)
        ? 'the YAML uses aliases (*name) that expand to far too much data'
        : `the YAML cannot be read: ${(e as Error).message.split('\n')[0]}`,
      fix: 'write the values out instead of using YAML anchors (&name) and aliases (*name)',
    });
    return null;
  }
  return { doc, lineCounter, js };
}

function readFrontmatter(file: SourceFile, issues: ContentIssue[]): { data: unknown; body: string } | null {
  const parts = splitFrontmatter(file.content);
  if (!parts) {
    issues.push({
      file: file.path,
      line: 1,
      problem: 'the file does not start with frontmatter between two `---` lines',
      fix: 'start the file with a line `---`, the fields, then another line `---`',
    });
    return null;
  }
  const parsed = parseYaml(parts.frontmatter, file.path, 1, issues);
  if (!parsed) return null;
  return { data: parsed.js ?? {}, body: parts.body };
}

const TECHNIQUE_FIELDS = Object.keys(techniqueSchema.shape);
const EXCERPT_FIELDS = Object.keys(excerptMetaSchema.shape);
const ANNOTATION_FIELDS = Object.keys(annotationSchema.shape);
const LESSON_FIELDS = Object.keys(lessonSchema.shape);

function loadTechniques(sources: ContentSources, issues: ContentIssue[]): Technique[] {
  const out: Technique[] = [];
  for (const { id, file } of sources.techniques) {
    if (!slugFileOk(id, file.path, issues)) continue;
    const fm = readFrontmatter(file, issues);
    if (!fm) continue;
    const r = techniqueSchema.safeParse(fm.data);
    if (!r.success) {
      issues.push(...issuesFromZod(r.error, fm.data, { file: file.path }, 'the frontmatter', TECHNIQUE_FIELDS));
      continue;
    }
    const isLens = isLensId(id);
    if (isLens && r.data.lens) {
      issues.push({
        file: file.path,
        problem: `"${id}" is a lens page, so it cannot belong to another lens`,
        fix: 'remove the `lens:` field',
      });
      continue;
    }
    if (!isLens && !isLensId(r.data.lens)) {
      const s = r.data.lens ? suggest(r.data.lens, LENS_IDS) : undefined;
      issues.push({
        file: file.path,
        problem: r.data.lens ? `unknown lens "${r.data.lens}"` : 'a sub-kind page needs `lens:` naming the lens it belongs to',
        fix: `set \`lens:\` to ${s ? `"${s}"` : `one of ${LENS_IDS.join(', ')}`}`,
      });
      continue;
    }
    out.push({ ...r.data, id, lensId: (isLens ? id : r.data.lens) as LensId, isLens, body: fm.body, file: file.path });
  }
  for (const lens of LENS_IDS) {
    if (!out.some((t) => t.id === lens) && !issues.some((i) => i.file.endsWith(`/${lens}.md`))) {
      issues.push({
        file: `content/techniques/${lens}.md`,
        problem: `the page for the lens "${lens}" is missing`,
        fix: `create content/techniques/${lens}.md with a title and summary`,
      });
    }
  }
  return out.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
}

function checkLenses(
  raw: Annotation,
  techniques: Technique[],
  base: Omit<ContentIssue, 'problem' | 'fix'>,
  issues: ContentIssue[],
): { lenses: LensId[]; kinds: string[] } | null {
  let ok = true;
  const lenses: LensId[] = [];
  for (const l of raw.lens) {
    if (!isLensId(l)) {
      const s = suggest(l, LENS_IDS);
      const asKind = techniques.find((t) => t.id === l && !t.isLens);
      issues.push({
        ...base,
        problem: `unknown lens "${l}"`,
        fix: asKind
          ? `"${l}" is a sub-kind of ${asKind.lensId}: write \`lens: ${asKind.lensId}\` and \`kind: ${l}\``
          : `use ${s ? `"${s}"` : 'one of'}${s ? '' : ` ${LENS_IDS.join(', ')}`}`,
      });
      ok = false;
    } else if (lenses.includes(l)) {
      issues.push({ ...base, problem: `the lens "${l}" is listed twice`, fix: 'list each lens once' });
      ok = false;
    } else lenses.push(l);
  }
  const kinds = raw.kind ?? [];
  const subKinds = techniques.filter((t) => !t.isLens);
  for (const k of kinds) {
    const t = subKinds.find((x) => x.id === k);
    if (!t) {
      const s = suggest(k, subKinds.map((x) => x.id));
      issues.push({
        ...base,
        problem: `unknown kind "${k}"`,
        fix: s
          ? `did you mean "${s}"? Kinds are the file names in content/techniques`
          : `use a sub-kind from content/techniques (${subKinds.map((x) => x.id).join(', ')}), or add a page for it there`,
      });
      ok = false;
    } else if (!lenses.includes(t.lensId) && lenses.length === raw.lens.length) {
      issues.push({
        ...base,
        problem: `the kind "${k}" belongs to the lens "${t.lensId}", which this annotation does not list`,
        fix: `add ${t.lensId} to \`lens:\`, or choose a kind of ${lenses.join(' or ')}`,
      });
      ok = false;
    }
  }
  return ok ? { lenses, kinds } : null;
}

/**
 * `editorial` receives the editorial issues of each excerpt (editorial.ts),
 * found while its folded text is at hand; they are reported after every
 * excerpt's own issues.
 */
function loadExcerpts(sources: ContentSources, techniques: Technique[], issues: ContentIssue[], editorial: ContentIssue[]): Excerpt[] {
  const out: Excerpt[] = [];
  for (const src of sources.excerpts) {
    if (!slugFileOk(src.slug, src.text.path, issues)) continue;
    issues.push(...placeholderIssues(src.text.path, src.text.content));
    if (src.annotations) issues.push(...placeholderIssues(src.annotations.path, src.annotations.content));
    const fm = readFrontmatter(src.text, issues);
    if (!fm) continue;
    const meta = excerptMetaSchema.safeParse(fm.data);
    if (!meta.success) {
      issues.push(...issuesFromZod(meta.error, fm.data, { file: src.text.path }, 'the frontmatter', EXCERPT_FIELDS));
      continue;
    }
    const text = fm.body;
    const words = wordCount(text);
    if (words > MAX_EXCERPT_WORDS) {
      issues.push({
        file: src.text.path,
        problem: `the excerpt has ${words} words; the limit is ${MAX_EXCERPT_WORDS}`,
        fix: 'use the part of the article the lesson is about, and say in `provenance:` that it is an extract',
      });
      continue;
    }
    if (text.trim() === '') {
      issues.push({
        file: src.text.path,
        problem: 'the excerpt has no text after its frontmatter',
        fix: 'paste the article text below the closing `---`, exactly as published',
      });
      continue;
    }
    const annotations = src.annotations ? loadAnnotations(src.annotations, text, techniques, issues, src.text.path) : [];
    const defensible = anchorDefensible(meta.data.alsoDefensible, text, src.text.path, issues);
    const fine = anchorDefensible(meta.data.nothingToFlag, text, src.text.path, issues, 'nothingToFlag').map((f) => ({ ...f, lenses: [] }));
    const excerpt: Excerpt = { slug: src.slug, file: src.text.path, meta: meta.data, text, blocks: splitBlocks(text), annotations, defensible, fine };
    out.push(excerpt);
    editorial.push(...editorialIssues([excerpt], new Map(src.annotations ? [[src.slug, src.annotations.path]] : [])));
  }
  return out;
}

/** Whole-word, case-insensitive: is `words` a run of words inside `phrase`? */
export function containsWords(phrase: string, words: string): boolean {
  const w = words.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  if (w === '') return false;
  // A Unicode case-insensitive pattern takes about a millisecond to compile. When the
  // words are ASCII and the phrase has no letter or digit outside ASCII, an ASCII
  // pattern gives the same answer: no other character can match or bound the words.
  const ascii = !NON_ASCII.test(w) && !NON_ASCII_WORD_CHAR.test(phrase);
  const patterns = ascii ? asciiPatterns : wordPatterns;
  let re = patterns.get(w);
  if (!re) {
    re = ascii
      ? new RegExp(`(?<![A-Za-z0-9])${w}(?![A-Za-z0-9])`, 'i')
      : new RegExp(`(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])`, 'iu');
    patterns.set(w, re);
  }
  return re.test(phrase);
}
/** Compiled patterns of containsWords (key words repeat). */
const wordPatterns = new Map<string, RegExp>();
const asciiPatterns = new Map<string, RegExp>();
const NON_ASCII = /\P{ASCII}/u;
/** A letter or digit outside ASCII, including the Kelvin sign and long s that match "k" and "s" case-insensitively. */
const NON_ASCII_WORD_CHAR = /(?!\p{ASCII})[\p{L}\p{N}]/u;

function anchorDefensible(
  list: Defensible[],
  text: string,
  file: string,
  issues: ContentIssue[],
  field = 'alsoDefensible',
): AnchoredDefensible[] {
  const out: AnchoredDefensible[] = [];
  list.forEach((d, i) => {
    const base = { file, annotation: `${field} #${i + 1}`, quote: d.quote };
    const lenses: LensId[] = [];
    for (const l of d.lens ?? LENS_IDS) {
      if (isLensId(l)) lenses.push(l);
      else {
        const s = suggest(l, LENS_IDS);
        issues.push({ ...base, problem: `unknown lens "${l}"`, fix: `use ${s ? `"${s}"` : `one of ${LENS_IDS.join(', ')}`}` });
        return;
      }
    }
    const r = anchorQuote(text, { exact: d.quote, prefix: d.prefix, suffix: d.suffix });
    if (!r.ok) {
      const problem =
        r.reason === 'not-found'
          ? 'the quote does not occur in the text below the frontmatter'
          : r.reason === 'ambiguous'
            ? `the quote occurs ${r.matches.length} times in the text`
            : r.reason === 'empty'
              ? '`quote` is empty'
              : 'the quote never occurs with the given prefix/suffix';
      issues.push({
        ...base,
        problem,
        detail: r.reason === 'not-found' && r.nearest ? [`Nearest text: "${text.slice(r.nearest.start, r.nearest.end)}"`] : [],
        fix: 'copy the words exactly from the text; add `prefix:` or `suffix:` when they occur more than once',
      });
      return;
    }
    const cut = cutWord(text, r.start, r.end);
    if (cut) {
      issues.push({ ...base, ...cutWordIssue(cut) });
      return;
    }
    out.push({ ...d, lenses, start: r.start, end: r.end, text: text.slice(r.start, r.end) });
  });
  return out;
}

function cutWordIssue(cut: { side: 'start' | 'end'; word: string }): Pick<ContentIssue, 'problem' | 'fix'> {
  return {
    problem: `the quote ${cut.side === 'start' ? 'starts' : 'ends'} inside the word "${cut.word}"`,
    fix: `quote whole words: learners mark whole words, so ${cut.side === 'start' ? 'begin' : 'end'} the quote with all of "${cut.word}" (or leave the word out)`,
  };
}

/** Why a quote could not be placed in the text, and how to fix it. */
function anchorIssue(r: Exclude<AnchorResult, { ok: true }>, a: Annotation, text: string, textFile: string): Pick<ContentIssue, 'problem' | 'fix' | 'detail'> {
  if (r.reason === 'empty') {
    return { problem: '`quote` is empty', fix: `copy the words this annotation is about from ${textFile} into \`quote:\`` };
  }
  if (r.reason === 'not-found') {
    const n = r.nearest;
    return {
      problem: `the quote does not occur in ${textFile}`,
      detail: n ? [`Nearest text (line ${lineCol(text, n.start).line}): "${text.slice(n.start, n.end)}"`] : [],
      fix: n ? `copy the words exactly as they appear in the excerpt, e.g. quote: "${text.slice(n.start, n.end)}"` : 'copy the words exactly as they appear in the excerpt',
    };
  }
  const detail = r.matches.map((m) => `line ${lineCol(text, m.start).line}: ${context(text, m.start, m.end)}`);
  if (r.reason === 'ambiguous') {
    return {
      problem: `the quote occurs ${r.matches.length} times in ${textFile}${
        r.matches.some((m) => text.slice(m.start, m.end) !== a.quote.normalize('NFC')) ? ' (counting places that differ only in quote marks, dashes or spaces)' : ''
      }${a.prefix || a.suffix ? ', even with the prefix/suffix given' : ''}`,
      detail,
      fix: 'add `prefix:` (words just before) or `suffix:` (words just after) to pick one, or quote a longer phrase',
    };
  }
  return {
    problem: `the quote occurs ${r.matches.length} time(s), but never with the given ${[a.prefix !== undefined ? 'prefix' : '', a.suffix !== undefined ? 'suffix' : ''].filter(Boolean).join(' and ')}`,
    detail,
    fix: 'copy the prefix/suffix exactly from the words around the quote, or remove them if the quote occurs once',
  };
}

/** A `key:` word that is not among the quote's words, as an issue, or null. */
function keyWordIssue(quoted: string, keys: readonly string[]): Pick<ContentIssue, 'problem' | 'fix'> | null {
  const k = keys.find((x) => !containsWords(quoted, x));
  if (k === undefined) return null;
  const several = /\s/.test(k.trim());
  return {
    problem: `the key word${several ? 's' : ''} "${k}" ${several ? 'are' : 'is'} not among the words of the quote`,
    fix: 'list in `key:` only whole words copied from inside `quote:`, e.g. the one word that makes the phrase a prediction',
  };
}

type YamlNode = { range?: [number, number, number]; toJSON?: () => unknown };

/** What checking one annotation file needs besides the annotation itself. */
interface AnnotationCheck {
  file: SourceFile;
  text: string;
  techniques: Technique[];
  issues: ContentIssue[];
  textFile: string;
  lineCounter: LineCounter;
  /** Ids seen so far, with their lines. */
  seen: Map<string, number>;
}

/** Check one annotation and place its quote in the text; null (with the issues added) when it cannot be used. */
function loadAnnotation(c: AnnotationCheck, node: YamlNode, raw: unknown, index: number): AnchoredAnnotation | null {
  const { file, text, issues } = c;
  const line = node.range ? c.lineCounter.linePos(node.range[0]).line : undefined;
  const rawId = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined;
  const rawQuote = raw && typeof raw === 'object' && typeof (raw as { quote?: unknown }).quote === 'string' ? (raw as { quote: string }).quote : undefined;
  const base = { file: file.path, line, annotation: rawId ?? `#${index + 1} (no id)` };
  const r = annotationSchema.safeParse(raw);
  if (!r.success) {
    issues.push(...issuesFromZod(r.error, raw, { ...base, quote: rawQuote }, 'this annotation', ANNOTATION_FIELDS));
    return null;
  }
  const a = r.data;
  if (c.seen.has(a.id)) {
    issues.push({
      ...base,
      problem: `the id "${a.id}" is used twice in this file (first on line ${c.seen.get(a.id)})`,
      fix: 'give each annotation its own id; ids are used in links and saved progress, so keep them stable once published',
    });
    return null;
  }
  c.seen.set(a.id, line ?? 0);
  const lens = checkLenses(a, c.techniques, base, issues);
  const anchored = anchorQuote(text, { exact: a.quote, prefix: a.prefix, suffix: a.suffix });
  const withQuote = { ...base, quote: a.quote };
  if (!anchored.ok) {
    issues.push({ ...withQuote, ...anchorIssue(anchored, a, text, c.textFile) });
    return null;
  }
  if (!lens) return null;
  const cut = cutWord(text, anchored.start, anchored.end);
  if (cut) {
    issues.push({ ...withQuote, ...cutWordIssue(cut) });
    return null;
  }
  const keyIssue = keyWordIssue(text.slice(anchored.start, anchored.end), a.key ?? []);
  if (keyIssue) {
    issues.push({ ...withQuote, ...keyIssue });
    return null;
  }
  return { ...a, ...lens, start: anchored.start, end: anchored.end, number: 0, text: text.slice(anchored.start, anchored.end) };
}

/**
 * Two annotations of the same lens may not overlap: the learner could not
 * tell which one they found. Different lenses may overlap freely. `sorted` is
 * in text order; `lines` gives each id its line in the file.
 */
function overlapIssues(path: string, sorted: readonly AnchoredAnnotation[], lines: ReadonlyMap<string, number | undefined>): ContentIssue[] {
  const out: ContentIssue[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].start < sorted[i].end; j++) {
      const shared = sorted[i].lenses.filter((l) => sorted[j].lenses.includes(l));
      if (shared.length === 0) continue;
      out.push({
        file: path,
        line: lines.get(sorted[j].id),
        annotation: sorted[j].id,
        quote: sorted[j].quote,
        problem: `it overlaps "${sorted[i].id}" ("${brief(sorted[i].text)}"), and both use the lens ${shared.join(', ')}`,
        fix: `merge the two into one annotation, shorten one quote so they no longer overlap, or drop ${shared.join(', ')} from one of them`,
      });
    }
  }
  return out;
}

function loadAnnotations(
  file: SourceFile,
  text: string,
  techniques: Technique[],
  issues: ContentIssue[],
  textFile: string,
): AnchoredAnnotation[] {
  const parsed = parseYaml(file.content, file.path, 0, issues);
  if (!parsed) return [];
  const { doc, lineCounter } = parsed;
  if (doc.contents === null) return [];
  if (!isSeq(doc.contents)) {
    issues.push({
      file: file.path,
      line: 1,
      problem: 'the annotation file must be a list of annotations',
      fix: 'start each annotation with "- id: ..." at the left margin',
    });
    return [];
  }
  const items = doc.contents.items as YamlNode[];
  const c: AnnotationCheck = { file, text, techniques, issues, textFile, lineCounter, seen: new Map() };
  // Each item as plain data, converted once (the checks and the line of each id both need it).
  const raws = items.map((node) => (node.toJSON ? node.toJSON() : node));
  const out = items.flatMap((node, index) => loadAnnotation(c, node, raws[index], index) ?? []);

  const lines = new Map<string, number | undefined>();
  items.forEach((node, index) => {
    const js = (node.toJSON ? raws[index] : undefined) as { id?: string } | undefined;
    if (js?.id && node.range) lines.set(js.id, lineCounter.linePos(node.range[0]).line);
  });
  const sorted = [...out].sort((x, y) => x.start - y.start || y.end - x.end);
  issues.push(...overlapIssues(file.path, sorted, lines));
  sorted.forEach((a, i) => (a.number = i + 1));
  return sorted;
}

function loadLessons(sources: ContentSources, excerptSlugs: string[], issues: ContentIssue[], parseMdx?: MdxParser): LessonEntry[] {
  const out: LessonEntry[] = [];
  const paths = new Map<number, string>();
  const dupes: ContentIssue[] = [];
  for (const { slug, file } of sources.lessons) {
    if (!slugFileOk(slug, file.path, issues)) continue;
    const fm = readFrontmatter(file, issues);
    if (!fm) continue;
    const mdx = checkLessonMdx(file.path, file.content, parseMdx);
    issues.push(...mdx.issues, ...placeholderIssues(file.path, file.content));
    const r = lessonSchema.safeParse(fm.data);
    if (!r.success) {
      issues.push(...issuesFromZod(r.error, fm.data, { file: file.path }, 'the frontmatter', LESSON_FIELDS));
      continue;
    }
    let ok = true;
    for (const field of ['excerpt', 'control'] as const) {
      const ref = r.data[field];
      if (ref === undefined || excerptSlugs.includes(ref)) continue;
      const s = suggest(ref, excerptSlugs);
      issues.push({
        file: file.path,
        problem: `\`${field}: ${ref}\` points at an excerpt that does not exist (no content/excerpts/${ref}.md)`,
        fix: s ? `did you mean \`${field}: ${s}\`?` : `create content/excerpts/${ref}.md, or use one of: ${excerptSlugs.join(', ')}`,
      });
      ok = false;
    }
    if (ok && r.data.control && r.data.control === r.data.excerpt) {
      issues.push({
        file: file.path,
        problem: 'the control passage is the same excerpt as the main one',
        fix: 'point `control:` at a separate, well-sourced excerpt',
      });
      ok = false;
    }
    if (mdx.shape) issues.push(...lessonEditorialIssues(file.path, r.data, mdx.shape));
    const p = r.data.path;
    if (p !== undefined) {
      const taken = paths.get(p);
      if (taken) {
        dupes.push({ file: file.path, problem: `\`path: ${p}\` is also the place of ${taken} on the "start here" path`, fix: '' });
        ok = false;
      } else paths.set(p, file.path);
    }
    if (ok && mdx.issues.length === 0) out.push({ slug, file: file.path, data: r.data, body: fm.body, steps: mdx.shape?.walkthrough ?? [] });
  }
  const free = Math.max(0, ...paths.keys()) + 1;
  for (const d of dupes) issues.push({ ...d, fix: `give each lesson its own place on the path: the next free number is ${free}` });
  return out;
}

/** A file name is the page's address: lower-case letters, digits and single hyphens. */
function slugFileOk(slug: string, path: string, issues: ContentIssue[]): boolean {
  if (SLUG_RE.test(slug)) return true;
  const better = slug
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  issues.push({
    file: path,
    problem: `the file name "${slug}" cannot be a web address`,
    fix: `rename the file using lower-case letters, digits and single hyphens${better ? `, e.g. ${path.replace(/[^/]*(?=\.[a-z]+$)/, better)}` : ''}`,
  });
  return false;
}

/** Check all content; returns the library (valid parts) and every problem found. */
export interface ValidateOptions {
  /** The MDX parser for lesson bodies (src/lib/content/mdx-parser.ts in Node); without it the body checks are skipped. */
  parseMdx?: MdxParser;
}

export function validateLibrary(input: ContentSources, opts: ValidateOptions = {}): ValidationResult {
  const issues: ContentIssue[] = [];
  const notes: ContentIssue[] = [];
  const sources = cleanSources(input, issues, notes);
  const techniques = loadTechniques(sources, issues);
  const editorial: ContentIssue[] = [];
  const excerpts = loadExcerpts(sources, techniques, issues, editorial);
  issues.push(...editorial);
  const lessons = loadLessons(sources, sources.excerpts.map((e) => e.slug), issues, opts.parseMdx);
  const glossary = sources.glossary ? loadGlossary(sources.glossary, techniques, issues) : [];
  if (sources.lab) issues.push(...labRuleIssues(sources.lab.rules, sources.lab.lexicon, techniques));
  issues.push(...annotationEditorialIssues(sources, excerpts, lessons));
  for (const path of sources.stray ?? []) {
    issues.push({
      file: path,
      problem: 'this file is not part of any lesson, excerpt or technique, so it is never used',
      fix: 'lessons are content/lessons/<name>.mdx, excerpts content/excerpts/<name>.md with <name>.yaml, techniques content/techniques/<name>.md; rename it or move it out of content/',
    });
  }
  return { library: { techniques, excerpts, lessons, glossary }, issues, notes };
}

// ---------------------------------------------------------------- every file

/** Control characters other than tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * Before anything is parsed: drop a byte-order mark at the start, reject
 * control characters (a NUL is never intended), and bring text to Unicode
 * NFC so that "é" typed two ways compares equal. Returns cleaned copies.
 */
function cleanSources(sources: ContentSources, issues: ContentIssue[], notes: ContentIssue[]): ContentSources {
  const clean = (f: SourceFile): SourceFile => {
    let content = f.content.startsWith('\uFEFF') ? f.content.slice(1) : f.content;
    const bad = CONTROL.exec(content);
    if (bad) {
      const { line, col } = lineCol(content, bad.index);
      const code = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
      issues.push({
        file: f.path,
        line,
        problem: `the file contains an invisible control character (${code}${bad[0] === '\0' ? ', NUL' : ''}) at column ${col}`,
        fix: 'delete it (it usually comes from copying out of a PDF or word processor); save the file as plain UTF-8 text',
      });
      content = content.replace(new RegExp(CONTROL.source, 'g'), '');
    }
    const nfc = content.normalize('NFC');
    if (nfc !== content) {
      notes.push({
        file: f.path,
        problem: 'some letters were written in decomposed Unicode (e.g. "e" + a combining accent); the text and its quotes are compared in the composed form (NFC), so nothing needs fixing',
        fix: 'optional: save the file with composed characters (NFC) so other tools see the same text',
      });
    }
    return { path: f.path, content: nfc };
  };
  return {
    ...sources,
    excerpts: sources.excerpts.map((e) => ({ ...e, text: clean(e.text), annotations: e.annotations && clean(e.annotations) })),
    lessons: sources.lessons.map((l) => ({ ...l, file: clean(l.file) })),
    techniques: sources.techniques.map((t) => ({ ...t, file: clean(t.file) })),
    glossary: sources.glossary && clean(sources.glossary),
    lab: sources.lab && { rules: clean(sources.lab.rules), lexicon: clean(sources.lab.lexicon) },
  };
}

// ------------------------------------------------------------ editorial rules

/** A note shorter than this cannot say why the phrase matters in this text. */
export const MIN_NOTE_CHARS = 20;

/**
 * What every annotation of a lesson's main excerpt needs for teaching: a note
 * that says why it matters, a question to think about first, and for a
 * sourcing gap a `check:` saying how a reader would check it.
 */
function annotationEditorialIssues(sources: ContentSources, excerpts: Excerpt[], lessons: LessonEntry[]): ContentIssue[] {
  const out: ContentIssue[] = [];
  const main = new Set(lessons.map((l) => l.data.excerpt));
  const sourceOf = new Map<string, ContentSources['excerpts'][number]>();
  for (const e of sources.excerpts) if (!sourceOf.has(e.slug)) sourceOf.set(e.slug, e);
  for (const ex of excerpts) {
    if (!main.has(ex.slug)) continue;
    const file = sourceOf.get(ex.slug)?.annotations?.path ?? ex.file;
    for (const a of ex.annotations) {
      const base = { file, annotation: a.id, quote: a.quote };
      if (a.note.trim().length <= MIN_NOTE_CHARS) {
        out.push({ ...base, problem: `the note is too short to teach anything (${a.note.trim().length} characters)`, fix: 'say in a sentence or two why these words matter in this text' });
      }
      if (!a.question) out.push({ ...base, problem: 'the annotation has no `question:`', fix: 'add `question:` — something that makes the learner think before reading the note' });
      // A sourcing gap without `check:` is reported by editorial.ts, with the other rulebook checks.
    }
  }
  return out;
}

// ------------------------------------------------------------------ glossary

function loadGlossary(file: SourceFile, techniques: Technique[], issues: ContentIssue[]): GlossaryEntry[] {
  const parsed = parseYaml(file.content, file.path, 0, issues);
  if (!parsed) return [];
  const { doc, lineCounter, js } = parsed;
  const data: unknown = js ?? [];
  const r = glossarySchema.safeParse(data);
  const lineOf = (i: number) => {
    const node = isSeq(doc.contents) ? doc.contents.items[i] : undefined;
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  if (!r.success) {
    for (const zi of r.error.issues) {
      const i = typeof zi.path[0] === 'number' ? zi.path[0] : undefined;
      const term = i !== undefined ? (data as { term?: unknown }[])[i]?.term : undefined;
      issues.push(
        ...issuesFromZod({ issues: [{ ...zi, path: zi.path.slice(1) }] } as never, i !== undefined ? (data as unknown[])[i] : data, {
          file: file.path,
          line: i !== undefined ? lineOf(i) : 1,
          item: typeof term === 'string' ? `term "${term}"` : i !== undefined ? `entry ${i + 1}` : undefined,
        }, i === undefined ? 'the glossary (a list of "- term: …" and "definition: …")' : 'this glossary entry', ['term', 'definition']),
      );
    }
    return [];
  }
  const seen = new Map<string, number>();
  const titles = new Set(techniques.map((t) => t.title.toLowerCase()));
  r.data.forEach((e, i) => {
    const key = e.term.toLowerCase();
    const base = { file: file.path, line: lineOf(i), item: `term "${e.term}"` };
    if (seen.has(key)) issues.push({ ...base, problem: `the term is defined twice (first on line ${seen.get(key)})`, fix: 'keep one definition' });
    else if (titles.has(key)) issues.push({ ...base, problem: 'a technique page has this title, and technique titles are added to the glossary from content/techniques', fix: 'remove the entry, or change the technique page summary instead' });
    seen.set(key, lineOf(i) ?? 0);
  });
  return r.data;
}

// ----------------------------------------------------------------- lab rules

/** The practice lab's rules: checked by src/lib/content/lab-rules.ts, in the same message format. */
function labRuleIssues(rules: SourceFile, lexicon: SourceFile, techniques: Technique[]): ContentIssue[] {
  return validateLabRules(
    { rules: rules.content, lexicon: lexicon.content, rulesFile: rules.path, lexiconFile: lexicon.path },
    { techniques: techniques.map((t) => ({ id: t.id, lens: t.lensId })) },
  ).issues;
}
