/**
 * Read the content/ folder from disk into ContentSources, and validate it.
 * Used by the build (an Astro integration and the content loaders) and by
 * `npm run check:content`, so both report the same problems.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ContentError } from './issues.ts';
import { type ContentSources, type Library, validateLibrary, type ValidationResult } from './validate.ts';

function list(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext) && !f.startsWith('_') && !f.startsWith('.'))
    .sort();
}

export function readContentSources(contentDir: string, projectRoot = join(contentDir, '..')): ContentSources {
  const file = (p: string) => ({ path: relative(projectRoot, p).split('\\').join('/'), content: readFileSync(p, 'utf8') });
  const exDir = join(contentDir, 'excerpts');
  const excerpts = list(exDir, '.md').map((f) => {
    const slug = f.slice(0, -3);
    const yamlPath = [join(exDir, `${slug}.yaml`), join(exDir, `${slug}.yml`)].find((p) => existsSync(p));
    return { slug, text: file(join(exDir, f)), annotations: yamlPath ? file(yamlPath) : undefined };
  });
  const lessons = list(join(contentDir, 'lessons'), '.mdx').map((f) => ({
    slug: f.slice(0, -4),
    file: file(join(contentDir, 'lessons', f)),
  }));
  const techniques = list(join(contentDir, 'techniques'), '.md').map((f) => ({
    id: f.slice(0, -3),
    file: file(join(contentDir, 'techniques', f)),
  }));
  return { excerpts, lessons, techniques };
}

export function checkContent(contentDir: string, projectRoot?: string): ValidationResult {
  return validateLibrary(readContentSources(contentDir, projectRoot));
}

// One cache per process, not per copy of this module: the build's integrations
// and the bundled page code that Astro renders with are separate copies, and
// reading and validating a large library twice costs seconds.
const CACHE = Symbol.for('read-the-news-closely/library-cache');
const shared = globalThis as unknown as Record<symbol, Map<string, Library> | undefined>;
const cache = (shared[CACHE] ??= new Map<string, Library>());

/** The validated library, or a ContentError listing every problem. `fresh` reads the files again. */
export function loadLibrary(contentDir: string, projectRoot?: string, { fresh = false } = {}): Library {
  if (!fresh && cache.has(contentDir)) return cache.get(contentDir)!;
  const { library, issues } = checkContent(contentDir, projectRoot);
  if (issues.length > 0) throw new ContentError(issues);
  cache.set(contentDir, library);
  return library;
}
