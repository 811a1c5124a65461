/**
 * Sizes of a built site as a browser downloads it (gzip), per page type.
 * Used by the size-budget test and the benchmark script.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export const gz = (buf: Buffer | string) => gzipSync(buf, { level: 9 }).length;

/** Budget for every file in dist/_astro together (gzip), so a leak such as a YAML parser in a browser chunk fails a test. */
export const ASTRO_BUDGET = 80 * 1024;
/** Budget for what the service worker saves on a first visit (its shell list, gzip). */
export const PRECACHE_BUDGET = 100 * 1024;

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

export interface PageWeight {
  page: string;
  html: number;
  /** Scripts the page loads before any interaction (module graph included). */
  js: number;
  css: number;
}

/** Resolve an href/src from a page to a file in dist. */
function fileFor(dist: string, base: string, ref: string): string | null {
  if (!ref.startsWith(base)) return null;
  return join(dist, ref.slice(base.length));
}

function jsClosure(dist: string, base: string, entry: string, seen: Set<string>): number {
  if (seen.has(entry)) return 0;
  seen.add(entry);
  let src: string;
  try {
    src = readFileSync(entry, 'utf8');
  } catch {
    return 0;
  }
  let total = gz(src);
  // Static imports only: dynamic import() chunks load later (e.g. search on demand).
  for (const m of src.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
    const spec = m[1];
    const p = spec.startsWith('/') ? fileFor(dist, base, spec) : join(entry, '..', spec);
    if (p) total += jsClosure(dist, base, p, seen);
  }
  return total;
}

export function pageWeight(dist: string, base: string, htmlFile: string): PageWeight {
  const html = readFileSync(htmlFile, 'utf8');
  let js = 0;
  let css = 0;
  const seen = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) {
    const p = fileFor(dist, base, m[1]);
    if (p) js += jsClosure(dist, base, p, seen);
  }
  for (const m of html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"|<link[^>]*href="([^"]+)"[^>]*rel="stylesheet"/g)) {
    const p = fileFor(dist, base, m[1] ?? m[2]);
    if (p) css += gz(readFileSync(p));
  }
  return { page: relative(dist, htmlFile), html: gz(html), js, css };
}

/**
 * What a first visit downloads in the background for offline use: sw.js and
 * every file the service worker saves on install (its shell), gzipped. The
 * shell is computed the way the build computes it (lib/offline.ts).
 */
export async function firstVisitBytes(
  dist: string,
  base: string,
): Promise<{ total: number; sw: number; shell: number; files: number }> {
  const { dynamicOnlyScripts, offlinePlan } = await import('../offline/offline.ts');
  const files = listFiles(dist).map((f) => ({ file: relative(dist, f).split('\\').join('/'), bytes: 0 }));
  const scripts = new Map(
    files
      .filter((f) => f.file.startsWith('_astro/') && f.file.endsWith('.js'))
      .map((f) => [f.file, readFileSync(join(dist, f.file), 'utf8')]),
  );
  const plan = offlinePlan(base, files, 'measure', dynamicOnlyScripts(scripts));
  const fileOf = (p: string) => join(dist, p === '' || p.endsWith('/') ? `${p}index.html` : p);
  const shell = plan.shell.reduce((n, p) => n + gz(readFileSync(fileOf(p))), 0);
  const sw = gz(readFileSync(join(dist, 'sw.js')));
  return { total: shell + sw, sw, shell, files: plan.shell.length };
}
