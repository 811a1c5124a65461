/**
 * Offline use, on every page: registers the service worker (dist/sw.js,
 * written by src/integrations/service-worker.ts) and, the first time, asks it
 * to save the page that is already open. Silent where service workers are
 * unavailable (private windows, plain http, the dev server).
 *
 * Kept small because every page loads it; the "Use offline" page's own
 * <ml-offline> (offline-panel.ts) reuses the helpers here.
 */
import type { OfflineMessage, SaveReply } from '../lib/offline/offline.ts';
import { withBase } from '../lib/site/url.ts';

export const base = withBase(import.meta.env.BASE_URL);

/** Set by src/integrations/service-worker.ts, which writes sw.js. */
export const installed = import.meta.env.OFFLINE_SW === true;

export function container(): ServiceWorkerContainer | null {
  try {
    return window.isSecureContext && 'serviceWorker' in navigator ? navigator.serviceWorker : null;
  } catch {
    return null;
  }
}

export function ask<T>(worker: ServiceWorker, msg: OfflineMessage, ms = 60_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => reject(new Error('The offline helper did not answer.')), ms);
    channel.port1.onmessage = (e) => {
      clearTimeout(timer);
      resolve(e.data as T);
    };
    worker.postMessage(msg, [channel.port2]);
  });
}

/** The active service worker, or null if there is none within `ms`. */
export async function activeWorker(sw: ServiceWorkerContainer, ms: number): Promise<ServiceWorker | null> {
  const ready = sw.ready.then((reg) => reg.active);
  return Promise.race([ready, new Promise<null>((r) => setTimeout(() => r(null), ms))]);
}

async function register(): Promise<void> {
  const sw = container();
  if (!sw) return;
  if (!import.meta.env.PROD) {
    // A worker left over from a preview build on this origin must not serve stale files in development.
    const regs = await sw.getRegistrations();
    await Promise.all(regs.filter((r) => r.scope === location.origin + base).map((r) => r.unregister()));
    return;
  }
  if (!installed) return;
  const wasControlled = Boolean(sw.controller);
  await sw.register(withBase(base, 'sw.js'), { scope: base, updateViaCache: 'none' });
  if (wasControlled) return;
  // This page loaded before the worker existed: save it now, with the scripts it loaded on demand.
  const worker = await activeWorker(sw, 30_000);
  const loaded = performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((u) => u.startsWith(`${location.origin}${base}_astro/`));
  if (worker) await ask<SaveReply>(worker, { type: 'save', urls: [location.href, ...loaded] });
}

register().catch(() => undefined);
