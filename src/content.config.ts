/**
 * Content collections. The schemas live in src/lib/content/schema.ts so that the
 * build, `npm run check:content` and the tests share one contract; excerpts
 * and their annotations are read and anchored by src/lib (see data/library.ts).
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { contentDirOf } from './lib/content/paths.ts';
import { lessonSchema, techniqueSchema } from './lib/content/schema.ts';

const contentDir = contentDirOf();

export const collections = {
  lessons: defineCollection({
    loader: glob({ pattern: ['*.mdx', '!_*'], base: `${contentDir}/lessons` }),
    schema: lessonSchema,
  }),
  techniques: defineCollection({
    loader: glob({ pattern: ['*.md', '!_*'], base: `${contentDir}/techniques` }),
    schema: techniqueSchema,
  }),
};
