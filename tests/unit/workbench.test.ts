import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readContentSources } from '../../src/lib/content/load.ts';
import { parseMdx } from '../../src/lib/content/mdx-parser.ts';
import { splitBlocks } from '../../src/lib/content/text.ts';
import { tokenize } from '../../src/lib/learner/tokens.ts';
import {
  annotationFile,
  checkDraft,
  draftFiles,
  draftFromFiles,
  draftFromLab,
  emptyDraft,
  exportDraft,
  idFor,
  importDraft,
  namedFiles,
  pickQuote,
  readDraftStore,
  readLabHandoff,
  type Draft,
  type WorkbenchContext,
} from '../../src/lib/write/workbench.ts';
import { emitPair } from '../../src/lib/write/yaml-patch.ts';

const sources = readContentSources('content', '.');
// The build's own MDX parser here; the browser uses the outline reader (tests/unit/mdx-outline.test.ts).
const ctx: WorkbenchContext = { techniques: sources.techniques, excerpts: sources.excerpts.map((e) => e.slug), parseMdx };
const browserCtx: WorkbenchContext = { ...ctx, parseMdx: undefined };
const lessons = readdirSync('content/lessons').map((f) => f.replace(/\.mdx$/, ''));
const open = (slug: string) =>
  draftFromFiles(
    {
      md: readFileSync(`content/excerpts/${slug}.md`, 'utf8'),
      yaml: readFileSync(`content/excerpts/${slug}.yaml`, 'utf8'),
      mdx: readFileSync(`content/lessons/${slug}.mdx`, 'utf8'),
    },
    slug,
    'd1',
    '2026-01-01',
  );

/** Lines of b that differ from a, as [line number, text] (same line count assumed). */
function changedLines(a: string, b: string): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  let s = 0;
  while (s < x.length && x[s] === y[s]) s++;
  let e = 0;
  while (e < x.length - s && e < y.length - s && x[x.length - 1 - e] === y[y.length - 1 - e]) e++;
  return y.slice(s, y.length - e);
}

function newDraft(): Draft {
  const d = emptyDraft('n1', '2026-01-01');
  d.slug = 'bridge-repairs';
  d.meta = {
    ...d.meta,
    title: 'Bridge shut for repairs',
    constructed: true,
    date: '2026-01',
    provenance: 'Written for this site as a teaching example. Not a real report.',
    genre: 'news',
    publisher: 'The Millbrook Courier, a fictional local paper',
    byline: 'A staff reporter (fictional)',
  };
  d.text =
    'Bridge shut for repairs\n\nSources say the bridge will certainly stay shut all year. Drivers are furious.\n\nThe council said the bridge would reopen in May. Sources say the cost is high.\n';
  d.lesson = {
    ...d.lesson,
    title: 'Who says the bridge stays shut?',
    summary: 'Find the sourcing gaps in a short local report.',
    topic: 'Local news',
    questions: ['Who says so?'],
    objectives: ['Spot a vague source'],
    keyPoints: ['Ask who is speaking'],
    discussion: ['Why might a reporter not name a source?'],
    misconceptions: ['"An unnamed source is always made up." Sometimes a source has a good reason to stay unnamed.'],
    controlHint: 'Now read the council notice. Who is speaking, and how could you check it?',
    debrief: 'The report leans on "sources say"; the notice names who decided and when.',
  };
  d.control = {
    meta: {
      ...d.meta,
      title: 'Bridge closure notice',
      provenance: 'Written for this site as a control passage. Not a real notice.',
      publisher: 'Millbrook Town Council, a fictional council',
      byline: '',
    },
    text: 'Bridge closure notice\n\nThe town council closed the bridge on 3 March for repairs. The council engineer, Dana Reyes, expects it to reopen in May.\n',
  };
  return d;
}

