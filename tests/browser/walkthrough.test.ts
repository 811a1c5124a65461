/**
 * The find-the-phrase walkthrough in a real browser: keyboard only, feedback
 * per span, saved progress, a corrupted store, and axe in each state.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { PROGRESS_KEY } from '../../src/lib/learner/storage-keys.ts';
import { excerptTokenData } from '../../src/lib/learner/tokens.ts';
import { axe, hasBrowser, newPage, url, useBrowser } from './browser.ts';

const lib = loadLibrary(resolve('content'));
const flagship = lib.excerpts.find((e) => e.slug === 'staging-up-for-another-assault')!;
const data = excerptTokenData(flagship.slug, flagship.text, flagship.blocks, flagship.annotations);
const LESSON = 'lessons/staging-up-for-another-assault/';
/** The phrases a lens step scores, as the page counts them: judgement calls (`scored: false`) are never targets. */
const targetsOf = (lens: string) => data.anns.filter((a) => a.s !== false && a.lenses.includes(lens)).sort((x, y) => x.a - y.a);

/** Press Tab (or Shift+Tab: the step's buttons come just before the texts) until the focused element matches. */
async function tabTo(page: Page, selector: string, back = false, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Move focus straight to an element (the tab-order test proves Tab gets there), and check it took. */
async function focusOn(page: Page, selector: string) {
  await page.locator(selector).focus();
  if (!(await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)))
    throw new Error(`could not focus ${selector}`);
}

async function activeIndex(page: Page, surface: string): Promise<number> {
  return page.evaluate((s) => {
    const el = document.querySelector(s)!;
    const id = el.getAttribute('aria-activedescendant')!;
    return Number(document.getElementById(id)!.dataset.i);
  }, surface);
}

/**
 * With focus in the text, walk to token `to` with arrow keys and mark [to, end) with Space + Shift+Right.
 * Far targets are reached a line at a time (ArrowDown), as a keyboard user would, then word by word.
 */
async function markRange(page: Page, surface: string, to: number, end: number) {
  let at = await activeIndex(page, surface);
  while (to - at > 12) {
    await page.keyboard.press('ArrowDown');
    const below = await activeIndex(page, surface);
    if (below <= at) break;
    at = below;
  }
  while (at < to) {
    await page.keyboard.press('ArrowRight');
    at++;
  }
  while (at > to) {
    await page.keyboard.press('ArrowLeft');
    at--;
  }
  await page.keyboard.press('Space');
  for (let i = to + 1; i < end; i++) await page.keyboard.press('Shift+ArrowRight');
}

const SURFACE = `.wt-text figure[data-excerpt="${flagship.slug}"] .excerpt-text`;

