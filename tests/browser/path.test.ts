/** The start-here path and the lessons list, as a self-learner uses them. */

import { describe, expect, it } from 'vitest';
import { axe, hasBrowser, newPage, url, useBrowser } from './browser.ts';

describe.skipIf(!hasBrowser)('start-here path', () => {
  const browser = useBrowser();

  it('walks from the home page through two lessons, with progress ticks', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url(''));
    expect(await axe(page)).toEqual([]);
    const pathItems = page.locator('.path-list .lesson-card');
    expect(await pathItems.count()).toBeGreaterThanOrEqual(8);
    await page.getByRole('link', { name: /^Start here:/ }).click();
    await page.waitForURL(/lessons\/staging-up-for-another-assault\/$/);

    // Finish the first lesson: check every step (nothing marked), move on each time.
    const steps = await page.locator('.wt-nav button').count();
    for (let i = 0; i < steps; i++) {
      await page.locator('.step.is-current [data-act="check"]').click();
      await page.locator('.step.is-current [data-act="next"]').click();
    }
    await expect.poll(() => page.locator('.wt-summary-note').textContent()).toContain('Lesson complete');
    const next = page.getByRole('navigation', { name: 'Next lesson' }).getByRole('link');
    const nextTitle = await next.innerText();
    await next.click();
    await page.waitForURL(/lessons\/water-quality-report\/$/);
    expect(await page.locator('h1').innerText()).toBe(nextTitle);
    await page.locator(`.wt-text .w`).first().click();

    await page.goto(url(''));
    const first = page.locator('.path-list .lesson-card').nth(0).locator('.path-status');
    const second = page.locator('.path-list .lesson-card').nth(1).locator('.path-status');
    const third = page.locator('.path-list .lesson-card').nth(2).locator('.path-status');
    await expect.poll(() => first.textContent()).toBe('✓ Done');
    expect(await second.textContent()).toBe('◐ In progress');
    expect(await third.textContent()).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('filters the lessons list without JavaScript', async () => {
    const { page, context } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(url('lessons/'));
    const visible = () => page.locator('.lesson-card:visible').count();
    const all = await visible();
    expect(all).toBeGreaterThanOrEqual(8);
    await page.getByLabel('Advanced').check();
    const advanced = await visible();
    expect(advanced).toBeGreaterThan(0);
    expect(advanced).toBeLessThan(all);
    for (const level of await page.locator('.lesson-card:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-level')))) expect(level).toBe('advanced');
    await page.getByRole('radio', { name: 'All' }).first().check();
    await page.getByLabel('Elections').check();
    expect(await visible()).toBe(1);
    await context.close();
    // axe needs scripts, so the page's accessibility is checked with them on.
    const withJs = await newPage(browser);
    await withJs.page.goto(url('lessons/'));
    expect(await axe(withJs.page)).toEqual([]);
    await withJs.context.close();
  });
});
