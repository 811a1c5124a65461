import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/load.ts';
import { checkSlug } from '../../src/lib/content/scaffold.ts';

const work = mkdtempSync(join(tmpdir(), 'ml-scaffold-'));
const content = join(work, 'content');
cpSync('content', content, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (slug?: string) =>
  spawnSync(process.execPath, ['src/cli/new-lesson.ts', ...(slug ? [slug] : [])], {
    env: { ...process.env, CONTENT_DIR: content },
    encoding: 'utf8',
  });

// Each test spawns Node; on a loaded machine that alone can take seconds.
describe('npm run new:lesson', { timeout: 30_000 }, () => {
  it('creates a lesson whose files pass the content checks, at the end of the path', () => {
    const r = run('city-council-budget');
    expect(r.status, r.stderr).toBe(0);
    for (const f of [
      'excerpts/city-council-budget.md',
      'excerpts/city-council-budget.yaml',
      'excerpts/city-council-budget-control.md',
      'lessons/city-council-budget.mdx',
    ]) {
      expect(existsSync(join(content, f)), f).toBe(true);
    }
    expect(readFileSync(join(content, 'lessons/city-council-budget.mdx'), 'utf8')).toContain('<ControlStep>');
    // Unedited, it cannot be published: every file with a placeholder is named.
    const unedited = checkContent(content, work);
    expect(unedited.issues.map((i) => i.file).sort()).toEqual(
      [
        'excerpts/city-council-budget-control.md',
        'excerpts/city-council-budget.md',
        'excerpts/city-council-budget.yaml',
        'lessons/city-council-budget.mdx',
      ].map((f) => `content/${f}`),
    );
    for (const i of unedited.issues) expect(i.problem).toMatch(/placeholders? from the lesson scaffold/);
    // With every placeholder written, it passes every check.
    for (const f of [
      'excerpts/city-council-budget.md',
      'excerpts/city-council-budget.yaml',
      'excerpts/city-council-budget-control.md',
      'lessons/city-council-budget.mdx',
    ]) {
      writeFileSync(join(content, f), readFileSync(join(content, f), 'utf8').replaceAll('TODO: ', ''));
    }
    const { issues, library } = checkContent(content, work);
    expect(issues).toEqual([]);
    const lesson = library.lessons.find((l) => l.slug === 'city-council-budget')!;
    expect(lesson.data.path).toBe(library.lessons.length);
    expect(library.excerpts.find((e) => e.slug === 'city-council-budget')!.annotations).toHaveLength(2);
  });

  it('refuses an existing name without touching its files', () => {
    const before = readFileSync(join(content, 'lessons/staging-up-for-another-assault.mdx'), 'utf8');
    const r = run('staging-up-for-another-assault');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('already exists');
    expect(readFileSync(join(content, 'lessons/staging-up-for-another-assault.mdx'), 'utf8')).toBe(before);
  });

  it('refuses an invalid or missing name with a clear message', () => {
    expect(run('City Budget!').stderr).toContain('is not a valid lesson name');
    expect(run().stderr).toContain('Give the new lesson a name');
    expect(checkSlug('a--b', [])).toContain('not a valid');
    expect(checkSlug('x-control', [])).toContain('control');
    expect(checkSlug('fine-name', [])).toBeNull();
  });
});
