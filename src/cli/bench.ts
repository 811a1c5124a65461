/**
 * `npm run bench`: build-scale and search benchmarks (not tests).
 *
 *   npm run bench                      # 100, 500 and 1,000 synthetic lessons + the real site
 *   npm run bench -- --sizes 100       # just one size
 *   npm run bench -- --no-search       # skip the browser search measurements
 *
 * Synthetic lessons have realistic excerpts (500–1,500 words, 20–40
 * annotations each) and go to a temporary folder; each size is built and
 * indexed with the real `astro build`, timed, and measured for peak memory,
 * dist size and index size. Then Chromium runs a first search on the real
 * site and on the largest synthetic site, recording bytes transferred and
 * query time. Results print as Markdown for docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { listFiles } from '../lib/sizes.ts';
import { seededRandom } from '../lib/random.ts';
import { scratchProject } from '../../tests/helpers/build.ts';

const args = process.argv.slice(2);
const sizes = (args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : '100,500,1000').split(',').map(Number);
const withSearch = !args.includes('--no-search');
const root = process.cwd();


const WORDS =
  'council officials residents report plan budget water school hospital police road market energy prices workers union company minister election voters campaign district river bridge funding review inspectors data survey figures week month year town city region county service project programme community families shops traffic rail station court judge hearing decision statement meeting members committee agency ministry study researchers scientists teachers pupils parents farmers weather storm flood drought heat harvest factory jobs wages rent housing estate park library museum festival team club season match coach players fans'.split(
    ' ',
  );
const VERBS = 'said reported confirmed announced warned estimated argued noted added explained suggested described expected planned agreed'.split(' ');
const LOADED = ['disastrous', 'shocking', 'reckless', 'outrageous', 'catastrophic', 'stunning', 'brutal', 'chaotic', 'scandalous', 'appalling'];
const VAGUE = ['according to reports', 'sources say', 'it is believed', 'many people think', 'experts claim', 'insiders suggest'];
const CERTAIN = ['will certainly', 'is bound to', 'will inevitably', 'is sure to', 'will definitely'];

function sentence(next: () => number): string {
  const w = () => WORDS[Math.floor(next() * WORDS.length)];
  const s = `The ${w()} ${VERBS[Math.floor(next() * VERBS.length)]} that the ${w()} ${w()} would affect ${w()} and ${w()} in the ${w()}`;
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

/** One synthetic lesson: an excerpt of `words` words with `anns` unique, anchorable flags. */
function synthLesson(i: number, next: () => number) {
  const targetWords = 500 + Math.floor(next() * 1000);
  const annCount = 20 + Math.floor(next() * 21);
  const paras: string[] = [];
  const anns: string[] = [];
  let words = 0;
  let para: string[] = [];
  let k = 0;
  while (words < targetWords) {
    let s = sentence(next);
    if (k < annCount && next() < 0.5) {
      const kind = k % 3;
      const tag = `${['Northfield', 'Easton', 'Westbury', 'Southmoor'][k % 4]} ${100 + i * 50 + k}`;
      const phrase =
        kind === 0
          ? `${VAGUE[k % VAGUE.length]} in ${tag}`
          : kind === 1
            ? `a ${LOADED[k % LOADED.length]} decision for ${tag}`
            : `${tag} ${CERTAIN[k % CERTAIN.length]} change`;
      s = `${s.slice(0, -1)}, and ${phrase}.`;
      const lens = ['sourcing-gap', 'emotive-language', 'unsupported-prediction'][kind];
      anns.push(`- id: flag-${k}\n  quote: "${phrase}"\n  lens: ${lens}\n  note: Synthetic note ${k} explaining why "${phrase}" is flagged in this text.\n  question: Who says so, and how could you check it?\n  check: Look for the original source.`);
      k++;
    }
    para.push(s);
    words += s.split(/\s+/).length;
    if (para.length >= 4) {
      paras.push(para.join(' '));
      para = [];
    }
  }
  if (para.length) paras.push(para.join(' '));
  const slug = `synthetic-${String(i).padStart(4, '0')}`;
  const excerpt = `---\ntitle: "Synthetic report ${i}"\nconstructed: true\ndate: 2026-01\nprovenance: "Generated for benchmarks."\n---\nSynthetic report ${i} on local services\n\n${paras.join('\n\n')}\n`;
  const lesson = `---\ntitle: "Synthetic lesson ${i}"\nsummary: "A generated lesson for the build benchmark."\nlevel: ${['intro', 'intermediate', 'advanced'][i % 3]}\nminutes: ${15 + (i % 4) * 10}\naudience: [benchmark]\ntopic: ${['Economy', 'Local news', 'Public health', 'Technology'][i % 4]}\nexcerpt: ${slug}\nquestions: ["Who says so?"]\nobjectives: ["Spot gaps."]\nkeyPoints: ["Ask who says so."]\ndiscussion: ["What would you check first?"]\nmisconceptions: ["Strong words mean false news."]\n---\n\nGenerated context.\n\n<Walkthrough>\n\n<Step lens="sourcing-gap">\nFind the sources.\n</Step>\n\n<Step lens="emotive-language">\nFind the loaded words.\n</Step>\n\n<Step lens="unsupported-prediction">\nFind the forecasts.\n</Step>\n\n</Walkthrough>\n\n<AnnotatedExcerpt />\n\n## Debrief\n\nDone.\n`;
  return { slug, excerpt, yaml: anns.join('\n') + '\n', lesson, words, anns: anns.length };
}

