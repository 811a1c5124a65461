/**
 * Read the content/ folder from disk into ContentSources, and validate it.
 * Used by the build (an Astro integration and the content loaders) and by
 * `npm run check:content`, so both report the same problems.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { contentDirOf, projectRoot as defaultRoot } from './paths.ts';
import { ContentError } from './issues.ts';
import { type ContentSources, type Library, validateLibrary, type ValidationResult } from './validate.ts';
import { parseMdx } from './mdx-parser.ts';

function list(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(ext) && !d.name.startsWith('_') && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();
}

const KNOWN_LAB = ['rules.yaml', 'lexicon.yaml'];

export function readContentSources(contentDir: string, projectRoot = join(contentDir, '..')): ContentSources {
  // Paths in messages: relative to the project (content/lessons/x.mdx), or absolute for a folder outside it.
  const rel = (p: string) => {
    const r = relative(projectRoot, p);
    return (r.startsWith('..') || isAbsolute(r) ? p : r).split('\\').join('/');
  };
  const file = (p: string) => ({ path: rel(p), content: readFileSync(p, 'utf8') });
  const stray: string[] = [];
  const exDir = join(contentDir, 'excerpts');
  const excerpts = list(exDir, '.md').map((f) => {
    const slug = f.slice(0, -3);
    const yamlPath = [join(exDir, `${slug}.yaml`), join(exDir, `${slug}.yml`)].find((p) => existsSync(p));
    return { slug, text: file(join(exDir, f)), annotations: yamlPath ? file(yamlPath) : undefined };
  });
  const texts = new Set(excerpts.map((e) => e.slug));
  for (const f of list(exDir, '')) {
    const yaml = /^(.*)\.ya?ml$/.exec(f);
    if (f.endsWith('.md') || (yaml && texts.has(yaml[1]))) continue;
    stray.push(rel(join(exDir, f)));
  }
  const lessonDir = join(contentDir, 'lessons');
  const lessons = list(lessonDir, '.mdx').map((f) => ({ slug: f.slice(0, -4), file: file(join(lessonDir, f)) }));
  for (const f of list(lessonDir, '')) if (!f.endsWith('.mdx')) stray.push(rel(join(lessonDir, f)));
  const techDir = join(contentDir, 'techniques');
  const techniques = list(techDir, '.md').map((f) => ({ id: f.slice(0, -3), file: file(join(techDir, f)) }));
  for (const f of list(techDir, '')) if (!f.endsWith('.md')) stray.push(rel(join(techDir, f)));
  const glossaryPath = join(contentDir, 'glossary.yaml');
  const labDir = join(contentDir, 'lab');
  const lab = KNOWN_LAB.every((f) => existsSync(join(labDir, f)))
    ? { rules: file(join(labDir, 'rules.yaml')), lexicon: file(join(labDir, 'lexicon.yaml')) }
    : undefined;
  return { excerpts, lessons, techniques, glossary: existsSync(glossaryPath) ? file(glossaryPath) : undefined, lab, stray };
}

export function checkContent(contentDir = contentDirOf(), projectRoot = defaultRoot()): ValidationResult {
  return validateLibrary(readContentSources(contentDir, projectRoot), { parseMdx });
}

// One cache per process, not per copy of this module: the build's integrations
// and the bundled page code that Astro renders with are separate copies, and
// reading and validating a large library twice costs seconds.
const CACHE = Symbol.for('read-the-news-closely/library-cache');
const shared = globalThis as unknown as Record<symbol, Map<string, Library> | undefined>;
const cache = (shared[CACHE] ??= new Map<string, Library>());

/** The validated library, or a ContentError listing every problem. `fresh` reads the files again. */
export function loadLibrary(contentDir = contentDirOf(), projectRoot = defaultRoot(), { fresh = false } = {}): Library {
  if (!fresh && cache.has(contentDir)) return cache.get(contentDir)!;
  const { library, issues } = checkContent(contentDir, projectRoot);
  if (issues.length > 0) throw new ContentError(issues);
  cache.set(contentDir, library);
  return library;
}

/** Keep a library already checked (by the build's content guard) for the pages of this process. */
export function rememberLibrary(contentDir: string, library: Library): void {
  cache.set(contentDir, library);
}
