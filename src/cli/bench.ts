/**
 * `npm run bench`: build-scale and search benchmarks (not tests).
 *
 *   npm run bench                      # 100, 500 and 1,000 synthetic lessons + the real site
 *   npm run bench -- --sizes 100       # just one size
 *   npm run bench -- --no-search       # skip the browser search measurements
 *   npm run bench -- --search-dist DIR # only the search measurements, on a built site
 *
 * Synthetic lessons have realistic excerpts (500–1,500 words, 20–40
 * annotations each) and go to a temporary folder; each size is built and
 * indexed with the real `astro build`, timed, and measured for peak memory,
 * dist size and index size. Then Chromium runs a first search on the real
 * site and on the largest synthetic site, recording bytes transferred and
 * query time. Results print as Markdown for docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { listFiles } from '../lib/sizes.ts';
import { makeSite } from './synth.ts';
import { RESULTS_PER_BATCH } from '../scripts/search-core.ts';
import { searchQuery } from '../lib/search-query.ts';
import type { Browser } from 'playwright-core';
import { scratchProject } from './astro-build.ts';

const args = process.argv.slice(2);
const sizes = (args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : '100,500,1000').split(',').map(Number);
const withSearch = !args.includes('--no-search');
const root = process.cwd();


function dirSize(dir: string): number {
  return listFiles(dir).reduce((n, f) => n + statSync(f).size, 0);
}

function build(contentDir: string, outDir: string) {
  const timeBin = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-v'] : [];
  const cmd = [...timeBin, 'npx', 'astro', 'build', '--outDir', outDir];
  // A scratch copy of the project, so Astro's content cache (.astro/) never mixes contents.
  const project = scratchProject(root);
  const started = performance.now();
  const r = spawnSync(cmd[0], cmd.slice(1), {
    cwd: project.dir,
    env: { ...process.env, NODE_ENV: 'production', CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  project.remove();
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr.slice(-3000)}\n${r.stdout.slice(-3000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  return { seconds, peakMiB: rss ? Number(rss[1]) / 1024 : NaN };
}

interface FirstSearch {
  query: string;
  bytes: number;
  pagefindBytes: number;
  requests: number;
}

interface SearchResult {
  site: string;
  first: FirstSearch[];
  queryMs: number;
  repeatMs: number;
  indexBytes: number;
  indexFiles: number;
}

/**
 * What a learner's first search costs, through the header's search dialog, in
 * a fresh browser context: everything fetched after pressing "/" (the dialog's
 * script, Pagefind's JavaScript, worker and WebAssembly, the index files and
 * one batch of result details). Pagefind fetches from a Web Worker;
 * page.on('response') sees those requests too. Bytes are as a host with gzip
 * would send them: text compressed, Pagefind's .pf_* and wasm files are
 * already compressed.
 */
async function firstSearch(browser: Browser, siteUrl: string, query: string): Promise<FirstSearch> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${siteUrl}lessons/`);
  await page.waitForLoadState('networkidle');
  const result: FirstSearch = { query, bytes: 0, pagefindBytes: 0, requests: 0 };
  page.on('response', async (r) => {
    try {
      const body = await r.body();
      const n = /\.(js|json|css|html)(\?|$)/.test(r.url()) ? gzipSync(body).length : body.length;
      result.bytes += n;
      if (r.url().includes('/pagefind/')) result.pagefindBytes += n;
      result.requests++;
    } catch {
      /* redirects have no body */
    }
  });
  await page.keyboard.press('/');
  await page.locator('#search-dialog-q').fill(query);
  await page.locator('dialog .search-status').filter({ hasText: /results? for/ }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  await context.close();
  return result;
}

async function searchBench(label: string, dist: string, queries: string[]): Promise<SearchResult> {
  const { serve } = await import('./serve.ts');
  const { chromium } = await import('playwright-core');
  const served = await serve(dist, '/');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const first: FirstSearch[] = [];
    for (const q of queries) first.push(await firstSearch(browser, served.url, q));
    // Pagefind loaded (WebAssembly and metadata), then five other queries as the dialog sends them,
    // each with the details of the dialog's batch of results: median of the first run of each (which
    // fetches the index chunks for its words) and of a second run (chunks already in memory).
    const page = await browser.newPage();
    await page.goto(`${served.url}search/`);
    const [ms, repeatMs] = await page.evaluate(
      async ({ batch, qs }) => {
        const pf = await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`);
        await pf.init();
        await pf.search('warm up');
        const run = async (q: string) => {
          const t = performance.now();
          const res = await pf.search(q);
          await Promise.all(res.results.slice(0, batch).map((r: { data(): Promise<unknown> }) => r.data()));
          return performance.now() - t;
        };
        const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        const first: number[] = [];
        const again: number[] = [];
        for (const q of qs) first.push(await run(q));
        for (const q of qs) again.push(await run(q));
        return [median(first), median(again)];
      },
      { batch: RESULTS_PER_BATCH.dialog, qs: ['loaded words', 'officials said', 'forecast evidence', 'unnamed source', 'certainly'].map(searchQuery) },
    );
    return { site: label, first, queryMs: ms, repeatMs, indexBytes: dirSize(join(dist, 'pagefind')), indexFiles: listFiles(join(dist, 'pagefind')).length };
  } finally {
    await browser.close();
    await served.close();
  }
}

