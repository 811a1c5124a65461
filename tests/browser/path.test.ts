/** The start-here path and the lessons list, as a self-learner uses them. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasBrowser, newPage, url, useBrowser } from './browser.ts';
import { lessonOrder } from '../../src/lib/content/derive.ts';
import { loadLibrary } from '../../src/lib/content/load.ts';

const [firstLesson, secondLesson] = lessonOrder(loadLibrary(resolve('content')).lessons);

describe.skipIf(!hasBrowser)('start-here path', () => {
  const browser = useBrowser();

  it('walks from the home page through two lessons, with progress ticks', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url(''));
    const pathItems = page.locator('.path-list .lesson-card');
    expect(await pathItems.count()).toBeGreaterThanOrEqual(8);
    await page.getByRole('link', { name: /^Start here:/ }).click();
    await page.waitForURL(new RegExp(`lessons/${firstLesson.slug}/$`));

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
    await page.waitForURL(new RegExp(`lessons/${secondLesson.slug}/$`));
    expect(await page.locator('h1').innerText()).toBe(nextTitle);
    // A mark on either text (their order is set per learner) counts as started.
    await page.evaluate(() => {
      const k = 'rnc-progress-v1';
      const p = JSON.parse(localStorage.getItem(k) ?? '{"v":1,"lessons":{}}');
      p.lessons['water-quality-report'] = { steps: {}, updated: 1, first: 'control' };
      localStorage.setItem(k, JSON.stringify(p));
    });
    await page.reload();
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

  it('filters the lessons list without JavaScript: one static page per level, topic and lens', async () => {
    const { page, context } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(url('lessons/'));
    const filters = page.getByRole('navigation', { name: 'Filter lessons' });
    const cards = () => page.locator('.lesson-card').count();
    const all = await cards();
    expect(all).toBeGreaterThanOrEqual(8);
    expect(await filters.getByRole('link', { name: /^All lessons/ }).getAttribute('aria-current')).toBe('page');
    await filters.getByRole('link', { name: /^Advanced \(\d+\)$/ }).click();
    await page.waitForURL(/\/lessons\/level\/advanced\/$/);
    expect(await page.locator('h1').innerText()).toBe('Lessons: Advanced');
    const advanced = await cards();
    expect(advanced).toBeGreaterThan(0);
    expect(advanced).toBeLessThan(all);
    expect(await filters.getByRole('link', { name: /^Advanced/ }).getAttribute('aria-current')).toBe('page');
    for (const level of await page.locator('.lesson-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-level'))))
      expect(level).toBe('advanced');
    // The count in each link is the number of lessons on its page.
    const counted = async (name: RegExp) => Number(/\((\d+)\)/.exec(await filters.getByRole('link', { name }).innerText())![1]);
    await filters.getByRole('link', { name: /^Elections/ }).click();
    await page.waitForURL(/\/lessons\/topic\/elections\/$/);
    expect(await cards()).toBeGreaterThan(0);
    expect(await cards()).toBe(await counted(/^Elections/));
    await filters.getByRole('link', { name: /^Sourcing gap/ }).click();
    await page.waitForURL(/\/lessons\/lens\/sourcing-gap\/$/);
    expect(await cards()).toBe(await counted(/^Sourcing gap/));
    await context.close();
    // axe on the home page and the list pages: the sweep (each template's sample, with scripts on).
  });
});
