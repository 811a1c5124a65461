import { describe, expect, it } from 'vitest';
import {
  cacheKey,
  cacheName,
  chunk,
  dynamicOnlyScripts,
  lazyScripts,
  pageScripts,
  formatBytes,
  isImmutable,
  isOwnCache,
  isStorable,
  LIBRARY_LIST,
  normaliseBase,
  offlinePlan,
  parseLibraryList,
  parseMessage,
  progressText,
  savedLessons,
  servedPath,
  staleCaches,
  startServiceWorker,
  strategyFor,
  workerPlan,
  type ExtendableEventLike,
  type FetchEventLike,
  type MessageEventLike,
  type OfflinePlan,
  type RequestLike,
  type WorkerScope,
} from '../../src/lib/offline/offline.ts';

const ORIGIN = 'https://school.example';
const BASE = '/media-lessons/';
const at = (rel: string) => ORIGIN + BASE + rel;

describe('the plan made from the built files', () => {
  it('maps built files to the paths browsers ask for, leaving out what is never served', () => {
    expect(servedPath('index.html')).toBe('');
    expect(servedPath('lessons/x/index.html')).toBe('lessons/x/');
    expect(servedPath('lessons/x/data.json')).toBe('lessons/x/data.json');
    expect(servedPath('_astro/a.B1.js')).toBe('_astro/a.B1.js');
    for (const f of [
      '_headers',
      'sw.js',
      LIBRARY_LIST,
      '404.html',
      'pagefind/pagefind-ui.js',
      'pagefind/pagefind-modular-ui.css',
      '_astro/a.js.map',
    ])
      expect(servedPath(f), f).toBeNull();
  });

  it('saves the shell on install and lists everything for the whole library', () => {
    const files = [
      'index.html',
      'lessons/index.html',
      'lessons/a/index.html',
      'lessons/a/data.json',
      'offline/index.html',
      'about/index.html',
      '_astro/Base.X.css',
      '_astro/walk.Y.js',
      'favicon.svg',
      'code-colors.css',
      'pagefind/pagefind.js',
      'pagefind/fragment/en_1.pf_fragment',
      'pagefind/pagefind-ui.css',
      '_headers',
      'sw.js',
    ].map((file) => ({ file, bytes: 100 }));
    const plan = offlinePlan('/media-lessons', files, 'v1');
    expect(plan.base).toBe(BASE);
    expect(plan.shell).toEqual([
      '',
      'lessons/',
      'offline/',
      '_astro/Base.X.css',
      '_astro/walk.Y.js',
      'code-colors.css',
      'favicon.svg',
    ]);
    expect(plan.library).toContain('lessons/a/');
    expect(plan.library).toContain('pagefind/fragment/en_1.pf_fragment');
    expect(plan.library).not.toContain('sw.js');
    expect(plan.library).not.toContain('pagefind/pagefind-ui.css');
    expect(plan.library).toHaveLength(12);
    expect(plan.libraryBytes).toBe(1200);

    // sw.js carries counts, not the list: it stays the same size however many lessons there are.
    const wp = workerPlan(plan);
    expect(wp).toEqual({
      version: 'v1',
      base: BASE,
      shell: plan.shell,
      lazy: {},
      libraryFiles: 12,
      libraryBytes: 1200,
      assetTypes: ['css', 'json', 'svg'],
    });
    const many = (n: number) =>
      workerPlan(
        offlinePlan(
          BASE,
          [
            ...files,
            ...Array.from({ length: n }, (_, i) => [`lessons/l${i}/index.html`, `lessons/l${i}/data.json`])
              .flat()
              .map((file) => ({ file, bytes: 100 })),
          ],
          'v1',
        ),
      );
    // Only the two counts get longer.
    expect(JSON.stringify(many(1000)).length).toBe(JSON.stringify(many(10)).length + 4);
  });

  it('leaves scripts that only load on demand out of the install, and everything a page loads in', () => {
    const sources = new Map([
      // A page's script: imports a helper, loads the search dialog on demand (Vite lists its deps).
      [
        '_astro/Page.lang.A.js',
        'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["_astro/dialog.B.js","_astro/shared.C.js"])))=>i.map(i=>d[i]);\nimport{n as e}from"./shared.C.js";var i=()=>import(`./dialog.B.js`);',
      ],
      ['_astro/dialog.B.js', 'import{t}from"./shared.C.js";import"./deep.D.js";export{t};var y=()=>import(`./yaml.E.js`)'],
      ['_astro/shared.C.js', 'export const t=1;'],
      ['_astro/deep.D.js', 'export const d=1;'],
      ['_astro/yaml.E.js', 'export const y=1;'],
      ['_astro/Other.lang.F.js', 'import"./deep.D.js";'],
    ]);
    expect([...dynamicOnlyScripts(sources)].sort()).toEqual(['_astro/dialog.B.js', '_astro/yaml.E.js']);
    const files = ['index.html', 'lessons/index.html', 'offline/index.html', ...sources.keys(), '_astro/Base.X.css'].map(
      (file) => ({ file, bytes: 1 }),
    );
    const plan = offlinePlan(BASE, files, 'v1', dynamicOnlyScripts(sources));
    expect(plan.shell).not.toContain('_astro/dialog.B.js');
    expect(plan.shell).toContain('_astro/deep.D.js');
    expect(plan.shell).toContain('_astro/Base.X.css');
    expect(plan.library).toContain('_astro/yaml.E.js');
    // A page that saves Page.lang.A.js also saves what it loads on demand, down to the yaml parser;
    // Other.lang.F.js loads nothing on demand and is not listed.
    const lazy = lazyScripts(sources);
    expect(lazy).toEqual({ '_astro/Page.lang.A.js': ['_astro/dialog.B.js', '_astro/yaml.E.js'] });
    expect(workerPlan(offlinePlan(BASE, files, 'v1', dynamicOnlyScripts(sources), lazy)).lazy).toEqual(lazy);
  });

  it("finds the site's own scripts a saved page refers to", () => {
    const html =
      '<script type="module" src="/media-lessons/_astro/Page.lang.A.js"></script><script src="https://x.example/_astro/a.js"></script><img src="/media-lessons/a.png"><script type="module" src="/media-lessons/_astro/Page.lang.A.js"></script>';
    expect(pageScripts(html, BASE)).toEqual(['_astro/Page.lang.A.js']);
  });

  it('picks the saved lesson pages out of everything saved', () => {
    expect(
      savedLessons([
        '',
        'lessons/',
        'lessons/b/',
        'lessons/a/',
        'lessons/a/guide/',
        'lessons/a/data.json',
        'lessons/level/intro/',
        '_astro/x.js',
      ]),
    ).toEqual(['lessons/a/', 'lessons/b/']);
  });

  it('accepts a fetched library list only for its own version', () => {
    expect(parseLibraryList({ version: 'v1', library: ['', 'lessons/a/', 7] }, 'v1')).toEqual(['', 'lessons/a/']);
    expect(parseLibraryList({ version: 'v2', library: [''] }, 'v1')).toBeNull();
    expect(parseLibraryList({ version: 'v1' }, 'v1')).toBeNull();
    expect(parseLibraryList('<!doctype html>', 'v1')).toBeNull();
    expect(parseLibraryList(null, 'v1')).toBeNull();
  });

  it('knows which files never change under the same name', () => {
    expect(isImmutable('_astro/a.B1.js')).toBe(true);
    expect(isImmutable('pagefind/fragment/en_1.pf_fragment')).toBe(true);
    expect(isImmutable('pagefind/pagefind.en_1.pf_meta')).toBe(true);
    expect(isImmutable('pagefind/pagefind.js')).toBe(false);
    expect(isImmutable('lessons/a/')).toBe(false);
  });
});

