#!/usr/bin/env node
/**
 * `npm run check:content` (or `npx check-content`): validate content/ without
 * building the site. The same checks and messages as the build, which runs
 * them first (src/integrations/content-guard.ts); exits 1 when anything is wrong.
 */
import { formatIssues, formatNotes } from '../lib/content/issues.ts';
import { checkContent } from '../lib/content/load.ts';

const started = performance.now();
const { library, issues, notes } = checkContent();
const ms = Math.round(performance.now() - started);
if (notes.length > 0) console.log(`${formatNotes(notes)}\n`);
if (issues.length > 0) {
  console.error(formatIssues(issues));
  process.exit(1);
}
const annotations = library.excerpts.reduce((n, e) => n + e.annotations.length, 0);
console.log(
  `Content OK: ${library.lessons.length} lessons, ${library.excerpts.length} excerpts, ${annotations} annotations, ${library.techniques.length} techniques, ${library.glossary.length} glossary terms (${ms} ms).`,
);
