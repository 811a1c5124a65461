/**
 * Every built page, in light and dark: axe (WCAG 2.2 A/AA) with 0 violations,
 * no Content-Security-Policy violations, no requests to other origins, no
 * cookies, a skip link, landmarks and a sane heading order.
 */
import { relative } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listFiles } from '../../src/lib/sizes.ts';
import { axe, hasBrowser, launch, url } from './browser.ts';

const distDir = inject('distDir');
const origin = inject('siteOrigin');
const pages = hasBrowser
  ? listFiles(distDir)
      .filter((f) => f.endsWith('index.html') && !f.includes('/pagefind/'))
      .map((f) => relative(distDir, f).replace(/index\.html$/, ''))
      .sort()
  : [];

interface Watch {
  context: BrowserContext;
  page: Page;
  requests: string[];
  problems: string[];
}

async function watched(browser: Browser, colorScheme: 'light' | 'dark'): Promise<Watch> {
  const context = await browser.newContext({ colorScheme });
  const requests: string[] = [];
  const problems: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  return { context, page, requests, problems };
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

describe.skipIf(!hasBrowser)('every page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('finds the built pages', () => {
    expect(pages.length).toBeGreaterThan(30);
    expect(pages).toContain('');
    expect(pages).toContain('lessons/staging-up-for-another-assault/');
  });

  for (const scheme of ['light', 'dark'] as const) {
    it.concurrent(`passes axe, CSP and privacy checks in ${scheme} mode`, { timeout: 600_000 }, async () => {
      const w = await watched(browser, scheme);
      const failures: string[] = [];
      for (const p of pages) {
        const res = await w.page.goto(url(p));
        if (!res?.ok()) failures.push(`${p}: HTTP ${res?.status()}`);
        const v = await axe(w.page);
        if (v.length) failures.push(`${p}: ${JSON.stringify(v)}`);
        if (scheme === 'light') {
          const s = await structure(w.page);
          if (!s.skipLink) failures.push(`${p}: the first focusable element is not the skip link`);
          if (!s.landmarks) failures.push(`${p}: missing header, nav, main or footer`);
          if (s.h1 !== 1) failures.push(`${p}: ${s.h1} h1 elements`);
          if (s.firstHeading !== 1) failures.push(`${p}: the first heading in main is h${s.firstHeading}`);
          if (s.skips.length) failures.push(`${p}: heading levels skip to ${s.skips.join(', ')}`);
        }
      }
      // The main interactions: search, and marking and checking in a lesson.
      await w.page.goto(url('lessons/staging-up-for-another-assault/'));
      await w.page.keyboard.press('/');
      await w.page.keyboard.type('sources');
      await w.page.locator('.search-dialog a.search-hit').first().waitFor();
      await w.page.keyboard.press('Escape');
      await w.page.locator('.wt-text .w').nth(3).click();
      await w.page.locator('.step.is-current [data-act="check"]').click();
      await w.page.locator('.step.is-current .wt-score').waitFor();

      const foreign = w.requests.filter((r) => !r.startsWith(`${origin}/`) && !r.startsWith('data:'));
      expect(foreign, 'requests to other origins').toEqual([]);
      expect(await w.context.cookies(), 'cookies').toEqual([]);
      expect(w.problems, 'console errors and CSP violations').toEqual([]);
      expect(failures).toEqual([]);
      await w.context.close();
    });
  }
});
