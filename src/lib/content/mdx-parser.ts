/**
 * The MDX parser of the build (Sätteri, which @astrojs/mdx compiles with), for
 * the content checks in Node: check:content, the build's content guard, tests.
 * Kept apart from lesson-rules.ts so browser code never bundles it.
 */
import { mdxToMdast } from 'satteri';
import type { MdxParser } from './lesson-rules.ts';

export const parseMdx: MdxParser = (content) => mdxToMdast(content, { features: { gfm: true } });
