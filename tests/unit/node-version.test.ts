/** Node, stated once (issue 15, item 7): package.json, README and the authoring guide agree; the CLIs run through npx. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

describe('the Node a user needs', () => {
  it('is stated once: engines, README and the authoring guide name the same version', () => {
    const m = /^>=(\d+\.\d+)$/.exec(pkg.engines.node);
    expect(m, pkg.engines.node).not.toBeNull();
    const version = `Node.js ${m![1]} or later`;
    expect(readFileSync('README.md', 'utf8')).toContain(version);
    expect(readFileSync('src/pages/authoring.mdx', 'utf8')).toContain(version);
    // The scripts run on the Node the project installs (the `node` devDependency), which must satisfy Astro.
    expect(Number(pkg.devDependencies.node.split('.')[0])).toBeGreaterThanOrEqual(22);
    // npm shows errors only, so installing with an older Node prints no wall of EBADENGINE warnings.
    expect(readFileSync('.npmrc', 'utf8')).toMatch(/^loglevel=error$/m);
  });

  it('the project CLIs exist as bin entries and run through npx', { timeout: 60_000 }, () => {
    for (const [name, file] of Object.entries(pkg.bin as Record<string, string>)) {
      expect(existsSync(file), name).toBe(true);
      expect(readFileSync(file, 'utf8').startsWith('#!/usr/bin/env node\n'), name).toBe(true);
    }
    const r = spawnSync('npx', ['--no', 'check-content'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Content OK: \d+ lessons/m);
  });
});
