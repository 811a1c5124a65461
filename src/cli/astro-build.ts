/**
 * Run `astro build` through npm's Node 22 in a child process. Builds of other
 * content (CONTENT_DIR) run in a scratch copy of the project, because Astro
 * keeps content caches in the project folder (.astro/) that would otherwise
 * leak into the next normal build.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface BuildResult {
  status: number | null;
  output: string;
}

const PROJECT_FILES = ['src', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json'];

/** A throwaway copy of the project (code only) that shares node_modules. */
export function scratchProject(root = process.cwd()): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'rnc-project-'));
  for (const f of PROJECT_FILES) cpSync(join(root, f), join(dir, f), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function astroBuild(opts: { cwd?: string; outDir?: string; env?: Record<string, string> } = {}): BuildResult {
  const isolated = opts.env?.CONTENT_DIR && !opts.cwd ? scratchProject() : null;
  try {
    const args = ['astro', 'build'];
    if (opts.outDir) args.push('--outDir', resolve(opts.outDir));
    // Vitest sets NODE_ENV=test, which would make Vite build with PROD false.
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'production',
      ASTRO_TELEMETRY_DISABLED: '1',
      ...opts.env,
    };
    if (env.CONTENT_DIR) env.CONTENT_DIR = resolve(env.CONTENT_DIR);
    // Vitest leaves Vite's env (DEV, PROD, SSR, MODE, BASE_URL) in process.env; the build would read
    // them as import.meta.env, and DEV makes every page reload and re-check the whole library.
    for (const k of ['DEV', 'PROD', 'SSR', 'MODE', 'BASE_URL']) if (!opts.env?.[k]) delete env[k];
    const r = spawnSync('npx', args, {
      cwd: isolated?.dir ?? opts.cwd ?? process.cwd(),
      env,
      encoding: 'utf8',
      timeout: 300_000,
    });
    return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
  } finally {
    isolated?.remove();
  }
}
