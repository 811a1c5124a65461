#!/usr/bin/env node
/**
 * `npm run new:lesson -- <slug>`: create the files of a new lesson, with
 * comments that explain each field. Refuses a bad or existing name.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { checkSlug, scaffold } from '../lib/content/scaffold.ts';
import { checkContent } from '../lib/content/load.ts';
import { contentDirOf, projectRoot } from '../lib/content/paths.ts';

const root = projectRoot();
const contentDir = contentDirOf(root);
const slug = process.argv[2];
const names = (dir: string, ext: RegExp) =>
  existsSync(join(contentDir, dir))
    ? readdirSync(join(contentDir, dir))
        .filter((f) => ext.test(f))
        .map((f) => f.replace(ext, ''))
    : [];
const existing = [...names('lessons', /\.mdx$/), ...names('excerpts', /\.md$/)];
const problem = checkSlug(slug, existing);
if (problem) {
  console.error(problem);
  process.exit(1);
}
const { library } = checkContent(contentDir, root);
const nextPath = Math.max(0, ...library.lessons.map((l) => l.data.path ?? 0)) + 1;
const files = scaffold(slug, nextPath, new Date().toISOString().slice(0, 10));
for (const [rel, text] of Object.entries(files)) {
  const p = join(contentDir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text, { flag: 'wx' });
  console.log(`created ${relative(root, p)}`);
}
console.log(
  `\nNext: paste the article into the excerpt file, write annotations, and replace every text starting with TODO:\n(check:content and the build refuse to publish until none is left). Then run npm run check:content.\nPreview with npm run dev and open /lessons/${slug}/.`,
);