const kB = (n: number) => `${(n / 1024).toFixed(0)} kB`;
const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

const QUERIES = ['according to reports', 'shocking decision', 'unnamed source', 'revenge-thirsty', 'certainly', 'Northfield'];

function printSearch(results: SearchResult[]) {
  console.log('\n| site | index files | index size | first search, largest: bytes (Pagefind’s share), requests | query time once Pagefind is loaded, median of 5: first run / repeated |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const worst = r.first.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    console.log(`| ${r.site} | ${r.indexFiles} | ${MB(r.indexBytes)} | ${kB(worst.bytes)} (${kB(worst.pagefindBytes)}), ${worst.requests} for “${worst.query}” | ${r.queryMs.toFixed(0)} ms / ${r.repeatMs.toFixed(0)} ms |`);
  }
  console.log('\nFirst search per query (kB, gzip as sent):\n');
  console.log(`| query | ${results.map((r) => r.site).join(' | ')} |`);
  console.log(`| --- | ${results.map(() => '---:').join(' | ')} |`);
  for (const [i, q] of QUERIES.entries()) console.log(`| ${q} | ${results.map((r) => kB(r.first[i].bytes)).join(' | ')} |`);
}

if (args.includes('--search-dist')) {
  const dist = args[args.indexOf('--search-dist') + 1];
  printSearch([await searchBench(dist, dist, QUERIES)]);
  process.exit(0);
}

console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`);
const rows: string[] = [];
const realOut = mkdtempSync(join(tmpdir(), 'rnc-bench-real-'));
const real = build(join(root, 'content'), realOut);
rows.push(`| real site (${listFiles(join(root, 'content', 'lessons')).length} lessons) | ${real.seconds.toFixed(1)} | – | ${real.peakMiB.toFixed(0)} MiB | ${MB(dirSize(realOut))} | ${MB(dirSize(join(realOut, 'pagefind')))} |`);
let largest: string | null = null;
for (const n of sizes) {
  const site = makeSite(root, n);
  const out = join(site.dir, 'dist');
  mkdirSync(out, { recursive: true });
  const b = build(join(site.dir, 'content'), out);
  rows.push(
    `| ${n} synthetic (${Math.round(site.words / n)} words, ${Math.round(site.anns / n)} flags avg) | ${b.seconds.toFixed(1)} | ${((b.seconds * 1000) / n).toFixed(1)} | ${b.peakMiB.toFixed(0)} MiB | ${MB(dirSize(out))} | ${MB(dirSize(join(out, 'pagefind')))} |`,
  );
  if (largest) rmSync(join(largest, '..'), { recursive: true, force: true });
  largest = out;
}
console.log('\n| site | build + index (s) | ms per lesson | peak memory | dist size | index size |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(r);

if (withSearch) {
  // A phrase whose words are in every synthetic text (the worst case there), rarer words, a technique name.
  const results = [await searchBench('real site', realOut, QUERIES)];
  if (largest) results.push(await searchBench(`${sizes[sizes.length - 1]} synthetic lessons`, largest, QUERIES));
  printSearch(results);
}
rmSync(realOut, { recursive: true, force: true });
if (largest) rmSync(join(largest, '..'), { recursive: true, force: true });
