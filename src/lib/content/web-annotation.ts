/**
 * The library as open data: each excerpt's annotations in the W3C Web
 * Annotation Data Model (JSON-LD), and the whole library as one plain JSON
 * file for researchers. Pure: pages pass in the library and the site's
 * absolute root IRI (origin + base path, ending in "/").
 *
 * Modelling choices (also explained on /data/):
 * - motivation "assessing": every note judges how well a phrase informs.
 * - bodies: the note (purpose "commenting"); the learner's question, if any
 *   ("questioning"); the suggested rewrite, if any ("editing"); and one
 *   SpecificResource per lens and per kind (purpose "classifying") whose
 *   source is the technique's page on this site, labelled with its title.
 * - target: the lesson page that shows the excerpt, with a TextQuoteSelector
 *   (exact + ~32 characters of context either side) and a
 *   TextPositionSelector. Positions count Unicode code points in the
 *   excerpt's own text (the `text` of the excerpt in library.json), as the
 *   model requires, not in the HTML of the page.
 */
import { LENSES } from './lenses.ts';
import { findLesson, lessonTexts } from './lookup.ts';
import type { AnchoredAnnotation, Excerpt, Library } from './validate.ts';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const SCHEMA_VERSION = 1;
/** Characters of context kept either side of a quote. */
export const CONTEXT_CHARS = 32;
export const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';

/** Technique facts the exporter needs (a Technique from the library fits). */
export interface TechniqueRef {
  id: string;
  title: string;
}

export interface ExcerptAnnotationOpts {
  /** Absolute IRI of the site root, e.g. "https://example.org/media-lessons/". */
  siteUrl: string;
  /** Absolute IRI of the lesson page showing the excerpt. Without it, library.json stands in. */
  lessonUrl?: string;
  techniques: readonly TechniqueRef[];
  /** The document the annotations are published in; default: the lesson's annotations.jsonld. */
  documentIri?: string;
  /** Label of the page; default: the excerpt's title. */
  pageLabel?: string;
  /** Index of the page's first annotation within its collection. */
  startIndex?: number;
}

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  format: 'text/plain';
  language: string;
  purpose: 'commenting' | 'questioning' | 'editing';
}

export interface ClassifyingBody {
  type: 'SpecificResource';
  purpose: 'classifying';
  source: { id: string; type: 'Text'; format: 'text/html'; label: string };
}

export interface WebAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'assessing';
  rights: string;
  body: (TextualBody | ClassifyingBody)[];
  target: {
    type: 'SpecificResource';
    source: string;
    selector: [TextQuoteSelector, TextPositionSelector];
  };
}

export interface AnnotationPage {
  '@context'?: typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationPage';
  label: string;
  startIndex: number;
  partOf?: string;
  next?: AnnotationPage;
  items: WebAnnotation[];
}

export interface AnnotationCollection {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  rights: string;
  total: number;
  first: AnnotationPage;
  last: string;
}

/** The site root as an absolute IRI ending in "/": origin of `site` + `base`. */
export function siteRoot(site: URL | string | undefined, base: string): string {
  const root = new URL(base.endsWith('/') ? base : `${base}/`, site ?? 'http://localhost:4321/');
  return root.href;
}

const slash = (iri: string) => (iri.endsWith('/') ? iri : `${iri}/`);

export function lessonIri(siteUrl: string, slug: string): string {
  return `${slash(siteUrl)}lessons/${slug}/`;
}

export function lessonAnnotationsIri(siteUrl: string, slug: string): string {
  return `${lessonIri(siteUrl, slug)}annotations.jsonld`;
}

export function techniqueIri(siteUrl: string, id: string): string {
  return `${slash(siteUrl)}techniques/${id}/`;
}

export function libraryIri(siteUrl: string): string {
  return `${slash(siteUrl)}data/library.json`;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

let lastPlain: { text: string; plain: boolean } | null = null;

/** Offset in code points of a UTF-16 index into `text` (a surrogate pair counts once). */
export function codePointOffset(text: string, index: number): number {
  // Most texts have no surrogate pairs: then UTF-16 and code point offsets agree (checked once per text).
  if (lastPlain?.text !== text) lastPlain = { text, plain: !/[\uD800-\uDFFF]/.test(text) };
  if (lastPlain.plain) return index;
  let n = index;
  for (let i = 1; i < index; i++) if (isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1))) n--;
  return n;
}

/** Up to `n` code points of `text` before UTF-16 index `index`. */
function before(text: string, index: number, n: number): string {
  // n code points take at most 2n UTF-16 units; never start inside a surrogate pair.
  let from = Math.max(0, index - 2 * n);
  if (from > 0 && isLow(text.charCodeAt(from)) && isHigh(text.charCodeAt(from - 1))) from--;
  const chars = Array.from(text.slice(from, index));
  return chars.slice(Math.max(0, chars.length - n)).join('');
}

