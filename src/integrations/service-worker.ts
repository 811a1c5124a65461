/**
 * Writes dist/sw.js after the build, when every built file is known.
 *
 * Why an integration and not a `sw.js` endpoint: an endpoint runs before
 * Astro has written the hashed scripts and styles and before Pagefind has
 * indexed, so it could neither list them for precaching nor tell whether
 * they changed. Here the version is a hash of every built file's path and
 * content: it changes exactly when something a browser could fetch changes
 * (content, code, styles, search index), and an unchanged rebuild keeps the
 * learners' saved copies. The service worker itself is `startServiceWorker`
 * from src/lib/offline/offline.ts, bundled with esbuild (a dependency of Astro) and
 * given the plan as JSON: without the file list, which goes to
 * offline-files.json, so sw.js does not grow with the library.
 *
 * Add it after searchIndex() in astro.config.mjs, so the search index is
 * part of the version and of the whole-library download.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import {
  LIBRARY_LIST,
  dynamicOnlyScripts,
  lazyScripts,
  offlinePlan,
  servedPath,
  workerPlan,
  type BuiltFile,
  type LibraryList,
  type WorkerPlan,
} from '../lib/offline/offline.ts';
import { listFiles } from '../lib/site/sizes.ts';

/** Hash of every served file's path and bytes, in a stable order. */
export function buildVersion(dir: string, files: readonly string[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort()) {
    if (servedPath(f) === null) continue;
    h.update(f)
      .update('\0')
      .update(
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest(),
      )
      .update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** `offlineDir`: the folder of offline.ts (the entry imports it relative to there). */
export async function serviceWorkerSource(offlineDir: string, plan: WorkerPlan): Promise<string> {
  const entry = [
    `import { startServiceWorker } from './offline.ts';`,
    `const plan = ${JSON.stringify(plan)};`,
    `startServiceWorker(self as never, plan);`,
  ].join('\n');
  const out = await build({
    stdin: { contents: entry, resolveDir: offlineDir, sourcefile: 'sw-entry.ts', loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    legalComments: 'none',
    logLevel: 'silent',
  });
  return `// Service worker for offline use: generated at build time by src/integrations/service-worker.ts.\n${out.outputFiles[0].text}`;
}

export function serviceWorker(): AstroIntegration {
  let base = '/';
  let root = process.cwd();
  return {
    name: 'service-worker',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        // Pages register the worker only when this integration is installed (no 404 for sw.js otherwise).
        updateConfig({ vite: { define: { 'import.meta.env.OFFLINE_SW': 'true' } } });
      },
      'astro:config:done': ({ config }) => {
        base = config.base;
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const rel = listFiles(out).map((f) => relative(out, f).split('\\').join('/'));
        const files: BuiltFile[] = rel.map((file) => ({ file, bytes: statSync(join(out, file)).size }));
        // Scripts loaded only on demand (search, the lab's parser) are not saved on install: the first
        // visit stays small; a page keeps what it loaded (scripts/offline.ts) and the library download has all.
        const scripts = new Map(
          rel.filter((f) => f.startsWith('_astro/') && f.endsWith('.js')).map((f) => [f, readFileSync(join(out, f), 'utf8')]),
        );
        // A saved page keeps the on-demand scripts its own scripts can load (lazyScripts), so a feature
        // first used offline, such as the walkthrough's feedback, still works.
        const onDemand = dynamicOnlyScripts(scripts);
        const plan = offlinePlan(base, files, buildVersion(out, rel), onDemand, lazyScripts(scripts, onDemand));
        const list: LibraryList = { version: plan.version, library: plan.library };
        writeFileSync(join(out, LIBRARY_LIST), JSON.stringify(list));
        writeFileSync(join(out, 'sw.js'), await serviceWorkerSource(join(root, 'src', 'lib', 'offline'), workerPlan(plan)));
        if (!plan.library.some((p) => p.startsWith('pagefind/')))
          logger.warn('no search index yet: add serviceWorker() after searchIndex() so search works offline');
        logger.info(
          `service worker ${plan.version}: ${plan.shell.length} files saved on first visit, ${plan.library.length} in the whole library`,
        );
      },
    },
  };
}
