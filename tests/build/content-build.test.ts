/**
 * Real `astro build`s over broken content (issue 15). Builds are expensive on
 * a shared machine, so: one good build, then three broken ones into the same
 * output folder, one after another. Content errors stop the build in its
 * first second; only the render failure builds pages.
 *
 * 1. Every rule `check:content` has for what would break the build is broken
 *    at once; the build fails with exactly check:content's message.
 * 2. A quote typo: the classic author mistake.
 * 3. A page that throws while rendering, after other pages were written.
 * Each time the previous site stays whole and the exit code is non-zero.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, scratchProject } from '../helpers/build.ts';
import { listFiles } from '../../src/lib/site/sizes.ts';

const work = mkdtempSync(join(tmpdir(), 'ml-broken-'));
const project = scratchProject();
const outDir = join(work, 'dist');
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  project.remove();
});

/**
 * A fresh copy of the content, with the scaffolded lesson filled in. `keep`
 * limits the lessons (and their excerpts) to a few, so that a build that must
 * render every page stays short on a busy machine.
 */
function goodContent(name: string, keep?: string[]): string {
  const dir = join(work, name);
  cpSync('content', dir, { recursive: true });
  if (keep) {
    for (const f of readdirSync(join(dir, 'lessons'))) {
      const slug = f.replace(/\.mdx$/, '');
      if (keep.includes(slug)) continue;
      rmSync(join(dir, 'lessons', f));
      for (const e of readdirSync(join(dir, 'excerpts')))
        if (e.startsWith(`${slug}.`) || e.startsWith(`${slug}-control.`)) rmSync(join(dir, 'excerpts', e));
    }
  }
  const made = spawnSync(process.execPath, ['src/cli/new-lesson.ts', 'my-first-lesson'], {
    env: { ...process.env, CONTENT_DIR: dir },
    encoding: 'utf8',
  });
  expect(made.status, made.stderr).toBe(0);
  for (const f of [
    'excerpts/my-first-lesson.md',
    'excerpts/my-first-lesson.yaml',
    'excerpts/my-first-lesson-control.md',
    'lessons/my-first-lesson.mdx',
  ]) {
    const p = join(dir, f);
    writeFileSync(p, readFileSync(p, 'utf8').replaceAll('TODO: ', ''));
  }
  return dir;
}

const edit = (path: string, from: string | RegExp, to: string) => {
  const before = readFileSync(path, 'utf8');
  const after = before.replace(from, to);
  expect(after, `${path}: ${from}`).not.toBe(before);
  writeFileSync(path, after);
};

/** Every file of the site with its bytes, to prove it was left alone. */
function snapshot(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((f) => [f.slice(dir.length), readFileSync(f, 'latin1')]));
}

const checkContent = (content: string) =>
  spawnSync(process.execPath, ['src/cli/check-content.ts'], {
    cwd: project.dir,
    env: { ...process.env, CONTENT_DIR: content },
    encoding: 'utf8',
  });
const build = (content: string, cwd = project.dir) => astroBuild({ cwd, outDir, env: { CONTENT_DIR: content } });

let good: Map<string, string>;

beforeAll(() => {
  const r = build(goodContent('content-good', ['count-in-riverton', 'water-quality-report', 'crime-wave-headlines']));
  expect(r.status, r.output.slice(-3000)).toBe(0);
  good = snapshot(outDir);
}, 600_000);

describe('a good build', () => {
  it('publishes the whole site, including a lesson made with new:lesson, its headers and service worker', () => {
    const html = readFileSync(join(outDir, 'lessons', 'my-first-lesson', 'index.html'), 'utf8');
    expect(html).toContain('According to officials');
    // Each paragraph of the text takes its direction from its own letters (right-to-left texts read right to left).
    expect(html).toMatch(/<div class="excerpt-text"[^>]*>\s*<p class="excerpt-headline" dir="auto"/);
    for (const f of ['index.html', '_headers', 'sw.js', 'lessons/my-first-lesson/guide/index.html', 'pagefind/pagefind.js']) {
      expect(existsSync(join(outDir, f)), f).toBe(true);
    }
    expect(readFileSync(join(outDir, '_headers'), 'utf8')).toContain('Content-Security-Policy');
    expect(readdirSync(work).filter((f) => f.includes('.building') || f.includes('.old-'))).toEqual([]);
  });
});

