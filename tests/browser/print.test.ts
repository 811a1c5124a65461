/**
 * Printing: the flagship's answer key and teaching guide fit on a sensible
 * number of A4 pages, headings never end a page, screen-only controls are not
 * printed, and the lesson page prints as a readable handout.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launch, newPage, url } from './browser.ts';

const LESSON = 'lessons/staging-up-for-another-assault/';

async function pdfPages(page: Page): Promise<number> {
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  return (pdf.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

/** Visible text of elements matching the selector, as printed. */
async function printedText(page: Page, selector: string): Promise<string[]> {
  return page
    .locator(selector)
    .evaluateAll((els) =>
      els
        .filter((e) => (e as HTMLElement).offsetParent !== null || getComputedStyle(e).position === 'fixed')
        .map((e) => (e as HTMLElement).innerText.trim()),
    );
}

describe.skipIf(!hasBrowser)('print', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('prints the answer key on at most 8 A4 pages and the teaching guide on at most 16', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(url(`${LESSON}answers/`));
    expect(await pdfPages(page)).toBeLessThanOrEqual(8);
    await page.goto(url(`${LESSON}guide/`));
    expect(await pdfPages(page)).toBeLessThanOrEqual(16);
    await context.close();
  });

  it('keeps headings with what follows them and leaves screen-only controls out', async () => {
    const { page, context } = await newPage(browser);
    for (const path of [`${LESSON}guide/`, `${LESSON}answers/`, LESSON]) {
      await page.goto(url(path));
      await page.emulateMedia({ media: 'print' });
      const breaks = await page.locator('main h2, main h3').evaluateAll((els) => els.map((e) => getComputedStyle(e).breakAfter));
      expect(breaks.length, path).toBeGreaterThan(0);
      expect(new Set(breaks), path).toEqual(new Set(['avoid']));
      expect(await printedText(page, 'main summary, main button'), path).toEqual([]);
      await page.emulateMedia({ media: 'screen' });
    }
    await context.close();
  });

  it("prints the lesson page as a handout: every step's task and both texts, no answers", async () => {
    const { page, context } = await newPage(browser);
    await page.goto(url(LESSON));
    await page.emulateMedia({ media: 'print' });
    const tasks = await printedText(page, '.step .step-task');
    expect(tasks.length).toBe(await page.locator('.step').count());
    expect(await printedText(page, '.wt-text figure')).toHaveLength(2);
    expect(await printedText(page, '.answers li, .annotated-reading .excerpt-notes')).toEqual([]);
    await context.close();
  });
});
