/**
 * `npm run bench`: build-scale and search benchmarks (not tests).
 *
 *   npm run bench                      # 100, 500 and 1,000 synthetic lessons + the real site
 *   npm run bench -- --sizes 100       # just one size
 *   npm run bench -- --no-search       # skip the browser search measurements
 *   npm run bench -- --search-dist DIR # only the search measurements, on a built site
 *   npm run bench -- --no-starlight    # skip the Starlight baseline
 *   npm run bench -- --synthetic-only  # no real site and no long lesson: the synthetic sizes (and Starlight, search)
 *   npm run bench -- --builds-only     # --synthetic-only without search: just the builds, side by side with Starlight
 *
 * Synthetic lessons have realistic excerpts (500–1,500 words, 20–40
 * annotations each) and go to a temporary folder; each size is built and
 * indexed with the real `astro build`, timed, and measured for peak memory,
 * dist size, index size, the largest page of each kind and the first visit's
 * download. Side by side, the same synthetic texts are built as plain pages
 * with Starlight (one page per article, its own Pagefind index), installed
 * into a scratch folder under the system's temp directory on first use — never
 * a dependency of this project. Then Chromium runs a first search on each
 * site, recording bytes transferred and query time. One more small build adds
 * a 7,500-word lesson to the real content, for the heaviest lesson page.
 * Results print as Markdown for docs/benchmarks.md.
 */
import { MAX_EXCERPT_WORDS } from '../lib/content/validate.ts';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { firstVisitBytes, listFiles, pageWeight } from '../lib/site/sizes.ts';
import { makeSite } from './synth.ts';
import { RESULTS_PER_BATCH } from '../scripts/search-core.ts';
import { searchQuery } from '../lib/search/search-query.ts';
import type { Browser } from 'playwright-core';
import { scratchProject } from './astro-build.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';

const args = process.argv.slice(2);
const sizes = (args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : '100,500,1000').split(',').map(Number);
const withSearch = !args.includes('--no-search') && !args.includes('--builds-only');
const withStarlight = !args.includes('--no-starlight');
const syntheticOnly = args.includes('--synthetic-only') || args.includes('--builds-only');
const root = process.cwd();

function dirSize(dir: string): number {
  return listFiles(dir).reduce((n, f) => n + statSync(f).size, 0);
}

