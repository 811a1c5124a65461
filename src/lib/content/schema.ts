/**
 * The contract for authors: what an excerpt, its annotations, a lesson and a
 * technique page may contain. src/content.config.ts uses these same schemas,
 * and so does `npm run check:content`, so the build and the checker agree.
 */
import { z } from 'zod';
import { GENRES, GENRE_LABELS, type Genre } from './genres.ts';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens, e.g. "vague-reports"');

const text = z.string().trim().min(1, 'must not be empty');

/** A date in frontmatter: YAML may hand us a Date or a string; keep a string. */
const looseDate = z
  .union([z.string(), z.number(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)))
  .pipe(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'write the date as YYYY, YYYY-MM or YYYY-MM-DD'));

const oneOrMany = z
  .union([z.string(), z.array(z.string()).min(1)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

export const LEVELS = ['intro', 'intermediate', 'advanced'] as const;
export type Level = (typeof LEVELS)[number];
/** How each level is named on pages and in search filters. */
export const LEVEL_LABELS: Record<Level, string> = { intro: 'Introductory', intermediate: 'Intermediate', advanced: 'Advanced' };

/**
 * A phrase a reasonable reader might flag although the lesson does not score
 * it (excerpt frontmatter `alsoDefensible:`). Marking it is answered with the
 * reason and never counted against the learner.
 */
export const defensibleSchema = z
  .object({
    quote: z.string().trim().min(1, 'must not be empty'),
    prefix: z.string().optional(),
    suffix: z.string().optional(),
    /** The lens(es) under which flagging it is fair; left out: any lens. */
    lens: oneOrMany.optional(),
    /** One line: why flagging it is fair, and why the lesson does not score it. */
    reason: text,
  })
  .strict();
export type Defensible = z.output<typeof defensibleSchema>;

/**
 * A tempting phrase that needs no flag (excerpt frontmatter `nothingToFlag:`):
 * an accurate strong word, a quoted person's own feeling, a hedged and sourced
 * forecast. Used as "nothing to flag" review items, so boosters train
 * discernment rather than suspicion.
 */
export const fineSchema = z
  .object({
    quote: z.string().trim().min(1, 'must not be empty'),
    prefix: z.string().optional(),
    suffix: z.string().optional(),
    /** One line: why a careful reader leaves it unflagged. */
    reason: text,
  })
  .strict();

/** What kind of text an excerpt is (kept in genres.ts so browser code need not bundle zod). */
export { GENRES, GENRE_LABELS, type Genre };

export const excerptMetaSchema = z
  .object({
    title: text,
    /** Where it was published. Leave out for texts written for this site. */
    outlet: text.optional(),
    /** true for texts written for this site: the page labels them "Constructed for teaching". */
    constructed: z.boolean().default(false),
    date: looseDate,
    /** Where the text comes from and how it may be used. */
    provenance: text,
    /** The first block of the text is its headline. */
    headline: z.boolean().default(true),
    language: z.string().default('en'),
    /** What kind of text this is (news, opinion, analysis, sponsored, press-release, social-post). */
    genre: z.enum(GENRES),
    /** Optional nuance for the answer to "what kind of text is it?" (e.g. news in form, opinion in tone). */
    genreNote: text.optional(),
    /** Other kinds of text a careful reader could fairly answer (explained by `genreNote`). */
    genreAlso: z.array(z.enum(GENRES)).default([]),
    /** Who is behind it: the publisher and what kind of site or outlet it is (for a constructed text, the fictional one). */
    publisher: text,
    /** Who wrote it, as far as is known ("unknown: no byline survives"). */
    byline: text.optional(),
    /** Phrases a reasonable reader might flag that the lesson does not score. */
    alsoDefensible: z.array(defensibleSchema).default([]),
    /** Tempting phrases that need no flag (accurate strong words, quoted feelings, hedged sourced forecasts). */
    nothingToFlag: z.array(fineSchema).default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.constructed && !v.outlet) {
      ctx.addIssue({
        code: 'custom',
        path: ['outlet'],
        message: 'a published excerpt needs `outlet`; for a text written for this site set `constructed: true`',
      });
    }
  });
export type ExcerptMeta = z.infer<typeof excerptMetaSchema>;

export const annotationSchema = z
  .object({
    id: slug,
    /** The exact words from the excerpt (TextQuoteSelector.exact). */
    quote: z.string(),
    /** Words just before the quote, only needed when the quote occurs more than once. */
    prefix: z.string().optional(),
    /** Words just after the quote, only needed when the quote occurs more than once. */
    suffix: z.string().optional(),
    /** One lens, or several when more than one reading is valid (the first is the main one). */
    lens: oneOrMany,
    /** Optional sub-kinds: ids of technique pages under the lens(es). */
    kind: oneOrMany.optional(),
    /** Why this matters in this text. */
    note: text,
    /** A question that makes the learner think before reading the note. */
    question: text.optional(),
    /** A neutral or better-sourced way to say it. */
    rewrite: text.optional(),
    /** How a reader would check the claim (lateral reading). */
    check: text.optional(),
    /** When several lenses apply: why each is a fair reading. */
    lensNote: text.optional(),
    /**
     * The word or words inside the quote that do the work (e.g. `certainly` in
     * "The US is certainly preparing"). Marking any of them counts as finding
     * the phrase. Left out: the quote's content words are used.
     */
    key: oneOrMany.optional(),
    /**
     * false for a judgement call: shown in the answers as "arguable" with its
     * note, never counted as missed, and answered kindly when marked.
     */
    scored: z.boolean().default(true),
  })
  .strict();
export type AnnotationInput = z.input<typeof annotationSchema>;
export type Annotation = z.output<typeof annotationSchema>;

export const annotationFileSchema = z.array(z.unknown());



export const lessonSchema = z
  .object({
    title: text,
    summary: text,
    level: z.enum(LEVELS),
    /** Teacher-facing timing: shown in the teaching guide, not pressed on learners. */
    minutes: z.number().int().min(5).max(180),
    audience: z.array(text).min(1),
    topic: text,
    /** Slug of the excerpt in content/excerpts. */
    excerpt: slug,
    /** Slug of a well-sourced control passage the learner also checks. */
    control: slug.optional(),
    /** Questions the lesson answers, shown up front. */
    questions: z.array(text).min(1),
    objectives: z.array(text).min(1),
    keyPoints: z.array(text).min(1),
    /** Place on the "start here" path (1 = first). */
    path: z.number().int().min(1).optional(),
    preparation: text.optional(),
    /** Learner-facing content note (e.g. graphic descriptions of violence), shown on the lesson, its card and the workshop plan. */
    contentNote: text.optional(),
    discussion: z.array(text).default([]),
    misconceptions: z.array(text).default([]),
    extensions: z.array(text).default([]),
  })
  .strict();
export type Lesson = z.output<typeof lessonSchema>;

export const techniqueSchema = z
  .object({
    title: text,
    /** For a sub-kind: the lens it belongs to. Lens pages leave it out. */
    lens: z.string().optional(),
    /** One sentence: what it is. */
    summary: text,
    order: z.number().int().default(100),
  })
  .strict();
export type TechniqueMeta = z.output<typeof techniqueSchema>;

/** content/glossary.yaml: terms used across the lessons that are not techniques. */
export const glossaryEntrySchema = z
  .object({
    term: text,
    /** Plain language, one or two sentences. */
    definition: text,
  })
  .strict();
export const glossarySchema = z.array(glossaryEntrySchema);
export type GlossaryEntry = z.output<typeof glossaryEntrySchema>;