describe('cache names', () => {
  it('carry the base path and the version, and only our own are ever touched', () => {
    expect(normaliseBase('/media-lessons')).toBe(BASE);
    expect(normaliseBase('')).toBe('/');
    expect(cacheName('/media-lessons', 'v2')).toBe('rtnc:/media-lessons/:v2');
    expect(isOwnCache('rtnc:/media-lessons/:v1', BASE)).toBe(true);
    expect(isOwnCache('rtnc:/other/:v1', BASE)).toBe(false);
    expect(isOwnCache('rtnc:/:v1', BASE)).toBe(false);
    expect(
      staleCaches(['rtnc:/media-lessons/:v1', 'rtnc:/media-lessons/:v2', 'rtnc:/other/:v1', 'someone-else'], BASE, 'v2'),
    ).toEqual(['rtnc:/media-lessons/:v1']);
  });
});

describe('which requests, which strategy', () => {
  const site = { origin: ORIGIN, base: BASE, assetTypes: new Set(['css', 'json']) };
  const get = (url: string, extra: Partial<RequestLike> = {}) => strategyFor({ url, method: 'GET', ...extra }, site);

  it('never touches other origins, other paths, non-GET or the worker itself', () => {
    expect(get('https://cdn.example/media-lessons/_astro/a.js')).toBeNull();
    expect(get('http://school.example/media-lessons/')).toBeNull();
    expect(get(`${ORIGIN}/other-project/`, { mode: 'navigate' })).toBeNull();
    expect(get(`${ORIGIN}/media-lessonsX/`)).toBeNull();
    expect(strategyFor({ url: at('lessons/'), method: 'POST' }, site)).toBeNull();
    expect(get(at('sw.js'))).toBeNull();
    expect(get(at(LIBRARY_LIST))).toBeNull();
    expect(get(at('private/report.pdf'))).toBeNull();
    expect(get('not a url')).toBeNull();
  });

  it('pages network first, hashed assets cache first, search index only when saved, other files stale-while-revalidate', () => {
    expect(get(at('lessons/a/'), { mode: 'navigate' })).toBe('network-first');
    expect(get(at('lessons/a'))).toBe('network-first');
    expect(get(`${ORIGIN}/media-lessons`)).toBe('network-first');
    expect(get(at('_astro/Walkthrough.X.js'))).toBe('cache-first');
    expect(get(at('pagefind/pagefind.js'))).toBe('saved-only');
    expect(get(at('pagefind/fragment/en_1.pf_fragment'))).toBe('saved-only');
    expect(get(at('code-colors.css'))).toBe('stale-while-revalidate');
    expect(get(at('lessons/a/data.json'))).toBe('stale-while-revalidate');
    // Any file of a type the build has: the worker does not carry every file's name.
    expect(get(at('lessons/new/data.json'))).toBe('stale-while-revalidate');
  });

  it('keys pages and search files without their query, pages with their trailing slash; keeps other URLs as they are', () => {
    expect(cacheKey(at('lessons/a/?steps=s1&hints=off#x'), 'network-first')).toBe(at('lessons/a/'));
    expect(cacheKey(at('lessons/a'), 'network-first')).toBe(at('lessons/a/'));
    expect(cacheKey(at('search/?q=war'), 'network-first')).toBe(at('search/'));
    expect(cacheKey(at('lessons/a/data.json?v=1'), 'stale-while-revalidate')).toBe(at('lessons/a/data.json?v=1'));
    expect(cacheKey(at('pagefind/pagefind-entry.json?ts=1700000000'), 'saved-only')).toBe(at('pagefind/pagefind-entry.json'));
  });

  it('keeps only complete same-origin answers', () => {
    expect(isStorable({ status: 200, type: 'basic', redirected: false })).toBe(true);
    expect(isStorable({ status: 404, type: 'basic', redirected: false })).toBe(false);
    expect(isStorable({ status: 200, type: 'opaque', redirected: false })).toBe(false);
    expect(isStorable({ status: 0, type: 'opaqueredirect', redirected: false })).toBe(false);
    expect(isStorable({ status: 200, type: 'basic', redirected: true })).toBe(false);
  });
});

