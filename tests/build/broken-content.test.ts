/**
 * A real `astro build` over broken content must fail before writing
 * anything, with the author-facing message.
 */
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
