/**
 * The lesson workbench (/write/): a teacher writes a lesson with the keyboard
 * only, takes the files away, and the project accepts and builds them; an
 * opened lesson is written back byte for byte apart from the edited note.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Download, Page } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { astroBuild } from '../helpers/build.ts';
import { splitBlocks } from '../../src/lib/content/text.ts';
import { tokenize } from '../../src/lib/learner/tokens.ts';
import { axe, hasBrowser, launch, newPage, url, watchDialogs } from './browser.ts';

/** Written for this test: a constructed local report with three things to flag. */
const TEXT = `Harbour wall works will certainly run over budget

Engineers began work on the Eastport harbour wall on Monday. Sources say the council ignored warnings for years, and residents are outraged.

The council's project manager, Priya Nair, said the work should finish by March. Sources say the final bill is not yet known.
`;
const SLUG = 'eastport-harbour-wall';
/** Written for this test: the control passage, a calm and sourced notice on the same works. */
const CONTROL = `Harbour wall repairs begin; council expects March finish

Work to repair the Eastport harbour wall began on Monday, the town council said in a notice on its website. The council's project manager, Priya Nair, said the contract was signed in January and that the work should finish by March, weather permitting.

A council survey published in 2024 listed the wall as needing repair within five years. Ms Nair said any change to the cost would be reported to the works committee, whose meetings are open to the public.
`;

const tokens = tokenize(TEXT, splitBlocks(TEXT));
/** Index of the nth token reading `word`. */
function word(w: string, nth = 0): number {
  const i = tokens.map((t, k) => [TEXT.slice(t.start, t.end), k] as const).filter(([s]) => s === w)[nth]?.[1];
  if (i === undefined) throw new Error(`no word ${w}`);
  return i;
}