describe('download helpers', () => {
  it('chunks, sizes and reports progress in words', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(formatBytes(4_752_978)).toBe('4.8 MB');
    expect(formatBytes(850_000)).toBe('850 kB');
    expect(progressText(40, 300, 0)).toBe('Saving: 40 of 300 files…');
    expect(progressText(300, 300, 0)).toBe('Done: the whole library (300 files) is saved on this device.');
    expect(progressText(300, 300, 2)).toMatch(/^Saved 298 of 300 files\. 2 files could not be downloaded/);
  });

  it('accepts only the three known messages', () => {
    expect(parseMessage({ type: 'info' })).toEqual({ type: 'info' });
    expect(parseMessage({ type: 'library', extra: 1 })).toEqual({ type: 'library' });
    expect(parseMessage({ type: 'save', urls: ['a', 3, 'b'] })).toEqual({ type: 'save', urls: ['a', 'b'] });
    expect(parseMessage({ type: 'save' })).toBeNull();
    expect(parseMessage('info')).toBeNull();
    expect(parseMessage(null)).toBeNull();
  });
});

// ---------- The service worker, against a fake browser ----------

const keyOf = (r: RequestInfo | URL) => (typeof r === 'string' ? r : r instanceof URL ? r.href : r.url);

class FakeCache {
  map = new Map<string, Response>();
  async match(r: RequestInfo | URL) {
    return this.map.get(keyOf(r))?.clone();
  }
  async put(r: RequestInfo | URL, res: Response) {
    this.map.set(keyOf(r), res.clone());
  }
  async keys() {
    return [...this.map.keys()].map((url) => ({ url }));
  }
  async delete(r: RequestInfo | URL) {
    return this.map.delete(keyOf(r));
  }
}

