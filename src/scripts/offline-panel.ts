/**
 * <ml-offline>: downloads the whole library with progress, shows what is
 * saved on this device and removes the copies. Only this page loads it.
 */
import {
  OFFLINE_PAGE,
  cacheName,
  chunk,
  formatBytes,
  isOwnCache,
  progressText,
  savedLessons,
  type InfoReply,
  type LibraryReply,
  type SaveReply,
} from '../lib/offline/offline.ts';
import { withBase } from '../lib/site/url.ts';
import { activeWorker, ask, base, container, installed } from './offline.ts';

const $ = <T extends Element>(root: ParentNode, sel: string) => root.querySelector<T>(sel);
/** Saved lessons listed by name; the rest are counted. */
const SHOWN = 100;

/** A saved page's title, without the site's name. */
function pageTitle(html: string | undefined): string | null {
  const m = html ? /<title>([^<]*)<\/title>/.exec(html.slice(0, 4000)) : null;
  if (!m) return null;
  const title = new DOMParser().parseFromString(`<title>${m[1]}</title>`, 'text/html').title;
  return title.replace(/ · [^·]*$/, '') || null;
}

class OfflinePanel extends HTMLElement {
  private busy = false;
  private abort: AbortController | null = null;

  connectedCallback() {
    this.abort?.abort();
    this.abort = new AbortController();
    const { signal } = this.abort;
    const fallback = $<HTMLElement>(document, '[data-offline-fallback]');
    const here = location.pathname;
    if (fallback && here !== withBase(base, OFFLINE_PAGE) && here !== withBase(base, 'offline')) {
      // The worker served this page because the one asked for is not saved.
      let shown = here;
      try {
        shown = decodeURI(here);
      } catch {
        // Keep the encoded form.
      }
      $(fallback, '[data-missing]')!.textContent = shown;
      fallback.hidden = false;
      document.title = `Not saved for offline use · Read the News Closely`;
    }
    $<HTMLButtonElement>(this, '[data-act="download"]')?.addEventListener('click', () => void this.download(), { signal });
    $<HTMLButtonElement>(this, '[data-act="clear"]')?.addEventListener('click', () => void this.clear(), { signal });
    void this.refresh();
  }

  disconnectedCallback() {
    this.abort?.abort();
    this.abort = null;
  }

  private set(sel: string, text: string) {
    const el = $<HTMLElement>(this, sel);
    if (el) el.textContent = text;
  }

  private unsupported(text: string) {
    this.set('[data-unsupported]', text);
    $<HTMLElement>(this, '[data-unsupported]')!.hidden = false;
    for (const el of this.querySelectorAll<HTMLElement>('[data-needs-worker]')) el.hidden = true;
  }

  private async worker(): Promise<ServiceWorker | null> {
    const sw = container();
    if (!sw || !installed || !import.meta.env.PROD) return null;
    return activeWorker(sw, 15_000);
  }

