/**
 * Offline use in a real browser. The site is reached through a small proxy
 * owned by this test, so the test can cut the connection for real (the
 * proxy drops every connection, on top of Playwright's setOffline, which
 * does not cover service workers) and can deploy a "new version" of sw.js.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { axe, hasBrowser, newPage, useBrowser } from './browser.ts';

const BASE = '/media-lessons/';
const LESSON = 'lessons/staging-up-for-another-assault/';
const OTHER = 'lessons/heatwave-forecast/';
const lib = loadLibrary(resolve('content'));
const titleOf = (slug: string) => lib.lessons.find((l) => l.slug === slug)!.data.title;

const state = { down: false, nextVersion: false };
/** Paths that reached the server. */
const hits: string[] = [];

async function startProxy(upstream: string): Promise<{ server: Server; origin: string }> {
  // The handler catches its own errors (502), so the promise it returns can be left alone.
  const server = createServer((req, res) => void proxy(req, res));
  async function proxy(req: IncomingMessage, res: ServerResponse) {
    if (state.down) {
      req.socket.destroy();
      return;
    }
    hits.push(req.url ?? '');
    try {
      const up = await fetch(upstream + (req.url ?? '/'), { redirect: 'manual' });
      let body = Buffer.from(await up.arrayBuffer());
      if (req.url === `${BASE}sw.js` && state.nextVersion) {
        body = Buffer.from(body.toString('utf8').replace(/("version":\s*")([0-9a-f]+)"/, '$1$2next"'));
      }
      const headers: Record<string, string> = {};
      up.headers.forEach((v, k) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(k)) headers[k] = v;
      });
      res.writeHead(up.status, headers).end(body);
    } catch {
      res.writeHead(502).end();
    }
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return { server, origin: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` };
}

async function setOffline(context: BrowserContext, offline: boolean) {
  state.down = offline;
  await context.setOffline(offline);
}

/** Wait until the service worker controls the page and has saved it. */
async function controlledAndSaved(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
  await expect
    .poll(() => page.evaluate(() => caches.match(location.origin + location.pathname).then(Boolean)), { timeout: 15_000 })
    .toBe(true);
}

const ownCaches = (page: Page) =>
  page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('rtnc:/media-lessons/:')));

async function walkthroughWorks(page: Page) {
  // The script wraps the words it marks; wait until it runs (a busy machine loads it late).
  await page.waitForFunction(() => customElements.get('ml-walkthrough') !== undefined);
  await page.locator('.wt-text .w').nth(3).click();
  await page.locator('.step.is-current [data-act="check"]').click();
  await page.locator('.step.is-current .wt-score').waitFor({ timeout: 5000 });
}

describe.skipIf(!hasBrowser)('offline use', () => {
  const browser = useBrowser();
  let proxy: { server: Server; origin: string };
  const site = (path = '') => proxy.origin + BASE + path;
  const requests: string[] = [];

  beforeAll(async () => {
    const dist = inject('distDir');
    if (!existsSync(join(dist, 'sw.js')))
      throw new Error(
        `${dist}/sw.js is missing: add serviceWorker() from src/integrations/service-worker.ts to the integrations in astro.config.mjs`,
      );
    proxy = await startProxy(inject('siteOrigin'));
  });
  afterEach(() => {
    state.down = false;
    state.nextVersion = false;
  });
  afterAll(async () => {
    await new Promise((r) => proxy?.server.close(r));
    // Every request, in every test, stayed on the site's own origin.
    expect(requests.filter((r) => !r.startsWith(`${proxy.origin}/`))).toEqual([]);
  });

  async function open() {
    const p = await newPage(browser);
    p.context.on('request', (r) => requests.push(r.url()));
    return p;
  }

  it('keeps a visited lesson working offline, walkthrough included, and shows the offline page for others', async () => {
    const { context, page, errors } = await open();
    await page.goto(site(LESSON));
    await controlledAndSaved(page);
    expect(errors).toEqual([]);

    await setOffline(context, true);
    hits.length = 0;
    await page.reload();
    expect(await page.locator('h1').innerText()).toBe(titleOf('staging-up-for-another-assault'));
    await walkthroughWorks(page);
    // Assignment links (a query) open the same saved page.
    await page.goto(site(`${LESSON}?hints=off`));
    expect(await page.locator('h1').innerText()).toBe(titleOf('staging-up-for-another-assault'));

    await page.goto(site(OTHER));
    expect(await page.locator('h1').innerText()).toBe('Use offline');
    const notice = page.locator('[data-offline-fallback]');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.innerText()).toContain(`${BASE}${OTHER}`);
    // The saved lessons are listed by name from the saved copies, offline too; others are not listed.
    await expect.poll(() => page.locator(`[data-offline-path="${LESSON}"]`).count()).toBe(1);
    expect(await page.locator(`[data-offline-path="${LESSON}"]`).innerText()).toBe('✓ Saved');
    expect(await page.locator('.offline-lessons a').first().innerText()).toBe(titleOf('staging-up-for-another-assault'));
    expect(await page.locator(`[data-offline-path="${OTHER}"]`).count()).toBe(0);
    expect(await page.locator('[data-summary]').innerText()).toMatch(
      new RegExp(`^1 of ${lib.lessons.length} lessons are saved on this device\\.$`),
    );
    expect(await axe(page)).toEqual([]);
    expect(hits, 'nothing reached the server while offline').toEqual([]);
    expect(errors).toEqual([]);
    await setOffline(context, false);
    await context.close();
  });

  it('keeps the workbench once a teacher has opened it (it is not saved on install: the first visit stays small)', async () => {
    const sw = readFileSync(join(inject('distDir'), 'sw.js'), 'utf8');
    expect(sw).not.toContain('"write/"');
    const { context, page, errors } = await open();
    await page.goto(site(''));
    await controlledAndSaved(page);
    await page.goto(site('write/'));
    await page.locator('.wb-app').waitFor();
    await setOffline(context, true);
    hits.length = 0;
    await page.reload();
    await page.locator('.wb-app').waitFor();
    expect(await page.locator('h1').innerText()).toBe('Lesson workbench');
    expect(hits, 'nothing reached the server while offline').toEqual([]);
    expect(errors).toEqual([]);
    await setOffline(context, false);
    await context.close();
  });

  it('downloads the whole library from the "Use offline" page; then every lesson and search work offline', async () => {
    const { context, page, errors } = await open();
    await page.goto(site('offline/'));
    await controlledAndSaved(page);
    expect(await axe(page)).toEqual([]);
    const status = page.locator('[data-download-status]');
    expect(await status.getAttribute('role')).toBe('status');
    // The first visit fetched no list of the library's files; pressing the button does.
    expect(hits.filter((h) => h.endsWith('/offline-files.json'))).toEqual([]);
    await page.getByRole('button', { name: 'Download the whole library' }).click();
    await expect
      .poll(() => status.innerText(), { timeout: 60_000 })
      .toMatch(/^Done: the whole library \(\d+ files\) is saved on this device\.$/);
    const n = lib.lessons.length;
    await expect
      .poll(() => page.locator('[data-summary]').innerText())
      .toBe(`${n} of ${n} lessons are saved on this device. The whole library is saved, search included.`);
    expect(hits.filter((h) => h.endsWith('/offline-files.json'))).toHaveLength(1);
    expect(await page.locator('.offline-lessons [data-state="saved"]').count()).toBe(n);
    expect(
      await page.locator('progress').evaluate((p) => (p as HTMLProgressElement).value === (p as HTMLProgressElement).max),
    ).toBe(true);
    expect(await axe(page)).toEqual([]);

    await setOffline(context, true);
    hits.length = 0;
    await page.goto(site(OTHER));
    expect(await page.locator('h1').innerText()).toBe(titleOf('heatwave-forecast'));
    await walkthroughWorks(page);
    await page.goto(site('search/?q=war+report'));
    await expect
      .poll(() => page.locator('.search-page .search-status').textContent(), { timeout: 10_000 })
      .toMatch(/\d+ results? for/);
    await page.goto(site(`${LESSON}guide/`));
    expect(await page.locator('h1').count()).toBe(1);
    expect(hits, 'nothing reached the server while offline').toEqual([]);
    expect(errors).toEqual([]);

    // Remove the copies: our caches go, the progress stays.
    await setOffline(context, false);
    await page.goto(site('offline/'));
    await page.getByRole('button', { name: 'Remove offline copies' }).click();
    await expect.poll(() => page.locator('[data-clear-status]').innerText()).toMatch(/^Offline copies removed\./);
    expect(await ownCaches(page)).toEqual([]);
    expect(await page.locator(`[data-offline-path="${LESSON}"]`).count()).toBe(0);
    expect(await page.locator('[data-summary]').innerText()).toBe(`0 of ${lib.lessons.length} lessons are saved on this device.`);
    await context.close();
  });

  it('replaces the old copies when a new version is deployed, keeping the lessons a learner had', async () => {
    const { context, page, errors } = await open();
    await page.goto(site(LESSON));
    await controlledAndSaved(page);
    const [before] = await ownCaches(page);
    expect(before).toMatch(/^rtnc:\/media-lessons\/:[0-9a-f]+$/);

    state.nextVersion = true;
    try {
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      await expect.poll(() => ownCaches(page), { timeout: 20_000 }).toEqual([`${before}next`]);
    } finally {
      state.nextVersion = false;
    }
    const kept = await page.evaluate(
      ([name, path]) =>
        caches
          .open(name)
          .then((c) => c.match(location.origin + path))
          .then(Boolean),
      [`${before}next`, BASE + LESSON],
    );
    expect(kept).toBe(true);

    await setOffline(context, true);
    await page.reload();
    expect(await page.locator('h1').innerText()).toBe(titleOf('staging-up-for-another-assault'));
    await walkthroughWorks(page);
    expect(errors).toEqual([]);
    await setOffline(context, false);
    await context.close();
  });

  it('explains without JavaScript that offline copies need it', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(site('offline/'));
    expect(await page.locator('main').innerText()).toContain('Keeping pages for offline use needs JavaScript');
    expect(await page.locator('ml-offline').isVisible()).toBe(false);
    await context.close();
  });
});