class FakeCaches {
  stores = new Map<string, FakeCache>();
  async open(name: string) {
    if (!this.stores.has(name)) this.stores.set(name, new FakeCache());
    return this.stores.get(name)!;
  }
  async keys() {
    return [...this.stores.keys()];
  }
  async has(name: string) {
    return this.stores.has(name);
  }
  async delete(name: string) {
    return this.stores.delete(name);
  }
  async match(r: RequestInfo | URL) {
    for (const c of this.stores.values()) {
      const hit = await c.match(r);
      if (hit) return hit;
    }
    return undefined;
  }
  text(name: string, url: string) {
    return this.stores.get(name)?.map.get(url)?.clone().text();
  }
}

interface Net {
  online: boolean;
  files: Map<string, string>;
  calls: { url: string; cache?: RequestCache }[];
  slow: Set<string>;
  status: Map<string, number>;
}

function world(plan: OfflinePlan, caches = new FakeCaches(), net?: Net) {
  const n: Net = net ?? { online: true, files: new Map(), calls: [], slow: new Set(), status: new Map() };
  const listeners = new Map<string, (e: never) => void>();
  let skipped = 0;
  let claimed = 0;
  const scope: WorkerScope = {
    location: { origin: ORIGIN },
    caches: caches as unknown as CacheStorage,
    async fetch(input, init) {
      const url = typeof input === 'string' ? input : input.url;
      n.calls.push({ url, cache: init?.cache });
      if (!n.online) throw new TypeError('Failed to fetch');
      if (n.slow.has(url)) await new Promise((r) => setTimeout(r, 200));
      // Like a static host: the query does not change the file.
      const path = url.split('?')[0];
      const body = n.files.get(path);
      const status = n.status.get(path) ?? (body === undefined ? 404 : 200);
      return new Response(body ?? 'not found', { status });
    },
    skipWaiting: async () => void skipped++,
    clients: { claim: async () => void claimed++ },
    addEventListener: (type: string, fn: (e: never) => void) => void listeners.set(type, fn),
  };
  startServiceWorker(scope, workerPlan(plan), { networkTimeoutMs: 50 });

  async function lifecycle(type: 'install' | 'activate') {
    const waits: Promise<unknown>[] = [];
    const e: ExtendableEventLike = { waitUntil: (p) => void waits.push(p) };
    listeners.get(type)!(e as never);
    await Promise.all(waits);
  }
  async function request(url: string, extra: Partial<RequestLike> = {}): Promise<Response | null> {
    const answer: { response?: Promise<Response> } = {};
    const waits: Promise<unknown>[] = [];
    const e: FetchEventLike = {
      request: { url, method: 'GET', ...extra },
      respondWith: (p) => void (answer.response = p),
      waitUntil: (p) => void waits.push(p),
    };
    listeners.get('fetch')!(e as never);
    const res = answer.response ? await answer.response : null;
    await Promise.all(waits);
    return res;
  }
  async function message<T>(data: unknown): Promise<T> {
    const waits: Promise<unknown>[] = [];
    let reply: unknown;
    const e: MessageEventLike = { data, ports: [{ postMessage: (m) => void (reply = m) }], waitUntil: (p) => void waits.push(p) };
    listeners.get('message')!(e as never);
    await Promise.all(waits);
    return reply as T;
  }
  return { scope, caches, net: n, lifecycle, request, message, skipped: () => skipped, claimed: () => claimed };
}

