/**
 * <ml-search-launch>: the header's search link opens a dialog instead of the
 * search page; "/" and Ctrl/Cmd+K open it from anywhere. The search code and
 * index load only on first use.
 */
class SearchLaunch extends HTMLElement {
  private dialog: HTMLDialogElement | null = null;
  private abort: AbortController | null = null;

  connectedCallback() {
    this.abort?.abort();
    this.abort = new AbortController();
    const { signal } = this.abort;
    this.dialog = this.querySelector('dialog');
    const link = this.querySelector<HTMLAnchorElement>('a.search-link');
    if (!this.dialog || !link || typeof this.dialog.showModal !== 'function') return;
    link.addEventListener(
      'click',
      (e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        void this.open();
      },
      { signal },
    );
    document.addEventListener(
      'keydown',
      (e) => {
        const t = e.target as HTMLElement;
        const typing = t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
        if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void this.open();
        } else if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey && !this.dialog?.open) {
          e.preventDefault();
          void this.open();
        }
      },
      { signal },
    );
    const dialog = this.dialog;
    // A search field swallows the first Escape to clear itself; close at once instead.
    dialog.addEventListener(
      'keydown',
      (e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          dialog.close();
        }
      },
      { signal },
    );
    dialog.addEventListener(
      'click',
      (e) => {
        if (e.target === dialog) dialog.close();
      },
      { signal },
    );
  }

  disconnectedCallback() {
    this.abort?.abort();
    this.abort = null;
  }

  private async open() {
    const dialog = this.dialog!;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
    const { mountDialog } = await import('./search-dialog.ts');
    mountDialog(dialog, this.dataset.base ?? '/');
  }
}

if (!customElements.get('ml-search-launch')) customElements.define('ml-search-launch', SearchLaunch);
