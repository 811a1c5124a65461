/**
 * Offline use: which built files a browser keeps, under which cache name,
 * and the service worker that keeps them.
 *
 * The plan (version, shell, whole-library list) is made at build time by
 * src/integrations/service-worker.ts from the real files in dist/. What the
 * worker needs at once (version, shell, counts: `workerPlan`) is baked into
 * dist/sw.js together with `startServiceWorker` below (bundled), so sw.js
 * stays the same size however large the library; the whole-library list is
 * dist/offline-files.json (LIBRARY_LIST), fetched only when a learner asks
 * to save the whole library (or an update must carry a saved library over).
 *
 * Strategies, for same-origin GET requests under the base path only:
 * - pages (navigations, paths ending in "/" or ".html"): network first, so a
 *   new version shows on the next visit; the saved copy when the network
 *   fails or is too slow; the "Use offline" page when nothing is saved;
 * - `<base>_astro/` (hashed names, never change): cache first;
 * - `<base>pagefind/`: only what the whole-library download saved, else the
 *   network; never saved while someone merely searches;
 * - every other file of a type this build has (CSS endpoints, data.json,
 *   icons, manifest): stale-while-revalidate;
 * - anything else (other origins, other paths, POST, other file types) is
 *   not touched at all.
 */

// ---------- Names and paths ----------

export const OFFLINE_PAGE = 'offline/';
/** Pages saved as soon as the service worker installs. */
/**
 * Saved on install. Other pages (the workbench among them, 27 kB) are saved when first opened, so the
 * first visit stays small whatever page a learner came for.
 */
export const SHELL_PAGES = ['', 'lessons/', OFFLINE_PAGE] as const;
/** A saved page is used when the network has not answered within this time. */
export const NETWORK_TIMEOUT_MS = 4000;
/** The whole-library file list, written next to sw.js. */
export const LIBRARY_LIST = 'offline-files.json';

/** "/x" or "x/" or "" -> "/x/" or "/". */
export function normaliseBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * One cache per build version and base path. The base is part of the name
 * because caches are shared by every site on an origin (e.g. several
 * projects on one GitHub Pages domain); we only ever touch our own.
 */
export function cacheName(base: string, version: string): string {
  return `rtnc:${normaliseBase(base)}:${version}`;
}

export function isOwnCache(name: string, base: string): boolean {
  return name.startsWith(`rtnc:${normaliseBase(base)}:`);
}

/** This site's caches from other versions: delete these on update. */
export function staleCaches(names: readonly string[], base: string, version: string): string[] {
  const current = cacheName(base, version);
  return names.filter((n) => isOwnCache(n, base) && n !== current);
}

/** Built files that are never served to browsers or never worth keeping. */
const NOT_SERVED = new Set(['_headers', '_redirects', 'sw.js', '404.html', LIBRARY_LIST]);
/** Pagefind's stock UI bundles: the site uses its own search UI. */
const UNUSED = /^pagefind\/pagefind-(?:ui|component-ui|modular-ui|highlight)\.(?:js|css)$/;

/**
 * A dist-relative file ("lessons/x/index.html") -> the path a browser asks
 * for, relative to the base ("lessons/x/"); null for files never fetched.
 */
export function servedPath(file: string): string | null {
  const f = file.replace(/\\/g, '/').replace(/^\/+/, '');
  if (NOT_SERVED.has(f) || UNUSED.test(f) || f.endsWith('.map')) return null;
  if (f === 'index.html') return '';
  if (f.endsWith('/index.html')) return f.slice(0, -'index.html'.length);
  return f;
}

/** Files whose names change whenever their content does: safe to keep forever. */
export function isImmutable(path: string): boolean {
  return (
    path.startsWith('_astro/') || /^pagefind\/(?:fragment|index|filter)\//.test(path) || /^pagefind\/.*\.pf_meta$/.test(path)
  );
}

export interface BuiltFile {
  /** Relative to dist/, with forward slashes. */
  file: string;
  bytes: number;
}

