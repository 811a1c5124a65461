/**
 * The open-data export: every annotation in the library, as a W3C Web
 * Annotation, has the model's required fields, and its selectors point at
 * exactly the annotated words; library.json has the documented shape.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LENS_IDS } from '../../src/lib/content/lenses.ts';
import { loadLibrary } from '../../src/lib/content/load.ts';
import {
  ANNO_CONTEXT,
  CONTEXT_CHARS,
  SCHEMA_VERSION,
  codePointOffset,
  excerptAnnotations,
  lessonAnnotations,
  libraryJson,
  selectors,
  siteRoot,
  type AnnotationPage,
  type WebAnnotation,
} from '../../src/lib/content/web-annotation.ts';

const lib = loadLibrary(resolve('content'));
const SITE = 'https://example.org/media-lessons/';
const MOTIVATIONS = new Set([
  'assessing',
  'bookmarking',
  'classifying',
  'commenting',
  'describing',
  'editing',
  'highlighting',
  'identifying',
  'linking',
  'moderating',
  'questioning',
  'replying',
  'tagging',
]);

const isAbsoluteIri = (v: unknown) => {
  if (typeof v !== 'string') return false;
  try {
    return ['https:', 'http:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

/** Check one annotation against the model, and its selectors against the text they select. */
function checkAnnotation(a: WebAnnotation, text: string, label: string) {
  expect(isAbsoluteIri(a.id), `${label}: id`).toBe(true);
  expect(a.id.startsWith(SITE), label).toBe(true);
  expect(a.type, label).toBe('Annotation');
  expect(MOTIVATIONS.has(a.motivation), label).toBe(true);
  expect(a.target, label).toBeDefined();
  expect(isAbsoluteIri(a.target.source), `${label}: target source`).toBe(true);
  expect(a.body.length, label).toBeGreaterThan(0);
  for (const b of a.body) {
    expect(MOTIVATIONS.has(b.purpose), `${label}: body purpose ${b.purpose}`).toBe(true);
    if (b.type === 'TextualBody') {
      expect(b.value.trim(), label).not.toBe('');
      expect(b.format).toBe('text/plain');
      expect(b.language).toMatch(/^[a-z]{2}/);
    } else {
      expect(b.type, label).toBe('SpecificResource');
      expect(isAbsoluteIri(b.source.id), label).toBe(true);
      expect(b.source.id, label).toMatch(new RegExp(`^${SITE}techniques/[a-z0-9-]+/$`));
      expect(b.source.label.trim(), label).not.toBe('');
    }
  }
  expect(a.body.filter((b) => b.purpose === 'commenting')).toHaveLength(1);

  const [quote, position] = a.target.selector;
  expect(quote.type).toBe('TextQuoteSelector');
  expect(position.type).toBe('TextPositionSelector');
  expect(Number.isInteger(position.start) && Number.isInteger(position.end), label).toBe(true);
  expect(position.start, label).toBeGreaterThanOrEqual(0);
  expect(position.end, label).toBeGreaterThan(position.start);
  // Positions are code points, as the model says.
  const chars = Array.from(text);
  expect(position.end, label).toBeLessThanOrEqual(chars.length);
  expect(chars.slice(position.start, position.end).join(''), `${label}: exact = text at the positions`).toBe(quote.exact);
  const before = chars.slice(Math.max(0, position.start - CONTEXT_CHARS), position.start).join('');
  const after = chars.slice(position.end, position.end + CONTEXT_CHARS).join('');
  expect(quote.prefix ?? '', `${label}: prefix`).toBe(before);
  expect(quote.suffix ?? '', `${label}: suffix`).toBe(after);
  if (position.start > 0) expect(Array.from(quote.prefix!).length).toBe(Math.min(CONTEXT_CHARS, position.start));
}

