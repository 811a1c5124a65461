/** <ml-assign>: keeps the assignment link in step with the form, and copies it. */
import { assignmentQuery } from '../lib/learner/assignment.ts';
import { copyField } from './clipboard.ts';

class Assign extends HTMLElement {
  private abort: AbortController | null = null;

  connectedCallback() {
    this.abort?.abort();
    this.abort = new AbortController();
    const { signal } = this.abort;
    const form = this.querySelector('form')!;
    const out = this.querySelector<HTMLInputElement>('input[readonly]')!;
    const status = this.querySelector<HTMLElement>('.assign-status')!;
    const all = (this.dataset.steps ?? '').split(',').filter(Boolean);
    const update = () => {
      const data = new FormData(form);
      const q = assignmentQuery(
        { steps: data.getAll('steps').map(String), hints: data.get('hints') !== 'off', answers: data.get('answers') !== 'off' },
        all,
      );
      // Counts only: the assignment version, which has no answers on the page at all.
      const page =
        data.get('answers') === 'off' ? (this.dataset.assess ?? form.getAttribute('action')) : form.getAttribute('action');
      out.value = new URL(`${page}?${q}`, location.href).href;
      const none = data.getAll('steps').length === 0;
      status.textContent = none ? 'Choose at least one step; with none chosen, the link gives every step.' : '';
    };
    form.addEventListener('change', update, { signal });
    this.querySelector('[data-act="copy"]')?.addEventListener(
      'click',
      () => void copyField(out, status, 'link', 'Link copied.'),
      { signal },
    );
    update();
  }

  disconnectedCallback() {
    this.abort?.abort();
    this.abort = null;
  }
}

if (!customElements.get('ml-assign')) customElements.define('ml-assign', Assign);
