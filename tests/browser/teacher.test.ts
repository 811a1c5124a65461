/** Teaching guide, printables and assignment links, as a teacher uses them. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { axe, hasBrowser, newPage, url, useBrowser } from './browser.ts';

const lib = loadLibrary(resolve('content'));
const flagship = lib.excerpts.find((e) => e.slug === 'staging-up-for-another-assault')!;
const LESSON = 'lessons/staging-up-for-another-assault/';

describe.skipIf(!hasBrowser)('teacher pages', () => {
  const browser = useBrowser();

  it('the teaching guide shows teacher notes, timing and the full answer key', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url(`${LESSON}guide/`));
    const text = await page.locator('main').innerText();
    expect(text).toContain('Timing for a 45-minute lesson');
    expect(await page.locator('.teacher-note').count()).toBeGreaterThanOrEqual(2);
    expect(text).toContain('45 minutes');
    for (const a of flagship.annotations)
      expect(
        await page.locator(`.guide-walkthrough li[data-ann="${a.id}"], .annotated-reading [id$="--${a.id}--note"]`).count(),
        a.id,
      ).toBeGreaterThan(0);
    // The answer key prints every card (in each step whose lens it has); the annotated text does not
    // repeat them, and its numbers link to the card in the first step that lists it.
    expect(await page.locator('.annotated-reading .ann-note').count()).toBe(0);
    for (const a of flagship.annotations) {
      const steps = await page.locator(`.guide-walkthrough li[data-ann="${a.id}"] .ann-note`).count();
      expect(steps, a.id).toBe(a.lenses.length);
      const target = await page.locator(`.annotated-reading a.ref[href$="--${a.id}--note"]`).getAttribute('href');
      expect(await page.locator(`.guide-walkthrough li${target}[data-ann="${a.id}"] .ann-note`).count(), a.id).toBe(1);
      // Numbered as the text numbers its marks, so a printed guide can be read without links.
      expect(await page.locator(`.guide-walkthrough li${target}`).getAttribute('value'), a.id).toBe(String(a.number));
    }
    for (const h of ['Discussion questions', 'Common misconceptions', 'Extension activities', 'Objectives'])
      expect(text).toContain(h);
    // axe on this page as loaded: the sweep (the flagship's pages are always in its sample).
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the printed worksheet has the numbered text and questions but no answers; the key has them all', async () => {
    const { page, context } = await newPage(browser);
    await page.emulateMedia({ media: 'print' });
    await page.goto(url(`${LESSON}worksheet/`));
    const ws = await page.locator('main').innerText();
    expect(await page.locator('.numbered-lines li').count()).toBeGreaterThan(20);
    expect(await page.locator('mark.ann, .ann-card, .ann-note').count()).toBe(0);
    for (const a of flagship.annotations) expect(ws).not.toContain(a.note.slice(0, 50));
    expect(await page.locator('button[data-print]').isVisible()).toBe(false);
    expect(await axe(page)).toEqual([]);

    await page.goto(url(`${LESSON}answers/`));
    const key = await page.locator('main').innerText();
    for (const a of flagship.annotations) expect(key, a.id).toContain(a.note.slice(0, 50));
    const marked = await page
      .locator('.numbered-excerpt')
      .first()
      .locator('.numbered-lines mark.ann')
      .evaluateAll((els) => new Set(els.map((e) => e.getAttribute('data-ann'))).size);
    expect(marked).toBe(flagship.annotations.length);
    expect(await page.locator('.key-line').first().innerText()).toMatch(/^Line \d+$/);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('builds an assignment link; the learner sees the banner, only the chosen steps, and no hints', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url(`${LESSON}guide/`));
    const form = page.locator('ml-assign');
    await form.getByLabel('Emotive language').uncheck();
    await form.getByLabel('Unsupported prediction').uncheck();
    await form.getByLabel('No hints').check();
    const link = await form.locator('input[readonly]').inputValue();
    expect(link).toContain('steps=sourcing-gap%2Ccontrol');
    expect(link).toContain('hints=off');

    await page.goto(link);
    const banner = page.locator('.wt-banner');
    expect(await banner.innerText()).toContain(
      'Assigned by your teacher: Sourcing gap, Which text is the careful report? Hints are off.',
    );
    expect(await page.locator('.wt-nav button:visible').allInnerTexts()).toEqual([
      '1. Sourcing gap',
      '2. Which text is the careful report?',
    ]);
    expect(await page.locator('.step.is-current h3').innerText()).toMatch(/^Step 1: Sourcing gap/);
    await page.locator('.step.is-current [data-act="check"]').click();
    await expect.poll(() => page.locator('.step.is-current .wt-score').textContent()).toMatch(/found 0 of/);
    expect(await page.locator('.step.is-current [data-act="hint"]').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers-off links show counts only', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(url(`${LESSON}?answers=off`));
    await page.locator(`#${flagship.slug}-w0`).click();
    await page.locator('.step.is-current [data-act="check"]').click();
    await expect.poll(() => page.locator('.step.is-current .wt-score').textContent()).toMatch(/found \d+ of/);
    expect(await page.locator('.step.is-current .answers').isVisible()).toBe(false);
    expect(await page.locator('.step.is-current [data-act="reveal"]').isVisible()).toBe(false);
    await context.close();
  });

  it('ignores tampered assignment parameters', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url(`${LESSON}?steps=%3Cscript%3Ealert(1)%3C/script%3E&hints=%22%3E&answers=maybe`));
    expect(await page.locator('.wt-nav button:visible').count()).toBe(4);
    expect(await page.locator('.wt-banner').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a learner hands in a result code and the review page shows the same numbers, also in the CSV', async () => {
    const learner = await newPage(browser);
    const page = learner.page;
    await page.goto(url(LESSON));
    // Mark the first two words of the first sourcing gap, then check every step.
    const first = flagship.annotations.filter((a) => a.lenses.includes('sourcing-gap')).sort((a, b) => a.start - b.start)[0];
    const words = page.locator('.wt-text .w');
    const firstIndex = await words.evaluateAll(
      (els, text) => els.findIndex((e) => e.textContent === text.split(' ')[0]),
      first.text,
    );
    await words.nth(firstIndex).click();
    const steps = await page.locator('.wt-nav button').count();
    const scores: string[] = [];
    for (let i = 0; i < steps; i++) {
      await page.locator('.step.is-current [data-act="check"]').click();
      scores.push((await page.locator('.step.is-current .wt-score').textContent())!);
      await page.locator('.step.is-current [data-act="next"]').click();
    }
    await page.getByLabel('Your name or initials (optional)').fill('Sam O’Neill');
    await page.getByRole('button', { name: 'Make my result code' }).click();
    await expect.poll(() => page.locator('.wt-code').inputValue()).toMatch(/^RNC1\./);
    const code = await page.locator('.wt-code').inputValue();
    expect(learner.errors).toEqual([]);
    await learner.context.close();

    const teacher = await newPage(browser);
    await teacher.page.goto(url('review/'));
    await teacher.page.getByLabel('Result codes, one code per line').fill(code);
    await teacher.page.getByRole('button', { name: 'Show results' }).click();
    const row = teacher.page.locator('.review-lesson tbody tr').first();
    await expect.poll(() => row.locator('th').innerText(), { timeout: 10_000 }).toBe('Sam O’Neill');
    // The review shows each step exactly as the learner saw it after Check.
    const asShown = (s: string) => s.replace(/^[^:]+: /, '').replace(/ in Text [AB]\.$/, '');
    expect(await row.locator('td[data-step="sourcing-gap"]').innerText()).toBe(asShown(scores[0]));
    expect(await row.locator('td[data-step="emotive-language"]').innerText()).toBe(asShown(scores[1]));
    const [download] = await Promise.all([
      teacher.page.waitForEvent('download'),
      teacher.page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    expect(csv).toContain('Sam O’Neill');
    const sourcing = scores[0].match(/found (\d+) of (\d+), (\d+) marks? on words not flagged here/)!;
    expect(csv).toContain(sourcing[1]);
    expect(teacher.errors).toEqual([]);
    await teacher.context.close();
  });

  // axe on the teach hub and the workshop page: the sweep (every one-off page is in its sample).
  it('the workshop page plans a 90-minute session', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url('teach/workshop/'));
    expect(await page.locator('main').innerText()).toContain('90 minutes');
    expect(errors).toEqual([]);
    await context.close();
  });
});