async function typeInto(page: Page, selector: string, text: string) {
  await page.focus(selector);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

/** Select words a..b in the text with the keyboard and annotate them. */
async function annotate(page: Page, a: number, b: number, lensTabs: number, note: string, question: string, check = '') {
  await page.focus('#wb-text');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('wb-surface');
  await page.keyboard.press('Home');
  for (let i = 0; i < a; i++) await page.keyboard.press('ArrowRight');
  for (let i = a; i < b; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Enter');
  // Focus lands on the first lens checkbox; Tab to the wanted one and tick it.
  await expect
    .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.dataset.annLens))
    .toBe('sourcing-gap');
  for (let i = 0; i < lensTabs; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await typeInto(page, '#wb-ann-note', note);
  await typeInto(page, '#wb-ann-question', question);
  if (check) await typeInto(page, '#wb-ann-check', check);
  await page.focus('.wb-editor button[data-act="done"]');
  await page.keyboard.press('Enter');
}

async function save(page: Page, trigger: () => Promise<void>, dir: string, name: string): Promise<string> {
  const [dl] = await Promise.all<[Promise<Download>, Promise<void>]>([page.waitForEvent('download'), trigger()]);
  const to = join(dir, name);
  await dl.saveAs(to);
  return readFileSync(to, 'utf8');
}

/** The workbench loads its checker on arrival; wait until it is on screen. */
async function ready(page: Page) {
  await expect.poll(() => page.locator('.wb-app').isVisible(), { timeout: 20_000 }).toBe(true);
}

async function pressButton(page: Page, selector: string) {
  await page.focus(selector);
  await page.keyboard.press('Enter');
}

describe.skipIf(!hasBrowser)('lesson workbench', () => {
  let browser: Browser;
  const work = mkdtempSync(join(tmpdir(), 'ml-write-'));
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('writes a lesson with the keyboard only (four annotations and a control passage), whose files pass check:content and build', async () => {
    const { page, context, errors } = await newPage(browser, {
      acceptDownloads: true,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const dialogs = watchDialogs(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const jsBytes: number[] = [];
    page.on('response', async (r) => {
      if (r.request().resourceType() === 'script') jsBytes.push(gzipSync(await r.body(), { level: 9 }).length);
    });
    await page.goto(url('write/'));
    await ready(page);
    expect(await axe(page)).toEqual([]);

    await typeInto(page, '#wb-slug', SLUG);
    await typeInto(page, '#wb-meta-title', 'Harbour wall works will certainly run over budget');
    await page.focus('.wb-field input[data-bind="meta.constructed"]');
    await page.keyboard.press('Space');
    expect(await page.locator('#wb-meta-outlet').isDisabled()).toBe(true);
    await typeInto(page, '#wb-meta-date', '2026-02');
    await typeInto(
      page,
      '#wb-meta-provenance',
      'Written for this site as a teaching example. Eastport and everyone in it are invented.',
    );
    await page.focus('#wb-meta-genre');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#wb-meta-genre').inputValue()).toBe('news');
    await typeInto(page, '#wb-meta-publisher', 'The Eastport Gazette, a fictional local newspaper');
    await typeInto(page, '#wb-meta-byline', 'A staff reporter (fictional)');
    await typeInto(page, '#wb-text', TEXT);

    // The text appears split into paragraphs as the build splits it.
    await expect.poll(() => page.locator('#wb-surface p').count()).toBe(3);

    await annotate(
      page,
      word('certainly'),
      word('certainly'),
      2,
      'How could anyone know the final cost before the work has started? The headline states a guess as a fact.',
      'Could anyone know this yet?',
    );
    // "Sources say" occurs twice: take the second; the workbench adds context to pick it.
    await annotate(
      page,
      word('Sources', 1),
      word('say', 1),
      0,
      'Which sources? Nobody is named, so a reader cannot check who knows the bill.',
      'Who would know the final bill?',
      'Look for the contract value in the council papers.',
    );
    await annotate(
      page,
      word('outraged'),
      word('outraged'),
      1,
      'A strong feeling word with no resident quoted: how many residents, and who said so?',
      'Who is outraged, and how do we know?',
    );
    // A scored quote that repeats must be annotated in both places (the validator says so beside it).
    await expect.poll(() => page.locator('.wb-checks').innerText()).toContain('the quote occurs again');
    await annotate(
      page,
      word('Sources', 0),
      word('say', 0),
      0,
      'Which sources? The claim about ignored warnings has no named source.',
      'Who says the warnings were ignored?',
      'Ask the council for the warnings and when they were made.',
    );

    expect(await page.locator('.wb-list > li').count()).toBe(4);
    // Listed in reading order; the repeated words are shown as the validator sees them.
    await expect
      .poll(() => page.locator('.wb-list > li').nth(2).innerText(), { timeout: 5000 })
      .toMatch(/^outraged: outraged\s+Emotive language/);
    expect(await page.locator('.wb-list > li').first().innerText()).toMatch(/^certainly: certainly\s+Unsupported prediction/);
    expect(await page.locator('.wb-list > li').nth(3).innerText()).toMatch(/occur 2 times, the words around them pick one/);
    await expect.poll(() => page.locator('.wb-checks').innerText()).not.toContain('the quote occurs again');

    // Live checks name what is still missing, beside the field.
    expect(await page.locator('[data-msg="lesson:summary"]').innerText()).toContain('`summary` is missing');
    await typeInto(page, '#wb-lesson-title', 'Who says the wall is over budget?');
    await typeInto(page, '#wb-lesson-summary', 'Find the guesses and the nameless sources in a short harbour report.');
    await typeInto(page, '#wb-lesson-topic', 'Local news');
    await typeInto(page, '#wb-lesson-questions', 'How can a report tell a fact from a guess?');
    await typeInto(page, '#wb-lesson-objectives', 'Spot an unnamed source and a prediction stated as fact');
    await typeInto(page, '#wb-lesson-keyPoints', 'Ask who says so, and how they could know');
    // What the contract requires and only the author can write: asked for beside its field, never made up.
    await expect.poll(() => page.locator('[data-msg="lesson:discussion"]').innerText()).toContain('`discussion:`');
    expect(await page.locator('[data-msg="lesson:debrief"]').innerText()).toContain('## Debrief');
    expect(await page.locator('[data-msg="lesson:controlHint"]').innerText()).toContain('<ControlStep>');
    expect(await page.locator('[data-msg="control:title"]').innerText()).toContain('title');
    expect(await page.locator('#wb-lesson-debrief').getAttribute('aria-invalid')).toBe('true');
    await typeInto(page, '#wb-lesson-discussion', 'Why might a reporter use an unnamed source?');
    await typeInto(
      page,
      '#wb-lesson-misconceptions',
      '"An unnamed source is always made up." Some sources have good reasons not to be named; ask what the reporter did to check.',
    );
    await typeInto(
      page,
      '#wb-lesson-controlHint',
      'Now read the council notice about the same works. Who is speaking, and could you check what they say?',
    );
    await typeInto(
      page,
      '#wb-lesson-debrief',
      'The report states a guess as fact and leans on people it does not name. The notice names who is speaking and where to check.',
    );
    expect(await page.locator('.wb-control-name').innerText()).toBe(`content/excerpts/${SLUG}-control.md`);
    await typeInto(page, '#wb-control-title', 'Harbour wall repairs begin; council expects March finish');
    await page.focus('input[data-bind="control.meta.constructed"]');
    await page.keyboard.press('Space');
    expect(await page.locator('#wb-control-outlet').isDisabled()).toBe(true);
    await typeInto(page, '#wb-control-date', '2026-02');
    await typeInto(
      page,
      '#wb-control-provenance',
      'Written for this site as a control passage. Eastport and everyone in it are invented.',
    );
    await page.focus('#wb-control-genre');
    await page.keyboard.press('ArrowDown');
    await typeInto(page, '#wb-control-publisher', 'Eastport Town Council, a fictional council');
    await expect.poll(() => page.locator('[data-msg="control:text"]').innerText()).toContain('no text');
    await typeInto(page, '#wb-control-text', CONTROL);
    await expect
      .poll(() => page.locator('.wb-checks-sum').innerText())
      .toBe('No problems: these files pass the same checks as the site.');
    expect(await page.locator('[data-msg="lesson:summary"]').innerText()).toBe('');

    // The learner's preview scores with the site's rules.
    const step = page.locator('.wb-step.lens-sourcing-gap');
    await step.locator('.wb-pv-surface').focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < word('Sources', 1); i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await step.getByRole('button', { name: 'Check' }).focus();
    await page.keyboard.press('Enter');
    expect(await step.locator('.wb-tally').innerText()).toBe('You found 1 of 2, 0 marks on words not flagged here.');
    expect(await step.locator('.wb-feedback').innerText()).toContain('Which sources?');
    // A missed phrase stays hidden in the text until the learner opens the answers.
    const emotive = page.locator('.wb-step.lens-emotive-language');
    await emotive.getByRole('button', { name: 'Check' }).focus();
    await page.keyboard.press('Enter');
    expect(await emotive.locator('.wb-tally').innerText()).toBe('You found 0 of 1, 0 marks on words not flagged here.');
    expect(await emotive.locator('.w.fb-missed').count()).toBe(0);
    await emotive.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => emotive.locator('.w.fb-missed').count()).toBe(1);
    expect(await emotive.locator('details').innerText()).toContain('A strong feeling word');

    expect(await axe(page)).toEqual([]);

    // Take the files away: each file, the zip, and the clipboard.
    const content = join(work, 'content');
    cpSync('content', content, { recursive: true });
    const md = await save(page, () => pressButton(page, 'button[data-download="md"]'), join(content, 'excerpts'), `${SLUG}.md`);
    const yaml = await save(
      page,
      () => pressButton(page, 'button[data-download="yaml"]'),
      join(content, 'excerpts'),
      `${SLUG}.yaml`,
    );
    const mdx = await save(page, () => pressButton(page, 'button[data-download="mdx"]'), join(content, 'lessons'), `${SLUG}.mdx`);
    const cmd = await save(
      page,
      () => pressButton(page, 'button[data-download="cmd"]'),
      join(content, 'excerpts'),
      `${SLUG}-control.md`,
    );
    await save(page, () => pressButton(page, 'button[data-download="cyaml"]'), join(content, 'excerpts'), `${SLUG}-control.yaml`);
    expect(await page.locator('button[data-act="zip"]').innerText()).toBe('Download all five (.zip)');
    const zipped = await save(page, () => pressButton(page, 'button[data-act="zip"]'), work, 'lesson.zip');
    expect(zipped.startsWith('PK')).toBe(true);
    if (spawnSync('unzip', ['-v']).status === 0) {
      const out = join(work, 'unzipped');
      mkdirSync(out);
      expect(spawnSync('unzip', ['-q', join(work, 'lesson.zip'), '-d', out]).status).toBe(0);
      expect(readFileSync(join(out, `content/excerpts/${SLUG}.yaml`), 'utf8')).toBe(yaml);
      expect(readFileSync(join(out, `content/lessons/${SLUG}.mdx`), 'utf8')).toBe(mdx);
      expect(readFileSync(join(out, `content/excerpts/${SLUG}-control.md`), 'utf8')).toBe(cmd);
    }
    await pressButton(page, 'button[data-copy="yaml"]');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(yaml);

    const anns = parse(yaml) as Record<string, unknown>[];
    // Kept in reading order: the second "Sources say" comes last.
    expect(anns.map((a) => a.quote)).toEqual(['certainly', 'Sources say', 'outraged', 'Sources say']);
    expect(anns[3].prefix ?? anns[3].suffix).toBeTruthy();
    expect(anns.map((a) => a.lens)).toEqual(['unsupported-prediction', 'sourcing-gap', 'emotive-language', 'sourcing-gap']);
    expect(md).toContain('constructed: true');
    expect(md.endsWith(TEXT)).toBe(true);
    expect(cmd.endsWith(CONTROL)).toBe(true);
    expect(mdx).toMatch(new RegExp(`^control: ${SLUG}-control$`, 'm'));
    expect(mdx).not.toContain('TODO');

    // Nothing went anywhere else; the workbench keeps to its own JS budget.
    expect(requests.filter((r) => !r.startsWith(url('')))).toEqual([]);
    expect(jsBytes.reduce((a, b) => a + b, 0)).toBeLessThan(90 * 1024);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();

    // The project accepts the files unchanged, and builds them.
    const check = spawnSync(process.execPath, ['src/cli/check-content.ts'], {
      env: { ...process.env, CONTENT_DIR: content },
      encoding: 'utf8',
    });
    expect(check.status, check.stderr).toBe(0);
    // Build it (one build; on a lean copy of the content, so the slow lesson pages are only this one).
    const lean = join(work, 'lean-content');
    for (const d of ['techniques', 'lab']) cpSync(join(content, d), join(lean, d), { recursive: true });
    cpSync(join(content, 'glossary.yaml'), join(lean, 'glossary.yaml'));
    mkdirSync(join(lean, 'excerpts'));
    mkdirSync(join(lean, 'lessons'));
    // The workshop page needs three lessons: the new one and two of the existing ones.
    for (const slug of [SLUG, 'water-quality-report', 'crime-wave-headlines']) {
      for (const f of [`${slug}.md`, `${slug}.yaml`, `${slug}-control.md`, `${slug}-control.yaml`]) {
        if (existsSync(join(content, 'excerpts', f))) cpSync(join(content, 'excerpts', f), join(lean, 'excerpts', f));
      }
      cpSync(join(content, 'lessons', `${slug}.mdx`), join(lean, 'lessons', `${slug}.mdx`));
    }
    const out = join(work, 'dist');
    const built = astroBuild({ outDir: out, env: { CONTENT_DIR: lean } });
    expect(built.status, built.output.slice(-3000)).toBe(0);
    const html = readFileSync(join(out, 'lessons', SLUG, 'index.html'), 'utf8');
    expect(html).toContain('Who says the wall is over budget?');
    expect(html).toContain('Which sources? Nobody is named');
    expect(html).toContain('Now read the council notice');
  }, 420_000);

  it('reopens an existing lesson and writes it back byte for byte apart from an edited note', async () => {
    const { page, context, errors } = await newPage(browser, { acceptDownloads: true });
    await page.goto(url('write/'));
    await ready(page);
    const slug = 'factory-closure';
    const orig = {
      md: readFileSync(`content/excerpts/${slug}.md`, 'utf8'),
      yaml: readFileSync(`content/excerpts/${slug}.yaml`, 'utf8'),
      mdx: readFileSync(`content/lessons/${slug}.mdx`, 'utf8'),
      cmd: readFileSync(`content/excerpts/${slug}-control.md`, 'utf8'),
      cyaml: readFileSync(`content/excerpts/${slug}-control.yaml`, 'utf8'),
    };
    await page.setInputFiles('#wb-open', [
      `content/excerpts/${slug}.md`,
      `content/excerpts/${slug}.yaml`,
      `content/lessons/${slug}.mdx`,
      `content/excerpts/${slug}-control.md`,
      `content/excerpts/${slug}-control.yaml`,
    ]);
    await expect.poll(() => page.locator('.wb-status').innerText()).toContain(`Opened "${slug}"`);
    await expect.poll(() => page.locator('.wb-checks-sum').innerText()).toMatch(/^No problems/);
    expect(await page.locator('#wb-slug').inputValue()).toBe(slug);

    const before = parse(orig.yaml) as Record<string, unknown>[];
    const n = 1;
    await pressButton(page, `.wb-list button[data-act="edit"][data-i="${n}"]`);
    const note =
      'A teacher rewrote this note in the workbench. It is long enough to need folding across more than one line in the file.';
    await typeInto(page, '#wb-ann-note', note);
    await expect.poll(() => page.locator('[data-file="yaml"]').inputValue(), { timeout: 10_000 }).toContain('A teacher rewrote');

    // Enter in an editor field does not submit (and reload) the page.
    await page.focus('#wb-ann-id');
    await page.keyboard.press('Enter');
    expect(page.url()).toBe(url('write/'));

    const dir = join(work, 'reopened');
    mkdirSync(dir);
    const md = await save(page, () => pressButton(page, 'button[data-download="md"]'), dir, 'x.md');
    const yaml = await save(page, () => pressButton(page, 'button[data-download="yaml"]'), dir, 'x.yaml');
    const mdx = await save(page, () => pressButton(page, 'button[data-download="mdx"]'), dir, 'x.mdx');
    const cmd = await save(page, () => pressButton(page, 'button[data-download="cmd"]'), dir, 'x-control.md');
    const cyaml = await save(page, () => pressButton(page, 'button[data-download="cyaml"]'), dir, 'x-control.yaml');
    expect(md).toBe(orig.md);
    expect(mdx).toBe(orig.mdx);
    expect(cmd).toBe(orig.cmd);
    expect(cyaml).toBe(orig.cyaml);
    // Only the note's lines differ.
    const a = orig.yaml.split('\n');
    const b = yaml.split('\n');
    let s = 0;
    while (a[s] === b[s]) s++;
    let e = 0;
    while (a[a.length - 1 - e] === b[b.length - 1 - e]) e++;
    const changed = b.slice(s, b.length - e).join('\n');
    // The note keeps its folded style; only its text lines changed.
    expect(b[s - 1]).toBe('  note: >-');
    expect(changed.replace(/\s+/g, ' ').trim()).toBe(note);
    const after = parse(yaml) as Record<string, unknown>[];
    expect(after[n].note).toBe(note);
    expect(after.map((x, i) => (i === n ? { ...x, note: before[n].note } : x))).toEqual(before);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps drafts across reloads, warns when storage is full and offers the draft file', async () => {
    const { page, context, errors } = await newPage(browser, { acceptDownloads: true, colorScheme: 'dark' });
    await page.goto(url('write/'));
    await ready(page);
    await typeInto(page, '#wb-text', TEXT);
    await typeInto(page, '#wb-slug', 'kept-draft');
    await page.reload();
    await ready(page);
    await expect.poll(() => page.locator('#wb-text').inputValue()).toBe(TEXT);
    expect(await page.locator('#wb-slug').inputValue()).toBe('kept-draft');
    expect(await axe(page)).toEqual([]);

    // Storage fills up: the page says so and offers the draft file, which imports elsewhere.
    await page.evaluate(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('full', 'QuotaExceededError');
      };
    });
    await typeInto(page, '#wb-meta-title', 'Nearly lost');
    await expect.poll(() => page.locator('.wb-storage').isVisible()).toBe(true);
    expect(await page.locator('.wb-storage').innerText()).toMatch(/storage is full[\s\S]*Export this draft/);
    const file = join(work, 'draft.json');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('.wb-storage button').click()]);
    await dl.saveAs(file);
    await context.close();

    const other = await newPage(browser);
    await other.page.goto(url('write/'));
    await ready(other.page);
    await other.page.setInputFiles('#wb-import', file);
    await expect.poll(() => other.page.locator('#wb-meta-title').inputValue()).toBe('Nearly lost');
    expect(await other.page.locator('#wb-text').inputValue()).toBe(TEXT);
    await other.page.setInputFiles('#wb-import', {
      name: 'x.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"nope":1}'),
    });
    await expect.poll(() => other.page.locator('.wb-status').innerText()).toContain('is not a workbench draft file');
    expect([...errors, ...other.errors]).toEqual([]);
    await other.context.close();
  });

  it('opens the lab hand-off as a draft with the accepted cues', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url('lab/'));
    await page.getByRole('button', { name: 'Try an example text' }).click();
    const first = page.locator('.lab-cues li.lab-item').first();
    await first.getByRole('button', { name: /^Confirm/ }).click();
    await page.getByRole('button', { name: 'Turn this into a lesson' }).click();
    await page.waitForURL(/\/write\/$/);
    await expect
      .poll(() => page.locator('.wb-status').innerText(), { timeout: 20_000 })
      .toMatch(/Opened from the practice lab: your text and 1 accepted cue/);
    expect(await page.locator('.wb-list > li').count()).toBe(1);
    expect(await page.locator('#wb-text').inputValue()).toContain('Storm chaos');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('explains itself without JavaScript', async () => {
    const { page, context } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(url('write/'));
    expect(await page.locator('ml-write').innerText()).toContain('The workbench needs JavaScript');
    expect(await page.locator('.wb-app').isVisible()).toBe(false);
    await context.close();
    expect(existsSync(join(inject('distDir'), 'write', 'index.html'))).toBe(true);
  });
});
