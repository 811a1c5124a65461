/**
 * Search with Pagefind, loaded only when someone searches. Result excerpts
 * come back as HTML with <mark>; only text and <mark> are kept, so nothing
 * from the index is ever interpreted as markup.
 */

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(q: string | null, o?: { filters?: Record<string, unknown> }): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
  debouncedSearch?: unknown;
}

export interface Hit {
  url: string;
  title: string;
  kind: string;
  context: string;
  excerpt: DocumentFragment;
}

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

export async function search(base: string, query: string, filters: Record<string, string[]> = {}, limit = 20): Promise<{ total: number; hits: Hit[] }> {
  const pf = await loadPagefind(base);
  const active = Object.fromEntries(Object.entries(filters).filter(([, v]) => v.length > 0).map(([k, v]) => [k, { any: v }]));
  const res = await pf.search(query.trim() === '' ? null : query, { filters: active });
  if (!res) return { total: 0, hits: [] };
  const data = await Promise.all(res.results.slice(0, limit).map((r) => r.data()));
  return {
    total: res.results.length,
    hits: data.map((d) => ({
      url: d.url,
      title: d.meta.title ?? d.url,
      kind: d.meta.kind ?? '',
      context: d.meta.lesson ?? '',
      excerpt: safeExcerpt(d.excerpt),
    })),
  };
}

/** Render hits as a list of links; returns the list element. */
export function renderHits(list: HTMLElement, hits: Hit[]) {
  list.replaceChildren(
    ...hits.map((h) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = h.url;
      a.className = 'search-hit';
      const title = document.createElement('span');
      title.className = 'search-hit-title';
      title.textContent = h.title;
      const kind = document.createElement('span');
      kind.className = 'search-hit-kind';
      kind.textContent = [h.kind, h.context && `in “${h.context}”`].filter(Boolean).join(' ');
      const ex = document.createElement('span');
      ex.className = 'search-hit-excerpt';
      ex.append(h.excerpt);
      a.append(title, kind, ex);
      li.append(a);
      return li;
    }),
  );
}

/** Arrow keys move between the input and result links. */
export function arrowNavigation(input: HTMLInputElement, list: HTMLElement) {
  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a.search-hit')];
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      const first = links()[0];
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  });
  list.addEventListener('keydown', (e) => {
    const all = links();
    const i = all.indexOf(document.activeElement as HTMLAnchorElement);
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
  });
}

export function countText(total: number, query: string): string {
  if (query.trim() === '') return '';
  return total === 0 ? `No results for “${query}”.` : `${total} result${total === 1 ? '' : 's'} for “${query}”.`;
}