export interface OfflinePlan {
  /** Changes whenever any built file does (a hash of every file's content). */
  version: string;
  base: string;
  /** Saved on install: shell pages, every script and style, small root files. Relative to base. */
  shell: string[];
  /** Everything a browser may fetch from this build, relative to base: the whole-library download. */
  library: string[];
  libraryBytes: number;
  /** Scripts loaded on demand, by the script that can load them (see lazyScripts). */
  lazy?: Record<string, string[]>;
}

/** What sw.js carries: no per-file list, so it does not grow with the library. */
export interface WorkerPlan {
  version: string;
  base: string;
  shell: string[];
  libraryFiles: number;
  libraryBytes: number;
  /** Extensions of the build's other files (css, json, svg…): those get stale-while-revalidate. */
  assetTypes: string[];
  /**
   * For each script a page can load that may later import() more code, the on-demand scripts it
   * can reach (all relative to base): saved with the page, so that a feature first used offline
   * (the walkthrough's feedback on the first Check) still loads.
   */
  lazy: Record<string, string[]>;
}

/** The contents of LIBRARY_LIST. */
export interface LibraryList {
  version: string;
  library: string[];
}

const extension = (path: string) => {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

export function workerPlan(plan: OfflinePlan): WorkerPlan {
  const assetTypes = new Set(
    plan.library.filter((p) => !isPagePath(p) && !p.startsWith('_astro/') && !p.startsWith('pagefind/')).map(extension),
  );
  return {
    version: plan.version,
    base: plan.base,
    shell: plan.shell,
    libraryFiles: plan.library.length,
    libraryBytes: plan.libraryBytes,
    assetTypes: [...assetTypes].filter(Boolean).sort(),
    lazy: plan.lazy ?? {},
  };
}

/** A fetched LIBRARY_LIST, checked: null unless it is this version's and well formed. */
export function parseLibraryList(data: unknown, version: string): string[] | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (d.version !== version || !Array.isArray(d.library)) return null;
  return d.library.filter((p): p is string => typeof p === 'string');
}

/**
 * Scripts only ever loaded by a dynamic import() of another script (the search
 * dialog, the practice lab's parser…), from the build's _astro/*.js sources:
 * a page runs without them until someone uses that feature, so they are not
 * saved on install (the page that first loads them gets them kept then).
 * `sources` maps "_astro/x.js" to its code.
 */
