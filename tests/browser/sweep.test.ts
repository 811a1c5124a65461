/**
 * Every built page in light mode: HTTP 200, CSP, privacy and structure checks
 * on every page; axe (every WCAG 2.2 A/AA rule) on each template's sample (see
 * sweep.ts; every lesson page gets axe). One test per page; dark mode is in sweep-dark.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { hasBrowser } from './browser.ts';
import {
  authoredRest,
  axeSample,
  builtPages,
  byTemplate,
  contrastSample,
  FLAGSHIP,
  pageRoutes,
  sweep,
  templateOf,
} from './sweep.ts';

const pages = builtPages();
const groups = byTemplate(pages);
const sample = axeSample(groups);
const authored = authoredRest(groups, sample);

describe.skipIf(!hasBrowser)('every page, light mode', () => {
  it('finds the built pages and the template that built each', () => {
    expect(pages.length).toBeGreaterThan(30);
    expect(pages).toContain('');
    expect(pages).toContain(FLAGSHIP);
    const routes = pageRoutes();
    expect(templateOf('', routes)).toBe('index.astro');
    expect(templateOf('lessons/', routes)).toBe('lessons/index.astro');
    expect(templateOf(FLAGSHIP, routes)).toBe('lessons/[slug]/index.astro');
    expect(templateOf(`${FLAGSHIP}guide/`, routes)).toBe('lessons/[slug]/guide.astro');
    expect(templateOf('lessons/level/intro/', routes)).toBe('lessons/[...list].astro level');
    expect(templateOf('lessons/topic/economy/', routes)).toBe('lessons/[...list].astro topic');
    expect(templateOf('lessons/page/2/', routes)).toBe('lessons/[...list].astro page');
    expect(templateOf('techniques/sourcing-gap/', routes)).toBe('techniques/[id].astro');
    expect(templateOf('techniques/sourcing-gap/page/2/', routes)).toBe('techniques/[id]/page/[n].astro');
    expect(templateOf('teach/', routes)).toBe('teach/index.astro');
    expect(templateOf('authoring/', routes)).toBe('authoring.mdx');
    expect(() => templateOf('no/such/page/', routes)).toThrow(/no page file in src\/pages builds it/);
  });

  it('runs axe on every template, in both colour schemes', () => {
    // A new template (page file) forms its own group, so it cannot go unswept.
    const dark = contrastSample(groups);
    const missing = [...groups].filter(([, ps]) => !ps.some((p) => sample.has(p)) || !ps.some((p) => dark.has(p)));
    expect(missing.map(([t]) => t)).toEqual([]);
    expect(groups.size).toBeGreaterThan(20);
    // The flagship lesson's pages are always in the sample.
    expect([...sample].filter((p) => p.startsWith(FLAGSHIP))).toEqual(pages.filter((p) => p.startsWith(FLAGSHIP)));
    // Every lesson page gets axe: the sample with every rule, the others with every rule but contrast.
    const lessonPages = groups.get('lessons/[slug]/index.astro') ?? [];
    expect(lessonPages.length).toBeGreaterThan(3);
    expect(lessonPages.filter((p) => !sample.has(p) && !authored.has(p))).toEqual([]);
  });

  sweep('light', pages, sample, authored);
});
