/**
 * Lists that grow with the library (the lessons list, a technique's examples,
 * the start-here path on the home page) are split into pages of a fixed size,
 * so no page grows without bound. Every page is a static file, so paging and
 * filtering work without JavaScript.
 */

export const PAGE_SIZE = {
  /** Lesson cards per page of the lessons list (about 10 kB of gzipped HTML). */
  lessons: 48,
  /** Examples (a quote and its note) per page of a technique (about 25 kB of gzipped HTML with notes of 60 words). */
  examples: 100,
  /** Lessons of the start-here path shown on the home page; the lessons list has the rest. */
  homePath: 12,
} as const;

/** `items` in pages of `size`; always at least one page (possibly empty). */
export function paginate<T>(items: readonly T[], size: number): T[][] {
  if (!(size >= 1)) throw new Error(`page size must be at least 1, not ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length ? out : [[]];
}

/** The URL path of page `n` of a list whose first page is at `first` (ending in "/"). */
export function pageHref(first: string, n: number): string {
  return n <= 1 ? first : `${first}page/${n}/`;
}

/**
 * The page numbers a pager shows: the first and last, the current one and two
 * either side; null where numbers are left out. Stays short for any number of pages.
 */
export function pagerItems(current: number, total: number): (number | null)[] {
  const shown = new Set([1, total]);
  for (let n = current - 2; n <= current + 2; n++) if (n >= 1 && n <= total) shown.add(n);
  const out: (number | null)[] = [];
  let last = 0;
  for (const n of [...shown].sort((a, b) => a - b)) {
    if (n - last > 2) out.push(null);
    else if (n - last === 2) out.push(n - 1);
    out.push(n);
    last = n;
  }
  return out;
}

/** URL-safe, unique slugs for display values ("Local news" -> "local-news"), in order. */
export function slugsFor(values: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const v of values) {
    if (out.has(v)) continue;
    const stem =
      v
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'other';
    let slug = stem;
    for (let i = 2; used.has(slug); i++) slug = `${stem}-${i}`;
    used.add(slug);
    out.set(v, slug);
  }
  return out;
}
