/**
 * A real `astro build` over broken content must fail before writing
 * anything, with the author-facing message.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { astroBuild } from '../helpers/build.ts';

const work = mkdtempSync(join(tmpdir(), 'ml-broken-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('astro build with broken content', () => {
  it('fails, names the file, annotation, quote and fix, and writes no site', () => {
    const content = join(work, 'content');
    cpSync('content', content, { recursive: true });
    const yamlPath = join(content, 'excerpts', 'staging-up-for-another-assault.yaml');
    const yaml = readFileSync(yamlPath, 'utf8');
    expect(yaml).toContain('quote: revenge-thirsty\n');
    writeFileSync(yamlPath, yaml.replace('quote: revenge-thirsty\n', 'quote: revenge-thirstey\n'));
    const outDir = join(work, 'dist');

    const r = astroBuild({ outDir, env: { CONTENT_DIR: content } });

    expect(r.status).not.toBe(0);
    expect(r.output).toContain('1 content problem found. Nothing was built');
    expect(r.output).toMatch(/content\/excerpts\/staging-up-for-another-assault\.yaml:\d+ — annotation "revenge-thirsty"/);
    expect(r.output).toContain('Quote:   "revenge-thirstey"');
    expect(r.output).toContain('Nearest text (line 5): "revenge-thirsty"');
    expect(r.output).toContain('Fix:     copy the words exactly as they appear in the excerpt');
    expect(existsSync(outDir)).toBe(false);
  });
});

describe('a lesson scaffolded with npm run new:lesson', () => {
  it('builds into a page', () => {
    const content = join(work, 'content-new');
    cpSync('content', content, { recursive: true });
    const made = spawnSync(process.execPath, ['src/cli/new-lesson.ts', 'my-first-lesson'], { env: { ...process.env, CONTENT_DIR: content }, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const outDir = join(work, 'dist-new');
    const r = astroBuild({ outDir, env: { CONTENT_DIR: content } });
    expect(r.status, r.output.slice(-2000)).toBe(0);
    const html = readFileSync(join(outDir, 'lessons', 'my-first-lesson', 'index.html'), 'utf8');
    expect(html).toContain('According to officials');
    expect(existsSync(join(outDir, 'lessons', 'my-first-lesson', 'guide', 'index.html'))).toBe(true);
  });
});
