/**
 * The validated content library for pages and components. CONTENT_DIR lets
 * tests build a fixture; by default it is ./content of the project.
 */
import { loadLibrary } from '../lib/content/load.ts';
import { contentDirOf, projectRoot as root } from '../lib/content/paths.ts';
import { findExcerpt } from '../lib/content/lookup.ts';
import type { Excerpt, Library } from '../lib/content/validate.ts';

export const projectRoot = root();
export const contentDir = contentDirOf(projectRoot);

export function getLibrary(): Library {
  return loadLibrary(contentDir, projectRoot, { fresh: import.meta.env.DEV });
}

export function getExcerpt(slug: string): Excerpt {
  const found = findExcerpt(getLibrary(), slug);
  if (!found) throw new Error(`No excerpt "${slug}" in ${contentDir}/excerpts`);
  return found;
}