/** Up to `n` code points of `text` from UTF-16 index `index`. */
function after(text: string, index: number, n: number): string {
  return Array.from(text.slice(index, index + 2 * n + 1)).slice(0, n).join('');
}

/** The two selectors for a span of an excerpt's text (UTF-16 offsets in, code points out). */
export function selectors(text: string, start: number, end: number): [TextQuoteSelector, TextPositionSelector] {
  const quote: TextQuoteSelector = { type: 'TextQuoteSelector', exact: text.slice(start, end) };
  const prefix = before(text, start, CONTEXT_CHARS);
  const suffix = after(text, end, CONTEXT_CHARS);
  if (prefix) quote.prefix = prefix;
  if (suffix) quote.suffix = suffix;
  const position: TextPositionSelector = {
    type: 'TextPositionSelector',
    start: codePointOffset(text, start),
    end: codePointOffset(text, end),
  };
  return [quote, position];
}

function classifying(siteUrl: string, id: string, label: string): ClassifyingBody {
  return { type: 'SpecificResource', purpose: 'classifying', source: { id: techniqueIri(siteUrl, id), type: 'Text', format: 'text/html', label } };
}

function textual(value: string, purpose: TextualBody['purpose'], language = 'en'): TextualBody {
  return { type: 'TextualBody', value, format: 'text/plain', language, purpose };
}

/** One annotation of an excerpt as a W3C Web Annotation. */
export function webAnnotation(excerpt: Excerpt, ann: AnchoredAnnotation, opts: ExcerptAnnotationOpts): WebAnnotation {
  const docIri = documentIri(opts);
  const body: WebAnnotation['body'] = [textual(ann.note, 'commenting')];
  if (ann.question) body.push(textual(ann.question, 'questioning'));
  if (ann.rewrite) body.push(textual(ann.rewrite, 'editing', excerpt.meta.language));
  for (const lens of ann.lenses) body.push(classifying(opts.siteUrl, lens, LENSES[lens]?.label ?? lens));
  for (const kind of ann.kinds) body.push(classifying(opts.siteUrl, kind, opts.techniques.find((t) => t.id === kind)?.title ?? kind));
  return {
    id: `${docIri}#${excerpt.slug}--${ann.id}`,
    type: 'Annotation',
    motivation: 'assessing',
    rights: CC_BY,
    body,
    target: {
      type: 'SpecificResource',
      source: opts.lessonUrl ?? `${libraryIri(opts.siteUrl)}#${excerpt.slug}`,
      selector: selectors(excerpt.text, ann.start, ann.end),
    },
  };
}

function documentIri(opts: ExcerptAnnotationOpts): string {
  return opts.documentIri ?? (opts.lessonUrl ? `${slash(opts.lessonUrl)}annotations.jsonld` : libraryIri(opts.siteUrl));
}

function page(excerpt: Excerpt, opts: ExcerptAnnotationOpts): AnnotationPage {
  return {
    id: `${documentIri(opts)}#${excerpt.slug}`,
    type: 'AnnotationPage',
    label: opts.pageLabel ?? `Annotations on “${excerpt.meta.title}”`,
    startIndex: opts.startIndex ?? 0,
    items: excerpt.annotations.map((a) => webAnnotation(excerpt, a, opts)),
  };
}

/**
 * An excerpt's annotations as one AnnotationPage, in reading order. Annotation
 * ids live in the lesson's annotations.jsonld document (or library.json when
 * no lesson is given): `<document>#<excerpt>--<annotation id>`, the same
 * fragment the lesson page uses for the marked words.
 */
export function excerptAnnotations(excerpt: Excerpt, opts: ExcerptAnnotationOpts): AnnotationPage {
  return { '@context': ANNO_CONTEXT, ...page(excerpt, opts) };
}

/**
 * A lesson's annotations: one AnnotationCollection with two pages, the main
 * excerpt first and the control passage (when there is one) as its `next`.
 * Two pages rather than one, because both texts are shown on the same lesson
 * page: a page per text keeps each TextPositionSelector tied to its text.
 */
export function lessonAnnotations(lib: Library, lessonSlug: string, siteUrl: string): AnnotationCollection {
  const lesson = findLesson(lib, lessonSlug);
  if (!lesson) throw new Error(`No lesson "${lessonSlug}"`);
  const { excerpt: main, control } = lessonTexts(lib, lesson);
  const docIri = lessonAnnotationsIri(siteUrl, lessonSlug);
  const lessonUrl = lessonIri(siteUrl, lessonSlug);
  const opts = { siteUrl, lessonUrl, techniques: lib.techniques, documentIri: docIri };
  const firstPage: AnnotationPage = { ...page(main, { ...opts, pageLabel: `Main text: “${main.meta.title}”` }), partOf: docIri };
  if (control) {
    const second = page(control, { ...opts, pageLabel: `Control passage: “${control.meta.title}”`, startIndex: firstPage.items.length });
    firstPage.next = { ...second, partOf: docIri };
  }
  const total = firstPage.items.length + (firstPage.next?.items.length ?? 0);
  return {
    '@context': ANNO_CONTEXT,
    id: docIri,
    type: 'AnnotationCollection',
    label: `Annotations for the lesson “${lesson.data.title}”`,
    rights: CC_BY,
    total,
    first: firstPage,
    last: (firstPage.next ?? firstPage).id,
  };
}

