/**
 * <ml-write>: the lesson workbench. This file is tiny on purpose: the
 * workbench itself (the project's validator, zod and the YAML reader, about
 * 75 kB compressed) loads from write-app.ts only on this page, once the
 * element is on screen.
 */
import type { Workbench } from './write-app.ts';

class Write extends HTMLElement {
  private app: Promise<Workbench | null> | null = null;

  connectedCallback() {
    // Moved back into the page: the workbench is already built; listen again.
    if (this.app) {
      void this.app.then((app) => app?.listen());
      return;
    }
    this.app = import('./write-app.ts')
      .then((m) => m.start(this))
      .catch((err: unknown) => {
        const p = document.createElement('p');
        p.className = 'notice';
        p.textContent =
          'The workbench could not start in this browser. The authoring guide explains how to write the files by hand.';
        this.append(p);
        console.warn('workbench failed to start', err);
        return null;
      });
  }

  disconnectedCallback() {
    void this.app?.then((app) => app?.stop());
  }
}
if (!customElements.get('ml-write')) customElements.define('ml-write', Write);
