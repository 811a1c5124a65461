/**
 * Fails `astro build` / `astro dev` before anything is built when content is
 * invalid, printing every problem with its file, annotation and fix.
 */
import type { AstroIntegration } from 'astro';
import { resolve } from 'node:path';
import { loadLibrary } from '../lib/load.ts';
import { ContentError, formatIssues } from '../lib/issues.ts';

export function contentGuard(): AstroIntegration {
  return {
    name: 'content-guard',
    hooks: {
      'astro:config:setup': ({ logger, command }) => {
        const root = process.cwd();
        const contentDir = resolve(root, process.env.CONTENT_DIR ?? 'content');
        // Read fresh, and leave the library in the per-process cache the pages read from.
        let library;
        try {
          library = loadLibrary(contentDir, root, { fresh: true });
        } catch (e) {
          if (!(e instanceof ContentError)) throw e;
          const message = formatIssues(e.issues);
          if (command === 'dev') {
            logger.error(message);
            return;
          }
          const err = new Error(message);
          err.name = 'ContentError';
          err.stack = `ContentError: ${message}`;
          throw err;
        }
        const count = library.excerpts.reduce((n, e) => n + e.annotations.length, 0);
        logger.info(`content ok: ${library.lessons.length} lessons, ${library.excerpts.length} excerpts, ${count} annotations`);
      },
    },
  };
}
