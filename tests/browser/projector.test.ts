import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LENSES, isLensId } from '../../src/lib/content/lenses.ts';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { axe, hasBrowser, newPage, url, useBrowser } from './browser.ts';

const lib = loadLibrary(resolve('content'));
const lesson = lib.lessons.find((l) => l.slug === 'staging-up-for-another-assault')!;
const main = lib.excerpts.find((e) => e.slug === lesson.data.excerpt)!;
const control = lib.excerpts.find((e) => e.slug === lesson.data.control)!;
const steps = lesson.steps.map((id) => {
  const anns = id === 'control' ? control.annotations : main.annotations.filter((a) => isLensId(id) && a.lenses.includes(id));
  return { id, label: isLensId(id) ? LENSES[id].label : 'Control passage', anns: [...anns].sort((a, b) => a.number - b.number) };
});
const TOTAL = steps.length + 2;
const PRESENT = `lessons/${lesson.slug}/present/`;

/** Distinct annotations revealed on the current slide. */
const revealedIds = (page: Page) =>
  page
    .locator('.pj-slide.is-current .pj-text mark.ann.is-revealed')
    .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-ann')))]);
const slideCount = (page: Page) => page.locator('.pj-slide-count').textContent();
const phraseCount = (page: Page) => page.locator('.pj-phrase-count').textContent();

