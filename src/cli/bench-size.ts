/**
 * `npm run bench:size`: build the site and print what each page type weighs
 * (gzip), as a Markdown table for docs/benchmarks.md. `--no-build` measures
 * the dist/ that is there.
 */
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, pageWeight } from '../lib/site/sizes.ts';

const dist = join(process.cwd(), 'dist');
if (!process.argv.includes('--no-build') || !existsSync(dist)) execSync('npx astro build', { stdio: 'inherit' });

const kb = (n: number) => (n / 1024).toFixed(1);
const pages = listFiles(dist).filter((f) => f.endsWith('.html'));
const types = new Map<string, ReturnType<typeof pageWeight>[]>();
for (const f of pages) {
  const w = pageWeight(dist, '/', f);
  const type = w.page.replace(/^lessons\/[^/]+\//, 'lessons/*/').replace(/^techniques\/[^/]+\//, 'techniques/*/');
  types.set(type, [...(types.get(type) ?? []), w]);
}
console.log('| page type | pages | HTML max (kB gz) | JS max (kB gz) | CSS max (kB gz) |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [type, ws] of [...types].sort()) {
  const max = (k: 'html' | 'js' | 'css') => kb(Math.max(...ws.map((w) => w[k])));
  console.log(`| ${type} | ${ws.length} | ${max('html')} | ${max('js')} | ${max('css')} |`);
}
const images = listFiles(dist).filter((f) => /\.(png|jpe?g|gif|webp|avif|svg)$/.test(f));
const biggest = images.reduce((m, f) => Math.max(m, statSync(f).size), 0);
console.log(`\nImages: ${images.length}, largest ${kb(biggest)} kB.`);
