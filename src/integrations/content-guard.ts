/**
 * Fails `astro build` / `astro dev` before anything is built when content is
 * invalid, printing every problem with its file, annotation and fix: the
 * same checks and the same message as `npm run check:content`.
 */
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { formatIssues, formatNotes } from '../lib/content/issues.ts';
import { checkContent, rememberLibrary } from '../lib/content/load.ts';
import { contentDirOf, projectRoot } from '../lib/content/paths.ts';

export const CONTENT_HINT =
  'Run `npm run check:content` for the same list in seconds; the authoring guide (/authoring/) explains every rule.';

/**
 * Content problems as an AstroError: Astro prints the message and the hint.
 * A content error has no useful stack (it is not a bug in the code), so it
 * carries none; and its short form is the first line of the message, so
 * Astro's guesswork about browser APIs ("document", "window") cannot replace
 * the hint because an author's message happens to contain such a word.
 */
export class ContentBuildError extends AstroError {
  constructor(message: string) {
    super(message, CONTENT_HINT);
    this.name = 'ContentError';
    this.stack = '';
  }
  override toString(): string {
    return `${this.name}: ${this.message.split('\n')[0]}`;
  }
}

export function contentGuard(): AstroIntegration {
  return {
    name: 'content-guard',
    hooks: {
      'astro:config:setup': ({ logger, command }) => {
        const root = projectRoot();
        const contentDir = contentDirOf(root);
        const checked = checkContent(contentDir, root);
        const { issues, notes } = checked;
        if (notes.length > 0) logger.info(formatNotes(notes));
        if (issues.length > 0) {
          const message = formatIssues(issues);
          if (command === 'dev') {
            logger.error(message);
            return;
          }
          // An AstroError is printed as its message and hint, without a stack trace.
          throw new ContentBuildError(message);
        }
        // Leave the library in the per-process cache the pages read from.
        const { library } = checked;
        rememberLibrary(contentDir, library);
        const count = library.excerpts.reduce((n, e) => n + e.annotations.length, 0);
        logger.info(`content ok: ${library.lessons.length} lessons, ${library.excerpts.length} excerpts, ${count} annotations`);
      },
    },
  };
}
