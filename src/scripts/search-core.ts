/**
 * Search with Pagefind, loaded only when someone searches. Result excerpts
 * come back as HTML with <mark>; only text and <mark> are kept, so nothing
 * from the index is ever interpreted as markup. Flagged phrases arrive as
 * sub-results of their lesson (the note's anchor) and link to the phrase.
 */
import { phraseSubResults, rankBatch, rankResults, searchQuery, type SubResult } from '../lib/search/search-query.ts';

interface PagefindSubResult extends SubResult {
  url: string;
}
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
  sub_results?: PagefindSubResult[];
  weighted_locations?: { location: number; weight: number }[];
}
interface PagefindResult {
  score: number;
  words: number[];
  matchedMetaFields?: string[];
  data(): Promise<PagefindResultData>;
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(q: string | null, o?: { filters?: Record<string, unknown> }): Promise<{ results: PagefindResult[] } | null>;
  debouncedSearch?: unknown;
}

export interface Hit {
  url: string;
  title: string;
  kind: string;
  excerpt: DocumentFragment;
  /** Flagged phrases of this page that match, best first. */
  phrases: { url: string; title: string; excerpt: DocumentFragment }[];
}

/**
 * How many results get their details per batch: each is one request for the
 * page's record (5–10 kB for a lesson), so the dialog shows fewer than the page.
 */
export const RESULTS_PER_BATCH = { dialog: 5, page: 10 } as const;
const PHRASES_PER_HIT = 3;

let loading: Promise<Pagefind> | null = null;

export function loadPagefind(base: string): Promise<Pagefind> {
  loading ??= import(/* @vite-ignore */ `${base}pagefind/pagefind.js`).then(async (pf: Pagefind) => {
    await pf.options({ baseUrl: base, excerptLength: 22 });
    await pf.init();
    return pf;
  });
  loading.catch(() => (loading = null));
  return loading;
}

/** Keep only text and <mark> from an excerpt. */
export function safeExcerpt(html: string): DocumentFragment {
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  const out = document.createDocumentFragment();
  const walk = (node: Node, into: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) into.appendChild(document.createTextNode(child.textContent ?? ''));
      else if (child.nodeName === 'MARK') {
        const m = document.createElement('mark');
        m.textContent = child.textContent;
        into.appendChild(m);
      } else walk(child, into);
    }
  };
  walk(tpl.content, out);
  return out;
}

/** A result's matching flagged phrases, linked to the phrase itself rather than its note. */
function phraseHits(d: PagefindResultData, query: string): Hit['phrases'] {
  const page = d.url.split('#')[0];
  return phraseSubResults(d.sub_results ?? [], query, PHRASES_PER_HIT).map(({ sub, mark }) => ({
    url: `${page}#${encodeURIComponent(mark)}`,
    title: sub.title,
    excerpt: safeExcerpt(sub.excerpt),
  }));
}

export interface SearchRun {
  total: number;
  /** Details of results [from, from + count). */
  hits(from: number, count: number): Promise<Hit[]>;
}

export async function search(base: string, query: string, filters: Record<string, string[]> = {}): Promise<SearchRun> {
  const pf = await loadPagefind(base);
  const active = Object.fromEntries(
    Object.entries(filters)
      .filter(([, v]) => v.length > 0)
      .map(([k, v]) => [k, { any: v }]),
  );
  const sent = searchQuery(query);
  const res = await pf.search(sent === '' ? null : sent, { filters: active });
  // The phrase as typed (stop words included) decides the order; see lib/search-query.ts.
  const results = rankResults(res?.results ?? [], query);
  return {
    total: results.length,
    hits: async (from, count) => {
      const data = rankBatch(await Promise.all(results.slice(from, from + count).map((r) => r.data())), query);
      return data.map((d) => ({
        url: d.url,
        title: d.meta.title ?? d.url,
        kind: d.meta.kind ?? '',
        excerpt: safeExcerpt(d.excerpt),
        phrases: phraseHits(d, sent),
      }));
    },
  };
}

