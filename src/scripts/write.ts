/**
 * <ml-write>: the lesson workbench. This file is tiny on purpose: the
 * workbench itself (the project's validator, zod and the YAML reader, about
 * 75 kB compressed) loads from write-app.ts only on this page, once the
 * element is on screen.
 */
class Write extends HTMLElement {
  connectedCallback() {
    import('./write-app.ts')
      .then((m) => m.start(this))
      .catch((err: unknown) => {
        const p = document.createElement('p');
        p.className = 'notice';
        p.textContent = 'The workbench could not start in this browser. The authoring guide explains how to write the files by hand.';
        this.append(p);
        console.warn('workbench failed to start', err);
      });
  }
}
if (!customElements.get('ml-write')) customElements.define('ml-write', Write);
