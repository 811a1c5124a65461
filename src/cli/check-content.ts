/**
 * `npm run check:content`: validate content/ without building the site.
 * Same checks and messages as the build; exits 1 when anything is wrong.
 */
import { resolve } from 'node:path';
import { formatIssues } from '../lib/issues.ts';
import { checkContent } from '../lib/load.ts';

const root = process.cwd();
const contentDir = resolve(root, process.env.CONTENT_DIR ?? 'content');
const started = performance.now();
const { library, issues } = checkContent(contentDir, root);
const ms = Math.round(performance.now() - started);
if (issues.length > 0) {
  console.error(formatIssues(issues));
  process.exit(1);
}
const annotations = library.excerpts.reduce((n, e) => n + e.annotations.length, 0);
console.log(
  `Content OK: ${library.lessons.length} lessons, ${library.excerpts.length} excerpts, ${annotations} annotations, ${library.techniques.length} techniques (${ms} ms).`,
);
