/** Build integrations (issue 15, item 5): Pagefind always closed, headers on their own, the output swapped whole. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const pagefind = vi.hoisted(() => ({
  close: vi.fn(async () => {}),
  createIndex: vi.fn(async () => ({
    index: {
      addHTMLFile: async () => ({ errors: ['cannot parse the page'], file: null }),
      writeFiles: async () => ({ errors: [] }),
    },
    errors: [],
  })),
}));
vi.mock('pagefind', () => pagefind);

const { searchIndex } = await import('../../src/integrations/search-index.ts');
const { securityHeaders } = await import('../../src/integrations/security-headers.ts');
const { buildingDir, swapInto } = await import('../../src/integrations/safe-output.ts');

const work = mkdtempSync(join(tmpdir(), 'ml-integrations-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const logger = { info: () => {}, warn: () => {}, error: () => {} };
type Hook = (o: unknown) => Promise<void> | void;

describe('search index', () => {
  it('closes Pagefind also when indexing fails, and the build fails', async () => {
    const hook = searchIndex().hooks['astro:build:done'] as unknown as Hook;
    writeFileSync(join(work, 'index.html'), '<main data-pagefind-body>Home</main>');
    await expect(hook({ dir: pathToFileURL(`${work}/`), logger })).rejects.toThrow(
      'Pagefind indexing failed: index.html: cannot parse the page',
    );
    expect(pagefind.close).toHaveBeenCalledTimes(1);
    expect(existsSync(join(work, '_headers'))).toBe(false);
  });
});

describe('security headers', () => {
  it('are written by their own integration', async () => {
    const dir = join(work, 'site');
    mkdirSync(dir);
    await (securityHeaders().hooks['astro:build:done'] as unknown as Hook)({ dir: pathToFileURL(`${dir}/`), logger });
    expect(readFileSync(join(dir, '_headers'), 'utf8')).toContain('Content-Security-Policy');
  });
});

describe('safe output', () => {
  it('builds beside the output folder and replaces it whole', () => {
    const out = join(work, 'dist');
    expect(buildingDir(`${out}/`)).toBe(`${out}.building`);
    mkdirSync(join(out, 'old-only'), { recursive: true });
    writeFileSync(join(out, 'index.html'), 'old');
    const built = buildingDir(out);
    mkdirSync(built);
    writeFileSync(join(built, 'index.html'), 'new');
    swapInto(built, out);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('new');
    expect(existsSync(join(out, 'old-only'))).toBe(false);
    expect(existsSync(built)).toBe(false);
  });

  it('works when there was no output before', () => {
    const out = join(work, 'fresh');
    const built = buildingDir(out);
    mkdirSync(built);
    writeFileSync(join(built, 'a.txt'), 'a');
    swapInto(built, out);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('a');
  });
});
