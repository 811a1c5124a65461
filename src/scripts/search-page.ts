/**
 * <ml-search-page>: the full search page. The query and filters live in the
 * URL (?q=…&level=…), so a search can be shared; unknown values are ignored.
 */
import { arrowNavigation, countText, RESULTS_PER_BATCH, search, showRun } from './search-core.ts';

class SearchPage extends HTMLElement {
  private abort: AbortController | null = null;
  private timer: number | undefined;

  connectedCallback() {
    this.abort?.abort();
    this.abort = new AbortController();
    const { signal } = this.abort;
    const base = this.dataset.base ?? '/';
    const form = this.querySelector<HTMLFormElement>('form')!;
    const input = form.querySelector<HTMLInputElement>('input[type="search"]')!;
    const list = this.querySelector<HTMLElement>('.search-results')!;
    const status = this.querySelector<HTMLElement>('.search-status')!;
    const boxes = [...form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];

    const params = new URLSearchParams(location.search);
    input.value = (params.get('q') ?? '').slice(0, 200);
    for (const b of boxes) b.checked = params.getAll(b.name).includes(b.value);

    let seq = 0;
    const run = async () => {
      const mine = ++seq;
      const filters: Record<string, string[]> = {};
      for (const b of boxes) if (b.checked) (filters[b.name] ??= []).push(b.value);
      const q = input.value;
      const url = new URL(location.href);
      url.search = new URLSearchParams([
        ['q', q],
        ...Object.entries(filters).flatMap(([k, vs]) => vs.map((v) => [k, v])),
      ]).toString();
      history.replaceState(null, '', url);
      if (q.trim() === '' && Object.keys(filters).length === 0) {
        list.replaceChildren();
        status.textContent = 'Type a word or phrase, or choose a filter.';
        return;
      }
      try {
        const found = await search(base, q, filters);
        if (!(await showRun(list, found, () => mine === seq, { batch: RESULTS_PER_BATCH.page, more: true }))) return;
        const total = found.total;
        const what = q.trim() ? countText(total, q) : `${total} result${total === 1 ? '' : 's'}.`;
        const n = Object.values(filters).flat().length;
        status.textContent = n ? `${what} ${n} filter${n === 1 ? '' : 's'} on.` : what;
      } catch {
        if (mine === seq) status.textContent = 'Search could not load. Try the lessons list instead.';
      }
    };
    input.addEventListener(
      'input',
      () => {
        clearTimeout(this.timer);
        this.timer = window.setTimeout(() => void run(), 150);
      },
      { signal },
    );
    form.addEventListener(
      'change',
      (e) => {
        if ((e.target as HTMLElement).matches('input[type="checkbox"]')) void run();
      },
      { signal },
    );
    form.addEventListener(
      'submit',
      (e) => {
        e.preventDefault();
        void run();
      },
      { signal },
    );
    arrowNavigation(input, list, signal);
    void run();
  }

  disconnectedCallback() {
    this.abort?.abort();
    this.abort = null;
    clearTimeout(this.timer);
  }
}

if (!customElements.get('ml-search-page')) customElements.define('ml-search-page', SearchPage);