const PLAN: OfflinePlan = {
  version: 'v1',
  base: BASE,
  shell: ['', 'lessons/', 'offline/', '_astro/walk.A.js', 'code-colors.css'],
  library: [
    '',
    'lessons/',
    'offline/',
    '_astro/walk.A.js',
    'code-colors.css',
    'lessons/a/',
    'lessons/b/',
    'lessons/a/data.json',
    'pagefind/pagefind.js',
    'pagefind/fragment/en_1.pf_fragment',
  ],
  libraryBytes: 1000,
};

function site(version = 'v1') {
  return new Map([
    ...PLAN.library.map((p) => [at(p), `${p} (${version})`] as const),
    [at(LIBRARY_LIST), JSON.stringify({ version, library: PLAN.library })] as const,
  ]);
}

async function installed(plan = PLAN) {
  const w = world(plan);
  for (const [k, v] of site()) w.net.files.set(k, v);
  await w.lifecycle('install');
  await w.lifecycle('activate');
  w.net.calls.length = 0;
  return w;
}

describe('the service worker', () => {
  const V1 = cacheName(BASE, 'v1');

  it('saves the shell fresh on install, takes over at once and claims open pages', async () => {
    const w = world(PLAN);
    for (const [k, v] of site()) w.net.files.set(k, v);
    await w.lifecycle('install');
    expect([...(await w.caches.open(V1)).map.keys()].sort()).toEqual(PLAN.shell.map(at).sort());
    expect(w.net.calls.every((c) => c.cache === 'no-cache')).toBe(true);
    expect(w.skipped()).toBe(1);
    await w.lifecycle('activate');
    expect(w.claimed()).toBe(1);
  });

  it('fails the install (and keeps the old version) when the shell cannot be saved', async () => {
    const w = world(PLAN);
    await expect(w.lifecycle('install')).rejects.toThrow(/Could not save/);
    expect(w.skipped()).toBe(0);
  });

  it('answers pages from the network and keeps them; offline, from the saved copy', async () => {
    const w = await installed();
    const online = await w.request(at('lessons/a/?steps=s1'), { mode: 'navigate' });
    expect(await online!.text()).toBe('lessons/a/ (v1)');
    expect(await w.caches.text(V1, at('lessons/a/'))).toBe('lessons/a/ (v1)');
    w.net.online = false;
    const offline = await w.request(at('lessons/a/'), { mode: 'navigate' });
    expect(await offline!.text()).toBe('lessons/a/ (v1)');
  });

  it('saves a visited page only after the scripts it loads on demand, so a saved page works offline whole', async () => {
    const w = await installed({ ...PLAN, lazy: { '_astro/walk.A.js': ['_astro/feedback.C.js'] } });
    w.net.files.set(at('lessons/a/'), `<h1>A</h1><script type="module" src="${BASE}_astro/walk.A.js"></script>`);
    w.net.files.set(at('_astro/feedback.C.js'), 'feedback (v1)');
    // Pages come as HTML, as from a static host.
    const fetch = w.scope.fetch.bind(w.scope);
    w.scope.fetch = async (input, init) => {
      const res = await fetch(input, init);
      const url = typeof input === 'string' ? input : input.url;
      if (!url.split('?')[0].endsWith('/')) return res;
      return new Response(await res.text(), { status: res.status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    };
    const cache = await w.caches.open(V1);
    const put = cache.put.bind(cache);
    const order: string[] = [];
    cache.put = async (r, res) => {
      order.push(keyOf(r));
      await put(r, res);
    };
    const online = await w.request(at('lessons/a/'), { mode: 'navigate' });
    expect(await online!.text()).toContain('<h1>A</h1>');
    expect(order).toEqual([at('_astro/feedback.C.js'), at('lessons/a/')]);
    w.net.online = false;
    expect(await w.caches.text(V1, at('_astro/feedback.C.js'))).toBe('feedback (v1)');
    expect(await (await w.request(at('lessons/a/'), { mode: 'navigate' }))!.text()).toContain('<h1>A</h1>');
  });

  it('shows the offline page for a page that is not saved', async () => {
    const w = await installed();
    w.net.online = false;
    const res = await w.request(at('lessons/b/'), { mode: 'navigate' });
    expect(await res!.text()).toBe('offline/ (v1)');
  });

  it('uses the saved page when the network is too slow or failing, and a new version when it answers', async () => {
    const w = await installed();
    w.net.files.set(at('lessons/'), 'lessons/ (v2)');
    w.net.slow.add(at('lessons/'));
    expect(await (await w.request(at('lessons/'), { mode: 'navigate' }))!.text()).toBe('lessons/ (v1)');
    // The slow answer still arrived and was kept for next time.
    expect(await w.caches.text(V1, at('lessons/'))).toBe('lessons/ (v2)');
    w.net.slow.clear();
    w.net.status.set(at(''), 503);
    expect(await (await w.request(at(''), { mode: 'navigate' }))!.text()).toBe(' (v1)');
    w.net.files.set(at('offline/'), 'offline/ (v2)');
    expect(await (await w.request(at('offline/'), { mode: 'navigate' }))!.text()).toBe('offline/ (v2)');
  });

  it('answers hashed assets from the cache without the network', async () => {
    const w = await installed();
    const res = await w.request(at('_astro/walk.A.js'));
    expect(await res!.text()).toBe('_astro/walk.A.js (v1)');
    expect(w.net.calls).toEqual([]);
  });

  it('answers other files from the cache and refreshes them behind the scenes', async () => {
    const w = await installed();
    w.net.files.set(at('code-colors.css'), 'css (v2)');
    expect(await (await w.request(at('code-colors.css')))!.text()).toBe('code-colors.css (v1)');
    expect(await w.caches.text(V1, at('code-colors.css'))).toBe('css (v2)');
    w.net.online = false;
    expect(await (await w.request(at('code-colors.css')))!.text()).toBe('css (v2)');
    expect((await w.request(at('lessons/a/data.json')))!.type).toBe('error');
  });

  it('does not keep search index files fetched while searching, but serves them once downloaded', async () => {
    const w = await installed();
    const frag = at('pagefind/fragment/en_1.pf_fragment');
    expect(await (await w.request(frag))!.text()).toBe('pagefind/fragment/en_1.pf_fragment (v1)');
    expect(await (await w.caches.open(V1)).match(frag)).toBeUndefined();
    await w.message({ type: 'save', urls: [frag] });
    w.net.online = false;
    expect(await (await w.request(frag))!.text()).toBe('pagefind/fragment/en_1.pf_fragment (v1)');
  });

  it('leaves other origins, non-GET requests and unknown files alone', async () => {
    const w = await installed();
    expect(await w.request('https://cdn.example/x.js')).toBeNull();
    expect(await w.request(at('lessons/'), { method: 'POST' })).toBeNull();
    expect(await w.request(at('private/report.pdf'))).toBeNull();
    expect(w.net.calls).toEqual([]);
  });

  it('tells the page what is saved and saves what it asks for, resuming where it stopped', async () => {
    const w = await installed();
    const info = await w.message<{ version: string; saved: string[]; libraryFiles: number; libraryBytes: number }>({
      type: 'info',
    });
    expect(info).toMatchObject({ version: 'v1', libraryFiles: PLAN.library.length, libraryBytes: 1000 });
    expect(info.saved.sort()).toEqual([...PLAN.shell].sort());
    // Telling what is saved needs no list; the list is fetched when asked for, fresh.
    expect(w.net.calls).toEqual([]);
    const list = await w.message<{ library: string[] | null }>({ type: 'library' });
    expect(list.library).toEqual(PLAN.library);
    expect(w.net.calls).toEqual([{ url: at(LIBRARY_LIST), cache: 'no-cache' }]);
    w.net.calls.length = 0;

    const urls = PLAN.library.map(at);
    const reply = await w.message<{ saved: number; failed: string[] }>({
      type: 'save',
      urls: [...urls, 'https://cdn.example/x.js', at('missing/')],
    });
    expect(reply.saved).toBe(urls.length);
    expect(reply.failed).toEqual(['https://cdn.example/x.js', at('missing/')]);
    // Only what was not saved yet went to the network.
    expect(w.net.calls.map((c) => c.url).sort()).toEqual(
      [...PLAN.library.filter((p) => !PLAN.shell.includes(p)).map(at), at('missing/')].sort(),
    );
    const after = await w.message<{ saved: string[] }>({ type: 'info' });
    expect(after.saved.sort()).toEqual([...PLAN.library].sort());
  });

  it('answers no list when offline or when the list on the server is another version’s', async () => {
    const w = await installed();
    w.net.files.set(at(LIBRARY_LIST), JSON.stringify({ version: 'v2', library: ['x'] }));
    expect((await w.message<{ library: unknown }>({ type: 'library' })).library).toBeNull();
    w.net.online = false;
    expect((await w.message<{ library: unknown }>({ type: 'library' })).library).toBeNull();
  });
});

describe('updating to a new version', () => {
  const V1 = cacheName(BASE, 'v1');
  const V2 = cacheName(BASE, 'v2');
  const PLAN2: OfflinePlan = {
    ...PLAN,
    version: 'v2',
    shell: ['', 'lessons/', 'offline/', '_astro/walk.B.js', 'code-colors.css'],
    library: PLAN.library.filter((p) => p !== 'lessons/b/' && p !== '_astro/walk.A.js').concat('_astro/walk.B.js'),
  };

  async function v1WithLessonsSaved() {
    const w = await installed();
    await w.message({ type: 'save', urls: [at('lessons/a/'), at('lessons/b/'), at('pagefind/fragment/en_1.pf_fragment')] });
    // Someone else's cache on the same origin.
    await (await w.caches.open('rtnc:/other/:v1')).put(`${ORIGIN}/other/`, new Response('other'));
    w.net.calls.length = 0;
    return w;
  }

  function deployV2(net: Net) {
    net.files.clear();
    for (const p of PLAN2.library) net.files.set(at(p), `${p} (v2)`);
    net.files.set(at(LIBRARY_LIST), JSON.stringify({ version: 'v2', library: PLAN2.library }));
  }

  it('removes the old caches, refreshes the saved lessons and drops pages that no longer exist', async () => {
    const v1 = await v1WithLessonsSaved();
    deployV2(v1.net);
    const v2 = world(PLAN2, v1.caches, v1.net);
    await v2.lifecycle('install');
    await v2.lifecycle('activate');
    expect(await v2.caches.keys()).toEqual(['rtnc:/other/:v1', V2]);
    expect(await v2.caches.text(V2, at('lessons/a/'))).toBe('lessons/a/ (v2)');
    expect(await v2.caches.text(V2, at('lessons/b/'))).toBeUndefined();
    expect(await v2.caches.text(V2, at('_astro/walk.A.js'))).toBeUndefined();
    // A hashed file that is still current is copied, not downloaded again.
    expect(await v2.caches.text(V2, at('pagefind/fragment/en_1.pf_fragment'))).toBe('pagefind/fragment/en_1.pf_fragment (v1)');
    expect(v2.net.calls.map((c) => c.url)).not.toContain(at('pagefind/fragment/en_1.pf_fragment'));
  });

  it('keeps the old copies of saved lessons (with their scripts) when they cannot be refreshed', async () => {
    const v1 = await v1WithLessonsSaved();
    deployV2(v1.net);
    const v2 = world(PLAN2, v1.caches, v1.net);
    // The shell downloads, then the connection drops.
    const fetch = v2.scope.fetch.bind(v2.scope);
    let left = PLAN2.shell.length;
    v2.scope.fetch = async (input, init) => {
      if (left-- <= 0) throw new TypeError('Failed to fetch');
      return fetch(input, init);
    };
    await v2.lifecycle('install');
    await v2.lifecycle('activate');
    expect(await v2.caches.keys()).toEqual(['rtnc:/other/:v1', V2]);
    expect(await v2.caches.text(V2, at('lessons/b/'))).toBe('lessons/b/ (v1)');
    expect(await v2.caches.text(V2, at('_astro/walk.A.js'))).toBe('_astro/walk.A.js (v1)');
    expect(await v2.caches.text(V2, at('_astro/walk.B.js'))).toBe('_astro/walk.B.js (v2)');
  });

  it('keeps saved copies when a rebuild changes nothing (same version)', async () => {
    const v1 = await v1WithLessonsSaved();
    const again = world(PLAN, v1.caches, v1.net);
    await again.lifecycle('install');
    await again.lifecycle('activate');
    expect(await again.caches.text(V1, at('lessons/b/'))).toBe('lessons/b/ (v1)');
    expect(again.net.calls).toEqual([]);
  });
});
