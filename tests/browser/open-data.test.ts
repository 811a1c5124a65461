/** The open-data files are served, parse, and agree with each other; the open-data page explains them. */

import { describe, expect, it } from 'vitest';
import { hasBrowser, newPage, url, useBrowser } from './browser.ts';

const SLUG = 'staging-up-for-another-assault';

describe.skipIf(!hasBrowser)('open data', () => {
  const browser = useBrowser();

  it("serves a lesson's annotations as JSON-LD whose selectors match the text in library.json", async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url('data/'));
    const got = await page.evaluate(
      async ([a, b]) => {
        const r1 = await fetch(a);
        const r2 = await fetch(b);
        return {
          type1: r1.headers.get('content-type'),
          type2: r2.headers.get('content-type'),
          doc: await r1.json(),
          lib: await r2.json(),
        };
      },
      [url(`lessons/${SLUG}/annotations.jsonld`), url('data/library.json')],
    );
    expect(got.type1).toMatch(/^application\/ld\+json/);
    expect(got.type2).toMatch(/^application\/json/);
    const doc = got.doc;
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    expect(new URL(doc.id).pathname).toBe(`/media-lessons/lessons/${SLUG}/annotations.jsonld`);
    const pages = [doc.first, doc.first.next].filter(Boolean);
    expect(pages).toHaveLength(2);
    const items = pages.flatMap((p: { items: unknown[] }) => p.items);
    expect(items.length).toBe(doc.total);
    expect(items.length).toBeGreaterThan(20);

    const lesson = got.lib.lessons.find((l: { slug: string }) => l.slug === SLUG);
    const texts = [lesson.excerpt, lesson.control].map(
      (s: string) => got.lib.excerpts.find((e: { slug: string }) => e.slug === s).text as string,
    );
    pages.forEach(
      (
        p: {
          items: {
            type: string;
            id: string;
            target: { source: string; selector: { type: string; exact?: string; start?: number; end?: number }[] };
          }[];
        },
        i: number,
      ) => {
        const chars = Array.from(texts[i]);
        for (const a of p.items) {
          expect(a.type).toBe('Annotation');
          expect(new URL(a.target.source).pathname).toBe(`/media-lessons/lessons/${SLUG}/`);
          const quote = a.target.selector.find((s) => s.type === 'TextQuoteSelector')!;
          const pos = a.target.selector.find((s) => s.type === 'TextPositionSelector')!;
          expect(chars.slice(pos.start, pos.end).join(''), a.id).toBe(quote.exact);
        }
      },
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('explains the files and the licence, and links every lesson file', async () => {
    const { page, context, errors } = await newPage(browser);
    const res = await page.goto(url('data/'));
    expect(res?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Open data');
    const text = await page.locator('main').innerText();
    expect(text).toContain('CC BY 4.0');
    expect(text).toContain('MIT');
    expect(text).toMatch(/Published articles are not covered/);
    expect(text).toContain('Syria, Russia, And Iran Are Staging Up For Another Assault On US');

    const links = await page
      .locator('a[href$="annotations.jsonld"]')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThanOrEqual(8);
    expect(links).toContain(url(`lessons/${SLUG}/annotations.jsonld`));
    const statuses = await page.evaluate(
      async (hrefs) => Promise.all(hrefs.map(async (h) => (await fetch(h)).status)),
      [...links, url('data/library.json')],
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    // axe on this page: the sweep (every one-off page is in its sample).
    expect(errors).toEqual([]);
    await context.close();
  });
});