function makeSite(n: number): { dir: string; words: number; anns: number } {
  const dir = mkdtempSync(join(tmpdir(), `rnc-bench-${n}-`));
  const content = join(dir, 'content');
  cpSync(join(root, 'content'), content, { recursive: true });
  const next = seededRandom(n);
  let words = 0;
  let anns = 0;
  for (let i = 0; i < n; i++) {
    const l = synthLesson(i, next);
    writeFileSync(join(content, 'excerpts', `${l.slug}.md`), l.excerpt);
    writeFileSync(join(content, 'excerpts', `${l.slug}.yaml`), l.yaml);
    writeFileSync(join(content, 'lessons', `${l.slug}.mdx`), l.lesson);
    words += l.words;
    anns += l.anns;
  }
  return { dir, words, anns };
}

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

interface SearchResult {
  site: string;
  firstQueryBytes: number;
  requests: number;
  queryMs: number;
  indexBytes: number;
  indexFiles: number;
}

async function searchBench(label: string, dist: string, query: string): Promise<SearchResult> {
  const { serve } = await import('../../tests/helpers/serve.ts');
  const { chromium } = await import('playwright-core');
  const served = await serve(dist, '/');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${served.url}search/`);
    // Pagefind fetches from a Web Worker; page.on('response') sees those requests too.
    // Bytes are as a host with gzip would send them: text compressed, Pagefind's
    // own .pf_* and wasm files are already compressed.
    let bytes = 0;
    let requests = 0;
    page.on('response', async (r) => {
      if (!r.url().includes('/pagefind/')) return;
      try {
        const body = await r.body();
        const text = /\.(js|json)(\?|$)/.test(r.url());
        bytes += text ? gzipSync(body).length : body.length;
        requests++;
      } catch {
        /* redirects have no body */
      }
    });
    // Cold: load Pagefind and run the first query (what a learner's first search costs).
    await page.evaluate(async (q) => {
      const pf = await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`);
      await pf.init();
      const res = await pf.search(q);
      await Promise.all(res.results.slice(0, 5).map((r: { data(): Promise<unknown> }) => r.data()));
      (window as unknown as { pf: unknown }).pf = pf;
    }, query);
    await page.waitForTimeout(300);
    const firstBytes = bytes;
    const firstRequests = requests;
    // Warm: index loaded; time a different query, median of five.
    const ms = await page.evaluate(async () => {
      const pf = (window as unknown as { pf: { search(q: string): Promise<{ results: { data(): Promise<unknown> }[] }> } }).pf;
      const times: number[] = [];
      for (const q of ['loaded words', 'officials said', 'forecast evidence', 'unnamed source', 'certainly']) {
        const t = performance.now();
        const res = await pf.search(q);
        await Promise.all(res.results.slice(0, 5).map((r) => r.data()));
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b)[2];
    });
    bytes = firstBytes;
    requests = firstRequests;
    const files = listFiles(join(dist, 'pagefind'));
    return { site: label, firstQueryBytes: bytes, requests, queryMs: ms, indexBytes: dirSize(join(dist, 'pagefind')), indexFiles: files.length };
  } finally {
    await browser.close();
    await served.close();
  }
}

const kB = (n: number) => `${(n / 1024).toFixed(0)} kB`;
const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`);
const rows: string[] = [];
const realOut = mkdtempSync(join(tmpdir(), 'rnc-bench-real-'));
const real = build(join(root, 'content'), realOut);
rows.push(`| real site (${listFiles(join(root, 'content', 'lessons')).length} lessons) | ${real.seconds.toFixed(1)} | – | ${real.peakMiB.toFixed(0)} MiB | ${MB(dirSize(realOut))} | ${MB(dirSize(join(realOut, 'pagefind')))} |`);
let largest: string | null = null;
for (const n of sizes) {
  const site = makeSite(n);
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
  const results = [await searchBench('real site', realOut, 'unnamed sources')];
  if (largest) results.push(await searchBench(`${sizes[sizes.length - 1]} synthetic lessons`, largest, 'according to reports'));
  console.log('\n| site | index files | index size | first query: requests | first query: bytes | query time, index loaded (median of 5) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) console.log(`| ${r.site} | ${r.indexFiles} | ${MB(r.indexBytes)} | ${r.requests} | ${kB(r.firstQueryBytes)} | ${r.queryMs.toFixed(1)} ms |`);
}
rmSync(realOut, { recursive: true, force: true });
if (largest) rmSync(join(largest, '..'), { recursive: true, force: true });
