/** <ml-source-check>: answers the learner's choice of text type; hides the answer when an assignment turns answers off. */
import { genreFeedback, isGenre } from '../lib/source-check.ts';

class SourceCheck extends HTMLElement {
  #abort?: AbortController;

  connectedCallback() {
    this.#abort = new AbortController();
    const genre = this.dataset.genre ?? '';
    const also = (this.dataset.also ?? '').split(' ').filter(isGenre);
    const note = this.dataset.note || undefined;
    const out = this.querySelector<HTMLElement>('.source-check-feedback');
    const answersOff = new URLSearchParams(location.search.slice(0, 2000)).get('answers') === 'off';
    if (answersOff) for (const el of this.querySelectorAll<HTMLElement>('[data-answer]')) el.hidden = true;
    this.addEventListener(
      'change',
      (e) => {
        const input = e.target as HTMLInputElement | null;
        if (!out || !input || input.type !== 'radio') return;
        if (!isGenre(genre)) return;
        const r = genreFeedback(input.value, genre, also, note);
        out.textContent = answersOff ? 'Noted. Your teacher will go through the answer.' : r.message;
        out.dataset.state = answersOff ? '' : r.correct ? 'right' : 'again';
      },
      { signal: this.#abort.signal },
    );
  }

  disconnectedCallback() {
    this.#abort?.abort();
  }
}

if (!customElements.get('ml-source-check')) customElements.define('ml-source-check', SourceCheck);
