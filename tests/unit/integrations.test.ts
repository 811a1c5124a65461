/**
 * Build integrations (issue 15, item 5): Pagefind always closed, headers on their own, the output swapped whole;
 * pages reach the search index while the build renders them (issue 18, item 1).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const pagefind = vi.hoisted(() => {
  const added: { sourcePath: string; content: string }[] = [];
  const state = { fail: true };
  return {
    added,
    state,
    close: vi.fn(async () => {}),
    createIndex: vi.fn(async () => ({
      index: {
        addHTMLFile: async (page: { sourcePath: string; content: string }) => {
          added.push(page);
          return { errors: state.fail ? ['cannot parse the page'] : [], file: null };
        },
        writeFiles: async () => ({ errors: [] }),
      },
      errors: [],
    })),
  };
});
vi.mock('pagefind', () => pagefind);

const { searchIndex } = await import('../../src/integrations/search-index.ts');
const { pageFileOf, pageSink } = await import('../../src/lib/search/page-sink.ts');
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

  it('takes pages while they render, reads only the rest from disk, and checks both against the output', async () => {
    pagefind.state.fail = false;
    pagefind.added.length = 0;
    pagefind.close.mockClear();
    const integration = searchIndex();
    const middleware: unknown[] = [];
    const setup = integration.hooks['astro:config:setup'] as unknown as (o: unknown) => void;
    setup({ command: 'dev', addMiddleware: (m: unknown) => middleware.push(m) });
    expect(middleware).toEqual([]);
    setup({ command: 'build', addMiddleware: (m: unknown) => middleware.push(m) });
    expect(middleware).toHaveLength(1);

    const out = join(work, 'rendered');
    mkdirSync(join(out, 'lessons', 'a', 'worksheet'), { recursive: true });
    writeFileSync(join(out, 'index.html'), '<main data-pagefind-body>Home from disk</main>');
    writeFileSync(join(out, 'lessons', 'a', 'index.html'), '<main data-pagefind-body>Lesson from disk</main>');
    writeFileSync(join(out, 'lessons', 'a', 'worksheet', 'index.html'), '<main>Worksheet</main>');
    const done = integration.hooks['astro:build:done'] as unknown as Hook;

    (integration.hooks['astro:build:start'] as unknown as () => void)();
    pageSink()?.add('lessons/a/index.html', '<main data-pagefind-body>Lesson <div data-pagefind-ignore>cut</div></main>');
    await done({ dir: pathToFileURL(`${out}/`), logger });
    expect(pageSink()).toBeUndefined();
    expect(pagefind.added.map((p) => p.sourcePath).sort()).toEqual(['index.html', 'lessons/a/index.html']);
    // The rendered copy, without its ignored block; the home page (not seen while rendering) from disk.
    expect(pagefind.added.find((p) => p.sourcePath === 'lessons/a/index.html')?.content).toBe(
      '<main data-pagefind-body>Lesson </main>',
    );
    expect(pagefind.added.find((p) => p.sourcePath === 'index.html')?.content).toContain('Home from disk');
    expect(pagefind.close).toHaveBeenCalledTimes(1);

    // A page the middleware saw that the build did not write means the path mapping is wrong: fail loudly.
    (integration.hooks['astro:build:start'] as unknown as () => void)();
    pageSink()?.add('lessons/b/index.html', '<main data-pagefind-body>B</main>');
    await expect(done({ dir: pathToFileURL(`${out}/`), logger })).rejects.toThrow(
      'pages rendered but not written: lessons/b/index.html',
    );
    expect(pagefind.close).toHaveBeenCalledTimes(2);
    pagefind.state.fail = true;
  });
});

describe('page files for the search index', () => {
  it('follow build.format "directory" under the base path', () => {
    expect(pageFileOf('/', '/')).toBe('index.html');
    expect(pageFileOf('/lessons/a/', '/')).toBe('lessons/a/index.html');
    expect(pageFileOf('/media-lessons/lessons/a/guide/', '/media-lessons')).toBe('lessons/a/guide/index.html');
    expect(pageFileOf('/media-lessons/', '/media-lessons/')).toBe('index.html');
    expect(pageFileOf('/media-lessons', '/media-lessons')).toBe('index.html');
    expect(pageFileOf('/404.html', '/')).toBe('404.html');
    expect(pageFileOf('/about', '/')).toBe('about/index.html');
    expect(pageFileOf('/lessons/caf%C3%A9/', '/')).toBe('lessons/café/index.html');
  });

  it('are null outside the base path, for endpoints and for malformed escapes', () => {
    expect(pageFileOf('/elsewhere/', '/media-lessons/')).toBeNull();
    expect(pageFileOf('/lessons/a/data.json', '/')).toBeNull();
    expect(pageFileOf('/lessons/%E0%A4%A/', '/')).toBeNull();
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
