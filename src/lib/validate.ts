/**
 * Turn raw content files into a checked library: parse frontmatter and YAML,
 * apply the schemas, anchor every quote, and collect every problem with a
 * message that says what to fix. Pure: callers pass file contents in.
 */
import { parseDocument, isSeq, LineCounter } from 'yaml';
import { anchorQuote } from './anchor.ts';
import { editorialIssues } from './editorial.ts';
import { type ContentIssue, issuesFromZod, suggest } from './issues.ts';
import { LENS_IDS, type LensId, isLensId } from './lenses.ts';
import {
  annotationSchema,
  excerptMetaSchema,
  lessonSchema,
  techniqueSchema,
  type Annotation,
  type Defensible,
  type ExcerptMeta,
  type Lesson,
  type TechniqueMeta,
} from './schema.ts';
import { type Block, context, lineCol, splitBlocks } from './text.ts';

export interface SourceFile {
  /** Path shown to authors, relative to the project, e.g. content/lessons/x.mdx */
  path: string;
  content: string;
}

export interface ContentSources {
  excerpts: { slug: string; text: SourceFile; annotations?: SourceFile }[];
  lessons: { slug: string; file: SourceFile }[];
  techniques: { id: string; file: SourceFile }[];
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
}

export interface Library {
  techniques: Technique[];
  excerpts: Excerpt[];
  lessons: LessonEntry[];
}

export interface ValidationResult {
  library: Library;
  issues: ContentIssue[];
}

/** Split `---` frontmatter from the body, keeping the body byte for byte. */
export function splitFrontmatter(content: string): { frontmatter: string; body: string; bodyLine: number } | null {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(content);
  if (!m) return null;
  return { frontmatter: m[1], body: content.slice(m[0].length), bodyLine: m[0].split('\n').length };
}

function parseYaml(source: string, file: string, lineOffset: number, issues: ContentIssue[]) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const line = lineCounter.linePos(err.pos[0]).line + lineOffset;
      issues.push({
        file,
        line,
        problem: `the YAML cannot be read: ${err.message.split('\n')[0]}`,
        fix: 'check indentation and quoting on that line; put text containing a colon followed by a space, or starting with a quote mark, inside double quotes',
      });
    }
    return null;
  }
  return { doc, lineCounter };
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
  return { data: parsed.doc.toJS() ?? {}, body: parts.body };
}

const TECHNIQUE_FIELDS = Object.keys(techniqueSchema.shape);
const EXCERPT_FIELDS = Object.keys(excerptMetaSchema.shape);
const ANNOTATION_FIELDS = Object.keys(annotationSchema.shape);
const LESSON_FIELDS = Object.keys(lessonSchema.shape);