describe('workbench files', () => {
  it.each(lessons)('writes %s back byte for byte when nothing changed', (slug) => {
    const d = open(slug);
    const files = draftFiles(d);
    expect(files.md).toBe(d.origin!.md);
    expect(files.yaml).toBe(d.origin!.yaml);
    expect(files.mdx).toBe(d.origin!.mdx);
    expect(checkDraft(d, ctx).issues.map((i) => i.issue.problem)).toEqual([]);
  });

  it.each(lessons)('changes only the edited note in %s', (slug) => {
    const d = open(slug);
    const i = d.annotations.length - 1;
    d.annotations[i].note =
      'A new note, written again by the teacher, long enough that it has to be folded over more than one line of the file so the block style is kept.';
    const yaml = annotationFile(d);
    const diff = changedLines(d.origin!.yaml!, yaml);
    expect(diff.join(' ')).toContain('A new note');
    expect(diff.every((l) => /^\s+(note: )?/.test(l))).toBe(true);
    expect((parse(yaml) as { note: string }[])[i].note).toBe(d.annotations[i].note);
    expect((parse(yaml) as unknown[]).slice(0, i)).toEqual((parse(d.origin!.yaml!) as unknown[]).slice(0, i));
    expect(checkDraft(d, ctx).issues).toEqual([]);
  });

  it('reopens a lesson with its control files and writes all five back byte for byte', () => {
    const slug = 'bus-lane-release';
    const files = {
      md: readFileSync(`content/excerpts/${slug}.md`, 'utf8'),
      yaml: readFileSync(`content/excerpts/${slug}.yaml`, 'utf8'),
      mdx: readFileSync(`content/lessons/${slug}.mdx`, 'utf8'),
      cmd: readFileSync(`content/excerpts/${slug}-control.md`, 'utf8'),
      cyaml: readFileSync(`content/excerpts/${slug}-control.yaml`, 'utf8'),
    };
    const d = draftFromFiles(files, slug, 'd1', '2026-01-01');
    expect(draftFiles(d)).toEqual(files);
    expect(namedFiles(d).map((f) => f.name)).toContain('content/excerpts/bus-lane-release-control.md');
    expect(checkDraft(d, ctx).issues).toEqual([]);
    // Opened without them, the control files are left alone (not written).
    expect(draftFiles(open(slug)).cmd).toBeUndefined();
    d.control!.meta.publisher = '';
    expect(checkDraft(d, ctx).issues.map((i) => i.target)).toContainEqual({ kind: 'control', field: 'publisher' });
    expect(changedLines(files.cmd, draftFiles(d).cmd!).join('\n')).not.toContain('title');
  });

  it('adds, removes and reorders annotations, keeping the comments in place', () => {
    const d = open('factory-closure');
    const [first, second, ...rest] = d.annotations;
    d.annotations = [second, first, ...rest.slice(1)];
    d.annotations[0].question = '';
    d.annotations.push({ ...first, orig: undefined, id: 'extra-one', scored: false, question: 'Is it fair?' });
    const yaml = annotationFile(d);
    const parsed = parse(yaml) as Record<string, unknown>[];
    expect(parsed.map((a) => a.id)).toEqual(d.annotations.map((a) => a.id));
    expect(parsed[0].question).toBeUndefined();
    expect(parsed.at(-1)!.scored).toBe(false);
    expect(yaml.startsWith(d.origin!.yaml!.split('\n- id')[0])).toBe(true);
    // "extra-one" repeats first's quote under the same lens: the validator says they overlap.
    const problems = checkDraft(d, ctx).issues;
    expect(problems.some((p) => p.target.kind === 'annotation' && /overlaps/.test(p.issue.problem))).toBe(true);
  });

  it('writes a new lesson that the validator accepts, with its words where the schema wants them', () => {
    const d = newDraft();
    const tokens = tokenize(d.text, splitBlocks(d.text));
    const at = (w: string, nth = 0) => tokens.filter((t) => d.text.slice(t.start, t.end) === w)[nth];
    const idx = (w: string, nth = 0) => tokens.indexOf(at(w, nth));
    // "Sources say" occurs twice: the workbench adds a suffix or prefix to pick the second.
    const q = pickQuote(d.text, tokens, idx('Sources', 1), idx('say', 1))!;
    expect(q.quote).toBe('Sources say');
    expect(q.prefix + q.suffix).not.toBe('');
    // The first one sits right after the headline: its context comes from its own paragraph.
    const q0 = pickQuote(d.text, tokens, idx('Sources', 0), idx('say', 0))!;
    expect(q0).toMatchObject({ quote: 'Sources say', prefix: '', suffix: ' the bridge' });
    const q2 = pickQuote(d.text, tokens, idx('certainly'), idx('certainly'))!;
    expect(q2).toMatchObject({ quote: 'certainly', prefix: '', suffix: '' });
    d.annotations.push(
      {
        id: 'sources-say-bridge',
        quote: q0.quote,
        prefix: q0.prefix,
        suffix: q0.suffix,
        lens: ['sourcing-gap'],
        kind: [],
        key: [],
        scored: true,
        note: 'Which sources? Nobody is named for the claim.',
        question: 'Who told the reporter?',
        check: 'Look for a notice from the council.',
        rewrite: '',
        lensNote: '',
      },
      {
        id: idFor(q.quote, []),
        quote: q.quote,
        prefix: q.prefix,
        suffix: q.suffix,
        lens: ['sourcing-gap'],
        kind: ['vague-attribution'],
        key: ['Sources'],
        scored: true,
        note: 'Which sources? "Sources say": who?',
        question: 'Who would know?',
        check: 'Ask the council for its cost estimate.',
        rewrite: '',
        lensNote: '',
      },
      {
        id: 'certainly',
        quote: 'will certainly stay shut',
        prefix: '',
        suffix: '',
        lens: ['unsupported-prediction'],
        kind: [],
        key: ['certainly'],
        scored: true,
        note: '#1 claim: how could they know? {not JSX}',
        question: 'Can anyone be sure?',
        check: '',
        rewrite: 'The bridge may stay shut, engineers say.',
        lensNote: '',
      },
      {
        id: 'furious',
        quote: 'furious',
        prefix: '',
        suffix: '',
        lens: ['emotive-language'],
        kind: [],
        key: [],
        scored: false,
        note: 'Maybe fair: drivers may well be angry.',
        question: 'Is the word fair here?',
        check: '',
        rewrite: '',
        lensNote: '',
      },
    );
    d.lesson.intro = 'A short <constructed> report {for practice}.';
    const result = checkDraft(d, ctx);
    expect(result.issues).toEqual([]);
    expect(checkDraft(d, browserCtx).issues).toEqual([]);
    expect(result.excerpt!.annotations.map((a) => a.id)).toEqual(['sources-say-bridge', 'certainly', 'furious', 'sources-say']);
    expect(result.files.mdx).toContain('<Step lens="sourcing-gap">');
    expect(result.files.mdx).toMatch(/^control: bridge-repairs-control$/m);
    expect(result.files.mdx).toContain('<ControlStep>\nNow read the council notice.');
    expect(result.files.mdx).toMatch(/## Debrief\n\nThe report leans/);
    expect(result.files.cmd).toContain('publisher: Millbrook Town Council');
    expect(namedFiles(d).map((f) => f.name)).toEqual([
      'content/excerpts/bridge-repairs.md',
      'content/excerpts/bridge-repairs.yaml',
      'content/lessons/bridge-repairs.mdx',
      'content/excerpts/bridge-repairs-control.md',
      'content/excerpts/bridge-repairs-control.yaml',
    ]);
    expect(result.files.mdx).toContain('&#60;constructed&#62;');
    const y = parse(result.files.yaml) as Record<string, unknown>[];
    expect(y[2].note).toBe('#1 claim: how could they know? {not JSX}');
    expect(y[3].scored).toBe(false);
  });

  it('places validator messages beside the field they concern', () => {
    const d = newDraft();
    d.annotations.push({
      id: 'x',
      quote: 'not in the text',
      prefix: '',
      suffix: '',
      lens: ['sourcing-gap'],
      kind: [],
      key: [],
      scored: true,
      note: 'n',
      question: '',
      check: '',
      rewrite: '',
      lensNote: '',
    });
    d.lesson.questions = [];
    const targets = checkDraft(d, ctx).issues.map((i) => i.target);
    expect(targets).toContainEqual({ kind: 'annotation', index: 0, field: undefined });
    d.meta.provenance = '';
    expect(checkDraft(d, ctx).issues.map((i) => i.target)).toContainEqual({ kind: 'meta', field: 'provenance' });
    expect(targets).toContainEqual({ kind: 'lesson', field: 'questions' });
    d.slug = 'factory-closure';
    expect(checkDraft(d, ctx).issues[0].target).toEqual({ kind: 'slug' });
  });

  it('asks for what the contract requires beside its field, and invents none of it', () => {
    const d = newDraft();
    d.lesson = { ...d.lesson, discussion: [], misconceptions: [], controlHint: '', debrief: '' };
    d.control = { meta: { ...d.control!.meta, genre: '' }, text: '' };
    d.annotations.push({
      id: 'furious',
      quote: 'furious',
      prefix: '',
      suffix: '',
      lens: ['emotive-language'],
      kind: [],
      key: [],
      scored: true,
      note: 'Too short.',
      question: '',
      check: '',
      rewrite: '',
      lensNote: '',
    });
    const r = checkDraft(d, ctx);
    // The browser's outline reader finds the same problems.
    expect(checkDraft(d, browserCtx).issues).toEqual(r.issues);
    const targets = r.issues.map((i) => i.target);
    for (const field of ['discussion', 'misconceptions', 'controlHint', 'debrief'])
      expect(targets).toContainEqual({ kind: 'lesson', field });
    expect(targets).toContainEqual({ kind: 'control', field: 'genre' });
    // An unchosen kind of text reads as missing, not as an invalid value called "nothing".
    const genre = r.issues.find((i) => i.target.kind === 'control' && 'field' in i.target && i.target.field === 'genre')!;
    expect(genre.issue.problem).toMatch(/missing/);
    expect(genre.issue.problem).not.toMatch(/nothing|Invalid option/);
    d.control.meta.genre = 'news';
    expect(checkDraft(d, ctx).issues.map((i) => i.target)).toContainEqual({ kind: 'control', field: 'text' });
    expect(targets).toContainEqual({ kind: 'annotation', index: 0, field: 'question' });
    expect(r.issues.find((i) => /too short/.test(i.issue.problem))?.target).toEqual({
      kind: 'annotation',
      index: 0,
      field: 'note',
    });
    expect(r.files.mdx).not.toContain('ControlStep');
    expect(r.files.mdx).not.toContain('Debrief');
    expect(r.files.mdx).not.toContain('TODO');
  });
});

describe('yaml emitter', () => {
  it.each([
    'plain words',
    'yes',
    '2026',
    'a: b',
    '"quoted" start',
    '# hash',
    'line\nbreak',
    'x'.repeat(70) + ' ' + 'y'.repeat(30),
    'two  spaces inside a long enough string that it must be wrapped over the width of the line',
  ])('round-trips %j', (s) => {
    expect((parse(`  ${emitPair('note', s, 2)}`) as { note: string }).note).toBe(s);
    expect((parse(emitPair('k', [s, 'b'], 0)) as { k: string[] }).k).toEqual([s, 'b']);
  });
});

describe('drafts on the device', () => {
  it('exports and imports a draft file, and rejects other files', () => {
    const d = open('robots-take-jobs');
    const back = importDraft(exportDraft(d))!;
    expect(draftFiles(back)).toEqual(draftFiles(d));
    expect(importDraft('{"v":1}')).toBeNull();
    expect(importDraft('not json')).toBeNull();
  });

  it('reads a damaged store without throwing and says so', () => {
    expect(readDraftStore('{').corrupt).toBe(true);
    expect(readDraftStore(null)).toEqual({ store: { v: 1, current: '', drafts: [] }, corrupt: false });
    const good = JSON.stringify({ v: 1, current: 'a', drafts: [emptyDraft('a', '2026-01-01'), { v: 1 }] });
    const r = readDraftStore(good);
    expect(r.store.drafts.map((x) => x.id)).toEqual(['a']);
    expect(r.corrupt).toBe(true);
  });

  it('turns a lab handoff into draft annotations, dropping bad cues', () => {
    const text = 'Sources say it will certainly rain.\n';
    const h = readLabHandoff(
      JSON.stringify({
        text,
        cues: [
          { start: 0, end: 11, lens: 'sourcing-gap', note: 'who?' },
          { start: 5, end: 999, lens: 'x' },
        ],
      }),
    )!;
    expect(h.cues).toHaveLength(1);
    const d = draftFromLab(h, tokenize(text, splitBlocks(text)), 'l1', '2026-01-01');
    expect(d.annotations).toMatchObject([{ quote: 'Sources say', lens: ['sourcing-gap'], note: 'who?' }]);
    expect(readLabHandoff('nope')).toBeNull();
  });
});
