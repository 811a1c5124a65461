/**
 * A 7,500-word lesson page stays under 50 kB of gzipped HTML (issue 18, item 2), measured on a real
 * build. The lesson is the benchmark's long synthetic one (src/cli/synth.ts: 7,500 words, a flag
 * about every 100 words, notes of about 60 words with a question, a way to check and a rewrite),
 * built with three real lessons and the real techniques, glossary and lab rules. The content contract caps an
 * excerpt at 5,000 words (MAX_EXCERPT_WORDS), so this lesson could not be published; the fixture
 * lifts the cap in its scratch copy of the project, so the budget holds with room to spare for any
 * lesson that can be.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, scratchProject } from '../../src/cli/astro-build.ts';
import { makeSite } from '../../src/cli/synth.ts';
import { gz } from '../../src/lib/site/sizes.ts';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { wordCount } from '../../src/lib/content/text.ts';

const BUDGET = 50 * 1024;
const real = loadLibrary(resolve('content'));
/** Words in the longest companion text of a real lesson. */
const LONGEST_COMPANION = Math.max(
  ...real.lessons.map((l) => wordCount(real.excerpts.find((e) => e.slug === l.data.control)?.text ?? '')),
);
const project = scratchProject();
const site = makeSite(process.cwd(), 0, 7500);
const slug = site.longSlug!;
const outDir = join(site.dir, 'dist');
let html = '';

afterAll(() => {
  project.remove();
  rmSync(site.dir, { recursive: true, force: true });
});

const edit = (path: string, change: (s: string) => string) => {
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  writeFileSync(path, after);
  return after !== before;
};

/** The synthetic lesson made to pass today's content rules where it does not yet (each step only if needed). */
function publishable(content: string) {
  const excerpt = join(content, 'excerpts', `${slug}.md`);
  // The companion is as long as the longest real one (synth.ts makes it half as long as the text,
  // which no real lesson comes near: their companions are a few hundred words). docs/benchmarks.md
  // also gives the page with a companion half as long as this text.
  const companion = join(content, 'excerpts', `${slug}-control.md`);
  if (existsSync(companion))
    edit(companion, (s) => {
      const [front, body] = s.split(/(?<=\n---\n)/);
      let left = LONGEST_COMPANION;
      const paras: string[] = [];
      for (const p of body.trim().split(/\n\n/)) {
        if (left <= 0) break;
        const words = p.split(/\s+/);
        paras.push(words.slice(0, left).join(' '));
        left -= words.length;
      }
      return `${front}${paras.join('\n\n')}\n`;
    });
  edit(excerpt, (s) => (/\ngenre: /.test(s) ? s : s.replace('\nconstructed: true\n', '\nconstructed: true\ngenre: news\n')));
  edit(excerpt, (s) =>
    /\npublisher: /.test(s)
      ? s
      : s.replace('\nconstructed: true\n', '\nconstructed: true\npublisher: "A generated outlet (fictional)"\n'),
  );
  // Every sourcing gap says how to check it.
  edit(
    join(content, 'excerpts', `${slug}.yaml`),
    (s) =>
      s
        .split(/\n(?=- id: )/)
        .map((b) =>
          b.includes('\n  check: ') || !b.includes('lens: sourcing-gap')
            ? b.replace(/\n+$/, '')
            : `${b.replace(/\n+$/, '')}\n  check: "Find the original record and who published it."`,
        )
        .join('\n') + '\n',
  );
  const lesson = join(content, 'lessons', `${slug}.mdx`);
  if (!/\ncontrol: /.test(readFileSync(lesson, 'utf8'))) {
    const control = `${slug}-control`;
    const body = Array.from(
      { length: 12 },
      (_, i) => `The council said in a published statement that item ${i + 1} was reviewed by the auditor, who named her method.`,
    ).join(' ');
    writeFileSync(
      join(content, 'excerpts', `${control}.md`),
      `---\ntitle: "A careful report"\nconstructed: true\ndate: 2026-01\ngenre: news\npublisher: "A generated outlet (fictional)"\nprovenance: "Generated for the page-size test."\n---\nA careful report on local services\n\n${body}\n`,
    );
    writeFileSync(join(content, 'excerpts', `${control}.yaml`), '[]\n');
    edit(lesson, (s) =>
      s
        .replace(`\nexcerpt: ${slug}\n`, `\nexcerpt: ${slug}\ncontrol: ${control}\n`)
        .replace('</Walkthrough>', '<ControlStep>\nThe second report names its sources.\n</ControlStep>\n\n</Walkthrough>'),
    );
  }
  // This lesson and the three real ones the workshop page names (the flagship among them), to keep the build short.
  const lessons = new Set([slug, 'staging-up-for-another-assault', 'water-quality-report', 'crime-wave-headlines']);
  const texts = new Set<string>();
  for (const f of readdirSync(join(content, 'lessons'))) {
    const path = join(content, 'lessons', f);
    if (!lessons.has(f.replace(/\.mdx$/, ''))) rmSync(path);
    else for (const m of readFileSync(path, 'utf8').matchAll(/\n(?:excerpt|control): (\S+)/g)) texts.add(m[1]);
  }
  for (const f of readdirSync(join(content, 'excerpts')))
    if (!texts.has(f.replace(/\.(md|yaml)$/, ''))) rmSync(join(content, 'excerpts', f));
}

beforeAll(() => {
  const content = join(site.dir, 'content');
  publishable(content);
  const lifted = edit(join(project.dir, 'src', 'lib', 'content', 'validate.ts'), (s) =>
    s.replace(/MAX_EXCERPT_WORDS = \d+/, 'MAX_EXCERPT_WORDS = 10000'),
  );
  expect(lifted, 'the word cap in validate.ts has moved: update this fixture').toBe(true);
  const r = astroBuild({ cwd: project.dir, outDir, env: { CONTENT_DIR: content } });
  expect(r.status, r.output.slice(-3000)).toBe(0);
  html = readFileSync(join(outDir, 'lessons', slug, 'index.html'), 'utf8');
}, 240_000);

describe('a 7,500-word lesson page', () => {
  it('is the long lesson the benchmark describes', () => {
    expect(site.words).toBeGreaterThanOrEqual(7500);
    // With its companion, read blind beside it, as long as the longest real one.
    expect(LONGEST_COMPANION).toBeGreaterThan(100);
    expect(html.match(/class="excerpt-text"/g)?.length).toBe(3);
    expect(existsSync(join(outDir, 'lessons', slug, 'guide', 'index.html'))).toBe(true);
  });

  it(`stays under ${BUDGET / 1024} kB of gzipped HTML`, () => {
    const size = gz(html);
    console.log(
      `[lesson size] ${site.words}-word lesson with a ${LONGEST_COMPANION}-word companion: ${(size / 1024).toFixed(1)} kB gzipped`,
    );
    expect(size, `lessons/${slug}/index.html is ${(size / 1024).toFixed(1)} kB gzipped`).toBeLessThan(BUDGET);
  });

  it('has each note card once: the step answers link to it', () => {
    const cards = (html.match(/class="ann-card"/g) ?? []).length;
    expect(cards).toBe(site.anns);
    const links = html.match(/<p class="ann-link"><q>[^<]+<\/q> <a href="#[^"]+--note">Read note [SEP/]+\d+<\/a><\/p>/g) ?? [];
    expect(links.length).toBe(site.anns);
  });
});
