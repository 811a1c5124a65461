import { gzipSync } from 'node:zlib';
const { serve } = await import('../../tests/helpers/serve.ts');
const { chromium } = await import('playwright-core');
const dist = process.argv[2]; const query = process.argv[3] ?? 'according to reports';
const served = await serve(dist, '/');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.goto(`${served.url}search/`);
const files: [string, number][] = [];
page.on('response', async (r) => {
  if (!r.url().includes('/pagefind/')) return;
  try { const body = await r.body(); const text = /\.(js|json)(\?|$)/.test(r.url()); files.push([r.url().split('/pagefind/')[1], text ? gzipSync(body).length : body.length]); } catch {}
});
const out = await page.evaluate(async (q) => {
  const pf = await import(`${location.origin}/pagefind/pagefind.js`);
  await pf.init();
  const res = await pf.search(q);
  const data = await Promise.all(res.results.slice(0, 5).map((r: any) => r.data()));
  return { n: res.results.length, top: data.map((d: any) => [d.url, d.meta.title, d.sub_results?.length, d.anchors?.length]) };
}, query);
await page.waitForTimeout(300);
console.log(JSON.stringify(out, null, 1));
let tot = 0; for (const [f, b] of files) { tot += b; console.log(String(b).padStart(7), f); } console.log('total', tot);
await browser.close(); await served.close();
