/**
 * Builds the Pagefind index right after `astro build`, so one command makes
 * site and search: every page's data-pagefind-body. Flagged phrases are
 * titled anchors inside the lesson pages (see lib/search-filters.ts), so they
 * cost no records of their own.
 */
import type { AstroIntegration } from 'astro';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

export const INDEXED_PAGES =
  '{*.html,*/index.html,lessons/*/index.html,lessons/*/guide/index.html,techniques/*/index.html,teach/*/index.html}';

export function searchIndex(): AstroIntegration {
  return {
    name: 'search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const started = performance.now();
        try {
          const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
          if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
          // Only pages that carry data-pagefind-body: skipping worksheets, answer keys and
          // projector views (large, and duplicates of the lesson) keeps big builds fast.
          const pages = await index.addDirectory({ path: out, glob: INDEXED_PAGES });
          if (pages.errors.length) throw new Error(`Pagefind indexing failed: ${pages.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: join(out, 'pagefind') });
          if (written.errors.length) throw new Error(`Pagefind could not write: ${written.errors.join('; ')}`);
          logger.info(`search index: ${pages.page_count} pages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        } finally {
          // Always, also on error: an open Pagefind keeps its process (and the build) alive.
          await pagefind.close();
        }
      },
    },
  };
}
