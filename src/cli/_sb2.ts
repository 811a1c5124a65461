import { gzipSync } from 'node:zlib';
const { serve } = await import('../../tests/helpers/serve.ts');
const { chromium } = await import('playwright-core');
const dist = process.argv[2]; const query = process.argv[3] ?? 'according to reports';
const served = await serve(dist, '/');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.goto(`${served.url}lessons/`);
await page.waitForLoadState('networkidle');
const files: [string, number][] = [];
page.on('response', async (r) => {
  try { const body = await r.body(); const text = /\.(js|json|css|html)(\?|$)/.test(r.url()); files.push([r.url().replace(served.url, ''), text ? gzipSync(body).length : body.length]); } catch {}
});
await page.keyboard.press('/');
await page.locator('#search-dialog-q').fill(query);
await page.locator('dialog .search-status').filter({ hasText: /results? for/ }).waitFor({ timeout: 60_000 });
await page.waitForTimeout(500);
let tot = 0; for (const [f, b] of files) { tot += b; console.log(String(b).padStart(7), f); } console.log('total', tot);
await browser.close(); await served.close();
