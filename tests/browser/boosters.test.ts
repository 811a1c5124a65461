/**
 * Booster reviews, driven like a learner would: progress stored on the
 * device with past `done` times (no test hooks in the page), a set answered
 * with the keyboard, feedback, the result stored and the next date shown.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axe, hasBrowser, newPage, url, useBrowser } from './browser.ts';

const SLUG = 'staging-up-for-another-assault';
const DAY = 86_400_000;
const KEY = 'rnc-boosters-v1';
const ANSWERS = ['sourcing-gap', 'emotive-language', 'unsupported-prediction', 'nothing'];

interface Item {
  text: string;
  lenses: string[];
  note: string;
}

function progress(done: Record<string, number>) {
  return JSON.stringify({
    v: 1,
    lessons: Object.fromEntries(Object.entries(done).map(([s, at]) => [s, { steps: {}, updated: at, done: at }])),
  });
}

/** Store values on the site's origin, then open the booster page. */
async function openWith(page: Page, store: Record<string, string>) {
  await page.goto(url('about/'));
  await page.evaluate((s) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(s)) localStorage.setItem(k, v);
  }, store);
  await page.goto(url('boosters/'));
}

async function itemsFor(page: Page, slug: string): Promise<Item[]> {
  const data = await page.evaluate(async (u) => (await fetch(u)).json(), url('boosters/items.json'));
  return data.lessons.find((l: { slug: string }) => l.slug === slug).items;
}

async function currentItem(page: Page, items: Item[]): Promise<Item> {
  const phrase = await page.locator('mark.boosters-phrase').evaluate((m) => {
    const c = m.cloneNode(true) as HTMLElement;
    c.querySelectorAll('.visually-hidden').forEach((s) => s.remove());
    return c.textContent ?? '';
  });
  const found = items.find((i) => i.text === phrase);
  if (!found) throw new Error(`no item for "${phrase}"`);
  return found;
}

/** Choose answer `index` (0-3) with the keyboard and press Check. */
async function answerWithKeyboard(page: Page, index: number) {
  await page.keyboard.press('Tab'); // from the question heading to the radio group
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');
  await page.keyboard.press('Space');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  expect(await page.locator('input[name="answer"]:checked').getAttribute('value')).toBe(ANSWERS[index]);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Check');
  await page.keyboard.press('Enter');
}

