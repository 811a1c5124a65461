/**
 * Feedback learners can trust (issue 12): key-word credit, honest wording,
 * blind Text A / Text B, marking that does what the hand meant (mouse,
 * keyboard, touch at 375 px), phones, answers off, screen readers, step
 * numbers. Targets are derived from the library, never hard-coded.
 */
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { PROGRESS_KEY } from '../../src/lib/learner/storage-keys.ts';
import { excerptTokenData, tokenize } from '../../src/lib/learner/tokens.ts';
import { axe, hasBrowser, launch, newPage, url } from './browser.ts';

const lib = loadLibrary(resolve('content'));
const SLUG = 'staging-up-for-another-assault';
const lessonEntry = lib.lessons.find((l) => l.slug === SLUG)!;
const flagship = lib.excerpts.find((e) => e.slug === lessonEntry.data.excerpt)!;
const control = lib.excerpts.find((e) => e.slug === lessonEntry.data.control)!;
const data = excerptTokenData(flagship.slug, flagship.text, flagship.blocks, flagship.annotations, flagship.defensible);
const words = tokenize(flagship.text, flagship.blocks).map((t) => flagship.text.slice(t.start, t.end));
const LESSON = `lessons/${SLUG}/`;
const MAIN = `.wt-text figure[data-excerpt="${flagship.slug}"] .excerpt-text`;
const word = (i: number) => `[id="${flagship.slug}-w${i}"]`;
const selected = (page: Page) =>
  page.locator(`${MAIN} .w.is-marked`).evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.i)));

/** The prediction target holding this word (case-insensitive), and the word's token index. */
function predictionWord(w: string) {
  for (const t of data.anns.filter((a) => a.lenses.includes('unsupported-prediction') && a.s !== false)) {
    for (let i = t.a; i < t.b; i++) if (words[i].toLowerCase() === w) return { target: t, i };
  }
  throw new Error(`no prediction phrase with "${w}" in the flagship`);
}

async function goToStep(page: Page, id: string) {
  await page.locator(`.wt-nav button[data-go="${id}"]`).click();
  await expect.poll(() => page.locator('.step.is-current').getAttribute('data-step')).toBe(id);
}

async function check(page: Page) {
  await page.locator('.step.is-current button[data-act="check"]').click();
  await expect.poll(() => page.locator('.step.is-current .wt-score').textContent()).toBeTruthy();
}