/** Run an Astro build (through GNU time when there is one): seconds and peak memory. */
function timed(cwd: string, cmd: string[], env: Record<string, string>) {
  const timeBin = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-v'] : [];
  const full = [...timeBin, ...cmd];
  const started = performance.now();
  const r = spawnSync(full[0], full.slice(1), {
    cwd,
    env: { ...process.env, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr.slice(-3000)}\n${r.stdout.slice(-3000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  // CPU time (user + system) is less disturbed than wall time by other work on a shared machine.
  const cpu = [/User time \(seconds\): ([\d.]+)/, /System time \(seconds\): ([\d.]+)/].reduce(
    (n, re) => n + Number(re.exec(r.stderr)?.[1] ?? NaN),
    0,
  );
  return { seconds, cpu, peakMiB: rss ? Number(rss[1]) / 1024 : NaN, log: r.stdout };
}

/**
 * Where a build's time went, from Astro's log: each generated route's time
 * ("(+12ms)", wall time on this machine) summed per kind of per-lesson page,
 * and the search index's time (logged by src/integrations/search-index.ts).
 */
function buildProfile(log: string): {
  perKind: Map<string, number>;
  other: number;
  indexSeconds: number;
  generateSeconds: number;
} {
  const perKind = new Map<string, number>();
  let other = 0;
  // With pages rendering a few at a time, a time is printed after whichever page started last; pages of
  // one kind render together, so the sums per kind are close, not exact.
  for (const m of log.matchAll(/[├└]─ (\S+) \(\+([\d.]+)(ms|s)\)/g)) {
    const kind =
      /^\/lessons\/[^/]+\/(?:(guide|answers|worksheet|present|assess)\/)?(index\.html|data\.json|annotations\.jsonld)$/.exec(
        m[1],
      );
    const ms = Number(m[2]) * (m[3] === 's' ? 1000 : 1);
    if (!kind) other += ms;
    else {
      const k = kind[1] ?? (kind[2] === 'index.html' ? 'lesson' : kind[2]);
      perKind.set(k, (perKind.get(k) ?? 0) + ms);
    }
  }
  const indexSeconds = Number(/search index: \d+ pages \(\d+ while rendering\), written ([\d.]+) s/.exec(log)?.[1] ?? NaN);
  // Astro's "✓ Completed in …" after "generating static routes": the wall time of rendering every page.
  const generateSeconds = Number(/generating static routes[\s\S]*?Completed in ([\d.]+)s/.exec(log)?.[1] ?? NaN);
  return { perKind, other, indexSeconds, generateSeconds };
}

function build(contentDir: string, outDir: string) {
  // A scratch copy of the project, so Astro's content cache (.astro/) never mixes contents.
  const project = scratchProject(root);
  try {
    return timed(project.dir, ['npx', 'astro', 'build', '--outDir', outDir], { CONTENT_DIR: contentDir });
  } finally {
    project.remove();
  }
}

// ---------- The Starlight baseline ----------

const STARLIGHT_VERSION = '0.42.4';
const STARLIGHT_DIR = join(tmpdir(), 'rnc-starlight-baseline');

/** Starlight and this project's Astro version, installed once into a scratch folder (not this project). */
function starlightInstall(): string {
  if (existsSync(join(STARLIGHT_DIR, 'node_modules', '@astrojs', 'starlight', 'package.json'))) return STARLIGHT_DIR;
  const astro = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> })
    .dependencies.astro;
  mkdirSync(STARLIGHT_DIR, { recursive: true });
  writeFileSync(
    join(STARLIGHT_DIR, 'package.json'),
    JSON.stringify({
      name: 'rnc-starlight-baseline',
      private: true,
      type: 'module',
      dependencies: { astro, '@astrojs/starlight': STARLIGHT_VERSION },
    }),
  );
  console.error(`Installing Starlight ${STARLIGHT_VERSION} with Astro ${astro} into ${STARLIGHT_DIR} (once)…`);
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', STARLIGHT_DIR], { stdio: 'inherit' });
  if (r.status !== 0)
    throw new Error('Could not install Starlight for the baseline (npm install failed); run with --no-starlight to skip it.');
  return STARLIGHT_DIR;
}

/**
 * The synthetic articles of a site (content/excerpts/synthetic-*.md) as a
 * minimal Starlight site: one plain page per article, Starlight's defaults
 * (its own Pagefind index included), built and timed like the project.
 */
function starlightBuild(siteDir: string) {
  const install = starlightInstall();
  // Inside the install folder, so its node_modules is found by walking up (through a symlink,
  // Vite would leave Starlight's virtual modules unresolved).
  mkdirSync(join(install, 'sites'), { recursive: true });
  const dir = mkdtempSync(join(install, 'sites', 'site-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'starlight-bench', private: true, type: 'module' }));
    writeFileSync(
      join(dir, 'astro.config.mjs'),
      // Starlight's middleware entry must be bundled, not left to Node (it imports astro: modules).
      "import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\nconst noExternal = ['@astrojs/starlight'];\nexport default defineConfig({ integrations: [starlight({ title: 'Benchmark' })], vite: { environments: { prerender: { resolve: { noExternal } }, ssr: { resolve: { noExternal } } } } });\n",
    );
    mkdirSync(join(dir, 'src', 'content', 'docs'), { recursive: true });
    writeFileSync(
      join(dir, 'src', 'content.config.ts'),
      "import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\nexport const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n",
    );
    const excerpts = join(siteDir, 'content', 'excerpts');
    let pages = 0;
    for (const f of readdirSync(excerpts).filter((f) => /^synthetic-\d+\.md$/.test(f))) {
      const src = readFileSync(join(excerpts, f), 'utf8');
      const title = /^title:\s*"?([^"\n]+)"?$/m.exec(src)?.[1] ?? f;
      const body = src.replace(/^---\n[\s\S]*?\n---\n/, '');
      writeFileSync(join(dir, 'src', 'content', 'docs', f), `---\ntitle: ${JSON.stringify(title)}\n---\n${body}`);
      pages++;
    }
    const out = join(dir, 'dist');
    const t = timed(dir, [join(install, 'node_modules', '.bin', 'astro'), 'build'], {});
    return { ...t, pages, distBytes: dirSize(out) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------- Page weight ----------

/** The kind of a built page, for "largest page of each kind". */
function pageKind(page: string): string | null {
  if (page === 'index.html') return 'home';
  if (/^lessons\/(index\.html|page\/|(level|topic|lens)\/)/.test(page)) return 'lessons list (any page, any filter)';
  if (/^lessons\/[^/]+\/index\.html$/.test(page)) return 'lesson';
  const sub = /^lessons\/[^/]+\/(guide|present|answers|worksheet|assess)\/index\.html$/.exec(page);
  if (sub) return `lesson ${sub[1]}`;
  if (/^techniques\/[^/]+\/index\.html$/.test(page)) return 'technique';
  if (/^techniques\/[^/]+\/page\//.test(page)) return 'technique examples (page 2+)';
  if (page === 'offline/index.html') return 'offline';
  return null;
}

/** Largest gzipped HTML of each page kind: kind -> [bytes, page]. */
function largestPages(dist: string): Map<string, [number, string]> {
  const out = new Map<string, [number, string]>();
  for (const f of listFiles(dist)) {
    if (!f.endsWith('.html') || f.includes('/pagefind/')) continue;
    const w = pageWeight(dist, '/', f);
    const kind = pageKind(w.page);
    if (kind && (out.get(kind)?.[0] ?? -1) < w.html) out.set(kind, [w.html, w.page]);
  }
  return out;
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
  await page
    .locator('dialog .search-status')
    .filter({ hasText: /results? for/ })
    .waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  await context.close();
  return result;
}

async function searchBench(label: string, dist: string, queries: string[]): Promise<SearchResult> {
  const { serve } = await import('./serve.ts');
  const { chromium } = await import('playwright-core');
  const served = await serve(dist, '/');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
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
        const pf = (await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`)) as {
          init(): Promise<void>;
          search(q: string): Promise<{ results: { data(): Promise<unknown> }[] }>;
        };
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
      {
        batch: RESULTS_PER_BATCH.dialog,
        qs: ['loaded words', 'officials said', 'forecast evidence', 'unnamed source', 'certainly'].map(searchQuery),
      },
    );
    return {
      site: label,
      first,
      queryMs: ms,
      repeatMs,
      indexBytes: dirSize(join(dist, 'pagefind')),
      indexFiles: listFiles(join(dist, 'pagefind')).length,
    };
  } finally {
    await browser.close();
    await served.close();
  }
}

const kB = (n: number) => `${(n / 1024).toFixed(0)} kB`;
const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

const QUERIES = ['according to reports', 'shocking decision', 'unnamed source', 'revenge-thirsty', 'certainly', 'Northfield'];

function printSearch(results: SearchResult[]) {
  console.log(
    '\n| site | index files | index size | first search, largest: bytes (Pagefind’s share), requests | query time once Pagefind is loaded, median of 5: first run / repeated |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const worst = r.first.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    console.log(
      `| ${r.site} | ${r.indexFiles} | ${MB(r.indexBytes)} | ${kB(worst.bytes)} (${kB(worst.pagefindBytes)}), ${worst.requests} for “${worst.query}” | ${r.queryMs.toFixed(0)} ms / ${r.repeatMs.toFixed(0)} ms |`,
    );
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

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`,
);
const rows: string[] = [];
const costRows: string[] = [];
const costs: { n: number; ours: ReturnType<typeof timed>; theirs: ReturnType<typeof timed> }[] = [];
const pageRows = new Map<string, Map<string, [number, string]>>();
const visitRows: string[] = [];
const profileRows: string[] = [];
const searches: SearchResult[] = [];
const realOut = mkdtempSync(join(tmpdir(), 'rnc-bench-real-'));
if (!syntheticOnly) {
  const real = build(join(root, 'content'), realOut);
  rows.push(
    `| real site (${listFiles(join(root, 'content', 'lessons')).length} lessons) | ${real.seconds.toFixed(1)} (${real.cpu.toFixed(1)} CPU) | – | ${real.peakMiB.toFixed(0)} MiB | ${MB(dirSize(realOut))} | ${MB(dirSize(join(realOut, 'pagefind')))} |`,
  );
  pageRows.set('real', largestPages(realOut));
  const realVisit = await firstVisitBytes(realOut, '/');
  visitRows.push(`| real site | ${kB(realVisit.total)} | ${kB(realVisit.sw)} | ${realVisit.files} |`);
  if (withSearch) searches.push(await searchBench('real site', realOut, QUERIES));
}

// One long lesson with the real content: as long as the content rules allow (MAX_EXCERPT_WORDS;
// tests/build/lesson-size.test.ts lifts the cap to keep a 7,500-word page under its budget).
if (!syntheticOnly) {
  const site = makeSite(root, 0, MAX_EXCERPT_WORDS - 50);
  const out = join(site.dir, 'dist');
  mkdirSync(out, { recursive: true });
  build(join(site.dir, 'content'), out);
  const lesson = pageWeight(out, '/', join(out, 'lessons', site.longSlug!, 'index.html'));
  const html = readFileSync(join(out, 'lessons', site.longSlug!, 'index.html'), 'utf8');
  const nodes = (html.match(/<[a-zA-Z]/g) ?? []).length;
  const spans = (html.match(/<span class="w[ "]/g) ?? []).length;
  console.log(
    `\nLong lesson (${site.words} words, ${site.anns} flags): lesson page ${kB(lesson.html)} gzipped (${kB(Buffer.byteLength(html))} raw), ${nodes} elements, ${spans} word spans; guide ${kB(pageWeight(out, '/', join(out, 'lessons', site.longSlug!, 'guide', 'index.html')).html)} gzipped.`,
  );
  rmSync(site.dir, { recursive: true, force: true });
}

for (const n of sizes) {
  const site = makeSite(root, n);
  const out = join(site.dir, 'dist');
  mkdirSync(out, { recursive: true });
  const b = build(join(site.dir, 'content'), out);
  rows.push(
    `| ${n} synthetic (${Math.round(site.words / n)} words, ${Math.round(site.anns / n)} flags avg) | ${b.seconds.toFixed(1)} (${b.cpu.toFixed(1)} CPU) | ${((b.seconds * 1000) / n).toFixed(1)} (${((b.cpu * 1000) / n).toFixed(1)} CPU) | ${b.peakMiB.toFixed(0)} MiB | ${MB(dirSize(out))} | ${MB(dirSize(join(out, 'pagefind')))} |`,
  );
  pageRows.set(String(n), largestPages(out));
  {
    const p = buildProfile(b.log);
    const lessons = listFiles(join(site.dir, 'content', 'lessons')).length;
    // Pages render a few at a time (build.concurrency), so each page's logged time overlaps others':
    // the times are scaled to the wall time of the whole rendering phase.
    const logged = [...p.perKind.values()].reduce((a, b) => a + b, p.other);
    const scale = (p.generateSeconds * 1000) / logged;
    const parts = [...p.perKind].sort((x, y) => y[1] - x[1]).map(([k, ms]) => `${k} ${((ms * scale) / lessons).toFixed(1)}`);
    profileRows.push(
      `${n} lessons: rendering all pages ${p.generateSeconds.toFixed(1)} s; per lesson (ms, wall, Astro's per-page times scaled to that): ${parts.join(', ')}; other pages ${((p.other * scale) / 1000).toFixed(1)} s in all; the search index was written ${p.indexSeconds.toFixed(1)} s after the last page (Pagefind parses while pages render).`,
    );
  }
  const visit = await firstVisitBytes(out, '/');
  visitRows.push(`| ${n} synthetic | ${kB(visit.total)} | ${kB(visit.sw)} | ${visit.files} |`);
  if (withStarlight) {
    // Both are whole builds, start-up included; this site also builds the real lessons and its other pages.
    const st = starlightBuild(site.dir);
    const ours = (b.seconds * 1000) / n;
    const theirs = (st.seconds * 1000) / st.pages;
    costs.push({ n, ours: b, theirs: st });
    costRows.push(
      `| ${n} | ${b.seconds.toFixed(1)} s (${b.cpu.toFixed(0)} s CPU) | ${ours.toFixed(1)} ms | ${st.seconds.toFixed(1)} s (${st.cpu.toFixed(0)} s CPU) | ${theirs.toFixed(1)} ms | ${(ours / theirs).toFixed(2)} (CPU ${(b.cpu / st.cpu).toFixed(2)}) | ${b.peakMiB.toFixed(0)} MiB | ${st.peakMiB.toFixed(0)} MiB |`,
    );
  }
  if (withSearch) searches.push(await searchBench(`${n} synthetic lessons`, out, QUERIES));
  rmSync(site.dir, { recursive: true, force: true });
}
console.log(
  '\n| site | build + index (s: wall, and CPU = user + sys) | ms per lesson (wall, CPU) | peak memory | dist size | index size |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
if (profileRows.length)
  console.log(`\nWhere the build's time went (Astro's per-page log):\n\n${profileRows.map((r) => `- ${r}`).join('\n')}`);

if (costRows.length) {
  console.log(
    `\nSide by side with Starlight ${STARLIGHT_VERSION} (same Astro; one plain page per synthetic article, its own Pagefind index):\n`,
  );
  console.log(
    '| lessons | this site: build + index | per lesson | Starlight: build + index | per article | ratio | peak memory | Starlight peak |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of costRows) console.log(r);
  // The cost of one more lesson, without each tool's fixed start-up: the difference between two sizes.
  for (let i = 1; i < costs.length; i++) {
    const [a, b] = [costs[i - 1], costs[i]];
    const per = (x: number, y: number) => ((y - x) * 1000) / (b.n - a.n);
    const ours = per(a.ours.seconds, b.ours.seconds);
    const theirs = per(a.theirs.seconds, b.theirs.seconds);
    const oursCpu = per(a.ours.cpu, b.ours.cpu);
    const theirsCpu = per(a.theirs.cpu, b.theirs.cpu);
    console.log(
      `\nOne more lesson, ${a.n} → ${b.n}: this site ${ours.toFixed(1)} ms (${oursCpu.toFixed(1)} ms CPU), Starlight ${theirs.toFixed(1)} ms (${theirsCpu.toFixed(1)} ms CPU) per article: ratio ${(ours / theirs).toFixed(2)} (CPU ${(oursCpu / theirsCpu).toFixed(2)}).`,
    );
  }
}

const kinds = [...new Set([...pageRows.values()].flatMap((m) => [...m.keys()]))].sort();
console.log('\nLargest page of each kind (HTML, kB gzipped):\n');
console.log(`| page kind | ${[...pageRows.keys()].map((k) => (k === 'real' ? 'real site' : `${k} lessons`)).join(' | ')} |`);
console.log(`| --- | ${[...pageRows.keys()].map(() => '---:').join(' | ')} |`);
for (const k of kinds)
  console.log(`| ${k} | ${[...pageRows.values()].map((m) => (m.get(k) ? (m.get(k)![0] / 1024).toFixed(1) : '–')).join(' | ')} |`);

console.log('\nFirst visit (sw.js and what it saves on install, gzipped):\n');
console.log('| site | first visit | of which sw.js | files |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of visitRows) console.log(r);

if (searches.length) printSearch(searches);
rmSync(realOut, { recursive: true, force: true });
