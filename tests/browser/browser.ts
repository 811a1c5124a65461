/**
 * The browser tests' shared Chromium and checks. global-setup.ts starts one
 * Chromium for the whole run; each test file connects to it once with
 * `const browser = useBrowser();` inside its describe block (each test then
 * makes its own context, so tests stay isolated).
 */
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { CHROMIUM_ARGS } from '../../src/cli/chromium.ts';

export { CHROMIUM_ARGS };
export const siteUrl = inject('siteUrl');
export const hasBrowser = inject('chromium') !== '';

/**
 * A connection to the run's shared Chromium (or, outside the test run's setup,
 * a Chromium of its own). close() disconnects and closes the contexts made
 * through it.
 */
export function launch(): Promise<Browser> {
  const ws = inject('browserWs');
  return ws ? chromium.connect(ws) : chromium.launch({ executablePath: inject('chromium'), args: CHROMIUM_ARGS });
}

/**
 * The shared browser for one test file: connects before its tests and
 * disconnects after them. Call it inside the describe block (so a skipped
 * block connects to nothing); use the result like a Browser in the tests.
 */
export function useBrowser(): Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());
  return new Proxy({} as Browser, {
    get(_target, key): unknown {
      if (!browser) throw new Error('useBrowser(): the browser is only there inside tests and hooks');
      const value: unknown = Reflect.get(browser, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(browser) : value;
    },
  });
}

export function url(path = ''): string {
  return siteUrl + path.replace(/^\//, '');
}

/**
 * Run axe with WCAG 2.x A/AA rules (2.2 included); return violations,
 * summarised. `rules` narrows it to those rules, e.g. ['color-contrast'] for
 * the dark-mode pass, where only colours differ from light mode; `skip` leaves
 * rules out, e.g. ['color-contrast'] where another page of the template checks it.
 * Legacy mode runs axe.run() in the page itself, instead of a partial run per
 * frame finished in a new blank page: the same rules and results for pages
 * without other-origin frames (the site has none), at about half the time.
 */
export async function axe(page: Page, include?: string, rules?: string[], skip?: string[]) {
  let builder = new AxeBuilder({ page }).setLegacyMode();
  builder = rules ? builder.withRules(rules) : builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  if (skip) builder = builder.disableRules(skip);
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary),
  }));
}

/** A fresh context that fails the test on page errors and console errors. */
export async function newPage(
  browser: Browser,
  opts: Parameters<Browser['newContext']>[0] = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext(opts);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { context, page, errors };
}

/** Collect (and dismiss) any alert/confirm/prompt a page opens: there should be none. */
export function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

/**
 * A download's contents as text (byte order mark removed). Use this rather than
 * download.path(): the shared browser is connected remotely, where path() is not available.
 */
export async function downloadText(download: Download): Promise<string> {
  const chunks = (await (await download.createReadStream()).toArray()) as Buffer[];
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\ufeff/, '');
}
