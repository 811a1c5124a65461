/**
 * Where the content lives: the one place that decides. `content/` in the
 * project root, or CONTENT_DIR (tests and benchmarks point it at a fixture).
 */
import { resolve } from 'node:path';

/** The project root: the folder `npm run` / `npx astro` run in. */
export function projectRoot(): string {
  return process.cwd();
}

export function contentDirOf(root = projectRoot()): string {
  return resolve(root, process.env.CONTENT_DIR ?? 'content');
}
