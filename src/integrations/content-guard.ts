/**
 * Fails `astro build` / `astro dev` before anything is built when content is
 * invalid, printing every problem with its file, annotation and fix.
 */
import type { AstroIntegration } from 'astro';
import { resolve } from 'node:path';
import { checkContent } from '../lib/load.ts';
import { formatIssues } from '../lib/issues.ts';

export function contentGuard(): AstroIntegration {
  return {
    name: 'content-guard',
    hooks: {
      'astro:config:setup': ({ logger, command }) => {
        const root = process.cwd();
        const contentDir = resolve(root, process.env.CONTENT_DIR ?? 'content');
        const { issues, library } = checkContent(contentDir, root);
        if (issues.length > 0) {
          const message = formatIssues(issues);
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