function hitLink(
  url: string,
  titleText: string,
  kindText: string,
  excerpt: DocumentFragment,
  extraClass = '',
): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = url;
  a.className = `search-hit${extraClass}`;
  const title = document.createElement('span');
  title.className = 'search-hit-title';
  title.textContent = titleText;
  const kind = document.createElement('span');
  kind.className = 'search-hit-kind';
  kind.textContent = kindText;
  const ex = document.createElement('span');
  ex.className = 'search-hit-excerpt';
  ex.append(excerpt);
  a.append(title, kind, ex);
  return a;
}

/** Hits as list items: the page, then its matching flagged phrases. */
export function hitItems(hits: Hit[]): HTMLLIElement[] {
  return hits.map((h) => {
    const li = document.createElement('li');
    li.append(hitLink(h.url, h.title, h.kind, h.excerpt));
    if (h.phrases.length) {
      const sub = document.createElement('ul');
      sub.className = 'search-phrases';
      sub.setAttribute('aria-label', `Flagged phrases in “${h.title}”`);
      for (const p of h.phrases) {
        const item = document.createElement('li');
        item.append(hitLink(p.url, p.title, 'Flagged phrase', p.excerpt, ' search-phrase'));
        sub.append(item);
      }
      li.append(sub);
    }
    return li;
  });
}

/** Arrow keys move between the input and result links. */
export function arrowNavigation(input: HTMLInputElement, list: HTMLElement, signal?: AbortSignal) {
  const links = () => [...list.querySelectorAll<HTMLElement>('a.search-hit, button.search-more-results:not(:disabled)')];
  input.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'ArrowDown') {
        const first = links()[0];
        if (first) {
          e.preventDefault();
          first.focus();
        }
      }
    },
    { signal },
  );
  list.addEventListener(
    'keydown',
    (e) => {
      const all = links();
      const i = all.indexOf(document.activeElement as HTMLElement);
      if (i === -1) return;
      if (e.key === 'ArrowDown' && i < all.length - 1) {
        e.preventDefault();
        all[i + 1].focus();
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        (i === 0 ? input : all[i - 1]).focus();
      } else if (e.key === 'Home' && !e.ctrlKey) {
        e.preventDefault();
        all[0].focus();
      } else if (e.key === 'End' && !e.ctrlKey) {
        e.preventDefault();
        all[all.length - 1].focus();
      }
    },
    { signal },
  );
}

/**
 * Show the first batch of a run in `list`, and a "Show more" button after it
 * while results remain (each press fetches the next batch's details only).
 */
export async function showRun(
  list: HTMLElement,
  run: SearchRun,
  isCurrent: () => boolean,
  { batch, more }: { batch: number; more: boolean },
): Promise<boolean> {
  const first = await run.hits(0, batch);
  if (!isCurrent()) return false;
  list.replaceChildren(...hitItems(first));
  let shown = first.length;
  const addMore = () => {
    if (!more || shown >= run.total) return;
    const li = document.createElement('li');
    li.className = 'search-more-row';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'search-more-results';
    button.textContent = `Show more results (${run.total - shown} more)`;
    const showMore = async () => {
      button.disabled = true;
      const next = await run.hits(shown, batch);
      if (!isCurrent()) return;
      const items = hitItems(next);
      li.replaceWith(...items);
      shown += next.length;
      items[0]?.querySelector<HTMLAnchorElement>('a.search-hit')?.focus();
      addMore();
    };
    button.addEventListener('click', () => void showMore());
    li.append(button);
    list.append(li);
  };
  addMore();
  return true;
}

export function countText(total: number, query: string): string {
  if (query.trim() === '') return '';
  return total === 0 ? `No results for “${query}”.` : `${total} result${total === 1 ? '' : 's'} for “${query}”.`;
}
