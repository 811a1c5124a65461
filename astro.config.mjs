// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { contentGuard } from './src/integrations/content-guard.ts';
import { safeOutput } from './src/integrations/safe-output.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { securityHeaders } from './src/integrations/security-headers.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';
import { codeClassTransformer } from './src/lib/site/code-classes.ts';

/**
 * Deploying under a sub-path (e.g. GitHub Pages): set SITE_URL to the origin
 * and BASE_PATH to the sub-path, e.g. SITE_URL=https://example.org BASE_PATH=/media-lessons
 */
const site = process.env.SITE_URL || 'http://localhost:4321';
const base = process.env.BASE_PATH || '/';

export default defineConfig({
  site,
  base,
  // Astro's content store lives in the project, not in node_modules/.astro: scratch copies of the
  // project (tests, benchmarks) share node_modules, and a shared store leaks entries between builds.
  cacheDir: './.astro/cache',
  trailingSlash: 'always',
  // concurrency: a few pages render at once, so writing one page's files overlaps rendering the next
  // (at 500 lessons about 7% less wall time; the pages are the same).
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  // Order matters: content is checked before anything is built; the site is
  // written to a temporary folder and only replaces the output (safeOutput, last)
  // when search, headers and service worker have all succeeded.
  integrations: [contentGuard(), mdx(), searchIndex(), securityHeaders(), serviceWorker(), safeOutput()],
  markdown: {
    shikiConfig: {
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: false,
      // Classes instead of inline styles: the site runs under a CSP without 'unsafe-inline'.
      transformers: [codeClassTransformer()],
    },
  },
  devToolbar: { enabled: false },
  vite: {
    build: {
      // Never inline scripts: the CSP allows scripts from the site's own files only.
      assetsInlineLimit: 0,
      rollupOptions: {
        onwarn(warning, warn) {
          // Known Astro/MDX noise: every MDX module carries this directive.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && String(warning.message).includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
