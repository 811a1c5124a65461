/**
 * The sweep of every built page (sweep.test.ts in light mode, sweep-dark.test.ts
 * in dark): one test per page, so a failure names its page, and the two
 * colour schemes run in parallel files. Light mode runs every WCAG 2.2 A/AA
 * rule and the structure checks; dark mode changes only colours, so it runs
 * axe's colour-contrast rule. Both check for Content-Security-Policy
 * violations, requests to other origins and cookies on every page.
 */
import { relative } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { listFiles } from '../../src/lib/site/sizes.ts';
import { axe, hasBrowser, url, useBrowser } from './browser.ts';

/** Every built page's path under the base, e.g. '' and 'lessons/x/'. */
export function builtPages(): string[] {
  const distDir = inject('distDir');
  if (!hasBrowser) return [];
  return listFiles(distDir)
    .filter((f) => f.endsWith('index.html') && !f.includes('/pagefind/'))
    .map((f) => relative(distDir, f).replace(/index\.html$/, ''))
    .sort();
}

async function structure(page: Page) {
  return page.evaluate(() => {
    const first = document.querySelector('body a, body button, body input');
    const levels = [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')]
      .filter((h) => (h as HTMLElement).offsetParent !== null || h.closest('details'))
      .map((h) => Number(h.tagName[1]));
    const skips = levels.filter((l, i) => i > 0 && l > levels[i - 1] + 1);
    return {
      skipLink: first?.classList.contains('skip-link') && first.getAttribute('href') === '#main',
      landmarks: ['header', 'nav', 'main', 'footer'].every((t) => document.querySelector(t)),
      h1: document.querySelectorAll('h1').length,
      firstHeading: levels[0],
      skips,
    };
  });
}

/** Register the sweep's tests (call inside a describe block). */
export function sweep(scheme: 'light' | 'dark', pages: string[]) {
  const browser = useBrowser();
  const origin = inject('siteOrigin');
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    context = await browser.newContext({ colorScheme: scheme });
    context.on('request', (r) => requests.push(r.url()));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  });
  afterAll(async () => context?.close());

  /** Requests, cookies and console since the test began: only the site's own origin, none, none. */
  async function privacy() {
    const foreign = requests.filter((r) => !r.startsWith(`${origin}/`) && !r.startsWith('data:'));
    expect.soft(foreign, 'requests to other origins').toEqual([]);
    expect.soft(await context.cookies(), 'cookies').toEqual([]);
    expect.soft(problems, 'console errors and CSP violations').toEqual([]);
  }

  for (const p of pages) {
    it(`/${p} passes axe${scheme === 'dark' ? ' colour contrast' : ', structure'}, CSP and privacy checks in ${scheme} mode`, async () => {
      requests.length = 0;
      problems.length = 0;
      const res = await page.goto(url(p));
      expect.soft(res?.status(), 'HTTP status').toBe(200);
      expect.soft(await axe(page, undefined, scheme === 'dark' ? ['color-contrast'] : undefined), 'axe violations').toEqual([]);
      if (scheme === 'light') {
        const s = await structure(page);
        expect.soft(s.skipLink, 'the first focusable element is the skip link').toBe(true);
        expect.soft(s.landmarks, 'header, nav, main and footer').toBe(true);
        expect.soft(s.h1, 'h1 elements').toBe(1);
        expect.soft(s.firstHeading, 'the first heading in main').toBe(1);
        expect.soft(s.skips, 'heading levels that skip').toEqual([]);
      }
      await privacy();
    });
  }

  it(`keeps the main interactions (search, marking and checking) clean in ${scheme} mode`, async () => {
    requests.length = 0;
    problems.length = 0;
    await page.goto(url('lessons/staging-up-for-another-assault/'));
    await page.keyboard.press('/');
    await page.keyboard.type('sources');
    await page.locator('.search-dialog a.search-hit').first().waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.wt-text .w').nth(3).click();
    await page.locator('.step.is-current [data-act="check"]').click();
    await page.locator('.step.is-current .wt-score').waitFor();
    await privacy();
  });
}
