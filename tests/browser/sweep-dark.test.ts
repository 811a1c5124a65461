/**
 * Every built page in dark mode: colour contrast (axe), no CSP violations,
 * no requests to other origins, no cookies. One test per page (see sweep.ts).
 */
import { describe } from 'vitest';
import { hasBrowser } from './browser.ts';
import { builtPages, sweep } from './sweep.ts';

describe.skipIf(!hasBrowser)('every page, dark mode', () => {
  sweep('dark', builtPages());
});
