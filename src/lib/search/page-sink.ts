/**
 * Pages on their way to the search index while the build renders them.
 * The search-index integration opens Pagefind when the build starts and puts
 * a sink here; its middleware (integrations/search-pages.ts) hands each
 * indexed page to the sink as soon as it is rendered, so Pagefind parses on
 * the other core while Astro renders the next pages, instead of reading every
 * page back from disk after the build. The middleware runs in Astro's bundled
 * page code and the integration in the config's module graph: two copies of
 * this module, so the sink lives on globalThis under a registered symbol.
 */

/**
 * The pages that can carry data-pagefind-body (the others are not indexed):
 * top-level pages, lessons and their guides, techniques and teach pages.
 * Worksheets, answer keys, assignment and projector views (large, and
 * duplicates of the lesson) are left out, which keeps big builds fast.
 */
export const INDEXED_PAGE =
  /^(?:[^/]+\.html|[^/]+\/index\.html|lessons\/[^/]+\/(?:guide\/)?index\.html|techniques\/[^/]+\/index\.html|teach\/[^/]+\/index\.html)$/;

export interface PageSink {
  /** A rendered page: its output file (relative to the site's root folder, `/` separators) and HTML. */
  add(file: string, html: string): void;
}

const KEY = Symbol.for('read-the-news-closely.search-page-sink');
type Holder = { [KEY]?: PageSink };

export function setPageSink(sink: PageSink | undefined): void {
  (globalThis as Holder)[KEY] = sink;
}

export function pageSink(): PageSink | undefined {
  return (globalThis as Holder)[KEY];
}

/**
 * The file a page is written to with `build.format: 'directory'`:
 * `/lessons/x/` → `lessons/x/index.html`, `/` → `index.html`, `/404.html` →
 * `404.html`. Null for a path outside `base` or one with a file extension
 * other than .html (endpoints).
 */
export function pageFileOf(pathname: string, base: string): string | null {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const path = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : pathname === base ? '' : null;
  if (path === null) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (decoded === '' || decoded.endsWith('/')) return `${decoded}index.html`;
  return decoded.endsWith('.html') ? decoded : /\.[a-z0-9]+$/i.test(decoded) ? null : `${decoded}/index.html`;
}
