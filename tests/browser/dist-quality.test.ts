/**
 * Checks over the built site (the one the browser tests serve, under the
 * base path): valid HTML, no broken internal links or #fragments, and size
 * budgets per page type.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { describe, expect, inject, it } from 'vitest';
import { ASTRO_BUDGET, firstVisitBytes, gz, listFiles, pageWeight, PRECACHE_BUDGET } from '../../src/lib/site/sizes.ts';
import { BASE } from './global-setup.ts';

const distDir = inject('distDir');
const htmlFiles = distDir ? listFiles(distDir).filter((f) => f.endsWith('.html') && !f.includes('/pagefind/')) : [];
const kB = 1024;

describe.skipIf(!distDir)('the built site', () => {
  it('is valid HTML (html-validate, 0 errors)', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const errors: string[] = [];
    for (const f of htmlFiles) {
      const report = await validator.validateFile(f);
      for (const r of report.results)
        for (const m of r.messages) errors.push(`${relative(distDir, f)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
    }
    expect(htmlFiles.length).toBeGreaterThan(30);
    expect(errors).toEqual([]);
  });

  it('puts every script inside the document (nothing after </html>)', () => {
    const after = htmlFiles.filter((f) => !/<\/html>\s*$/.test(readFileSync(f, 'utf8'))).map((f) => relative(distDir, f));
    expect(after).toEqual([]);
  });

  it('keeps the space after a bold label ("Your turn: find", not "Your turn:find")', () => {
    // Astro drops the line break between an element and a {expression} on the next line.
    const joined: string[] = [];
    for (const f of htmlFiles) {
      const html = readFileSync(f, 'utf8').replace(/<script\b[\s\S]*?<\/script>/g, '');
      for (const m of html.matchAll(/<strong>([^<]{1,40}:)<\/strong>([A-Za-z]{1,12})/g))
        joined.push(`${relative(distDir, f)}: ${m[1]}${m[2]}`);
    }
    expect(joined).toEqual([]);
  });

  it('has no broken internal links, fragments or resources, and loads nothing from other origins', () => {
    const ids = new Map<string, Set<string>>();
    const idsOf = (file: string) => {
      if (!ids.has(file)) ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
      return ids.get(file)!;
    };
    const broken: string[] = [];
    let checked = 0;
    for (const f of htmlFiles) {
      const html = readFileSync(f, 'utf8');
      const page = relative(distDir, f);
      for (const m of html.matchAll(/<(a|link|script|img|source|form)\b[^>]*?\s(href|src|action)="([^"]*)"/g)) {
        const [, tag, , raw] = m;
        const ref = raw.replace(/&amp;/g, '&');
        if (/^(mailto:|data:)/.test(ref)) continue;
        if (/^https?:\/\//.test(ref)) {
          if (tag !== 'a') broken.push(`${page}: <${tag}> loads from another origin: ${ref}`);
          continue;
        }
        checked++;
        const [pathAndQuery, fragment] = ref.split('#');
        const path = pathAndQuery.split('?')[0];
        let target = f;
        if (path !== '') {
          if (!path.startsWith(BASE)) {
            broken.push(`${page}: ${ref} is not under the base path ${BASE}`);
            continue;
          }
          target = join(distDir, decodeURIComponent(path.slice(BASE.length)));
          if (existsSync(target) && statSync(target).isDirectory()) target = join(target, 'index.html');
          if (!existsSync(target)) {
            broken.push(`${page}: ${ref} does not exist`);
            continue;
          }
        }
        if (fragment && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment)))
          broken.push(`${page}: ${ref} has no #${fragment}`);
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(broken).toEqual([]);
  });

  it('keeps within the size budgets (gzipped)', () => {
    const over: string[] = [];
    for (const f of htmlFiles) {
      const w = pageWeight(distDir, BASE, f);
      const isLesson = /^lessons\/[^/]+\/index\.html$/.test(w.page);
      if (isLesson && w.html > 40 * kB) over.push(`${w.page}: HTML ${w.html} B > 40 kB`);
      // 10.5 kB since 2026-12-03: the walkthrough gained blind texts, selection-like mouse and touch
      // marking and key-word feedback. 11 kB since session 4: it wraps the text's words itself and
      // unpacks relative token data (0.5 kB, cached for every lesson), which took 9 kB of gzipped
      // HTML off the flagship lesson page and 24 kB off a 7,500-word one (docs/benchmarks.md).
      if (w.js > 11 * kB) over.push(`${w.page}: JS before search ${w.js} B > 11 kB`);
      if (w.css > 12 * kB) over.push(`${w.page}: CSS ${w.css} B > 12 kB`);
    }
    // Pages that list the library are split into pages (lib/paginate.ts) and stay under 50 kB at any size.
    for (const f of htmlFiles) {
      const w = pageWeight(distDir, BASE, f);
      if (
        /^(index\.html|lessons\/(index\.html|.*\/page\/\d+\/index\.html|(level|topic|lens)\/.*)|techniques\/.*)$/.test(w.page) &&
        w.html > 50 * kB
      )
        over.push(`${w.page}: HTML ${w.html} B > 50 kB`);
    }
    for (const img of listFiles(distDir).filter((f) => /\.(png|jpe?g|gif|webp|avif|svg)$/i.test(f))) {
      if (statSync(img).size > 200 * kB) over.push(`${relative(distDir, img)} is over 200 kB`);
    }
    expect(over).toEqual([]);
  });

  it('ships no YAML parser to any page but the workbench, and keeps all scripts within budget', () => {
    const astro = listFiles(join(distDir, '_astro'));
    // Scripts each page loads, followed through their static and dynamic imports.
    const reached = new Set<string>();
    const follow = (file: string) => {
      if (reached.has(file) || !existsSync(file)) return;
      reached.add(file);
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*["'](\.\/[^"']+\.js)["']/g))
        follow(join(file, '..', m[1]));
    };
    const pages = listFiles(distDir).filter((f) => f.endsWith('.html') && !relative(distDir, f).startsWith('write/'));
    expect(pages.length).toBeGreaterThan(20);
    for (const page of pages) {
      for (const m of readFileSync(page, 'utf8').matchAll(/src="[^"]*\/(_astro\/[^"]+\.js)"/g)) follow(join(distDir, m[1]));
    }
    expect(reached.size).toBeGreaterThan(3);
    // Marker strings of the yaml package's parser (error class and messages). Only /write/ (the
    // lesson workbench, which must read and write authors' YAML) may load it.
    const withYaml = [...reached].filter((f) =>
      /YAMLParseError|Implicit map keys need to be|Nested mappings are not allowed in compact mappings/.test(
        readFileSync(f, 'utf8'),
      ),
    );
    expect(withYaml.map((f) => relative(distDir, f))).toEqual([]);
    // Budget for every script the site's pages load; the workbench's own bundle has its own budget (write.test.ts).
    const astroGz = [...reached].reduce((n, f) => n + gz(readFileSync(f)), 0);
    console.log(
      `[size] _astro: ${astro.length} files; scripts of every page but /write/: ${reached.size} files, ${(astroGz / kB).toFixed(1)} kB gz`,
    );
    expect(astroGz).toBeLessThan(ASTRO_BUDGET);
  });

  it('keeps the first visit small: sw.js and what it saves on install, under 100 kB gzipped', async () => {
    const first = await firstVisitBytes(distDir, BASE);
    // The whole-library list is a separate file, fetched only when someone saves the library.
    expect(first.sw).toBeLessThan(8 * kB);
    expect(readFileSync(join(distDir, 'sw.js'), 'utf8')).not.toContain('pagefind/fragment/');
    expect(JSON.parse(readFileSync(join(distDir, 'offline-files.json'), 'utf8')).library).toContain(
      'lessons/staging-up-for-another-assault/',
    );
    expect(first.total, `first visit ${first.total} B in ${first.files} files`).toBeLessThan(PRECACHE_BUDGET);
  });
});
