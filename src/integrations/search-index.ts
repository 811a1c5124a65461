/**
 * Builds the Pagefind index during `astro build`, so one command makes site
 * and search: every page's data-pagefind-body. Pagefind is opened when the
 * build starts, and the integration's middleware (search-pages.ts) hands it
 * each indexed page as soon as the page is rendered, so Pagefind's own
 * process parses while Astro renders. When the build is done, any indexed
 * page the middleware did not see is read from disk, and the index is
 * written. Flagged phrases are titled anchors inside the lesson pages (see
 * lib/search-filters.ts), so they cost no records of their own. Each page
 * goes to Pagefind without its data-pagefind-ignore blocks
 * (lib/search/strip-ignored.ts): the same index, about a third of the HTML to
 * parse.
 */
import type { AstroIntegration } from 'astro';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { INDEXED_PAGE, setPageSink } from '../lib/search/page-sink.ts';
import { stripIgnored } from '../lib/search/strip-ignored.ts';
import { listFiles } from '../lib/site/sizes.ts';

/** Pages read back from disk at once: enough to keep Pagefind's threads busy, few enough to bound memory. */
const IN_FLIGHT = 16;

type Index = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>['index']>;

/** One build's index: pages are added as they come, from the middleware or from disk. */
class BuildIndex {
  readonly index: Promise<Index>;
  readonly added = new Set<string>();
  private readonly pending: Promise<void>[] = [];
  private readonly failures: string[] = [];

  constructor() {
    this.index = pagefind.createIndex({ forceLanguage: 'en' }).then(({ index, errors }) => {
      if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
      return index;
    });
    // Reported by finish(); never an unhandled rejection while the build goes on.
    this.index.catch(() => {});
  }

  add(file: string, html: string): Promise<void> {
    this.added.add(file);
    const content = stripIgnored(html);
    const done = this.index
      .then((index) => index.addHTMLFile({ sourcePath: file, content }))
      .then(
        (r) => {
          if (r.errors.length) this.failures.push(`${file}: ${r.errors.join('; ')}`);
        },
        () => {},
      );
    this.pending.push(done);
    return done;
  }

  /** Adds the indexed pages of `out` not added yet, then writes the index into out/pagefind. */
  async finish(out: string): Promise<number> {
    const pages = listFiles(out)
      .map((f) => relative(out, f).split(sep).join('/'))
      .filter((p) => INDEXED_PAGE.test(p));
    const onDisk = new Set(pages);
    const strays = [...this.added].filter((p) => !onDisk.has(p));
    if (strays.length) throw new Error(`Pagefind indexing failed: pages rendered but not written: ${strays.join(', ')}`);
    const rest = pages.filter((p) => !this.added.has(p)).sort();
    let next = 0;
    const reader = async () => {
      while (next < rest.length) {
        const file = rest[next++];
        await this.add(file, readFileSync(join(out, file), 'utf8'));
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, reader));
    const index = await this.index;
    await Promise.all(this.pending);
    if (this.failures.length) throw new Error(`Pagefind indexing failed: ${this.failures.sort().join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(out, 'pagefind') });
    if (written.errors.length) throw new Error(`Pagefind could not write: ${written.errors.join('; ')}`);
    return pages.length;
  }
}

export function searchIndex(): AstroIntegration {
  let build: BuildIndex | undefined;
  return {
    name: 'search-index',
    hooks: {
      'astro:config:setup': ({ command, addMiddleware }) => {
        if (command === 'build') addMiddleware({ entrypoint: new URL('./search-pages.ts', import.meta.url), order: 'post' });
      },
      'astro:build:start': () => {
        build = new BuildIndex();
        setPageSink({ add: (file, html) => void build?.add(file, html) });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const started = performance.now();
        setPageSink(undefined);
        const current = build ?? new BuildIndex();
        build = undefined;
        try {
          const early = current.added.size;
          const pages = await current.finish(out);
          logger.info(
            `search index: ${pages} pages (${early} while rendering), written ${((performance.now() - started) / 1000).toFixed(1)} s after the last page`,
          );
        } finally {
          // Always, also on error: an open Pagefind keeps its process (and the build) alive.
          await pagefind.close();
        }
      },
    },
  };
}