describe.skipIf(!hasBrowser)('walkthrough', () => {
  const browser = useBrowser();

  it('reaches the excerpt and every step control with Tab, in order', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url(LESSON));
    await tabTo(page, SURFACE);
    const src = targetsOf('sourcing-gap');
    await markRange(page, SURFACE, src[0].a, src[0].b);
    // The step's buttons come just before the texts: Shift+Tab reaches them.
    await tabTo(page, '.step.is-current button[data-act="check"]', true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.step.is-current .wt-score').textContent()).toContain('found 1 of');
    await tabTo(page, '.step.is-current button[data-act="hint"]', true);
    await tabTo(page, '.step.is-current button[data-act="reveal"]');
    await tabTo(page, '.step.is-current button[data-act="next"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.step.is-current').getAttribute('data-step')).toBe('emotive-language');
    await tabTo(page, SURFACE);
    expect(errors).toEqual([]);
    await context.close();
  });

  // The whole lesson with three axe passes: give it room on a busy machine.
  it(
    'is completed with the keyboard alone, with feedback per span, and progress survives a reload',
    { timeout: 180_000 },
    async () => {
      const { page, context, errors } = await newPage(browser);
      await page.goto(url(LESSON));
      expect(await axe(page, 'ml-walkthrough')).toEqual([]);

      // The excerpt is one tab stop with listbox semantics; words are options, not tab stops.
      await focusOn(page, SURFACE);
      expect(await page.locator(SURFACE).getAttribute('role')).toBe('listbox');
      expect(await page.locator(`${SURFACE} .w[tabindex]`).count()).toBe(0);

      // Step 1, sourcing gaps: find the first two targets, miss the rest, add one false alarm on an emotive word.
      const src = targetsOf('sourcing-gap');
      await markRange(page, SURFACE, src[0].a, src[0].b);
      await markRange(page, SURFACE, src[1].a, src[1].b);
      const emb = data.anns.find((a) => a.id === 'embarrassing-defeat')!;
      await markRange(page, SURFACE, emb.a, emb.a + 1);
      const selected = await page.locator(`${SURFACE} .w.is-marked`).count();
      expect(selected).toBe(src[0].b - src[0].a + (src[1].b - src[1].a) + 1);

      await focusOn(page, '.step.is-current button[data-act="check"]');
      await page.keyboard.press('Enter');
      const step = page.locator('.step.is-current');
      await expect
        .poll(() => step.locator('.wt-score').textContent())
        .toMatch(new RegExp(`^Sourcing gap: found 2 of ${src.length}, 1 mark on words not flagged here in Text [AB]\\.$`));
      // Found: its note is shown, marked as found.
      const foundCard = step.locator(`li[data-ann="${src[0].id}"]`);
      expect(await foundCard.getAttribute('data-state')).toBe('found');
      expect(await foundCard.isVisible()).toBe(true);
      // The card itself is on the page once (under the annotated text); the step shows a copy after Check.
      const foundNote = flagship.annotations.find((a) => a.id === src[0].id)!.note;
      expect(await foundCard.locator('.ann-card .ann-note').textContent()).toBe(foundNote);
      expect(await foundCard.locator('.ann-link').count()).toBe(0);
      // Missed: hidden until revealed.
      const missedCard = step.locator(`li[data-ann="${src[2].id}"]`);
      expect(await missedCard.getAttribute('data-state')).toBe('missed');
      expect(await missedCard.isVisible()).toBe(false);
      // False alarm: explained kindly, naming the lens it does belong to.
      const alarm = await step.locator('.wt-alarms li').allInnerTexts();
      expect(alarm).toHaveLength(1);
      expect(alarm[0]).toContain('embarrassing');
      expect(alarm[0]).toContain('is flagged as emotive language');
      expect(await axe(page, 'ml-walkthrough')).toEqual([]);

      // A hint, then reveal: the missed note and its question appear, the span is shown in the text.
      await focusOn(page, '.step.is-current button[data-act="hint"]');
      await page.keyboard.press('Enter');
      await expect.poll(() => step.locator('.wt-feedback').innerText()).toContain(`${src.length - 2} still to find`);
      await focusOn(page, '.step.is-current button[data-act="reveal"]');
      await page.keyboard.press('Enter');
      await expect.poll(() => missedCard.isVisible()).toBe(true);
      expect(await missedCard.innerText()).toContain('Ask yourself');
      expect(await page.locator(`${SURFACE} .w.fb-missed`).count()).toBeGreaterThan(0);
      // Not by colour alone: the missed words are underlined dashed, and "✗" (read as "missed") ends each phrase.
      expect(
        await page
          .locator(`${SURFACE} .w.fb-missed`)
          .first()
          .evaluate((el) => getComputedStyle(el).textDecorationStyle),
      ).toBe('dashed');
      const ends = page.locator(`${SURFACE} .w.fb-missed.fb-end`);
      expect(await ends.count()).toBe(src.length - 2);
      expect(await ends.first().evaluate((el) => getComputedStyle(el, '::after').content)).toContain('✗');
      expect(await axe(page, 'ml-walkthrough')).toEqual([]);

      // Steps 2 and 3: mark every target of the lens.
      for (const lens of ['emotive-language', 'unsupported-prediction']) {
        await focusOn(page, '.step.is-current button[data-act="next"]');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.locator('.step.is-current').getAttribute('data-step')).toBe(lens);
        await focusOn(page, SURFACE);
        await page.keyboard.press('Home');
        for (const t of targetsOf(lens)) {
          const marked = await page.locator(`#${flagship.slug}-w${t.a}`).evaluate((e) => e.classList.contains('is-marked'));
          if (marked) continue;
          await markRange(page, SURFACE, t.a, t.b);
        }
        await focusOn(page, '.step.is-current button[data-act="check"]');
        await page.keyboard.press('Enter');
        const n = targetsOf(lens).length;
        await expect
          .poll(() => page.locator('.step.is-current .wt-score').textContent())
          .toMatch(new RegExp(`found ${n} of ${n}, 0 marks on words not flagged here`));
      }

      // The comparison step: which text is the careful report? Check reveals it.
      await focusOn(page, '.step.is-current button[data-act="next"]');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.step.is-current').getAttribute('data-step')).toBe('control');
      await focusOn(page, '.step.is-current button[data-act="check"]');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.locator('.step.is-current .wt-score').textContent())
        .toMatch(/Which text is the careful report\?: Text [AB] is the careful report\./);
      await focusOn(page, '.step.is-current button[data-act="next"]');
      await page.keyboard.press('Enter');
      const summary = page.locator('.wt-summary');
      expect(await summary.isVisible()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('wt-summary-h');
      const rows = await summary.locator('tbody tr').allInnerTexts();
      expect(rows[0]).toMatch(new RegExp(`Sourcing gap\\s+2 of ${src.length}\\s+1`));
      expect(await summary.innerText()).toContain('Lesson complete. 1 mark on words not flagged here');

      // Reload: marks, results and the summary are restored from this device.
      await page.reload();
      expect(await page.locator('.wt-summary').isVisible()).toBe(true);
      expect(await page.locator('.wt-summary tbody tr').first().innerText()).toMatch(new RegExp(`2 of ${src.length}`));
      await page.locator('.wt-nav button[data-go="sourcing-gap"]').click();
      expect(await page.locator(`${SURFACE} .w.is-marked`).count()).toBe(selected);
      expect(await page.locator('.step.is-current .wt-score').textContent()).toContain('found 2 of');
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it('marks with the mouse by clicking and dragging', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(url(LESSON));
    const t = targetsOf('sourcing-gap')[0];
    await page.locator(`#${flagship.slug}-w${t.a}`).hover();
    await page.mouse.down();
    await page.locator(`#${flagship.slug}-w${t.b - 1}`).hover();
    await page.mouse.up();
    expect(await page.locator(`${SURFACE} .w.is-marked`).count()).toBe(t.b - t.a);
    await page.locator(`#${flagship.slug}-w${t.a}`).click();
    expect(await page.locator(`${SURFACE} .w.is-marked`).count()).toBe(t.b - t.a - 1);
    await context.close();
  });

  it('marks words by tapping on a touch screen', async () => {
    const { page, context } = await newPage(browser, { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
    await page.goto(url(LESSON));
    const t = targetsOf('sourcing-gap')[0];
    const word = page.locator(`#${flagship.slug}-w${t.a}`);
    const marked = () => word.evaluate((e) => e.classList.contains('is-marked'));
    await word.tap();
    expect(await marked()).toBe(true);
    await word.tap();
    expect(await marked()).toBe(false);
    await context.close();
  });

  it('still works when the stored progress is corrupted, and keeps the bad data aside', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url(LESSON));
    await page.evaluate((k) => localStorage.setItem(k, '{"v":1,"lessons":{"x":'), PROGRESS_KEY);
    await page.reload();
    expect(await page.locator('.wt-banner').innerText()).toContain('could not be read');
    expect(await page.evaluate((k) => localStorage.getItem(`${k}-unreadable`), PROGRESS_KEY)).toBe('{"v":1,"lessons":{"x":');
    await page.locator(`#${flagship.slug}-w0`).click();
    await page.locator('.step.is-current button[data-act="check"]').click();
    await expect.poll(() => page.locator('.step.is-current .wt-score').textContent()).toMatch(/found \d+ of \d+/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('still works when storage is unavailable', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('denied', 'SecurityError');
        },
      });
    });
    await page.goto(url(LESSON));
    await page.locator(`#${flagship.slug}-w0`).click();
    expect(await page.locator('.wt-banner').innerText()).toContain('cannot be saved');
    await page.locator('.step.is-current button[data-act="check"]').click();
    await expect.poll(() => page.locator('.step.is-current .wt-score').textContent()).toMatch(/found \d+ of \d+/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('does not shift the layout when the script takes over', async () => {
    const { page, context } = await newPage(browser);
    await page.addInitScript(() => {
      (window as unknown as { __cls: number }).__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!e.hadRecentInput) (window as unknown as { __cls: number }).__cls += e.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(url(LESSON), { waitUntil: 'load' });
    await page.waitForFunction(() => customElements.get('ml-walkthrough') !== undefined);
    // Two rendered frames after the element took over: any shift it caused has been reported.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls)).toBeLessThan(0.01);
    await context.close();
  });
});
