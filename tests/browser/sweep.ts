/**
 * The sweep of the built pages (sweep.test.ts in light mode, sweep-dark.test.ts
 * in dark), one test per page, so a failure names its page.
 *
 * Most pages are one template filled with different data (13 lesson pages,
 * 13 guides, 13 topic lists, 29 technique pages…). Every built page is
 * grouped by the page file in src/pages that built it (its template), and
 * - every page, light mode: HTTP 200, skip link, landmarks, one h1, heading
 *   order, no Content-Security-Policy violations or console errors, no
 *   requests to other origins, no cookies (cheap: no axe);
 * - light mode, the sample of each template (below): axe, every WCAG 2.2 A/AA rule;
 * - light mode, the other lesson pages: axe, every rule but colour contrast (each
 *   lesson page carries its own authored MDX body; contrast comes from the template's CSS);
 * - dark mode, the largest page of each template and the flagship's: axe
 *   colour contrast (only colours change between the schemes).
 * The sample of a template is its first page, its largest page and the
 * flagship lesson's page; a template with up to three pages is swept whole.
 * html-validate's WCAG rules (dist-quality.test.ts) cover every page too.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { listFiles } from '../../src/lib/site/sizes.ts';
import { axe, hasBrowser, url, useBrowser } from './browser.ts';

export const FLAGSHIP = 'lessons/staging-up-for-another-assault/';
/** Templates whose pages differ in authored content, not only in data: every page gets axe (contrast from the sample). */
export const AUTHORED = ['lessons/[slug]/index.astro'];

/** Every built page's path under the base, e.g. '' and 'lessons/x/'. */
export function builtPages(): string[] {
  const distDir = inject('distDir');
  if (!hasBrowser) return [];
  return listFiles(distDir)
    .filter((f) => f.endsWith('index.html') && !f.includes('/pagefind/'))
    .map((f) =>
      relative(distDir, f)
        .split('\\')
        .join('/')
        .replace(/index\.html$/, ''),
    )
    .sort();
}

type Segment = { kind: 'static'; value: string } | { kind: 'param' } | { kind: 'rest' };
interface Route {
  file: string;
  segments: Segment[];
}

/** The HTML page routes of src/pages (endpoints such as data.json.ts are not pages). */
export function pageRoutes(dir = 'src/pages'): Route[] {
  const files = (d: string): string[] =>
    readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)]));
  return files(dir)
    .map((f) => relative(dir, f).split('\\').join('/'))
    .filter((f) => /\.(astro|mdx|md)$/.test(f))
    .map((file) => ({
      file,
      segments: file
        .replace(/\.(astro|mdx|md)$/, '')
        .split('/')
        .filter((s, i, all) => !(s === 'index' && i === all.length - 1))
        .map((s): Segment =>
          s.startsWith('[...') ? { kind: 'rest' } : s.includes('[') ? { kind: 'param' } : { kind: 'static', value: s },
        ),
    }));
}

/** How specific a route is, segment by segment (as Astro ranks them): static before [param] before [...rest]. */
const rank = (r: Route) => r.segments.map((s) => ({ static: 0, param: 1, rest: 2 })[s.kind]);

/** The parts of `parts` a route's rest parameter takes, or null when the route does not match. */
function match(segments: Segment[], parts: string[]): string[] | null {
  const [s, ...more] = segments;
  if (!s) return parts.length === 0 ? [] : null;
  if (s.kind === 'rest') {
    for (let n = parts.length; n >= 1; n--) if (match(more, parts.slice(n)) !== null) return parts.slice(0, n);
    return null;
  }
  if (parts.length === 0 || (s.kind === 'static' && s.value !== parts[0])) return null;
  return match(more, parts.slice(1));
}

/**
 * A built page's template: the page file that built it, e.g.
 * 'lessons/[slug]/guide.astro'. For a [...rest] route the first part of the
 * rest is kept ('lessons/[...list].astro level'), since such a route builds
 * pages of several kinds. Throws for a page no route builds.
 */
