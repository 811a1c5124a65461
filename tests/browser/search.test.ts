import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { axe, hasBrowser, newPage, url, useBrowser } from './browser.ts';

const lib = loadLibrary(resolve('content'));

describe.skipIf(!hasBrowser)('search', () => {
  const browser = useBrowser();

  it('is keyboard-operable from the header, finds a flagged phrase and lands on its span', async () => {
    const { page, context, errors } = await newPage(browser);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url('lessons/'));
    expect(requests.some((r) => r.includes('/pagefind/'))).toBe(false);

    await page.keyboard.press('/');
    const dialog = page.locator('dialog.search-dialog');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open), { timeout: 5000 }).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-dialog-q');
    await page.keyboard.type('brutally wiped the floor');
    const status = dialog.locator('.search-status');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/\d+ results? for “brutally wiped the floor”/);
    expect(requests.some((r) => r.includes('/pagefind/'))).toBe(true);
    expect(await axe(page)).toEqual([]);

    // The lesson comes first, with the flagged phrase as its own link under it.
    const first = dialog.locator('a.search-hit').first();
    expect(await first.innerText()).toContain('Three lenses on a war report');
    const phrase = dialog.locator('a.search-phrase').first();
    expect(await phrase.locator('.search-hit-title').innerText()).toBe('“brutally wiped the floor with their attackers”');
    expect(await phrase.locator('.search-hit-kind').innerText()).toBe('Flagged phrase');
    expect(await phrase.locator('mark').count()).toBeGreaterThan(0);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Three lenses on a war report');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('search-phrase'))).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#staging-up-for-another-assault--wiped-the-floor$/);
    const mark = page.locator('[id="staging-up-for-another-assault--wiped-the-floor"]');
    await expect.poll(() => mark.isVisible()).toBe(true);
    expect(await mark.evaluate((el) => el.matches(':target'))).toBe(true);
    const inView = () =>
      mark.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      });
    await expect.poll(inView, { timeout: 5000 }).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens with Ctrl+K and closes with Escape, returning focus', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(url(''));
    await page.keyboard.press('Control+k');
    const dialog = page.locator('dialog.search-dialog');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open), { timeout: 5000 }).toBe(true);
    await page.keyboard.type('fear');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    expect(
      await page.evaluate(
        () => document.activeElement?.classList.contains('search-link') || document.activeElement === document.body,
      ),
    ).toBe(true);
    await context.close();
  });

  it('ranks a lesson whose title matches above passing mentions', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(url('search/?q=war+report'));
    await expect
      .poll(() => page.locator('.search-page .search-status').textContent(), { timeout: 10_000 })
      .toMatch(/results? for/);
    expect(await page.locator('.search-page a.search-hit .search-hit-title').first().innerText()).toBe(
      'Three lenses on a war report',
    );
    await context.close();
  });

  it('puts a flagged phrase typed exactly first, with its lesson, in the dialog and on the search page', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url('techniques/'));
    await page.keyboard.press('/');
    const dialog = page.locator('dialog.search-dialog');
    await page.keyboard.type('According to reports');
    // The results of the whole phrase, not of a part typed so far (a slow machine searches while typing).
    await expect
      .poll(() => dialog.locator('.search-status').textContent(), { timeout: 10_000 })
      .toMatch(/results? for “According to reports”\.$/);
    const hits = dialog.locator('a.search-hit');
    expect(await hits.nth(0).locator('.search-hit-title').innerText()).toBe('Three lenses on a war report');
    expect(await hits.nth(1).locator('.search-hit-title').innerText()).toBe('“According to reports”');
    expect(await hits.nth(1).getAttribute('href')).toMatch(
      /\/lessons\/staging-up-for-another-assault\/#staging-up-for-another-assault--according-to-reports$/,
    );

    // Typed in quotation marks, the same (Pagefind would otherwise look for "according reports" side by side).
    await page.goto(url('search/?q=%22according+to+reports%22'));
    const status = page.locator('.search-page .search-status');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/\d+ results? for/);
    const first = page.locator('.search-page .search-results > li').first();
    expect(await first.locator('> a.search-hit .search-hit-title').innerText()).toBe('Three lenses on a war report');
    expect(await first.locator('a.search-phrase .search-hit-title').first().innerText()).toBe('“According to reports”');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('narrows results with filters, kept in the URL', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url('search/?q=source'));
    const status = page.locator('.search-page .search-status');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/(\d+) results? for “source”\.$/);
    const all = Number((await status.textContent())!.match(/(\d+) result/)![1]);
    const hitTitles = () => page.locator('.search-page .search-results > li > a.search-hit .search-hit-title').allInnerTexts();
    const otherLessons = lib.lessons.filter((l) => l.data.level !== 'advanced').map((l) => l.data.title);
    const before = (await hitTitles()).filter((t) => otherLessons.includes(t));
    expect(before.length, 'a lesson of another level matches before filtering').toBeGreaterThan(0);
    await page.getByLabel('Advanced').check();
    await expect.poll(() => status.textContent()).toMatch(/1 filter on/);
    const advanced = Number((await status.textContent())!.match(/(\d+) result/)![1]);
    expect(advanced).toBeGreaterThan(0);
    expect(advanced).toBeLessThan(all);
    expect(page.url()).toContain('level=Advanced');
    // Only the library's Advanced lessons are left (their flagged phrases are sub-results, not listed here).
    const titles = await hitTitles();
    const advancedTitles = lib.lessons.filter((l) => l.data.level === 'advanced').map((l) => l.data.title);
    expect(advancedTitles.length).toBeLessThan(lib.lessons.length);
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) expect(advancedTitles, title).toContain(title);
    expect(await axe(page)).toEqual([]);

    // Tampered parameters are ignored, not an error.
    await page.goto(url('search/?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&level=Nope&lens='));
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/No results|results? for/);
    expect(await page.locator('.search-page img').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says search needs JavaScript when it is off, and links to the lessons list', async () => {
    const { page, context } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(url('search/'));
    expect(await page.locator('.search-page').innerText()).toContain('Search needs JavaScript');
    expect(await page.locator('.search-page a[href$="/lessons/"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.search-page-form').isVisible()).toBe(false);
    await context.close();
  });
});