describe('excerptAnnotations', () => {
  const excerpts = lib.excerpts.filter((e) => e.annotations.length > 0);

  it.each(excerpts.map((e) => [e.slug, e] as const))(
    '%s: every annotation is a valid Web Annotation selecting its words',
    (_slug, e) => {
      const lesson = lib.lessons.find((l) => l.data.excerpt === e.slug || l.data.control === e.slug);
      const lessonUrl = lesson ? `${SITE}lessons/${lesson.slug}/` : undefined;
      const page = excerptAnnotations(e, { siteUrl: SITE, lessonUrl, techniques: lib.techniques });
      expect(page['@context']).toBe(ANNO_CONTEXT);
      expect(page.type).toBe('AnnotationPage');
      expect(isAbsoluteIri(page.id)).toBe(true);
      expect(page.items).toHaveLength(e.annotations.length);
      page.items.forEach((a, i) => {
        const src = e.annotations[i];
        checkAnnotation(a, e.text, `${e.slug}/${src.id}`);
        expect(a.target.selector[0].exact).toBe(src.text);
        expect(a.id.endsWith(`#${e.slug}--${src.id}`)).toBe(true);
        if (lessonUrl) expect(a.target.source).toBe(lessonUrl);
        // One classifying body per lens and per kind, pointing at the technique page.
        const classes = a.body.filter((b) => b.type === 'SpecificResource').map((b) => b.source.id);
        expect(classes).toEqual([...src.lenses, ...src.kinds].map((id) => `${SITE}techniques/${id}/`));
        const note = a.body.find((b) => b.purpose === 'commenting');
        expect(note && 'value' in note ? note.value : '').toBe(src.note);
      });
    },
  );

  it('has unique annotation ids across the library', () => {
    const ids = lib.lessons.flatMap((l) => {
      const c = lessonAnnotations(lib, l.slug, SITE);
      return [...c.first.items, ...(c.first.next?.items ?? [])].map((a) => a.id);
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('falls back to library.json when no lesson page is given', () => {
    const e = excerpts[0];
    const page = excerptAnnotations(e, { siteUrl: SITE, techniques: lib.techniques });
    expect(page.items[0].target.source).toBe(`${SITE}data/library.json#${e.slug}`);
    expect(page.items[0].id.startsWith(`${SITE}data/library.json#`)).toBe(true);
  });
});

describe('lessonAnnotations', () => {
  it.each(lib.lessons.map((l) => [l.slug, l] as const))('%s: one collection, main text then control passage', (slug, l) => {
    const c = lessonAnnotations(lib, slug, SITE);
    expect(c['@context']).toBe(ANNO_CONTEXT);
    expect(c.type).toBe('AnnotationCollection');
    expect(c.id).toBe(`${SITE}lessons/${slug}/annotations.jsonld`);
    const pages: AnnotationPage[] = [c.first, ...(c.first.next ? [c.first.next] : [])];
    const main = lib.excerpts.find((e) => e.slug === l.data.excerpt)!;
    const control = lib.excerpts.find((e) => e.slug === l.data.control);
    expect(pages).toHaveLength(control ? 2 : 1);
    expect(c.total).toBe(main.annotations.length + (control?.annotations.length ?? 0));
    expect(c.last).toBe(pages[pages.length - 1].id);
    let index = 0;
    pages.forEach((p, i) => {
      const e = i === 0 ? main : control!;
      expect(p.type).toBe('AnnotationPage');
      expect(p.partOf).toBe(c.id);
      expect(p.startIndex).toBe(index);
      expect(p['@context']).toBeUndefined();
      index += p.items.length;
      for (const a of p.items) {
        checkAnnotation(a, e.text, `${slug}/${a.id}`);
        expect(a.target.source).toBe(`${SITE}lessons/${slug}/`);
      }
    });
  });

  it('throws for an unknown lesson', () => {
    expect(() => lessonAnnotations(lib, 'no-such-lesson', SITE)).toThrow(/no-such-lesson/);
  });
});

describe('selectors', () => {
  it('counts code points, not UTF-16 units, and keeps context whole', () => {
    const text = 'Emoji 😀😀 then "quoted words" at the end.';
    const start = text.indexOf('quoted');
    const end = start + 'quoted words'.length;
    const [q, p] = selectors(text, start, end);
    expect(p.start).toBe(start - 2);
    expect(p.end).toBe(end - 2);
    expect(Array.from(text).slice(p.start, p.end).join('')).toBe('quoted words');
    expect(q.prefix).toBe('Emoji 😀😀 then "');
    expect(q.suffix).toBe('" at the end.');
  });

  it('leaves out an empty prefix or suffix', () => {
    const [q] = selectors('whole', 0, 5);
    expect(q).toEqual({ type: 'TextQuoteSelector', exact: 'whole' });
  });

  it('codePointOffset matches Array.from', () => {
    const t = 'a😀b𝒳c';
    for (let i = 0; i <= t.length; i++) expect(codePointOffset(t, i)).toBe(Array.from(t.slice(0, i)).length);
  });
});

describe('siteRoot', () => {
  it('joins the origin and the base path', () => {
    expect(siteRoot(new URL('https://example.org'), '/media-lessons/')).toBe('https://example.org/media-lessons/');
    expect(siteRoot('https://example.org/ignored/', '/media-lessons')).toBe('https://example.org/media-lessons/');
    expect(siteRoot(undefined, '/')).toBe('http://localhost:4321/');
  });
});

describe('libraryJson', () => {
  const data = libraryJson(lib, SITE);
  const roundTrip = JSON.parse(JSON.stringify(data)) as typeof data;

  it('has a schema version, the site and the licence terms', () => {
    expect(roundTrip.schemaVersion).toBe(SCHEMA_VERSION);
    expect(roundTrip.site).toBe(SITE);
    expect(roundTrip.licence.code).toBe('MIT');
    expect(roundTrip.licence.content).toBe('CC BY 4.0');
    expect(roundTrip.licence.note).toMatch(/NOT covered/);
  });

  it('lists every lesson with its frontmatter and links', () => {
    expect(roundTrip.lessons).toHaveLength(lib.lessons.length);
    for (const l of lib.lessons) {
      const out = roundTrip.lessons.find((x) => x.slug === l.slug)!;
      expect(out).toMatchObject({
        slug: l.slug,
        title: l.data.title,
        level: l.data.level,
        excerpt: l.data.excerpt,
        objectives: l.data.objectives,
      });
      expect(out.url).toBe(`${SITE}lessons/${l.slug}/`);
      expect(out.annotations).toBe(`${SITE}lessons/${l.slug}/annotations.jsonld`);
    }
  });

  it('gives every excerpt its text, provenance, licence and annotations with working offsets', () => {
    expect(roundTrip.excerpts).toHaveLength(lib.excerpts.length);
    for (const e of lib.excerpts) {
      const out = roundTrip.excerpts.find((x) => x.slug === e.slug)!;
      expect(out.text).toBe(e.text);
      expect(out.provenance).toBe(e.meta.provenance);
      expect(out.textLicence).toBe(e.meta.constructed ? 'CC-BY-4.0' : 'third-party');
      expect(out.usedBy.length, `${e.slug} is used by a lesson`).toBeGreaterThan(0);
      expect(out.annotations).toHaveLength(e.annotations.length);
      const chars = Array.from(out.text);
      for (const a of out.annotations) {
        expect(chars.slice(a.start, a.end).join(''), `${e.slug}/${a.id}`).toBe(a.text);
        expect(a.lenses.length).toBeGreaterThan(0);
        for (const l of a.lenses) expect(LENS_IDS).toContain(l);
        expect(a.note.trim()).not.toBe('');
        expect(a.iri).toMatch(new RegExp(`^${SITE}lessons/[a-z0-9-]+/annotations\\.jsonld#${e.slug}--${a.id}$`));
      }
    }
  });

  it('marks the seed article as third-party text', () => {
    const seed = roundTrip.excerpts.find((x) => x.slug === 'staging-up-for-another-assault')!;
    expect(seed.constructed).toBe(false);
    expect(seed.textLicence).toBe('third-party');
    expect(seed.outlet).toBeTruthy();
  });

  it('lists every technique with its lens and page', () => {
    expect(roundTrip.techniques).toHaveLength(lib.techniques.length);
    for (const t of roundTrip.techniques) {
      expect(LENS_IDS).toContain(t.lens);
      expect(t.summary.trim()).not.toBe('');
      expect(t.url).toBe(`${SITE}techniques/${t.id}/`);
    }
  });

  it('uses the same annotation IRIs as the JSON-LD files', () => {
    const jsonld = new Set(
      lib.lessons.flatMap((l) => {
        const c = lessonAnnotations(lib, l.slug, SITE);
        return [...c.first.items, ...(c.first.next?.items ?? [])].map((a) => a.id);
      }),
    );
    for (const e of roundTrip.excerpts) for (const a of e.annotations) expect(jsonld.has(a.iri), a.iri).toBe(true);
  });
});
