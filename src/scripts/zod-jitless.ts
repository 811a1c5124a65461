/**
 * zod compiles each object schema's parser with `new Function` when the schema is built, unless
 * told not to; the site's CSP forbids eval (and reports every attempt). The workbench imports this
 * module first, so the setting is in place before any schema module runs.
 */
import { config } from 'zod';

config({ jitless: true });