export function templateOf(page: string, routes: Route[]): string {
  const parts = page.split('/').filter(Boolean);
  const found = routes
    .map((r) => ({ r, rest: match(r.segments, parts) }))
    .filter((m) => m.rest !== null)
    .sort((a, b) => {
      const x = rank(a.r);
      const y = rank(b.r);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
      return y.length - x.length;
    })[0];
  if (!found) throw new Error(`/${page}: no page file in src/pages builds it`);
  return found.rest!.length ? `${found.r.file} ${found.rest![0]}` : found.r.file;
}

/** Built pages grouped by template. */
export function byTemplate(pages: string[], routes = pageRoutes()): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const p of pages) {
    const t = templateOf(p, routes);
    groups.set(t, [...(groups.get(t) ?? []), p]);
  }
  return groups;
}

/** The page of `pages` with the most HTML. */
function largest(pages: string[]): string {
  const distDir = inject('distDir');
  const size = (p: string) => statSync(join(distDir, p, 'index.html')).size;
  return pages.reduce((a, b) => (size(b) > size(a) ? b : a));
}

/** The light-mode axe sample: each template's first, largest and flagship page (all of a template of up to three). */
export function axeSample(groups: Map<string, string[]>): Set<string> {
  const out = new Set<string>();
  for (const pages of groups.values()) {
    const flagship = pages.filter((p) => p.startsWith(FLAGSHIP));
    const pick = pages.length <= 3 ? pages : [pages[0], largest(pages), ...flagship];
    for (const p of pick) out.add(p);
  }
  return out;
}

/** The pages of the authored templates outside the axe sample (axe without colour contrast in light mode). */
export function authoredRest(groups: Map<string, string[]>, sample: Set<string>): Set<string> {
  return new Set(AUTHORED.flatMap((t) => groups.get(t) ?? []).filter((p) => !sample.has(p)));
}

/** The dark-mode contrast sample: each template's largest page, and the flagship's. */
export function contrastSample(groups: Map<string, string[]>): Set<string> {
  const out = new Set<string>();
  for (const pages of groups.values()) {
    out.add(largest(pages));
    for (const p of pages.filter((p) => p.startsWith(FLAGSHIP))) out.add(p);
  }
  return out;
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

/**
 * Register the sweep's tests (call inside a describe block): one per page of
 * `pages`; axe runs on the pages in `withAxe` (light: every WCAG A/AA rule,
 * dark: colour contrast) and every rule but colour contrast on those in
 * `withAxeNoContrast`; the structure checks on every page in light mode.
 */
export function sweep(scheme: 'light' | 'dark', pages: string[], withAxe: Set<string>, withAxeNoContrast = new Set<string>()) {
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
    expect.soft(problems, `console errors and CSP violations: ${problems.join(' | ')}`).toEqual([]);
  }

  for (const p of pages) {
    const checks = [
      withAxe.has(p) && (scheme === 'dark' ? 'axe colour contrast' : 'axe'),
      withAxeNoContrast.has(p) && 'axe (contrast: the sample)',
      scheme === 'light' && 'structure',
      'CSP and privacy checks',
    ].filter(Boolean);
    it(`/${p} passes ${checks.join(', ')} in ${scheme} mode`, async () => {
      requests.length = 0;
      problems.length = 0;
      const res = await page.goto(url(p));
      expect.soft(res?.status(), 'HTTP status').toBe(200);
      if (withAxe.has(p)) {
        expect.soft(await axe(page, undefined, scheme === 'dark' ? ['color-contrast'] : undefined), 'axe violations').toEqual([]);
      } else if (withAxeNoContrast.has(p)) {
        expect.soft(await axe(page, undefined, undefined, ['color-contrast']), 'axe violations').toEqual([]);
      }
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
    await page.goto(url(`${FLAGSHIP}`));
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
