/**
 * <ml-source-check>: shows the answer to the learner's choice of text type
 * (worked out at build time, in data-feedback) and hides the answer when an
 * assignment link turns answers off.
 */
class SourceCheck extends HTMLElement {
  #abort?: AbortController;

  connectedCallback() {
    this.#abort = new AbortController();
    const out = this.querySelector<HTMLElement>('.source-check-feedback');
    const answersOff = new URLSearchParams(location.search.slice(0, 2000)).get('answers') === 'off';
    if (answersOff) for (const el of this.querySelectorAll<HTMLElement>('[data-answer]')) el.hidden = true;
    this.addEventListener(
      'change',
      (e) => {
        const input = e.target as HTMLInputElement | null;
        if (!out || !input || input.type !== 'radio') return;
        out.textContent = answersOff ? 'Noted. Your teacher will go through the answer.' : (input.dataset.feedback ?? '');
        out.dataset.state = answersOff ? '' : (input.dataset.state ?? '');
      },
      { signal: this.#abort.signal },
    );
  }

  disconnectedCallback() {
    this.#abort?.abort();
  }
}

if (!customElements.get('ml-source-check')) customElements.define('ml-source-check', SourceCheck);