describe.skipIf(!hasBrowser)('projector view', () => {
  const browser = useBrowser();

  it('has the steps the test expects', () => {
    expect(steps.map((s) => s.id)).toEqual(['sourcing-gap', 'emotive-language', 'unsupported-prediction', 'control']);
    // Every lens step has phrases to reveal; the companion passage is written to need no flag.
    for (const s of steps.filter((x) => x.id !== 'control')) expect(s.anns.length).toBeGreaterThan(0);
    expect(steps.find((s) => s.id === 'control')!.anns).toEqual([]);
  });

  it('steps through every phrase of every step with the keyboard only', async () => {
    const { page, context, errors } = await newPage(browser, { viewport: { width: 1280, height: 720 } });
    await page.goto(url(PRESENT));
    await expect.poll(() => slideCount(page)).toBe(`Slide 1 of ${TOTAL}`);
    expect(await page.locator('.pj-slide.is-current h1').innerText()).toBe(lesson.data.title);
    for (const q of lesson.data.questions) expect(await page.locator('.pj-slide.is-current').innerText()).toContain(q);
    // The site header and footer are out of the way; the Exit link is visible.
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.site-footer').isVisible()).toBe(false);
    expect(await page.locator('a.pj-exit').isVisible()).toBe(true);
    expect(await page.locator('a.pj-exit').getAttribute('href')).toMatch(new RegExp(`/lessons/${lesson.slug}/$`));

    let press = 0;
    const next = () => page.keyboard.press(press++ % 2 === 0 ? 'ArrowRight' : 'Space');
    await next();
    for (const [i, step] of steps.entries()) {
      const slide = page.locator('.pj-slide.is-current');
      expect(await slide.getAttribute('id')).toBe(`slide-${i + 2}`);
      expect(await slideCount(page)).toBe(`Slide ${i + 2} of ${TOTAL}`);
      expect(page.url()).toMatch(new RegExp(`#slide-${i + 2}$`));
      // Only this step's phrases are marked in its copy of the text, and none shows yet.
      const markIds = await slide
        .locator('.pj-text mark.ann')
        .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-ann')))]);
      expect(markIds).toEqual(step.anns.map((a) => a.id));
      expect(await revealedIds(page)).toEqual([]);
      if (step.anns.length === 0) {
        // A text with nothing flagged says so, and the next key goes straight on.
        expect(await phraseCount(page)).toBe(`${step.label} · nothing flagged`);
        expect(await slide.locator('.pj-notes').innerText()).toContain('Nothing in this text is flagged.');
        await next();
        continue;
      }
      const firstMark = slide.locator(`.pj-text mark.ann[data-ann="${step.anns[0].id}"]`).first();
      expect(await firstMark.evaluate((m) => getComputedStyle(m).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
      expect(await slide.locator('.pj-text a.ref').first().isVisible()).toBe(false);

      for (let k = 1; k <= step.anns.length; k++) {
        await next();
        expect(await phraseCount(page)).toBe(`${step.label} · phrase ${k} of ${step.anns.length}`);
        const ids = await revealedIds(page);
        expect(ids).toHaveLength(k);
        expect(ids).toEqual(step.anns.slice(0, k).map((a) => a.id));
        // The newest phrase is highlighted and outlined as the current one.
        const cur = slide.locator(`.pj-text mark.ann[data-ann="${step.anns[k - 1].id}"]`).first();
        expect(await cur.evaluate((m) => m.classList.contains('is-current'))).toBe(true);
        await expect.poll(() => cur.evaluate((m) => getComputedStyle(m).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
        expect(await cur.evaluate((m) => getComputedStyle(m).outlineStyle)).toBe('solid');
        // A judgement call is announced as arguable, not scored.
        expect((await page.locator('.pj-said').textContent())!.includes('arguable, not scored')).toBe(
          step.anns[k - 1].scored === false,
        );
      }
      expect(await revealedIds(page)).toHaveLength(step.anns.length);
      expect(await slide.locator('.pj-text mark.ann.is-current').count()).toBeGreaterThan(0);
      await next();
    }
    // The closing slide: discussion prompts and key points.
    expect(await slideCount(page)).toBe(`Slide ${TOTAL} of ${TOTAL}`);
    const closing = page.locator('.pj-slide.is-current');
    for (const q of lesson.data.discussion) expect(await closing.innerText()).toContain(q);
    for (const k of lesson.data.keyPoints) expect(await closing.innerText()).toContain(k);
    await next();
    expect(await slideCount(page)).toBe(`Slide ${TOTAL} of ${TOTAL}`);
    expect(await page.locator('button[data-act="next"]').getAttribute('aria-disabled')).toBe('true');
    // The counter is a polite live region.
    expect(await page.locator('.pj-status').getAttribute('aria-live')).toBe('polite');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the current phrase’s note with N, goes back with Left, and keeps the slide on reload', async () => {
    const { page, context, errors } = await newPage(browser, { viewport: { width: 1280, height: 720 } });
    await page.goto(url(PRESENT));
    await expect.poll(() => slideCount(page)).toBe(`Slide 1 of ${TOTAL}`);
    const step = steps[0];
    await page.keyboard.press('ArrowRight');
    for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowRight');
    const note = page.locator('#pj-note');
    expect(await note.isVisible()).toBe(false);
    await page.keyboard.press('n');
    expect(await note.isVisible()).toBe(true);
    const ann = step.anns[2];
    expect(await note.innerText()).toContain(ann.note.slice(0, 60));
    expect(await note.innerText()).toContain(ann.question!.slice(0, 40));
    expect(await page.locator('button[data-act="note"]').getAttribute('aria-expanded')).toBe('true');
    // The current phrase stays in view above the note panel.
    const cur = page.locator(`.pj-slide.is-current .pj-text mark.ann[data-ann="${ann.id}"]`).first();
    await expect
      .poll(() =>
        cur.evaluate(
          (m) =>
            m.getBoundingClientRect().bottom <= document.querySelector('.pj-dock')!.getBoundingClientRect().top &&
            m.getBoundingClientRect().top >= 0,
        ),
      )
      .toBe(true);
    await page.keyboard.press('N');
    expect(await note.isVisible()).toBe(false);
    await page.keyboard.press('Enter');
    expect(await note.isVisible()).toBe(true);

    // Left hides the last revealed phrase (and closes its note)…
    await page.keyboard.press('ArrowLeft');
    expect(await note.isVisible()).toBe(false);
    expect(await phraseCount(page)).toBe(`${step.label} · phrase 2 of ${step.anns.length}`);
    expect(await revealedIds(page)).toHaveLength(2);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await revealedIds(page)).toHaveLength(0);
    // …and at no phrases, goes to the previous slide.
    await page.keyboard.press('ArrowLeft');
    expect(await slideCount(page)).toBe(`Slide 1 of ${TOTAL}`);
    expect(page.url()).toMatch(/#slide-1$/);

    // Back from the next slide shows a step fully revealed.
    await page.keyboard.press('End');
    expect(await slideCount(page)).toBe(`Slide ${TOTAL} of ${TOTAL}`);
    await page.keyboard.press('PageUp');
    expect(await slideCount(page)).toBe(`Slide ${TOTAL - 1} of ${TOTAL}`);
    expect(await revealedIds(page)).toHaveLength(steps[steps.length - 1].anns.length);
    await page.keyboard.press('Home');
    expect(await slideCount(page)).toBe(`Slide 1 of ${TOTAL}`);

    // A slide can be reached by its hash, and a reload keeps it.
    await page.evaluate(() => (location.hash = '#slide-3'));
    await expect.poll(() => slideCount(page)).toBe(`Slide 3 of ${TOTAL}`);
    await page.keyboard.press('PageDown');
    expect(await phraseCount(page)).toBe(`${steps[1].label} · phrase 1 of ${steps[1].anns.length}`);
    await page.reload();
    await expect.poll(() => slideCount(page)).toBe(`Slide 3 of ${TOTAL}`);
    expect(await page.locator('.pj-slide.is-current').getAttribute('id')).toBe('slide-3');
    expect(await page.locator('.pj-slide:visible').count()).toBe(1);
    // Full screen is guarded: no error where the API is refused.
    await page.keyboard.press('f');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has on-screen buttons that work by click and by keyboard, and ignores the hidden search shortcuts', async () => {
    const { page, context, errors } = await newPage(browser, { viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
    await page.goto(url(PRESENT));
    await expect.poll(() => slideCount(page)).toBe(`Slide 1 of ${TOTAL}`);
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await slideCount(page)).toBe(`Slide 2 of ${TOTAL}`);
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await revealedIds(page)).toHaveLength(1);
    await page.getByRole('button', { name: 'Note' }).click();
    expect(await page.locator('#pj-note').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Hide note' }).click();
    expect(await page.locator('#pj-note').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Back' }).click();
    expect(await revealedIds(page)).toHaveLength(0);
    // Keyboard on a focused button: Space and Enter activate it once, with a visible focus ring.
    const nextButton = page.locator('button[data-act="next"]');
    await page.locator('a.pj-exit').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await nextButton.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await nextButton.evaluate((b) => b.matches(':focus-visible') && getComputedStyle(b).outlineStyle !== 'none')).toBe(
      true,
    );
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    expect(await revealedIds(page)).toHaveLength(2);
    // Reduced motion: no transitions on the marks.
    const mark = page.locator('.pj-slide.is-current .pj-text mark.ann.is-revealed').first();
    expect(await mark.evaluate((m) => parseFloat(getComputedStyle(m).transitionDuration))).toBeLessThan(0.01);
    // "/" and Ctrl+K would open the search dialog in the hidden header: they do nothing here.
    await page.locator('main').focus();
    await page.keyboard.press('/');
    await page.keyboard.press('Control+k');
    expect(await page.locator('dialog[open]').count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    expect(await revealedIds(page)).toHaveLength(3);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('runs for every lesson, from the first slide to the last, without errors', async () => {
    const { page, context, errors } = await newPage(browser, {
      viewport: { width: 1280, height: 720 },
      reducedMotion: 'reduce',
    });
    for (const l of lib.lessons) {
      await page.goto(url(`lessons/${l.slug}/present/`));
      const total = l.steps.length + 2;
      await expect.poll(() => slideCount(page)).toBe(`Slide 1 of ${total}`);
      // Ten presses between looks (past the last slide, a press does nothing).
      for (let i = 0; i < 20 && (await slideCount(page)) !== `Slide ${total} of ${total}`; i++)
        for (let k = 0; k < 10; k++) await page.keyboard.press('ArrowRight');
      expect(await slideCount(page), l.slug).toBe(`Slide ${total} of ${total}`);
      expect(errors, l.slug).toEqual([]);
    }
    await context.close();
  });

  it('shows the hash slide from first paint, before the script runs', async () => {
    const { page, context } = await newPage(browser, { viewport: { width: 1280, height: 720 } });
    // Keep the script from loading: the CSS alone must lay out the slide named in the hash.
    await page.route(/present\.astro.*\.js$/, (route) => route.abort());
    await page.goto(url(`${PRESENT}#slide-4`));
    expect(await page.locator('ml-projector').evaluate((el) => el.matches(':defined'))).toBe(false);
    expect(await page.locator('.pj-slide:visible').evaluateAll((els) => els.map((e) => e.id))).toEqual(['slide-4']);
    expect(await page.locator('.pj-dock').evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    expect(
      await page
        .locator('#slide-4 .pj-text mark.ann')
        .first()
        .evaluate((m) => getComputedStyle(m).backgroundColor),
    ).toBe('rgba(0, 0, 0, 0)');
    await context.close();
  });

  it('is one long readable page without JavaScript: every mark and note', async () => {
    const { page, context } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(url(PRESENT));
    expect(await page.locator('.pj-slide:visible').count()).toBe(TOTAL);
    expect(await page.locator('.pj-buttons').isVisible()).toBe(false);
    expect(await page.locator('a.pj-exit').isVisible()).toBe(true);
    expect(
      await page
        .locator('[data-pagefind-ignore]')
        .first()
        .evaluate((el) => el.contains(document.querySelector('.pj-slides'))),
    ).toBe(true);
    for (const [i, step] of steps.entries()) {
      const slide = page.locator(`#slide-${i + 2}`);
      const ids = await slide
        .locator('.pj-text mark.ann')
        .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-ann')))]);
      expect(ids).toEqual(step.anns.map((a) => a.id));
      if (step.anns.length === 0) {
        expect(await slide.locator('.pj-text').isVisible()).toBe(true);
        expect(await slide.locator('.pj-notes').innerText()).toContain('Nothing in this text is flagged.');
        continue;
      }
      const mark = slide.locator('.pj-text mark.ann').first();
      expect(await mark.isVisible()).toBe(true);
      expect(await mark.evaluate((m) => getComputedStyle(m).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
      expect(await slide.locator('.pj-text a.ref:visible').count()).toBe(step.anns.length);
      const notes = slide.locator('.pj-notes');
      expect(await notes.isVisible()).toBe(true);
      const text = await notes.innerText();
      for (const a of step.anns) expect(text).toContain(a.note.slice(0, 60));
      // Judgement calls (`scored: false`) are shown as arguable, never as plain flags.
      for (const a of step.anns) {
        expect(await notes.locator(`li[data-ann="${a.id}"] .ann-arguable`).count(), a.id).toBe(a.scored === false ? 1 : 0);
      }
    }
    expect(steps.some((s) => s.anns.some((a) => a.scored === false))).toBe(true);
    expect(await page.locator(`#slide-${TOTAL}`).innerText()).toContain(lesson.data.keyPoints[0]);
    await context.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations (WCAG 2.2 A/AA) in ${scheme} mode: title slide, and a step with the note open`, async () => {
      const { page, context, errors } = await newPage(browser, { colorScheme: scheme, viewport: { width: 1280, height: 720 } });
      await page.goto(url(PRESENT));
      await expect.poll(() => slideCount(page)).toBe(`Slide 1 of ${TOTAL}`);
      expect(await axe(page)).toEqual([]);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('n');
      expect(await page.locator('#pj-note').isVisible()).toBe(true);
      expect(await axe(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
