import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonData } from '../../src/lib/teach/lesson-data.ts';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { encodeResult, MESSAGES, type StepOutcome } from '../../src/lib/learner/result-code.ts';
import { UNKNOWN_LESSON } from '../../src/lib/teach/review.ts';
import { axe, downloadText, hasBrowser, newPage, url, useBrowser } from './browser.ts';

const SLUG = 'staging-up-for-another-assault';
const lib = loadLibrary(resolve('content'), process.cwd());
const data = lessonData(
  lib,
  lib.lessons.find((l) => l.slug === SLUG)!,
);
const main = data.excerpts[0];

/** Annotations learners are scored on (`scored: false` judgement calls are never found or missed), as "excerpt/id". */
const scoredIds = new Set(
  lib.excerpts.flatMap((e) => e.annotations.filter((a) => a.scored !== false).map((a) => `${e.slug}/${a.id}`)),
);

/** The phrases a step scores, as the walkthrough counts them. */
function targetsOf(id: string) {
  const step = data.steps.find((s) => s.id === id)!;
  const ex = data.excerpts.find((e) => e.slug === step.excerpt)!;
  const targets = ex.anns.filter((a) => scoredIds.has(`${ex.slug}/${a.id}`) && (id === 'control' || a.lenses.includes(id)));
  if (targets.length !== step.flagged)
    throw new Error(`${id}: the lesson data says ${step.flagged} scored phrases, the library ${targets.length}`);
  return targets;
}

/** A step outcome consistent with the lesson: every target not missed was found. */
function outcome(id: string, missedNumbers: number[], falseAlarmRanges: [number, number][] = []): StepOutcome {
  const targets = targetsOf(id);
  for (const n of missedNumbers)
    if (!targets.some((a) => a.number === n)) throw new Error(`#${n} is not a scored phrase of the ${id} step`);
  return {
    id,
    found: targets.length - missedNumbers.length,
    missed: missedNumbers.length,
    falseAlarms: falseAlarmRanges.length,
    missedNumbers,
    falseAlarmRanges,
  };
}

const sourcingTotal = targetsOf('sourcing-gap').length;
const deadline = main.anns.find((a) => a.id === 'three-week-deadline')!;
const stray: [number, number] = [deadline.b + 1, deadline.b + 2];
const strayText = main.words.slice(...stray).join(' ');

const ana = encodeResult({
  lesson: SLUG,
  fp: data.fp,
  name: 'Ana',
  steps: [
    outcome('sourcing-gap', [deadline.number, 9], [stray]),
    outcome('emotive-language', [21]),
    outcome('unsupported-prediction', [15, 18]),
    outcome('control', [], [[3, 5]]),
  ],
});
const anon = encodeResult({
  lesson: SLUG,
  fp: data.fp,
  steps: [outcome('sourcing-gap', [deadline.number], [stray]), outcome('emotive-language', [])],
});
const zoe = encodeResult({
  lesson: SLUG,
  fp: data.fp,
  name: 'Zoë Ñúñez',
  steps: [outcome('sourcing-gap', [deadline.number, 22]), outcome('emotive-language', [21, 4], [stray])],
});
const corrupted = ana.slice(0, 10) + (ana[10] === 'x' ? 'y' : 'x') + ana.slice(11);
const other = encodeResult({ lesson: 'no-such-lesson', fp: 'abc', name: 'Eve', steps: [] });
const pasted = [ana, anon, '', corrupted, 'Hello, here is my homework!', zoe, other].join('\n');