describe.skipIf(!hasBrowser)('booster reviews', () => {
  const browser = useBrowser();

  it('offers a set 4 days after a lesson, runs it with the keyboard, stores the result and shows the next date', async () => {
    const { page, context, errors } = await newPage(browser);
    const now = Date.now();
    await openWith(page, { 'rnc-progress-v1': progress({ [SLUG]: now - 4 * DAY }) });
    const state = page.locator('#boosters-state-h');
    await expect.poll(() => state.textContent()).toBe('A booster is due');
    const quiz = page.locator('form.boosters-quiz');
    await expect.poll(() => quiz.isVisible()).toBe(true);
    expect(await page.locator('.boosters-message').innerText()).toContain('Three lenses on a war report');
    const count = page.locator('.boosters-count');
    const total = Number((await count.innerText()).match(/of (\d+)/)![1]);
    expect(total).toBeGreaterThanOrEqual(6);
    expect(total).toBeLessThanOrEqual(10);
    expect(await page.locator('fieldset.boosters-choices legend').innerText()).toMatch(/Which lens/);
    expect(await page.locator('fieldset.boosters-choices label').allInnerTexts()).toEqual([
      'Sourcing gap',
      'Emotive language',
      'Unsupported prediction',
      'Nothing to flag',
    ]);
    expect(await axe(page)).toEqual([]);

    const items = await itemsFor(page, SLUG);
    let nothingTotal = 0;
    let firstWasNothing = false;
    await count.focus();
    for (let q = 0; q < total; q++) {
      expect(await count.innerText()).toBe(`Question ${q + 1} of ${total}`);
      const item = await currentItem(page, items);
      const accepted = item.lenses.length ? item.lenses : ['nothing'];
      if (!item.lenses.length) nothingTotal++;
      if (q === 0) firstWasNothing = !item.lenses.length;
      // The first answer is wrong on purpose; the rest are right (a multi-lens phrase accepts any of its lenses).
      const choice = q === 0 ? ANSWERS.findIndex((a) => !accepted.includes(a)) : ANSWERS.indexOf(accepted[accepted.length - 1]);
      await answerWithKeyboard(page, choice);
      const feedback = page.locator('.boosters-feedback');
      await expect.poll(() => feedback.innerText()).toMatch(q === 0 ? /^✗ Not quite\./ : /^✓ Right\./);
      const fb = await feedback.innerText();
      if (item.lenses.length) expect(fb).toContain(item.note);
      else expect(fb).toContain('There is nothing to flag in these words.');
      if (q === 0) {
        expect(fb).toContain('You answered:');
        expect(await page.locator('.boosters-choice[data-result="wrong"]').count()).toBe(1);
        expect(await axe(page)).toEqual([]);
      }
      expect(await page.evaluate(() => document.activeElement?.classList.contains('boosters-feedback'))).toBe(true);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
        q + 1 < total ? 'Next question' : 'See your score',
      );
      await page.keyboard.press('Enter');
    }

    const done = page.locator('.boosters-done');
    await expect.poll(() => done.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('boosters-done-h');
    const nothingRight = nothingTotal - (firstWasNothing ? 1 : 0);
    const score = await page.locator('.boosters-score').innerText();
    expect(score).toBe(
      nothingTotal > 0
        ? `Right ${total - 1} of ${total}, including ${nothingRight} of the ${nothingTotal} “nothing to flag” ${nothingTotal === 1 ? 'one' : 'ones'}.`
        : `Right ${total - 1} of ${total}.`,
    );
    expect(await page.locator('.boosters-next-due').innerText()).toMatch(
      /^Your next booster is due on \w+day,? \d{1,2} \w+( \d{4})? \(in 7 days\), for “Three lenses on a war report”\.$/,
    );
    expect(await page.locator('.boosters-answers li').count()).toBe(total);
    expect(await axe(page)).toEqual([]);

    const stored = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), KEY))!);
    expect(stored.v).toBe(1);
    expect(stored.lessons[SLUG].n).toBe(1);
    expect(stored.lessons[SLUG].last).toBeGreaterThanOrEqual(now);
    expect(stored.runs).toHaveLength(1);
    expect(stored.runs[0]).toMatchObject({ lessons: [SLUG], right: total - 1, total, nothingRight, nothingTotal });

    await page.reload();
    await expect.poll(() => state.textContent()).toBe('No booster due yet');
    expect(await page.locator('.boosters-message').innerText()).toMatch(/in 7 days[\s\S]*Last booster: Right/);
    expect(await quiz.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks for an answer before checking', async () => {
    const { page, context } = await newPage(browser);
    await openWith(page, { 'rnc-progress-v1': progress({ [SLUG]: Date.now() - 5 * DAY }) });
    await expect.poll(() => page.locator('form.boosters-quiz').isVisible()).toBe(true);
    await page.locator('.boosters-check').click();
    expect(await page.locator('.boosters-feedback').innerText()).toBe('Choose one of the four answers first.');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('answer');
    await context.close();
  });

  it('still loads with a corrupt booster state, and keeps the unreadable copy', async () => {
    const { page, context, errors } = await newPage(browser);
    await openWith(page, { 'rnc-progress-v1': progress({ [SLUG]: Date.now() - 4 * DAY }), [KEY]: '{"v":1,"lessons":' });
    await expect.poll(() => page.locator('form.boosters-quiz').isVisible()).toBe(true);
    expect(await page.locator('.boosters-message').innerText()).toContain('could not be read');
    expect(await page.evaluate((k) => localStorage.getItem(`${k}-unreadable`), KEY)).toBe('{"v":1,"lessons":');
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says to finish a lesson first, or when the first booster is due', async () => {
    const { page, context, errors } = await newPage(browser);
    await openWith(page, {});
    const state = page.locator('#boosters-state-h');
    await expect.poll(() => state.textContent()).toBe('Finish a lesson first');
    expect(await page.locator('.boosters-message a').getAttribute('href')).toBe('/media-lessons/lessons/');
    expect(await axe(page)).toEqual([]);

    await openWith(page, { 'rnc-progress-v1': progress({ [SLUG]: Date.now() - DAY }) });
    await expect.poll(() => state.textContent()).toBe('No booster due yet');
    expect(await page.locator('.boosters-message').innerText()).toMatch(
      /Your next booster is due on .+ \(in 2 days\), for “Three lenses on a war report”/,
    );
    expect(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.includes('items.json')))).toBe(
      false,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tells the learner when the result could not be saved', async () => {
    const { page, context } = await newPage(browser);
    await openWith(page, { 'rnc-progress-v1': progress({ [SLUG]: Date.now() - 4 * DAY }) });
    await page.evaluate(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('full', 'QuotaExceededError');
      };
    });
    await expect.poll(() => page.locator('form.boosters-quiz').isVisible()).toBe(true);
    const total = Number((await page.locator('.boosters-count').innerText()).match(/of (\d+)/)![1]);
    for (let q = 0; q < total; q++) {
      await page.locator('input[name="answer"][value="nothing"]').check();
      await page.locator('.boosters-check').click();
      await page.locator('.boosters-next').click();
    }
    await expect.poll(() => page.locator('.boosters-done').isVisible()).toBe(true);
    expect(await page.locator('.boosters-saved').innerText()).toMatch(/would not let the site save/);
    await context.close();
  });

  it('explains that boosters need JavaScript when it is off', async () => {
    const context: BrowserContext = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url('boosters/'));
    expect(await page.locator('main').innerText()).toMatch(/Booster reviews need JavaScript/);
    expect(await page.locator('form.boosters-quiz').isVisible()).toBe(false);
    expect(await page.locator('.boosters-state').isVisible()).toBe(false);
    await context.close();
  });

  it('shows the home-page notice only when a booster is due, without shifting the layout', async (ctx) => {
    const { page, context, errors } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      const w = window as unknown as { shifts: number[] };
      w.shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.shifts.push((e as PerformanceEntry & { value: number }).value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(url(''));
    if ((await page.locator('ml-booster-due').count()) === 0) ctx.skip(); // until <BoosterDue /> is placed on the home page
    expect(await page.locator('ml-booster-due').isVisible()).toBe(false);

    await page.evaluate((p) => localStorage.setItem('rnc-progress-v1', p), progress({ [SLUG]: Date.now() - 4 * DAY }));
    await page.reload();
    const notice = page.locator('ml-booster-due');
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await notice.innerText()).toMatch(/A booster review is due: 3 minutes\./);
    expect(await notice.locator('a').getAttribute('href')).toBe('/media-lessons/boosters/');
    // Revealed below the first screen: nothing on screen moves.
    expect(await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts)).toEqual([]);
    expect(await axe(page)).toEqual([]);

    // Once the booster is done, the notice stays hidden.
    await page.evaluate(
      (k) =>
        localStorage.setItem(
          k,
          JSON.stringify({ v: 1, lessons: { 'staging-up-for-another-assault': { n: 1, last: Date.now() } }, runs: [] }),
        ),
      KEY,
    );
    await page.reload();
    expect(await notice.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