export interface LibraryJson {
  schemaVersion: typeof SCHEMA_VERSION;
  site: string;
  licence: {
    code: string;
    content: string;
    contentUrl: string;
    note: string;
  };
  lessons: Record<string, unknown>[];
  excerpts: {
    slug: string;
    title: string;
    outlet?: string;
    constructed: boolean;
    date: string;
    provenance: string;
    language: string;
    headline: boolean;
    /** "CC-BY-4.0" for texts written for this site; "third-party" for reproduced articles. */
    textLicence: 'CC-BY-4.0' | 'third-party';
    usedBy: { lesson: string; role: 'main' | 'control' }[];
    text: string;
    annotations: {
      id: string;
      iri: string;
      number: number;
      /** Code points into `text` (as Python indexes strings); `end` is exclusive. */
      start: number;
      end: number;
      text: string;
      quote: string;
      lenses: string[];
      kinds: string[];
      note: string;
      question?: string;
      rewrite?: string;
      check?: string;
      lensNote?: string;
    }[];
  }[];
  techniques: { id: string; title: string; lens: string; isLens: boolean; summary: string; url: string }[];
}

const LICENCE_NOTE =
  'Code: MIT. Annotations, notes, lessons and the texts written for this site (constructed: true): CC BY 4.0. ' +
  'Texts with textLicence "third-party" are published articles reproduced unchanged for criticism and teaching; ' +
  'they are NOT covered by the CC BY licence and remain the property of their authors.';

/** The whole library as one plain JSON object (served at /data/library.json). */
export function libraryJson(lib: Library, siteUrl: string): LibraryJson {
  // The lessons using each excerpt, in lesson order: one pass, not one per excerpt.
  const users = new Map<string, { lesson: string; role: 'main' | 'control' }[]>();
  const use = (slug: string | undefined, lesson: string, role: 'main' | 'control') => {
    if (slug === undefined) return;
    const list = users.get(slug);
    if (list) list.push({ lesson, role });
    else users.set(slug, [{ lesson, role }]);
  };
  for (const l of lib.lessons) {
    use(l.data.excerpt, l.slug, 'main');
    use(l.data.control, l.slug, 'control');
  }
  const usedBy = (slug: string) => users.get(slug) ?? [];
  return {
    schemaVersion: SCHEMA_VERSION,
    site: siteUrl,
    licence: { code: 'MIT', content: 'CC BY 4.0', contentUrl: CC_BY, note: LICENCE_NOTE },
    lessons: lib.lessons.map((l) => ({
      slug: l.slug,
      url: lessonIri(siteUrl, l.slug),
      annotations: lessonAnnotationsIri(siteUrl, l.slug),
      ...l.data,
    })),
    excerpts: lib.excerpts.map((e) => {
      const lessons = usedBy(e.slug);
      const doc = lessons[0] ? lessonAnnotationsIri(siteUrl, lessons[0].lesson) : libraryIri(siteUrl);
      return {
        slug: e.slug,
        title: e.meta.title,
        ...(e.meta.outlet ? { outlet: e.meta.outlet } : {}),
        constructed: e.meta.constructed,
        date: e.meta.date,
        provenance: e.meta.provenance,
        language: e.meta.language,
        headline: e.meta.headline,
        textLicence: e.meta.constructed ? 'CC-BY-4.0' : 'third-party',
        usedBy: lessons,
        text: e.text,
        annotations: e.annotations.map((a) => ({
          id: a.id,
          iri: `${doc}#${e.slug}--${a.id}`,
          number: a.number,
          start: codePointOffset(e.text, a.start),
          end: codePointOffset(e.text, a.end),
          text: a.text,
          quote: a.quote,
          lenses: [...a.lenses],
          kinds: [...a.kinds],
          note: a.note,
          ...(a.question ? { question: a.question } : {}),
          ...(a.rewrite ? { rewrite: a.rewrite } : {}),
          ...(a.check ? { check: a.check } : {}),
          ...(a.lensNote ? { lensNote: a.lensNote } : {}),
        })),
      };
    }),
    techniques: lib.techniques.map((t) => ({
      id: t.id,
      title: t.title,
      lens: t.lensId,
      isLens: t.isLens,
      summary: t.summary,
      url: techniqueIri(siteUrl, t.id),
    })),
  };
}
