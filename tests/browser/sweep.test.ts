/**
 * Every built page in light mode: axe (WCAG 2.2 A/AA) with 0 violations, no
 * Content-Security-Policy violations, no requests to other origins, no
 * cookies, a skip link, landmarks and a sane heading order. One test per
 * page; dark mode is in sweep-dark.test.ts (see sweep.ts).
 */
import { describe, expect, it } from 'vitest';
import { hasBrowser } from './browser.ts';
import { builtPages, sweep } from './sweep.ts';

const pages = builtPages();

describe.skipIf(!hasBrowser)('every page, light mode', () => {
  it('finds the built pages', () => {
    expect(pages.length).toBeGreaterThan(30);
    expect(pages).toContain('');
    expect(pages).toContain('lessons/staging-up-for-another-assault/');
  });

  sweep('light', pages);
});
