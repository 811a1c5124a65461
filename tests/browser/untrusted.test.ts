/**
 * Script-like input from URLs, stored state and pasted codes is shown as
 * text or ignored: nothing executes and no markup is injected.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PROGRESS_KEY } from '../../src/lib/learner/storage-keys.ts';
import { encodeResult } from '../../src/lib/learner/result-code.ts';
import { PAYLOADS } from '../helpers/fuzz.ts';
import { hasBrowser, newPage, url, useBrowser, watchDialogs } from './browser.ts';

const XSS = '"><img src=x id=pwned onerror="window.__pwned=1"><script>window.__pwned=1</script>';

async function assertClean(page: Page, dialogs: string[]) {
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('#pwned, img[src="x"]').count()).toBe(0);
}

describe.skipIf(!hasBrowser)('untrusted input', () => {
  const browser = useBrowser();

  it('URL parameters on lessons and search', async () => {
    const { page, context, errors } = await newPage(browser);
    const dialogs = watchDialogs(page);
    for (const p of [...PAYLOADS.slice(0, 6), XSS]) {
      const q = encodeURIComponent(p);
      await page.goto(url(`lessons/staging-up-for-another-assault/?steps=${q}&hints=${q}&answers=${q}#${q}`));
      await page.locator('.step.is-current').waitFor();
      await page.goto(url(`search/?q=${q}&level=${q}&topic=${q}`));
      await expect.poll(() => page.locator('.search-page .search-status').textContent(), { timeout: 10_000 }).not.toBe('');
      await assertClean(page, dialogs);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stored progress full of script-like values', async () => {
    const { page, context, errors } = await newPage(browser);
    const dialogs = watchDialogs(page);
    await page.goto(url(''));
    const evil = {
      v: 1,
      lessons: {
        'staging-up-for-another-assault': {
          steps: { 'sourcing-gap': { marks: [XSS, 1, 2], checked: XSS }, [XSS]: {} },
          current: XSS,
          updated: XSS,
          done: XSS,
        },
        [XSS]: { steps: {} },
      },
    };
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [PROGRESS_KEY, JSON.stringify(evil)]);
    for (const p of ['', 'lessons/', 'lessons/staging-up-for-another-assault/']) {
      await page.goto(url(p));
      await assertClean(page, dialogs);
    }
    expect(await page.locator('.wt-text .w.is-marked').count()).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a pasted result code whose name is script-like is shown as text', async () => {
    const { page, context, errors } = await newPage(browser);
    const dialogs = watchDialogs(page);
    const name = '<img src=x id=pwned>';
    const code = encodeResult({
      lesson: 'staging-up-for-another-assault',
      fp: 'x',
      name,
      steps: [{ id: 'control', found: 0, missed: 0, falseAlarms: 0, missedNumbers: [], falseAlarmRanges: [] }],
    });
    await page.goto(url('review/'));
    await page.getByLabel('Result codes, one code per line').fill([code, XSS, `RNC1.${XSS}.zz`].join('\n'));
    await page.getByRole('button', { name: 'Show results' }).click();
    await expect.poll(() => page.locator('.review-lesson tbody th').first().textContent(), { timeout: 10_000 }).toContain(name);
    await assertClean(page, dialogs);
    expect(errors).toEqual([]);
    await context.close();
  });
});