describe('check:content catches everything the build can fail on, with the same message', () => {
  it('fails both on each rule, and the build leaves the previous site whole', () => {
    const c = goodContent('content-all-broken');
    const lesson = (slug: string) => join(c, 'lessons', `${slug}.mdx`);
    // MDX that does not compile.
    edit(lesson('factory-closure'), '</Walkthrough>', '</Walkthrough>\n\n<Step lens="sourcing-gap">\nNever closed.\n');
    // A component that does not exist, code, a raw script, a javascript: link.
    edit(
      lesson('heatwave-forecast'),
      '## Debrief',
      '<Quiz />\n\nHost: {process.env.HOSTNAME}\n\n<script>alert(1)</script>\n\n[Click](javascript:alert(1))\n\n## Debrief',
    );
    writeFileSync(
      lesson('robots-take-jobs'),
      `${readFileSync(lesson('robots-take-jobs'), 'utf8').replace(/^(---\n[\s\S]*?\n---\n)/, '$1import { hostname } from "node:os";\n\n')}`,
    );
    // A file name that is not a slug.
    renameSync(lesson('water-quality-report'), join(c, 'lessons', 'Harbour Ferry.mdx'));
    // Two lessons at one place on the path.
    const pathOf = (slug: string) => /\npath: (\d+)/.exec(readFileSync(lesson(slug), 'utf8'))![1];
    edit(lesson('miracle-supplement'), /\npath: \d+/, `\npath: ${pathOf('crime-wave-headlines')}`);
    // A bad lab rule and a bad glossary entry.
    edit(join(c, 'lab', 'rules.yaml'), /\n(\s+)lens: emotive-language\n/, '\n$1lens: emotive-langauge\n');
    edit(join(c, 'glossary.yaml'), /\n {2}definition: [^\n]+\n/, '\n');
    // Scaffold placeholders left in.
    edit(lesson('my-first-lesson'), 'title: "the lesson title"', 'title: "TODO: the lesson title"');
    // A sourcing gap without `check:`.
    edit(join(c, 'excerpts', 'count-in-riverton.yaml'), /\n {2}check: [^\n]*(\n {4}[^\n]*)*/, '');

    const checked = checkContent(c);
    expect(checked.status).toBe(1);
    const message = checked.stderr.trim();
    const expected = [
      /factory-closure\.mdx:\d+\n {2}Problem: the lesson is not valid MDX: Expected a closing tag for `<Step>`/,
      /heatwave-forecast\.mdx:\d+\n {2}Problem: `<Quiz>` is not one of the lesson components/,
      /heatwave-forecast\.mdx:\d+\n {2}Problem: `\{process\.env\.HOSTNAME\}` is an expression: lessons cannot run code/,
      /heatwave-forecast\.mdx:\d+\n {2}Problem: a raw `<script>` is not allowed in a lesson/,
      /heatwave-forecast\.mdx:\d+\n {2}Problem: a javascript: link is not allowed in a lesson/,
      /robots-take-jobs\.mdx:\d+\n {2}Problem: `import`\/`export` is not allowed in a lesson/,
      /lessons\/Harbour Ferry\.mdx\n {2}Problem: the file name "Harbour Ferry" cannot be a web address\n {2}Fix: .*e\.g\. .*lessons\/harbour-ferry\.mdx/,
      /miracle-supplement\.mdx\n {2}Problem: `path: \d+` is also the place of .*crime-wave-headlines\.mdx on the "start here" path/,
      /lab\/rules\.yaml:\d+\n {2}Problem: rule "[^"]+": `lens` must be one of/,
      /glossary\.yaml:\d+ — term "Attribution"\n {2}Problem: `definition` is missing/,
      /my-first-lesson\.mdx:\d+\n {2}Problem: 1 placeholder from the lesson scaffold is still here/,
      /count-in-riverton\.yaml — annotation "[^"]+"\n {2}Quote: .*\n {2}Problem: a sourcing gap has no `check:`/,
    ];
    for (const re of expected) expect(message).toMatch(re);

    const r = build(c);
    expect(r.status).not.toBe(0);
    // The build prints check:content's message, every word of it, and its hint without a stack trace.
    expect(r.output).toContain(message);
    expect(r.output).toContain('Run `npm run check:content` for the same list');
    expect(r.output).not.toContain('Stack trace');
    expect(snapshot(outDir)).toEqual(good);
  });
});

describe('a failed build never publishes half a site', () => {
  it('a quote typo: fails naming file, annotation, quote and fix; the previous site stays', () => {
    const c = goodContent('content-typo');
    edit(join(c, 'excerpts', 'staging-up-for-another-assault.yaml'), 'quote: revenge-thirsty\n', 'quote: revenge-thirstey\n');
    const r = build(c);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('1 content problem found. Nothing was built');
    expect(r.output).toMatch(/content-typo\/excerpts\/staging-up-for-another-assault\.yaml:\d+ — annotation "revenge-thirsty"/);
    expect(r.output).toContain('Quote:   "revenge-thirstey"');
    expect(r.output).toContain('Nearest text (line 5): "revenge-thirsty"');
    expect(snapshot(outDir)).toEqual(good);
  });

  it(
    'a page that fails while rendering, after others were written: the previous site stays, nothing half-built is left',
    { timeout: 600_000 },
    () => {
      const broken = scratchProject();
      try {
        writeFileSync(
          join(broken.dir, 'src', 'pages', 'zz-broken.astro'),
          '---\nthrow new Error("this page cannot render");\n---\n<p>never</p>\n',
        );
        const r = build(join(work, 'content-good'), broken.dir);
        expect(r.status).not.toBe(0);
        expect(r.output).toContain('this page cannot render');
        expect(snapshot(outDir)).toEqual(good);
        expect(readdirSync(work).filter((f) => f.includes('.building') || f.includes('.old-'))).toEqual([]);
      } finally {
        broken.remove();
      }
    },
  );
});