describe.skipIf(!hasBrowser)('review page', () => {
  const browser = useBrowser();

  it('reads pasted codes, explains bad lines, summarises the class and downloads a CSV', async () => {
    const { page, context, errors } = await newPage(browser, { acceptDownloads: true });
    const dataRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/data.json')) dataRequests.push(r.url());
    });
    await page.goto(url('review/'));
    expect(await axe(page)).toEqual([]);

    // Keyboard only: the label names the box, Tab reaches the button.
    await page.getByLabel('Result codes, one code per line').fill(pasted);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Show results');
    await page.keyboard.press('Enter');

    const status = page.locator('.review-status');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('3 codes read, 3 could not be read.');
    expect(await status.getAttribute('aria-live')).toBe('polite');

    const problems = page.locator('.review-problems li');
    expect(await problems.allInnerTexts()).toEqual([
      `Line 4: ${MESSAGES.checksum}`,
      `Line 5: ${MESSAGES.notCode}`,
      `Line 7: ${UNKNOWN_LESSON}`,
    ]);

    const table = page.locator(`.review-lesson[data-lesson="${SLUG}"] table`);
    expect(await table.locator('caption').innerText()).toContain('Three lenses on a war report');
    expect(await table.locator('tbody th[scope="row"]').allInnerTexts()).toEqual(['Ana', 'Student 2', 'Zoë Ñúñez']);
    const anaRow = table.locator('tbody tr[data-line="1"]');
    expect(await anaRow.locator('td[data-step="sourcing-gap"]').innerText()).toBe(
      `found ${sourcingTotal - 2} of ${sourcingTotal}, 1 mark on words not flagged here`,
    );
    expect(await anaRow.locator('td[data-step="control"]').innerText()).toBe(
      'nothing to find here, 1 mark on words not flagged here',
    );
    expect(await anaRow.locator('td[data-col="missed"]').innerText()).toBe('5');
    expect(await anaRow.locator('td[data-col="false-alarms"]').innerText()).toBe('2');
    expect(await table.locator('tbody tr[data-line="2"] td[data-step="control"]').innerText()).toBe('not checked');

    const summary = page.locator('.review-summary');
    const firstMissed = summary.locator('.review-missed li').first();
    expect(await firstMissed.locator('q').innerText()).toBe(deadline.text);
    expect(await firstMissed.innerText()).toContain('missed by 3 of 3 students');
    const firstFlagged = summary.locator('.review-flagged li').first();
    expect(await firstFlagged.locator('q').innerText()).toBe(strayText);
    expect(await firstFlagged.innerText()).toContain('flagged by 3 students');

    // Nothing from a code becomes markup.
    expect(await page.locator('.review-output img, .review-output script').count()).toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('class-results.csv');
    const csv = await downloadText(download);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^Line,Student,Lesson,Found,Out of,Missed,Marked but not flagged,Sourcing gap: found,/);
    expect(lines[1]).toMatch(
      new RegExp(`^1,Ana,Three lenses on a war report,\\d+,\\d+,5,2,${sourcingTotal - 2},${sourcingTotal},1,`),
    );
    expect(lines[1]).toContain(`#${deadline.number} “${deadline.text}”`);
    expect(lines[2]).toMatch(/^2,Student 2,/);
    expect(lines[3]).toMatch(/^6,Zoë Ñúñez,/);

    // Results visible: still no accessibility violations.
    expect(await axe(page)).toEqual([]);

    // Showing again reuses the lesson data already fetched.
    await page.getByRole('button', { name: 'Show results' }).click();
    await expect.poll(() => status.textContent()).toBe('3 codes read, 3 could not be read.');
    expect(dataRequests).toEqual([url(`lessons/${SLUG}/data.json`)]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no axe violations in dark mode with results and a changed-lesson warning shown', async () => {
    const { page, context, errors } = await newPage(browser, { colorScheme: 'dark' });
    await page.goto(url('review/'));
    const stale = encodeResult({ lesson: SLUG, fp: 'zzzzzz', name: 'Old', steps: [outcome('sourcing-gap', [9])] });
    await page.getByLabel('Result codes, one code per line').fill([pasted, stale].join('\n'));
    await page.getByRole('button', { name: 'Show results' }).click();
    await expect
      .poll(() => page.locator('.review-status').textContent(), { timeout: 10_000 })
      .toBe('4 codes read, 3 could not be read.');
    expect(await page.locator('.review-warnings li').allInnerTexts()).toEqual([
      'Old (line 8): Lesson changed since this code was made; per-phrase details may not match.',
    ]);
    expect(await page.locator('.review-summary').innerText()).toContain('1 code made before the lesson changed is left out');
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("counts a code pasted twice once, names the repeat, lists impossible counts and shows each row's line", async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url('review/'));
    const srcTotal = data.steps.find((s) => s.id === 'sourcing-gap')!.flagged!;
    const forged = encodeResult({
      lesson: SLUG,
      fp: data.fp,
      name: 'Max',
      steps: [{ id: 'sourcing-gap', found: srcTotal + 5, missed: 0, falseAlarms: 0, missedNumbers: [], falseAlarmRanges: [] }],
    });
    await page.getByLabel('Result codes, one code per line').fill([ana, zoe, ana, forged].join('\n'));
    await page.getByRole('button', { name: 'Show results' }).click();
    const table = page.locator(`.review-lesson[data-lesson="${SLUG}"] table`);
    await expect
      .poll(() => table.locator('tbody th[scope="row"]').allInnerTexts(), { timeout: 10_000 })
      .toEqual(['Ana', 'Zoë Ñúñez']);
    expect(await page.locator('.review-duplicates li').allInnerTexts()).toEqual([
      'Line 3 is the same code as line 1, so that learner is counted once.',
    ]);
    const impossible = await page.locator('.review-impossible li').allInnerTexts();
    expect(impossible).toHaveLength(1);
    expect(impossible[0]).toMatch(/^Line 4: .*only \d+ flagged phrases/);
    expect(await table.locator('tbody td[data-col="line"]').allInnerTexts()).toEqual(['1', '2']);
    expect(await page.locator('.review-summary').innerText()).not.toContain('Max');
    expect(await table.locator('tbody tr[data-line="1"] td[data-col="discernment"]').innerText()).toMatch(
      /you flagged \d+ of \d+ problems and 1 thing in the careful report/,
    );
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks for codes when the box is empty', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url('review/'));
    await page.getByRole('button', { name: 'Show results' }).click();
    await expect.poll(() => page.locator('.review-status').textContent()).toBe('Paste at least one result code, one per line.');
    expect(await page.locator('.review-output').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says it needs JavaScript when it is off', async () => {
    const { page, context } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(url('review/'));
    expect(await page.locator('ml-review').innerText()).toContain('Reading result codes needs JavaScript');
    expect(await page.locator('.review-form').isVisible()).toBe(false);
    await context.close();
  });
});