  /** Show what is saved: the whole library, and lesson by lesson. */
  private async refresh(): Promise<InfoReply | null> {
    const sw = container();
    if (!sw || !installed || !import.meta.env.PROD) {
      this.unsupported(
        !installed
          ? 'This copy of the site is not set up for offline use. Lessons still work while you are connected.'
          : !import.meta.env.PROD
            ? 'Offline use works in the built site, not in the development server.'
            : 'This browser cannot keep pages for offline use here (for example in a private window). Lessons still work while you are connected.',
      );
      return null;
    }
    const worker = await this.worker();
    if (!worker) {
      this.set('[data-summary]', 'Offline copies are not set up yet. Reload this page while connected to set them up.');
      return null;
    }
    const info = await ask<InfoReply>(worker, { type: 'info' }).catch(() => null);
    if (!info) {
      this.set('[data-summary]', 'Could not check the offline copies. Reload the page to try again.');
      return null;
    }
    const saved = new Set(info.saved);
    const list = $<HTMLUListElement>(this, '.offline-lessons')!;
    const paths = savedLessons(info.saved);
    const cache = await caches.open(cacheName(base, info.version));
    const items = await Promise.all(
      paths.slice(0, SHOWN).map(async (path) => {
        const href = withBase(base, path);
        const html = await (await cache.match(new URL(href, location.href).href))?.text();
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = href;
        a.textContent = pageTitle(html) ?? path;
        const state = document.createElement('span');
        state.className = 'offline-state';
        state.dataset.offlinePath = path;
        state.dataset.state = 'saved';
        state.textContent = '✓ Saved';
        li.append(a, ' ', state);
        return li;
      }),
    );
    if (paths.length > SHOWN) {
      const li = document.createElement('li');
      li.textContent = `and ${paths.length - SHOWN} more`;
      items.push(li);
    }
    list.replaceChildren(...items);
    // Every saved entry is a file of this version (old versions' caches are deleted on update).
    const whole = saved.size >= info.libraryFiles;
    this.set(
      '[data-summary]',
      `${paths.length} of ${list.dataset.lessonCount} lessons are saved on this device.${whole ? ' The whole library is saved, search included.' : ''}`,
    );
    this.set('[data-size]', formatBytes(info.libraryBytes));
    return info;
  }

  private async download() {
    if (this.busy) return;
    this.busy = true;
    const button = $<HTMLButtonElement>(this, '[data-act="download"]')!;
    const bar = $<HTMLProgressElement>(this, 'progress')!;
    button.disabled = true;
    try {
      const worker = await this.worker();
      if (!worker) {
        this.set(
          '[data-download-status]',
          'Offline copies are not set up yet. Reload this page while connected, then try again.',
        );
        return;
      }
      // The list of files is fetched now, not on every first visit: it grows with the library.
      this.set('[data-download-status]', 'Getting the list of files…');
      const reply = await ask<LibraryReply>(worker, { type: 'library' }).catch(() => null);
      if (!reply?.library) {
        this.set(
          '[data-download-status]',
          'Could not get the list of files to save. Check the connection, reload this page and try again.',
        );
        return;
      }
      const urls = reply.library.map((p) => new URL(withBase(base, p), location.href).href);
      const total = urls.length;
      let done = 0;
      const failed: string[] = [];
      bar.max = total;
      bar.value = 0;
      bar.parentElement!.hidden = false;
      this.set('[data-download-status]', progressText(0, total, 0));
      let announced = 0;
      for (const batch of chunk(urls, 12)) {
        const reply = await ask<SaveReply>(worker, { type: 'save', urls: batch }).catch(
          () => ({ type: 'saved', saved: 0, failed: batch }) satisfies SaveReply,
        );
        failed.push(...reply.failed);
        done += batch.length;
        bar.value = done;
        // Announce about every quarter, not every batch.
        if (done === total || done - announced >= total / 4) {
          announced = done;
          this.set('[data-download-status]', progressText(done, total, failed.length));
        }
      }
      await this.refresh();
    } finally {
      button.disabled = false;
      this.busy = false;
    }
  }

  private async clear() {
    const status = '[data-clear-status]';
    try {
      const names = (await caches.keys()).filter((n) => isOwnCache(n, base));
      await Promise.all(names.map((n) => caches.delete(n)));
      const sw = container();
      const reg = sw ? await sw.getRegistration(base) : undefined;
      await reg?.unregister();
      this.set(
        status,
        'Offline copies removed. Pages you open from now on will be saved again, unless you clear this site’s data in the browser settings.',
      );
      const list = $<HTMLUListElement>(this, '.offline-lessons')!;
      list.replaceChildren();
      this.set('[data-summary]', `0 of ${list.dataset.lessonCount} lessons are saved on this device.`);
    } catch {
      this.set(status, 'Could not remove the offline copies. Clear this site’s data in the browser settings instead.');
    }
  }
}

if (!customElements.get('ml-offline')) customElements.define('ml-offline', OfflinePanel);