function loadTechniques(sources: ContentSources, issues: ContentIssue[]): Technique[] {
  const out: Technique[] = [];
  for (const { id, file } of sources.techniques) {
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

function loadExcerpts(sources: ContentSources, techniques: Technique[], issues: ContentIssue[]): Excerpt[] {
  const out: Excerpt[] = [];
  for (const src of sources.excerpts) {
    const fm = readFrontmatter(src.text, issues);
    if (!fm) continue;
    const meta = excerptMetaSchema.safeParse(fm.data);
    if (!meta.success) {
      issues.push(...issuesFromZod(meta.error, fm.data, { file: src.text.path }, 'the frontmatter', EXCERPT_FIELDS));
      continue;
    }
    const text = fm.body;
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
    out.push({ slug: src.slug, file: src.text.path, meta: meta.data, text, blocks: splitBlocks(text), annotations, defensible, fine });
  }
  return out;
}

/** Whole-word, case-insensitive: is `words` a run of words inside `phrase`? */
export function containsWords(phrase: string, words: string): boolean {
  const w = words.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  if (w === '') return false;
  return new RegExp(`(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])`, 'iu').test(phrase);
}

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
    out.push({ ...d, lenses, start: r.start, end: r.end, text: text.slice(r.start, r.end) });
  });
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
  const out: AnchoredAnnotation[] = [];
  const seen = new Map<string, number>();
  doc.contents.items.forEach((node, index) => {
    const range = (node as { range?: [number, number, number] }).range;
    const line = range ? lineCounter.linePos(range[0]).line : undefined;
    const raw = (node as { toJSON?: () => unknown }).toJSON ? (node as { toJSON: () => unknown }).toJSON() : node;
    const rawId = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined;
    const rawQuote =
      raw && typeof raw === 'object' && typeof (raw as { quote?: unknown }).quote === 'string' ? (raw as { quote: string }).quote : undefined;
    const base = { file: file.path, line, annotation: rawId ?? `#${index + 1} (no id)` };
    const r = annotationSchema.safeParse(raw);
    if (!r.success) {
      issues.push(...issuesFromZod(r.error, raw, { ...base, quote: rawQuote }, 'this annotation', ANNOTATION_FIELDS));
      return;
    }
    const a = r.data;
    if (seen.has(a.id)) {
      issues.push({
        ...base,
        problem: `the id "${a.id}" is used twice in this file (first on line ${seen.get(a.id)})`,
        fix: 'give each annotation its own id; ids are used in links and saved progress, so keep them stable once published',
      });
      return;
    }
    seen.set(a.id, line ?? 0);
    const lens = checkLenses(a, techniques, base, issues);
    const anchored = anchorQuote(text, { exact: a.quote, prefix: a.prefix, suffix: a.suffix });
    const withQuote = { ...base, quote: a.quote };
    if (!anchored.ok) {
      if (anchored.reason === 'empty') {
        issues.push({
          ...withQuote,
          problem: '`quote` is empty',
          fix: `copy the words this annotation is about from ${textFile} into \`quote:\``,
        });
      } else if (anchored.reason === 'not-found') {
        const n = anchored.nearest;
        issues.push({
          ...withQuote,
          problem: `the quote does not occur in ${textFile}`,
          detail: n ? [`Nearest text (line ${lineCol(text, n.start).line}): "${text.slice(n.start, n.end)}"`] : [],
          fix: n
            ? `copy the words exactly as they appear in the excerpt, e.g. quote: "${text.slice(n.start, n.end)}"`
            : 'copy the words exactly as they appear in the excerpt',
        });
      } else if (anchored.reason === 'ambiguous') {
        issues.push({
          ...withQuote,
          problem: `the quote occurs ${anchored.matches.length} times in ${textFile}${a.prefix || a.suffix ? ', even with the prefix/suffix given' : ''}`,
          detail: anchored.matches.map((m) => `line ${lineCol(text, m.start).line}: ${context(text, m.start, m.end)}`),
          fix: 'add `prefix:` (words just before) or `suffix:` (words just after) to pick one, or quote a longer phrase',
        });
      } else {
        issues.push({
          ...withQuote,
          problem: `the quote occurs ${anchored.matches.length} time(s), but never with the given ${[a.prefix !== undefined ? 'prefix' : '', a.suffix !== undefined ? 'suffix' : ''].filter(Boolean).join(' and ')}`,
          detail: anchored.matches.map((m) => `line ${lineCol(text, m.start).line}: ${context(text, m.start, m.end)}`),
          fix: 'copy the prefix/suffix exactly from the words around the quote, or remove them if the quote occurs once',
        });
      }
      return;
    }
    if (!lens) return;
    const quoted = text.slice(anchored.start, anchored.end);
    for (const k of a.key ?? []) {
      if (!containsWords(quoted, k)) {
        issues.push({
          ...withQuote,
          problem: `the key word${/\s/.test(k.trim()) ? 's' : ''} "${k}" ${/\s/.test(k.trim()) ? 'are' : 'is'} not among the words of the quote`,
          fix: 'list in `key:` only whole words copied from inside `quote:`, e.g. the one word that makes the phrase a prediction',
        });
        return;
      }
    }
    out.push({ ...a, ...lens, start: anchored.start, end: anchored.end, number: 0, text: text.slice(anchored.start, anchored.end) });
  });

  // Two annotations of the same lens may not overlap: the learner could not
  // tell which one they found. Different lenses may overlap freely.
  const lines = new Map<string, number | undefined>();
  doc.contents.items.forEach((node) => {
    const js = (node as { toJSON?: () => unknown }).toJSON?.() as { id?: string } | undefined;
    const range = (node as { range?: [number, number, number] }).range;
    if (js?.id && range) lines.set(js.id, lineCounter.linePos(range[0]).line);
  });
  const sorted = [...out].sort((x, y) => x.start - y.start || y.end - x.end);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].start < sorted[i].end; j++) {
      const shared = sorted[i].lenses.filter((l) => sorted[j].lenses.includes(l));
      if (shared.length === 0) continue;
      issues.push({
        file: file.path,
        line: lines.get(sorted[j].id),
        annotation: sorted[j].id,
        quote: sorted[j].quote,
        problem: `it overlaps "${sorted[i].id}" ("${sorted[i].text}"), and both use the lens ${shared.join(', ')}`,
        fix: `merge the two into one annotation, shorten one quote so they no longer overlap, or drop ${shared.join(', ')} from one of them`,
      });
    }
  }
  sorted.forEach((a, i) => (a.number = i + 1));
  return sorted;
}

function loadLessons(sources: ContentSources, excerptSlugs: string[], issues: ContentIssue[]): LessonEntry[] {
  const out: LessonEntry[] = [];
  for (const { slug, file } of sources.lessons) {
    const fm = readFrontmatter(file, issues);
    if (!fm) continue;
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
    if (ok) out.push({ slug, file: file.path, data: r.data, body: fm.body });
  }
  return out;
}

/** Check all content; returns the library (valid parts) and every problem found. */
export function validateLibrary(sources: ContentSources): ValidationResult {
  const issues: ContentIssue[] = [];
  const techniques = loadTechniques(sources, issues);
  const excerpts = loadExcerpts(sources, techniques, issues);
  issues.push(...editorialIssues(excerpts, new Map(sources.excerpts.flatMap((e) => (e.annotations ? [[e.slug, e.annotations.path] as const] : [])))));
  const lessons = loadLessons(sources, sources.excerpts.map((e) => e.slug), issues);
  return { library: { techniques, excerpts, lessons }, issues };
}