export function dynamicOnlyScripts(sources: ReadonlyMap<string, string>): Set<string> {
  const statically = new Set<string>();
  const dynamically = new Set<string>();
  for (const [path, code] of sources) {
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    for (const m of code.matchAll(/\bimport\s*\(\s*[`'"]\.\/([^`'"$]+)[`'"]/g)) dynamically.add(dir + m[1]);
    for (const m of code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+)["']/g))
      statically.add(dir + m[1]);
    // Vite lists a dynamic chunk's own imports for preloading: they are just as optional.
    for (const m of code.matchAll(/__vite__mapDeps=\(i,[^[]*\[([^\]]*)\]/g)) {
      for (const d of m[1].matchAll(/["'`]_astro\/([^"'`]+)["'`]/g)) dynamically.add(`_astro/${d[1]}`);
    }
  }
  // Reached statically from any script is needed; otherwise, reached only dynamically is not.
  const needed = new Set<string>();
  const visit = (p: string) => {
    if (needed.has(p) || !sources.has(p)) return;
    needed.add(p);
    const dir = p.slice(0, p.lastIndexOf('/') + 1);
    for (const m of sources.get(p)!.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+)["']/g))
      visit(dir + m[1]);
  };
  for (const p of sources.keys()) if (!dynamically.has(p)) visit(p);
  return new Set([...sources.keys()].filter((p) => !needed.has(p)));
}

const STATIC_IMPORT = /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+)["']/g;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*[`'"]\.\/([^`'"$]+)[`'"]/g;
const MAP_DEPS = /__vite__mapDeps=\(i,[^[]*\[([^\]]*)\]/g;

/**
 * For each script, the on-demand scripts (from dynamicOnlyScripts) it can end up loading, through
 * import() and the static imports of what it loads; only scripts that can load any are listed.
 * `sources` maps "_astro/x.js" to its code, as for dynamicOnlyScripts.
 */
export function lazyScripts(
  sources: ReadonlyMap<string, string>,
  onDemand: ReadonlySet<string> = dynamicOnlyScripts(sources),
): Record<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const [path, code] of sources) {
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    const to = [...code.matchAll(STATIC_IMPORT), ...code.matchAll(DYNAMIC_IMPORT)].map((m) => dir + m[1]);
    for (const m of code.matchAll(MAP_DEPS))
      for (const d of m[1].matchAll(/["'`]_astro\/([^"'`]+)["'`]/g)) to.push(`_astro/${d[1]}`);
    edges.set(
      path,
      to.filter((p) => sources.has(p)),
    );
  }
  const out: Record<string, string[]> = {};
  for (const start of [...sources.keys()].sort()) {
    if (onDemand.has(start)) continue;
    const seen = new Set<string>([start]);
    const todo = [start];
    while (todo.length) {
      for (const next of edges.get(todo.pop()!) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        todo.push(next);
      }
    }
    const lazy = [...seen].filter((p) => onDemand.has(p)).sort();
    if (lazy.length) out[start] = lazy;
  }
  return out;
}

/** The site's own scripts a saved page refers to (relative to base), from its HTML. */
export function pageScripts(html: string, base: string): string[] {
  const prefix = normaliseBase(base);
  const found = new Set<string>();
  for (const m of html.matchAll(/\bsrc\s*=\s*["']([^"']+\.js)["']/g)) {
    const src = m[1];
    if (src.startsWith(`${prefix}_astro/`)) found.add(src.slice(prefix.length));
  }
  return [...found];
}

export function offlinePlan(
  base: string,
  files: readonly BuiltFile[],
  version: string,
  notOnInstall: ReadonlySet<string> = new Set(),
  lazy: Record<string, string[]> = {},
): OfflinePlan {
  const served = files
    .map((f) => ({ path: servedPath(f.file), bytes: f.bytes }))
    .filter((f): f is { path: string; bytes: number } => f.path !== null)
    .sort((a, b) => a.path.localeCompare(b.path));
  const paths = new Set(served.map((f) => f.path));
  const shell = [
    ...SHELL_PAGES.filter((p) => paths.has(p)),
    ...served
      .map((f) => f.path)
      .filter((p) => (p.startsWith('_astro/') && !notOnInstall.has(p)) || (!p.includes('/') && p !== '')),
  ];
  return {
    version,
    base: normaliseBase(base),
    shell,
    library: served.map((f) => f.path),
    libraryBytes: served.reduce((n, f) => n + f.bytes, 0),
    lazy,
  };
}

// ---------- Which requests, which strategy ----------

export type Strategy = 'network-first' | 'cache-first' | 'stale-while-revalidate' | 'saved-only';

export interface RequestLike {
  url: string;
  method: string;
  mode?: string;
  destination?: string;
}

export interface Site {
  origin: string;
  base: string;
  /** Extensions of this build's other files (see WorkerPlan.assetTypes). */
  assetTypes: ReadonlySet<string>;
}

function isPagePath(rel: string): boolean {
  return rel === '' || rel.endsWith('/') || rel.endsWith('.html') || !/\.[a-z0-9]+$/i.test(rel.slice(rel.lastIndexOf('/') + 1));
}

/** The path relative to the base, or null when the URL is not ours to handle. */
export function sitePath(url: string, site: Pick<Site, 'origin' | 'base'>): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.origin !== site.origin) return null;
  const base = normaliseBase(site.base);
  if (u.pathname === base.slice(0, -1)) return '';
  if (!u.pathname.startsWith(base)) return null;
  return u.pathname.slice(base.length);
}

/** How to answer a request; null means "do not touch it". */
export function strategyFor(req: RequestLike, site: Site): Strategy | null {
  if (req.method !== 'GET') return null;
  const rel = sitePath(req.url, site);
  if (rel === null || rel === 'sw.js' || rel === LIBRARY_LIST) return null;
  if (rel.startsWith('_astro/')) return 'cache-first';
  if (rel.startsWith('pagefind/')) return 'saved-only';
  if (req.mode === 'navigate' || req.destination === 'document' || req.destination === 'iframe' || isPagePath(rel))
    return 'network-first';
  return site.assetTypes.has(extension(rel)) ? 'stale-while-revalidate' : null;
}

/**
 * The cache key. Pages ignore the query (assignment links, search terms: the
 * HTML is the same) and gain their trailing slash, so "lessons/x?steps=1",
 * "lessons/x" and "lessons/x/" are one saved page. Search index files ignore
 * it too: Pagefind adds "?ts=<time>" to bust caches, and each saved copy
 * belongs to one build version anyway.
 */
export function cacheKey(url: string, strategy: Strategy): string {
  const u = new URL(url);
  u.hash = '';
  if (strategy === 'saved-only') u.search = '';
  if (strategy === 'network-first') {
    u.search = '';
    if (!u.pathname.endsWith('/') && !/\.[a-z0-9]+$/i.test(u.pathname.slice(u.pathname.lastIndexOf('/') + 1))) u.pathname += '/';
  }
  return u.href;
}

/** Only complete, same-origin, non-redirected 200 answers are kept. */
export function isStorable(res: Pick<Response, 'status' | 'type' | 'redirected'>): boolean {
  return res.status === 200 && (res.type === 'basic' || res.type === 'default') && !res.redirected;
}

// ---------- Download helpers (used by the "Use offline" page) ----------

export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export function formatBytes(n: number): string {
  if (n < 1000 * 1000) return `${Math.max(1, Math.round(n / 1000))} kB`;
  return `${(n / (1000 * 1000)).toFixed(1)} MB`;
}

export function progressText(done: number, total: number, failed: number): string {
  if (done < total) return `Saving: ${done} of ${total} files…`;
  if (failed === 0) return `Done: the whole library (${total} files) is saved on this device.`;
  const s = failed === 1 ? '' : 's';
  return `Saved ${total - failed} of ${total} files. ${failed} file${s} could not be downloaded: check the connection and press the button again to fetch the rest.`;
}

/** Saved lesson pages ("lessons/<slug>/"), in order, from saved paths relative to base. */
export function savedLessons(saved: readonly string[]): string[] {
  return saved.filter((p) => /^lessons\/[^/]+\/$/.test(p)).sort();
}

// ---------- Messages between pages and the service worker ----------

export interface InfoReply {
  type: 'info';
  version: string;
  libraryFiles: number;
  libraryBytes: number;
  /** Saved paths, relative to base. */
  saved: string[];
}

/** The whole-library list, fetched by the worker when asked (null when it could not be fetched). */
export interface LibraryReply {
  type: 'library';
  library: string[] | null;
}

export interface SaveReply {
  type: 'saved';
  saved: number;
  failed: string[];
}

export type OfflineMessage = { type: 'info' } | { type: 'library' } | { type: 'save'; urls: string[] };

export function parseMessage(data: unknown): OfflineMessage | null {
  if (!data || typeof data !== 'object') return null;
  const m = data as Record<string, unknown>;
  if (m.type === 'info') return { type: 'info' };
  if (m.type === 'library') return { type: 'library' };
  if (m.type === 'save' && Array.isArray(m.urls))
    return { type: 'save', urls: m.urls.filter((u): u is string => typeof u === 'string').slice(0, 500) };
  return null;
}

// ---------- The service worker ----------

export interface ExtendableEventLike {
  waitUntil(p: Promise<unknown>): void;
}
export interface FetchEventLike extends ExtendableEventLike {
  request: RequestLike;
  respondWith(r: Promise<Response>): void;
}
export interface MessageEventLike extends ExtendableEventLike {
  data: unknown;
  ports?: readonly { postMessage(m: unknown): void }[];
  source?: { postMessage(m: unknown): void } | null;
}
export interface WorkerScope {
  location: { origin: string };
  caches: CacheStorage;
  fetch(input: RequestLike | string, init?: RequestInit): Promise<Response>;
  skipWaiting(): Promise<unknown>;
  clients: { claim(): Promise<unknown> };
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEventLike) => void): void;
  addEventListener(type: 'message', listener: (e: MessageEventLike) => void): void;
}

const OFFLINE_HTML =
  '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline</title><h1>You are offline</h1><p>This page is not saved on this device. Try again when you are connected.</p></html>';

function timeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    t = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(t));
}

async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** What every step of the worker needs: where it runs, this version's plan and cache, and its time limits. */
interface SwContext {
  scope: WorkerScope;
  plan: WorkerPlan;
  site: Site;
  base: string;
  /** The URL of a path of this site. */
  abs: (rel: string) => string;
  offlineUrl: string;
  networkTimeout: number;
  fetchTimeout: number;
  /** This version's cache. */
  open: () => Promise<Cache>;
}

function workerOf(scope: WorkerScope, plan: WorkerPlan, opts: { networkTimeoutMs?: number; fetchTimeoutMs?: number }): SwContext {
  const base = normaliseBase(plan.base);
  const origin = scope.location.origin;
  const current = cacheName(base, plan.version);
  const abs = (rel: string) => origin + base + rel;
  return {
    scope,
    plan,
    site: { origin, base, assetTypes: new Set(plan.assetTypes) },
    base,
    abs,
    offlineUrl: abs(OFFLINE_PAGE),
    networkTimeout: opts.networkTimeoutMs ?? NETWORK_TIMEOUT_MS,
    fetchTimeout: opts.fetchTimeoutMs ?? 20_000,
    open: () => scope.caches.open(current),
  };
}

/** A fresh copy of a URL, within the fetch time limit. */
function fetchFresh(w: SwContext, url: string): Promise<Response> {
  return timeout(w.scope.fetch(url, { cache: 'no-cache', credentials: 'same-origin' }), w.fetchTimeout);
}

/** This version's whole-library list, fetched fresh; null when offline or not this version's. */
async function libraryList(w: SwContext): Promise<string[] | null> {
  try {
    const res = await fetchFresh(w, w.abs(LIBRARY_LIST));
    return res.ok ? parseLibraryList(await res.json(), w.plan.version) : null;
  } catch {
    return null;
  }
}

/** Fetch a URL fresh and keep it; resolves false when it cannot be kept. */
async function store(w: SwContext, cache: Cache, url: string): Promise<boolean> {
  const res = await fetchFresh(w, url);
  if (!isStorable(res)) return false;
  await keepWhole(w, cache, url, res);
  return true;
}

/**
 * Keep a fetched file; for a page, first the scripts it loads on demand (keepLazy), then the page:
 * a page that is saved has everything it needs offline, so "saved" (the offline page's list, a
 * reload without a network) never means a page whose first Check cannot load its feedback.
 */
async function keepWhole(w: SwContext, cache: Cache, url: string, res: Response): Promise<void> {
  await keepLazy(w, cache, res.clone());
  await cache.put(url, res);
}

/**
 * A kept page also keeps the scripts its scripts load on demand (plan.lazy), so a feature first
 * used offline (the walkthrough's feedback on the first Check) still works. Best effort: a script
 * that cannot be saved does not stop the page being kept.
 */
async function keepLazy(w: SwContext, cache: Cache, res: Response): Promise<void> {
  if (!(res.headers.get('Content-Type') ?? '').includes('text/html')) return;
  try {
    const wanted = new Set(pageScripts(await res.text(), w.base).flatMap((s) => w.plan.lazy[s] ?? []));
    await eachLimited([...wanted], 6, async (rel) => {
      const url = w.abs(rel);
      if (!(await cache.match(url))) await store(w, cache, url).catch(() => false);
    });
  } catch {
    // Offline or a failed read: the page works until the feature is used.
  }
}

/** Copy a URL from the old cache into the new one, if the old one has it. */
async function keepOld(old: Cache, cache: Cache, url: string): Promise<void> {
  const res = await old.match(url);
  if (res) await cache.put(url, res);
}

/** A new version keeps what the learner had saved: refreshed, or the old copy when offline. */
async function carryOver(w: SwContext, cache: Cache): Promise<void> {
  for (const name of staleCaches(await w.scope.caches.keys(), w.base, w.plan.version)) {
    await carryOverCache(w, cache, await w.scope.caches.open(name));
  }
}

async function carryOverCache(w: SwContext, cache: Cache, old: Cache): Promise<void> {
  const entries = (await old.keys()).map((r) => r.url);
  // Saved search index files are kept when this version has them too, which only the list can tell
  // (fetched only for learners who saved the library); offline, every old file is kept below.
  const savedIndex = entries.some((u) => sitePath(u, w.site)?.startsWith('pagefind/'));
  const list = savedIndex ? await libraryList(w) : null;
  const known = new Set([...w.plan.shell, ...Object.values(w.plan.lazy).flat(), ...(list ?? [])]);
  const immutable: string[] = [];
  let keptOld = false;
  await eachLimited(entries, 6, async (url) => {
    const rel = sitePath(url, w.site);
    if (rel === null || (await cache.match(url))) return;
    if (isImmutable(rel)) {
      immutable.push(url);
      if (known.has(rel)) await keepOld(old, cache, url);
      return;
    }
    if (!(await refreshOrKeepOld(w, old, cache, url))) keptOld = true;
  });
  // Old pages need their old scripts and styles to keep working offline.
  if (keptOld) {
    for (const url of immutable) {
      if (!(await cache.match(url))) await keepOld(old, cache, url);
    }
  }
}

/** Refresh a saved page; offline, keep the old copy. Resolves false when the old copy was kept. */
async function refreshOrKeepOld(w: SwContext, old: Cache, cache: Cache, url: string): Promise<boolean> {
  try {
    const res = await fetchFresh(w, url);
    if (isStorable(res)) await keepWhole(w, cache, url, res);
    // A 404 means the page is gone in this version: let it go.
    return true;
  } catch {
    const res = await old.match(url);
    if (!res) return true;
    await cache.put(url, res);
    return false;
  }
}

/** Install: save the shell (all or nothing), carry over what was saved, and take over at once. */
async function install(w: SwContext): Promise<void> {
  const cache = await w.open();
  await eachLimited(w.plan.shell, 6, async (rel) => {
    const url = w.abs(rel);
    if (await cache.match(url)) return;
    if (!(await store(w, cache, url))) throw new Error(`Could not save ${url}`);
  });
  await carryOver(w, cache);
  await w.scope.skipWaiting();
}

/** Activate: drop the caches of other versions of this site, and control open pages. */
async function activate(w: SwContext): Promise<void> {
  const names = await w.scope.caches.keys();
  await Promise.all(staleCaches(names, w.base, w.plan.version).map((n) => w.scope.caches.delete(n)));
  await w.scope.clients.claim();
}

async function fetchAndKeep(w: SwContext, event: FetchEventLike, key: string): Promise<Response> {
  const res = await w.scope.fetch(event.request);
  // The page is answered once it is kept, so a "Remove offline copies" pressed right after is never
  // undone by a late save. The scripts it loads on demand are kept first (keepWhole), each once: only
  // the first page that needs one waits for it.
  if (isStorable(res)) await keepWhole(w, await w.open(), key, res.clone());
  return res;
}

async function saved(w: SwContext, key: string): Promise<Response | undefined> {
  return (await w.open()).match(key);
}

function networkFirst(w: SwContext, event: FetchEventLike, key: string): void {
  const network = fetchAndKeep(w, event, key);
  const settled = network.catch(() => null);
  event.waitUntil(settled);
  event.respondWith(
    (async () => {
      const copy = (await saved(w, key)) ?? null;
      if (!copy) {
        const res = await settled;
        if (res) return res;
        return (
          (await saved(w, w.offlineUrl)) ??
          new Response(OFFLINE_HTML, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } })
        );
      }
      const first = await Promise.race([settled, new Promise<'slow'>((r) => setTimeout(() => r('slow'), w.networkTimeout))]);
      // A server error while a good copy is saved: use the copy.
      if (first && first !== 'slow' && first.status < 500) return first;
      return copy;
    })(),
  );
}

function cacheFirst(w: SwContext, event: FetchEventLike, key: string): void {
  event.respondWith((async () => (await saved(w, key)) ?? fetchAndKeep(w, event, key).catch(() => Response.error()))());
}

function staleWhileRevalidate(w: SwContext, event: FetchEventLike, key: string): void {
  const network = fetchAndKeep(w, event, key).catch(() => null);
  event.waitUntil(network);
  event.respondWith((async () => (await saved(w, key)) ?? (await network) ?? Response.error())());
}

function savedOnly(w: SwContext, event: FetchEventLike, key: string): void {
  event.respondWith((async () => (await saved(w, key)) ?? w.scope.fetch(event.request).catch(() => Response.error()))());
}

const STRATEGIES: Record<Strategy, (w: SwContext, event: FetchEventLike, key: string) => void> = {
  'network-first': networkFirst,
  'cache-first': cacheFirst,
  'stale-while-revalidate': staleWhileRevalidate,
  'saved-only': savedOnly,
};

function onFetch(w: SwContext, event: FetchEventLike): void {
  const strategy = strategyFor(event.request, w.site);
  if (!strategy) return;
  STRATEGIES[strategy](w, event, cacheKey(event.request.url, strategy));
}

async function info(w: SwContext): Promise<InfoReply> {
  const cache = await w.open();
  const saved = (await cache.keys()).map((r) => sitePath(r.url, w.site)).filter((p): p is string => p !== null);
  return { type: 'info', version: w.plan.version, libraryFiles: w.plan.libraryFiles, libraryBytes: w.plan.libraryBytes, saved };
}

/** Save these URLs (already saved ones count as saved: a retry resumes). */
async function save(w: SwContext, urls: readonly string[]): Promise<SaveReply> {
  const cache = await w.open();
  let saved = 0;
  const failed: string[] = [];
  await eachLimited(urls, 6, async (url) => {
    const strategy = strategyFor({ url, method: 'GET' }, w.site);
    if (!strategy) {
      failed.push(url);
      return;
    }
    const key = cacheKey(url, strategy);
    try {
      if ((await cache.match(key)) || (await store(w, cache, key))) saved++;
      else failed.push(url);
    } catch {
      failed.push(url);
    }
  });
  return { type: 'saved', saved, failed };
}

function onMessage(w: SwContext, event: MessageEventLike): void {
  const msg = parseMessage(event.data);
  if (!msg) return;
  const port = event.ports?.[0] ?? event.source;
  if (!port) return;
  const work =
    msg.type === 'info'
      ? info(w)
      : msg.type === 'library'
        ? libraryList(w).then((library): LibraryReply => ({ type: 'library', library }))
        : save(w, msg.urls);
  event.waitUntil(work.then((r) => port.postMessage(r)).catch(() => undefined));
}

export function startServiceWorker(
  scope: WorkerScope,
  plan: WorkerPlan,
  opts: { networkTimeoutMs?: number; fetchTimeoutMs?: number } = {},
): void {
  const w = workerOf(scope, plan, opts);
  scope.addEventListener('install', (event) => event.waitUntil(install(w)));
  scope.addEventListener('activate', (event) => event.waitUntil(activate(w)));
  scope.addEventListener('fetch', (event) => onFetch(w, event));
  scope.addEventListener('message', (event) => onMessage(w, event));
}
