/** The search dialog's behaviour, loaded on first open. */
import { arrowNavigation, countText, RESULTS_PER_BATCH, search, showRun } from './search-core.ts';

const mounted = new WeakSet<HTMLDialogElement>();

export function mountDialog(dialog: HTMLDialogElement, base: string) {
  if (mounted.has(dialog)) return;
  mounted.add(dialog);
  const input = dialog.querySelector<HTMLInputElement>('input[type="search"]')!;
  const list = dialog.querySelector<HTMLElement>('.search-results')!;
  const status = dialog.querySelector<HTMLElement>('.search-status')!;
  const more = dialog.querySelector<HTMLAnchorElement>('.search-more')!;
  let seq = 0;
  const run = async () => {
    const q = input.value;
    const mine = ++seq;
    more.href = `${base}search/?q=${encodeURIComponent(q)}`;
    if (q.trim() === '') {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    try {
      const found = await search(base, q);
      // The dialog shows one batch; its "All results" link opens the search page for more.
      if (!(await showRun(list, found, () => mine === seq, { batch: RESULTS_PER_BATCH.dialog, more: false }))) return;
      status.textContent = countText(found.total, q);
    } catch {
      if (mine === seq) status.textContent = 'Search could not load. Try the lessons list instead.';
    }
  };
  let timer: number | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void run(), 120);
  });
  dialog.querySelector('form')?.addEventListener('submit', (e) => {
    // The Close button submits the dialog form, which closes it; Enter in the field opens the first result.
    if (e.submitter?.getAttribute('value') === 'close') return;
    e.preventDefault();
    const first = list.querySelector<HTMLAnchorElement>('a.search-hit');
    if (first) first.click();
  });
  arrowNavigation(input, list);
  if (input.value) void run();
}
