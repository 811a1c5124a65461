/**
 * Builds the site once (under a base path, to prove links survive one),
 * serves it, starts the one Chromium the test files share, and tells the
 * tests where. Without Chromium the browser tests skip with a message,
 * unless REQUIRE_BROWSER=1 (set by .ci/run).
 */
import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium as playwright } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { astroBuild, scratchProject } from '../../src/cli/astro-build.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/cli/chromium.ts';
import { readHeaders, serve } from '../../src/cli/serve.ts';

export const BASE = '/media-lessons/';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    siteOrigin: string;
    chromium: string;
    /** Where the shared Chromium listens (playwright's chromium.connect). */
    browserWs: string;
    distDir: string;
  }
}

export default async function setup(project: TestProject) {
  const chromium = CHROMIUM_PATH;
  const have = existsSync(chromium);
  if (!have) {
    const msg = `Chromium not found at ${chromium}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`;
    if (process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1: ${msg}`);
    console.warn(`\n*** Browser tests SKIPPED: ${msg}\n`);
    project.provide('chromium', '');
    project.provide('siteUrl', '');
    project.provide('siteOrigin', '');
    project.provide('distDir', '');
    project.provide('browserWs', '');
    return;
  }
  const distDir = resolve(process.env.BROWSER_DIST ?? 'tests/.tmp/dist-browser');
  if (process.env.REUSE_BUILD !== '1' || !existsSync(distDir)) {
    // In a copy of the project, its content included: `npm test` type-checks the project at the same
    // time, and both would write the project's .astro/ folder.
    const project = scratchProject();
    try {
      cpSync('content', join(project.dir, 'content'), { recursive: true });
      const r = astroBuild({ cwd: project.dir, outDir: distDir, env: { BASE_PATH: BASE, SITE_URL: 'http://127.0.0.1' } });
      if (r.status !== 0) throw new Error(`Site build for browser tests failed:\n${r.output}`);
    } finally {
      project.remove();
    }
  }
  const headers = readHeaders(resolve(distDir, '_headers'));
  if (!headers['Content-Security-Policy']) throw new Error('dist/_headers has no Content-Security-Policy');
  const served = await serve(distDir, BASE, headers);
  const browser = await playwright.launchServer({ executablePath: chromium, args: CHROMIUM_ARGS });
  project.provide('chromium', chromium);
  project.provide('browserWs', browser.wsEndpoint());
  project.provide('siteUrl', served.url);
  project.provide('siteOrigin', served.origin);
  project.provide('distDir', distDir);
  return async () => {
    await browser.close();
    await served.close();
  };
}
