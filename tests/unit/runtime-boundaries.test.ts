/**
 * Code that runs in the browser (src/scripts, and whatever it imports) never
 * reaches Node built-ins, the YAML parser or build-only modules. The import
 * graph is read from the source, so a new leak fails here before it ships.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve('src');
const BUILD_ONLY = [/^node:/, /^yaml$/, /^astro(:|\/|$)/, /^@astrojs\//, /^zod/, /^shiki/, /^pagefind/, /^esbuild/];
/** Modules that read the disk at build time. (lab-rules.ts needs YAML, which the rule above catches.) */
const BUILD_ONLY_FILES = ['lib/content/load.ts', 'lib/content/paths.ts', 'lib/lab/lab-corpus.ts'];
/** The lesson workbench (/write/ only, its own budget) runs the content validator, so it may load YAML and zod. */
const WORKBENCH = /^scripts\/(write|write-app|zod-jitless)\.ts$/;
const WORKBENCH_ALLOWED = [/^yaml$/, /^zod/];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(
    /(?:^|\n)\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g,
  )) {
    out.push(m[1] ?? m[2] ?? m[3]);
  }
  for (const m of src.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) out.push(m[1]);
  return out;
}

/** Every module a browser entry reaches, with the path that reached it. */
function reach(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    for (const spec of importsOf(file)) {
      const trail = [...seen.get(file)!, spec];
      if (!spec.startsWith('.')) {
        seen.set(spec, trail);
        continue;
      }
      const target = resolve(dirname(file), spec);
      if (!target.endsWith('.ts') || seen.has(target)) continue;
      seen.set(target, trail);
      queue.push(target);
    }
  }
  return seen;
}

const entries = walk(join(ROOT, 'scripts'));

describe('browser code stays out of the build', () => {
  it('finds the browser entry points', () => {
    expect(entries.length).toBeGreaterThan(5);
  });
  for (const entry of entries) {
    it(`${relative(ROOT, entry)} reaches no Node, YAML or build-only module`, () => {
      const bad: string[] = [];
      for (const [mod, trail] of reach(entry)) {
        const rel = mod.startsWith('/') ? relative(ROOT, mod) : mod;
        const allowed = WORKBENCH.test(relative(ROOT, entry)) && WORKBENCH_ALLOWED.some((re) => re.test(mod));
        if (!allowed && (BUILD_ONLY.some((re) => re.test(mod)) || BUILD_ONLY_FILES.includes(rel)))
          bad.push(trail.map((t) => (t.startsWith('/') ? relative(ROOT, t) : t)).join(' -> '));
      }
      expect(bad).toEqual([]);
    });
  }
});
