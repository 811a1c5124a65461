import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { lensLetters } from '../../src/lib/site/render.ts';
import { axe, hasBrowser, newPage, url, useBrowser } from './browser.ts';

const lib = loadLibrary(resolve('content'));
const flagship = lib.excerpts.find((e) => e.slug === 'staging-up-for-another-assault')!;
const control = lib.excerpts.find((e) => e.slug === 'tarrow-crossing-control')!;
const LESSON = 'lessons/staging-up-for-another-assault/';

describe.skipIf(!hasBrowser)('flagship lesson page', () => {
  const browser = useBrowser();

  it('renders every annotation as a mark with a lens letter and a note', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url(LESSON));
    const reading = page.locator('.annotated-reading').first();
    await reading.locator('.reading-details > summary').click();
    const ids = await reading
      .locator('.excerpt-text mark.ann')
      .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-ann')))]);
    expect(ids.sort()).toEqual(flagship.annotations.map((a) => a.id).sort());
    for (const a of flagship.annotations) {
      const note = page.locator(`[id="${flagship.slug}--${a.id}--note"]`);
      await expect.poll(() => note.count()).toBe(1);
      expect(await note.innerText()).toContain(a.note.slice(0, 40));
    }
    // The lens is readable as text on each reference, not only as colour.
    const refs = await reading.locator('.excerpt-text a.ref').evaluateAll((els) =>
      els.map((e) => ({
        visible: e.querySelector('.ref-lens')!.textContent + (e.childNodes[1]?.textContent ?? ''),
        spoken: e.textContent,
      })),
    );
    expect(refs).toHaveLength(flagship.annotations.length);
    for (const r of refs) {
      expect(r.visible).toMatch(/^[SEP](\/[SEP])*\d+$/);
      expect(r.spoken).toMatch(/note on (sourcing gap|emotive language|unsupported prediction)/);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the published text verbatim on the page', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(url(LESSON));
    const text = await page
      .locator('.annotated-reading .excerpt-text')
      .first()
      .evaluate((el) =>
        [...el.querySelectorAll('p')].map((p) => {
          const clone = p.cloneNode(true) as HTMLElement;
          clone.querySelectorAll('.ref').forEach((r) => r.remove());
          return clone.textContent;
        }),
      );
    const expected = flagship.blocks.map((b) => flagship.text.slice(b.start, b.end));
    expect(text).toEqual(expected);
    await context.close();
  });

  it('reads fully without JavaScript: marks, notes and answers behind details', async () => {
    const { page, context } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(url(LESSON));
    expect(await page.locator('.annotated-reading mark.ann').count()).toBeGreaterThanOrEqual(flagship.annotations.length);
    const steps = page.locator('.step');
    expect(await steps.count()).toBe(4);
    const first = page.locator('#step-sourcing-gap details.answers');
    await first.locator('summary').click();
    // Each card is on the page once, under the annotated text: the step's answers name each phrase
    // and link to its note, which opens the annotated text there.
    const sourcing = flagship.annotations.filter((a) => a.lenses.includes('sourcing-gap'));
    expect(await first.locator('li .ann-link q').allTextContents()).toEqual(sourcing.map((a) => a.text));
    expect(await page.locator('.ann-card').count()).toBe(flagship.annotations.length + control.annotations.length);
    await first
      .getByRole('link', { name: `Read note ${lensLetters(sourcing[0].lenses)}${sourcing[0].number}`, exact: true })
      .click();
    const note = page.locator(`[id="${flagship.slug}--${sourcing[0].id}--note"]`);
    await expect.poll(() => note.isVisible()).toBe(true);
    expect(await note.locator('.ann-note').textContent()).toBe(sourcing[0].note);
    expect(await page.locator('.reading-details').getAttribute('open')).not.toBeNull();
    await page.locator('.reading-details > summary').click();
    // The annotated text (all the answers) opens on request; a note reference lands on the note.
    await page.locator('.reading-details > summary').click();
    await page.locator('.annotated-reading a.ref').first().click();
    expect(new URL(page.url()).hash).toBe(`#${flagship.slug}--${flagship.annotations[0].id}--note`);
    await context.close();
  });

  it("keeps a blind text's provenance folded until the reader opens it, with or without JavaScript", async () => {
    // crime-wave-headlines' companion says in its provenance that it is the control passage.
    const control = lib.excerpts.find((e) => e.slug === 'crime-wave-headlines-control')!;
    expect(control.meta.provenance).toMatch(/control passage/);
    for (const javaScriptEnabled of [false, true]) {
      const { page, context } = await newPage(browser, { javaScriptEnabled });
      await page.goto(url('lessons/crime-wave-headlines/'));
      const blind = page.locator('.wt-text .excerpt-blind');
      expect(await blind.count()).toBe(2);
      const text = await blind.evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText).join('\n'));
      expect(text).not.toMatch(/control passage/i);
      if (!javaScriptEnabled) {
        const later = page.locator('.wt-text .excerpt-blind details.excerpt-provenance-later').nth(1);
        await later.locator('summary').click();
        expect(await later.innerText()).toMatch(/control passage/);
      }
      await context.close();
    }
  });

  it('opens the annotated text when a link points at a mark (technique pages link there)', async () => {
    const { page, context } = await newPage(browser, { javaScriptEnabled: false });
    const target = flagship.annotations.find((a) => a.id === 'revenge-thirsty')!;
    await page.goto(url(`${LESSON}#${flagship.slug}--${target.id}`));
    const mark = page.locator(`[id="${flagship.slug}--${target.id}"]`);
    await expect.poll(() => mark.isVisible()).toBe(true);
    expect(await mark.textContent()).toBe('revenge-thirsty');
    expect(await mark.evaluate((el) => el.matches(':target'))).toBe(true);
    await context.close();
  });

  it('does not show teacher notes to learners', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(url(LESSON));
    expect(await page.locator('.teacher-note').count()).toBe(0);
    expect(await page.content()).not.toContain('Timing for a 45-minute lesson');
    await context.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations (WCAG 2.2 A/AA) in ${scheme} mode`, async () => {
      const { page, context } = await newPage(browser, { colorScheme: scheme });
      await page.goto(url(LESSON));
      await page.locator('details.answers').evaluateAll((els) => els.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      expect(await axe(page)).toEqual([]);
      await context.close();
    });
  }
});
