/**
 * Dark mode: axe colour contrast on each template's largest page and the
 * flagship's, with the CSP and privacy checks (see sweep.ts). Only colours
 * change between the schemes; the light sweep covers the rest.
 */
import { describe } from 'vitest';
import { hasBrowser } from './browser.ts';
import { builtPages, byTemplate, contrastSample, sweep } from './sweep.ts';

const sample = contrastSample(byTemplate(builtPages()));

describe.skipIf(!hasBrowser)('each template, dark mode', () => {
  sweep('dark', [...sample].sort(), sample);
});