describe.skipIf(!hasBrowser)('feedback learners can trust', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('counts marking only the key word ("certainly", "assuredly", "likely") as found', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url(LESSON));
    await goToStep(page, 'unsupported-prediction');
    for (const w of ['certainly', 'assuredly', 'likely']) {
      const { target, i } = predictionWord(w);
      await page.locator('.step.is-current button[data-act="clear"]').click();
      await page.locator(word(i)).click();
      expect(await selected(page)).toEqual([i]);
      await check(page);
      expect(await page.locator(`.step.is-current li[data-ann="${target.id}"]`).getAttribute('data-state')).toBe('found');
      expect(await page.locator('.step.is-current .wt-score').textContent()).toMatch(
        /found 1 of \d+, 0 marks on words not flagged here/,
      );
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers a mark on only the small words of a phrase by naming the words doing the work, and never says "false alarm"', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(url(LESSON));
    // A scored phrase with a function word and at least one key word.
    const t = data.anns.find((a) => a.s !== false && a.f.length > 0 && a.k.length > 0 && !a.k.includes(a.f[0]))!;
    await goToStep(page, t.lenses[0]);
    await page.locator(word(t.f[0])).click();
    await check(page);
    const step = page.locator('.step.is-current');
    expect(await step.locator(`li[data-ann="${t.id}"]`).getAttribute('data-state')).toBe('missed');
    const said = await step.locator('.wt-alarms').innerText();
    expect(said).toContain('the words doing the work');
    expect(said).toContain(words[t.k[0]]);
    expect(await page.locator('ml-walkthrough').innerText()).not.toMatch(/false alarm/i);
    await context.close();
  });

  it('drags with the mouse like selecting text: back shrinks, across a line marks only the words between', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(url(LESSON));
    const box = async (i: number) => (await page.locator(word(i)).boundingBox())!;
    const at = async (i: number) => {
      await page.locator(word(i)).scrollIntoViewIfNeeded();
      const b = await box(i);
      return [b.x + b.width / 2, b.y + b.height / 2] as const;
    };
    // Forward five words, then back to the third: three words stay marked.
    const a = data.blocks[1] + 2;
    await page.mouse.move(...(await at(a)));
    await page.mouse.down();
    await page.mouse.move(...(await at(a + 5)), { steps: 6 });
    await page.mouse.move(...(await at(a + 2)), { steps: 6 });
    await page.mouse.up();
    expect(await selected(page)).toEqual([a, a + 1, a + 2]);

    // Across a line break: from the last word of a line to the second word of the next.
    await page.locator('.step.is-current button[data-act="clear"]').click();
    let end = -1;
    for (let i = data.blocks[1] + 1; i < data.count - 3; i++) {
      if ((await box(i + 1)).y > (await box(i)).y + 4) {
        end = i;
        break;
      }
    }
    expect(end).toBeGreaterThan(0);
    const [x0, y0] = await at(end);
    const [x1, y1] = await at(end + 2);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    // The pointer travels down-left over the words of both lines on its way.
    await page.mouse.move(x0, y1, { steps: 5 });
    await page.mouse.move(x1, y1, { steps: 10 });
    await page.mouse.up();
    expect(await selected(page)).toEqual([end, end + 1, end + 2]);

    // A click on a marked word unmarks it.
    await page.locator(word(end + 1)).click();
    expect(await selected(page)).toEqual([end, end + 2]);
    await context.close();
  });

  it('extends with Shift+Arrow and shrinks with the opposite Shift+Arrow; Home and End; the keys are listed', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(url(LESSON));
    expect(await page.locator('.wt-keys').innerText()).toMatch(/How to mark/);
    await page.locator('.wt-keys summary').click();
    const keys = await page.locator('.wt-keys').innerText();
    for (const k of ['Shift', 'Home', 'End', 'Space']) expect(keys).toContain(k);
    await page.locator(MAIN).focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    expect(await selected(page)).toEqual([3, 4, 5, 6]);
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Shift+ArrowLeft');
    expect(await selected(page)).toEqual([3, 4]);
    await page.keyboard.press('End');
    const last = data.count - 1;
    expect(await page.locator(MAIN).getAttribute('aria-activedescendant')).toBe(`${flagship.slug}-w${last}`);
    await page.keyboard.press('Space');
    expect(await selected(page)).toEqual([3, 4, last]);
    await context.close();
  });

  it('on a 375 px touch screen: a long press then drag marks a run, a tap toggles, a swipe scrolls', async () => {
    const { page, context, errors } = await newPage(browser, {
      hasTouch: true,
      isMobile: true,
      viewport: { width: 375, height: 740 },
    });
    await page.goto(url(LESSON));
    const cdp = await context.newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x = 0, y = 0) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    const centre = async (i: number) => {
      await page.locator(word(i)).scrollIntoViewIfNeeded();
      const b = (await page.locator(word(i)).boundingBox())!;
      return [b.x + b.width / 2, b.y + b.height / 2] as const;
    };
    const a = data.blocks[1] + 1;
    const [x0, y0] = await centre(a);
    const [x1, y1] = await centre(a + 2);
    await touch('touchStart', x0, y0);
    await page.waitForTimeout(600);
    for (let k = 1; k <= 5; k++) await touch('touchMove', x0 + ((x1 - x0) * k) / 5, y0 + ((y1 - y0) * k) / 5);
    await touch('touchEnd');
    expect(await selected(page)).toEqual([a, a + 1, a + 2]);

    // A tap toggles one word.
    await page.locator(word(a + 4)).tap();
    expect(await selected(page)).toEqual([a, a + 1, a + 2, a + 4]);
    await page.locator(word(a + 4)).tap();
    expect(await selected(page)).toEqual([a, a + 1, a + 2]);

    // A quick vertical swipe starting on a word scrolls the page and marks nothing.
    const before = await page.evaluate(() => window.scrollY);
    const [sx, sy] = await centre(a + 6);
    await touch('touchStart', sx, sy);
    for (let k = 1; k <= 6; k++) await touch('touchMove', sx, sy - 40 * k);
    await touch('touchEnd');
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before + 50);
    expect(await selected(page)).toEqual([a, a + 1, a + 2]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a phone the task comes before the text, the buttons stay in reach, and Next step goes to the new task', async () => {
    const { page, context } = await newPage(browser, { hasTouch: true, isMobile: true, viewport: { width: 375, height: 740 } });
    await page.goto(url(LESSON));
    const task = (await page.locator('.step.is-current .step-task').boundingBox())!;
    const text = (await page.locator(MAIN).boundingBox())!;
    expect(task.y).toBeLessThan(text.y);
    // Scrolled deep into the text, the Check button is still on screen.
    await page.locator(word(data.count - 1)).scrollIntoViewIfNeeded();
    const btn = (await page.locator('.step.is-current button[data-act="check"]').boundingBox())!;
    expect(btn.y).toBeGreaterThanOrEqual(0);
    expect(btn.y + btn.height).toBeLessThanOrEqual(740);
    await page.locator('.step.is-current button[data-act="check"]').click();
    await page.locator('.step.is-current button[data-act="next"]').click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('.step')?.classList.contains('is-current') ?? false))
      .toBe(true);
    // (Scrolling may be smooth: wait for it to settle.)
    await expect.poll(async () => (await page.locator('.step.is-current h3').boundingBox())!.y).toBeGreaterThanOrEqual(-1);
    expect((await page.locator('.step.is-current h3').boundingBox())!.y).toBeLessThan(740);
    await context.close();
  });

  it('reads "Text A" and "Text B" blind, in an order kept per learner, and reveals the careful one after Check', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url(LESSON));
    const names = () => page.locator('.wt-text figure .excerpt-label').allInnerTexts();
    expect(await names()).toEqual(['Text A', 'Text B']);
    const wt = page.locator('ml-walkthrough');
    // Nothing on the page before Check says which text is the control.
    expect(await wt.innerText()).not.toMatch(/control passage/i);
    const order = await page.locator('.wt-text figure').evaluateAll((f) => f.map((x) => (x as HTMLElement).dataset.excerpt));
    await page.reload();
    expect(await page.locator('.wt-text figure').evaluateAll((f) => f.map((x) => (x as HTMLElement).dataset.excerpt))).toEqual(
      order,
    );
    // The other order, for a learner who got it.
    await page.evaluate(
      ([k, slug]) => {
        const p = JSON.parse(localStorage.getItem(k) ?? '{"v":1,"lessons":{}}');
        p.lessons[slug] = { ...(p.lessons[slug] ?? { steps: {}, updated: 1 }), first: 'control' };
        localStorage.setItem(k, JSON.stringify(p));
      },
      [PROGRESS_KEY, SLUG] as const,
    );
    await page.reload();
    expect(await page.locator('.wt-text figure').evaluateAll((f) => f.map((x) => (x as HTMLElement).dataset.excerpt))).toEqual([
      control.slug,
      flagship.slug,
    ]);

    // One flag on the careful report (Text A now), then Check: revealed, with discernment in the summary.
    await page.locator(`[id="${control.slug}-w${control.blocks.length > 1 ? 3 : 1}"]`).click();
    await check(page);
    expect(await page.locator('.step.is-current .wt-feedback').innerText()).toContain('Text A is the careful report');
    await page.locator('.step.is-current button[data-act="next"]').click();
    await expect.poll(() => page.locator('.wt-summary').isVisible()).toBe(true);
    expect(await page.locator('.wt-discernment').innerText()).toMatch(
      /you flagged 0 of \d+ problems and 1 thing in the careful report/,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('numbers each step in its heading, also when an assignment skips steps, and prompts in English', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(url(`${LESSON}?steps=emotive-language,unsupported-prediction`));
    expect(await page.locator('.step.is-current h3').innerText()).toMatch(/^Step 1: Emotive language/);
    expect(await page.locator('.step.is-current .step-task').innerText()).toContain('find every phrase of emotive language');
    await page.locator('.step.is-current button[data-act="check"]').click();
    await page.locator('.step.is-current button[data-act="next"]').click();
    expect(await page.locator('.step.is-current h3').innerText()).toMatch(/^Step 2: Unsupported prediction/);
    await context.close();
  });

  it('announces results in words; missed phrases carry their state; the explanations are reachable (accessibility tree)', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(url(LESSON));
    const src = data.anns.filter((a) => a.lenses.includes('sourcing-gap') && a.s !== false);
    await page.locator(word(src[0].k[0])).click();
    // And one word far from anything flagged or defensible.
    const near = (i: number) => [...data.anns, ...data.def].some((t) => i >= t.a - 3 && i < t.b + 3);
    const loose = Array.from({ length: data.count }, (_, i) => i).find((i) => i > data.blocks[1] && !near(i))!;
    await page.locator(word(loose)).click();
    await check(page);
    const step = page.locator('.step.is-current');
    // Focus moves to the feedback, a live status region read in words.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('wt-feedback'))).toBe(true);
    const fb = await step.locator('.wt-feedback').ariaSnapshot();
    expect(fb).toMatch(/status/);
    expect(fb).toMatch(/found 1 of \d+/);
    expect(fb).toMatch(/not flagged here/);
    await step.locator('button[data-act="reveal"]').click();
    const answers = await step.locator('details.answers').ariaSnapshot();
    expect(answers).toContain('✓ Found');
    expect(answers).toContain('✗ Missed');
    expect(await step.locator('.wt-alarms').ariaSnapshot()).toMatch(/list "About the words you marked"/);
    // Browse mode reads the text as prose; with the focus in it, it is a listbox of words that says which are marked.
    await page.locator('.step.is-current h3').focus();
    const prose = await page.locator(`.wt-text figure[data-excerpt="${flagship.slug}"]`).ariaSnapshot();
    expect(prose).toContain('paragraph');
    expect(prose).not.toContain('listbox');
    await page.locator(MAIN).focus();
    const box = await page.locator(`.wt-text figure[data-excerpt="${flagship.slug}"]`).ariaSnapshot();
    expect(box).toContain('listbox');
    expect(box).toMatch(/option .*\[selected\]/);
    expect(await axe(page, 'ml-walkthrough')).toEqual([]);
    await context.close();
  });

  for (const how of ['the assignment version (/assess/)', 'answers=off on the lesson page']) {
    it(`with answers off, ${how} has no answers, notes or teaching-guide link`, async () => {
      const { page, context, errors } = await newPage(browser);
      const path = how.startsWith('the assignment') ? `${LESSON}assess/?answers=off` : `${LESSON}?answers=off`;
      await page.goto(url(path));
      const note = flagship.annotations[0].note;
      const html = await page.content();
      expect(html).not.toContain(note.slice(0, 40));
      expect(await page.locator('.answers, .annotated-reading, a[href$="/guide/"]').count()).toBe(0);
      await page.locator(word(data.anns[0].k[0])).click();
      await check(page);
      expect(await page.locator('.step.is-current .wt-score').textContent()).toMatch(/found \d+ of \d+/);
      expect(await page.locator('ml-walkthrough').innerText()).not.toContain(note.slice(0, 40));
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('the assignment version has no answers without JavaScript either, and no search box', async () => {
    const { page, context } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(url(`${LESSON}assess/`));
    const html = await page.content();
    for (const a of flagship.annotations.slice(0, 5)) expect(html).not.toContain(a.note.slice(0, 40));
    expect(await page.locator('.answers, .annotated-reading, .search-launch').count()).toBe(0);
    await context.close();
  });

  it('the assign form links to the assignment version when answers are off, and says what stays reachable', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(url(`${LESSON}guide/`));
    const form = page.locator('ml-assign');
    await form.locator('input[name="answers"][value="off"]').check();
    expect(await form.locator('input[readonly]').inputValue()).toContain(`/${LESSON}assess/?`);
    expect(await form.innerText()).toMatch(/search page/);
    await context.close();
  });

  it('lesson cards show only the lenses the lesson practises', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(url('lessons/'));
    for (const l of lib.lessons) {
      const steps = l.steps.filter((s) => s !== 'control');
      const card = page.locator(`.lesson-card[data-slug="${l.slug}"]`).first();
      if ((await card.count()) === 0) continue;
      expect(await card.locator('.lesson-card-lenses .lens-tag').count(), l.slug).toBe(steps.length);
    }
    await context.close();
  });
});
