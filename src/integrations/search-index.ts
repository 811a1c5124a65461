/**
 * Builds the Pagefind index right after `astro build`, so one command makes
 * site and search: every page's data-pagefind-body. Flagged phrases are
 * titled anchors inside the lesson pages (see lib/search-filters.ts), so they
 * cost no records of their own. Each page goes to Pagefind without its
 * data-pagefind-ignore blocks (lib/search/strip-ignored.ts): the same index,
 * about a third of the HTML to parse.
 */
import type { AstroIntegration } from 'astro';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { stripIgnored } from '../lib/search/strip-ignored.ts';
import { listFiles } from '../lib/site/sizes.ts';

/**
 * The pages that can carry data-pagefind-body (the others are skipped unread):
 * top-level pages, lessons and their guides, techniques and teach pages.
 * Skipping worksheets, answer keys, assignment and projector views (large,
 * and duplicates of the lesson) keeps big builds fast.
 */
export const INDEXED_PAGE =
  /^(?:[^/]+\.html|[^/]+\/index\.html|lessons\/[^/]+\/(?:guide\/)?index\.html|techniques\/[^/]+\/index\.html|teach\/[^/]+\/index\.html)$/;

/** Pages handed to Pagefind at once: enough to keep its threads busy, few enough to bound memory. */
const IN_FLIGHT = 16;

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
          const pages = listFiles(out)
            .map((f) => relative(out, f).split(sep).join('/'))
            .filter((p) => INDEXED_PAGE.test(p))
            .sort();
          const failures: string[] = [];
          let next = 0;
          const worker = async () => {
            while (next < pages.length) {
              const sourcePath = pages[next++];
              const content = stripIgnored(readFileSync(join(out, sourcePath), 'utf8'));
              const r = await index.addHTMLFile({ sourcePath, content });
              if (r.errors.length) failures.push(`${sourcePath}: ${r.errors.join('; ')}`);
            }
          };
          await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
          if (failures.length) throw new Error(`Pagefind indexing failed: ${failures.join('; ')}`);
          const written = await index.writeFiles({ outputPath: join(out, 'pagefind') });
          if (written.errors.length) throw new Error(`Pagefind could not write: ${written.errors.join('; ')}`);
          logger.info(`search index: ${pages.length} pages read in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        } finally {
          // Always, also on error: an open Pagefind keeps its process (and the build) alive.
          await pagefind.close();
        }
      },
    },
  };
}
