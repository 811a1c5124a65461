/**
 * The content contract (issue 15): every file through one validator, and a
 * clear message for each mistake authors make.
 */
import { describe, expect, it } from 'vitest';
import { anchorQuote, cutWord, nearestText } from '../../src/lib/content/anchor.ts';
import { brief, formatIssue, formatIssues } from '../../src/lib/content/issues.ts';
import { checkLessonMdx, urlScheme } from '../../src/lib/content/lesson-rules.ts';
import { scaffold } from '../../src/lib/content/scaffold.ts';
import { splitBlocks } from '../../src/lib/content/text.ts';
import { type ContentSources, validateLibrary } from '../../src/lib/content/validate.ts';
import { parseMdx } from '../../src/lib/content/mdx-parser.ts';
import { EXCERPT_TEXT, GOOD_ANNOTATIONS, GOOD_LESSON, sources } from '../helpers/sources.ts';

const FULL = '  note: A note long enough to say why it matters.\n  question: Who says so?\n';
const check = (src: ContentSources) => validateLibrary(src, { parseMdx });
/** The fixture with the main excerpt's text (after its frontmatter) replaced. */
function withText(text: string, annotations: string): ContentSources {
  const s = sources({ annotations });
  s.excerpts[0].text.content = s.excerpts[0].text.content.replace(EXCERPT_TEXT, text);
  return s;
}
const lessonBody = (body: string) => GOOD_LESSON.replace('## Debrief', `${body}\n\n## Debrief`);
const mdxProblems = (body: string) =>
  checkLessonMdx('content/lessons/x.mdx', lessonBody(body), parseMdx).issues.map((i) => i.problem);

describe('messages for the mistakes authors make', () => {
  it('a tab in YAML indentation: one message that says "tab" and the line', () => {
    const yaml = GOOD_ANNOTATIONS.replace('  quote: revenge-thirsty', '\tquote: revenge-thirsty');
    const { issues } = check(sources({ annotations: yaml }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      file: 'content/excerpts/troops.yaml',
      line: yaml.split('\n').findIndex((l) => l.startsWith('\t')) + 1,
    });
    expect(issues[0].problem).toContain('tab');
  });

  it('other unreadable YAML: only the first error, with a count of the echoes', () => {
    const { issues } = check(
      sources({ annotations: '- id: x\n  quote: "unclosed\n  lens: sourcing-gap\n- id: y\n  quote: "also\n' }),
    );
    expect(issues).toHaveLength(1);
  });

  it('a byte-order mark at the start of a file is removed', () => {
    const s = sources({ annotations: `\uFEFF${GOOD_ANNOTATIONS}` });
    s.excerpts[0].text.content = `\uFEFF${s.excerpts[0].text.content}`;
    const { issues, library } = check(s);
    expect(issues).toEqual([]);
    expect(library.excerpts[0].annotations).toHaveLength(3);
  });

  it('a YAML alias bomb is refused, naming the file', () => {
    const bomb =
      'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
    const { issues } = check(sources({ annotations: bomb }));
    expect(issues).toHaveLength(1);
    expect(issues[0].file).toBe('content/excerpts/troops.yaml');
    expect(issues[0].problem).toContain('aliases');
  });

  it('compares text and quotes after Unicode NFC normalisation, with a note', () => {
    const decomposed = 'Noe\u0308l Ortiz said the troops would certainly attack.';
    const yaml = `- id: noel\n  quote: Noël Ortiz said\n  lens: sourcing-gap\n${FULL}  check: Ask her office.\n`;
    const { issues, notes, library } = check(withText(decomposed, yaml));
    expect(issues).toEqual([]);
    expect(library.excerpts[0].annotations[0].text).toBe('Noël Ortiz said');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ file: 'content/excerpts/troops.md' });
    expect(notes[0].problem).toContain('NFC');
  });

  it('the nearest-text suggestion never cuts a word in half', () => {
    const text = 'The committee reported unprecedented flooding downstream.';
    const n = nearestText(text, 'precedented flood');
    expect(n).not.toBeNull();
    expect(text.slice(n!.start, n!.end)).toBe('unprecedented flooding');
  });

  it('a quote that starts or ends inside a word is rejected, showing the whole word', () => {
    const yaml = `- id: cut\n  quote: solute massacre\n  lens: emotive-language\n${FULL}`;
    const { issues } = check(sources({ annotations: yaml }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ annotation: 'cut', quote: 'solute massacre' });
    expect(issues[0].problem).toBe('the quote starts inside the word "absolute"');
    expect(cutWord('An absolute massacre', 3, 15)).toEqual({ side: 'end', word: 'massacre' });
    expect(cutWord('An absolute massacre', 3, 11)).toBeNull();
  });

  it('NUL and other control characters are rejected with the line', () => {
    const s = sources();
    s.excerpts[0].text.content = s.excerpts[0].text.content.replace('absolute', 'abso\u0000lute');
    const { issues } = check(s);
    expect(issues.length).toBeGreaterThanOrEqual(1);
    expect(issues[0]).toMatchObject({
      file: 'content/excerpts/troops.md',
      line: s.excerpts[0].text.content.split('\n').findIndex((l) => l.includes('\u0000')) + 1,
    });
    expect(issues[0].problem).toContain('U+0000, NUL');
  });

  it('an excerpt over 5,000 words is refused', () => {
    const long = `${'word '.repeat(5001)}\n`;
    const { issues } = check(withText(long, '[]'));
    expect(issues.map((i) => i.problem)).toContain('the excerpt has 5001 words; the limit is 5000');
  });

  it('a quote that matches once exactly and once only after folding is ambiguous', () => {
    const text = "The mayor’s plan failed. Later the mayor's plan passed.";
    const r = anchorQuote(text, { exact: "mayor's plan" });
    expect(r).toMatchObject({ ok: false, reason: 'ambiguous' });
    if (!r.ok && r.reason === 'ambiguous') expect(r.matches.map((m) => m.start)).toEqual([4, 35]);
    expect(anchorQuote(text, { exact: "mayor's plan", suffix: ' passed' })).toMatchObject({ ok: true, start: 35 });
    expect(anchorQuote(text, { exact: 'mayor’s plan', suffix: ' failed' })).toMatchObject({ ok: true, start: 4 });
    const yaml = `- id: plan\n  quote: mayor's plan\n  lens: emotive-language\n${FULL}`;
    const { issues } = check(withText(text, yaml));
    expect(issues).toHaveLength(1);
    expect(issues[0].problem).toBe(
      'the quote occurs 2 times in content/excerpts/troops.md (counting places that differ only in quote marks, dashes or spaces)',
    );
  });

  it('a line holding only an invisible character still separates paragraphs', () => {
    const t = 'Headline\n\uFEFF\nFirst paragraph.\n\u200B \nSecond paragraph.';
    expect(splitBlocks(t).map((b) => t.slice(b.start, b.end))).toEqual(['Headline', 'First paragraph.', 'Second paragraph.']);
  });

  it('quotes with line breaks print on one line', () => {
    const out = formatIssue({ file: 'f.yaml', quote: 'two\n  lines', problem: 'p\nq', fix: 'f', detail: ['a\nb'] });
    expect(out).toContain('Quote:   "two lines"');
    expect(out).toContain('Problem: p q');
    expect(out.split('\n')).toHaveLength(5);
  });

  it('an overlap message quotes the other annotation briefly', () => {
    const text = 'An absolute massacre of every hope and every plan that anyone in this town ever had is coming, officials said.';
    const yaml = `- id: long-one\n  quote: An absolute massacre of every hope and every plan that anyone in this town ever had\n  lens: emotive-language\n${FULL}- id: short-one\n  quote: massacre\n  lens: emotive-language\n${FULL}`;
    const { issues } = check(withText(text, yaml));
    expect(issues).toHaveLength(1);
    expect(issues[0].problem).toBe(
      'it overlaps "long-one" ("An absolute massacre of every hope and…"), and both use the lens emotive-language',
    );
    expect(brief('short')).toBe('short');
  });
});

describe('every file under content/ through one validator', () => {
  it('the glossary: each entry needs a term and a definition; a term is defined once', () => {
    const s = sources();
    s.glossary = {
      path: 'content/glossary.yaml',
      content:
        '- term: Hedging\n  definition: Words that show how sure a writer is.\n- term: Lede\n- term: hedging\n  definition: Again.\n',
    };
    const { issues } = check(s);
    expect(issues.map((i) => [i.item, i.line, i.problem])).toEqual([
      ['term "Lede"', 3, '`definition` is missing from this glossary entry'],
    ]);
    s.glossary.content =
      '- term: Hedging\n  definition: Words that show how sure a writer is.\n- term: hedging\n  definition: Again.\n';
    const again = check(s);
    expect(again.issues).toHaveLength(1);
    expect(again.issues[0].problem).toContain('defined twice (first on line 1)');
    expect(again.library.glossary).toHaveLength(2);
  });

  it('lab rules: problems come back in the same format, naming file and rule', () => {
    const s = sources();
    s.lab = {
      rules: {
        path: 'content/lab/rules.yaml',
        content:
          'rules:\n  - id: vague\n    lens: sourcing-gap\n    technique: vague-attribution\n    label: Vague\n    explanation: Who?\n    phrases: [reports say]\n  - id: Bad Id\n    lens: sourcing-gaps\n    technique: vague-attribution\n    label: X\n    explanation: Y\n    phrases: [x y]\n',
      },
      lexicon: { path: 'content/lab/lexicon.yaml', content: 'loaded:\n  - term: slammed\n    technique: name-calling\n' },
    };
    const { issues } = check(s);
    expect(issues.length).toBeGreaterThanOrEqual(2);
    for (const i of issues) expect(i.file).toBe('content/lab/rules.yaml');
    expect(issues.some((i) => /`id` must be lower-case/.test(i.problem))).toBe(true);
    expect(issues.some((i) => /`lens` must be one of/.test(i.problem))).toBe(true);
    expect(formatIssues(issues)).toMatch(/content\/lab\/rules\.yaml:\d+\n {2}Problem: [^\n]*`lens` must be one of/);
    s.lab.rules.content = s.lab.rules.content.replace('\t', '').replace(/ {2}- id: Bad Id[\s\S]*$/, '');
    expect(check(s).issues).toEqual([]);
  });

  it('file names must be slugs; files that belong to nothing are named', () => {
    const s = sources();
    s.lessons[0].slug = 'Harbour Ferry';
    s.lessons[0].file.path = 'content/lessons/Harbour Ferry.mdx';
    s.stray = ['content/lessons/notes.md'];
    const { issues } = check(s);
    expect(issues.map((i) => i.file)).toEqual(['content/lessons/Harbour Ferry.mdx', 'content/lessons/notes.md']);
    expect(issues[0].fix).toContain('content/lessons/harbour-ferry.mdx');
    const t = sources();
    t.techniques = [
      ...t.techniques,
      {
        id: 'Loaded_Words',
        file: {
          path: 'content/techniques/Loaded_Words.md',
          content: '---\ntitle: L\nlens: emotive-language\nsummary: S.\n---\n',
        },
      },
    ];
    expect(check(t).issues).toEqual([
      expect.objectContaining({
        file: 'content/techniques/Loaded_Words.md',
        problem: 'the file name "Loaded_Words" cannot be a web address',
      }),
    ]);
  });

  it('no two lessons share a place on the path', () => {
    const s = sources({ lesson: GOOD_LESSON.replace('level: intro', 'level: intro\npath: 1') });
    s.lessons.push({ slug: 'b-lesson', file: { path: 'content/lessons/b-lesson.mdx', content: s.lessons[0].file.content } });
    const { issues } = check(s);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'content/lessons/b-lesson.mdx' });
    expect(issues[0].problem).toBe('`path: 1` is also the place of content/lessons/a-lesson.mdx on the "start here" path');
    expect(issues[0].fix).toContain('the next free number is 2');
  });

  it('an unedited scaffold is refused, one message per file, and passes once every placeholder is replaced', () => {
    const files = scaffold('ferry', 2, '2026-01-01');
    const s = sources();
    s.excerpts = [
      {
        slug: 'ferry',
        text: { path: 'content/excerpts/ferry.md', content: files['excerpts/ferry.md'] },
        annotations: { path: 'content/excerpts/ferry.yaml', content: files['excerpts/ferry.yaml'] },
      },
      {
        slug: 'ferry-control',
        text: { path: 'content/excerpts/ferry-control.md', content: files['excerpts/ferry-control.md'] },
        annotations: { path: 'content/excerpts/ferry-control.yaml', content: files['excerpts/ferry-control.yaml'] },
      },
    ];
    s.lessons = [{ slug: 'ferry', file: { path: 'content/lessons/ferry.mdx', content: files['lessons/ferry.mdx'] } }];
    const sure = 'certainty-without-evidence'; // the scaffold's example annotation uses it
    s.techniques = [
      ...s.techniques,
      {
        id: sure,
        file: {
          path: `content/techniques/${sure}.md`,
          content: '---\ntitle: Certainty\nlens: unsupported-prediction\nsummary: Sure without evidence.\n---\nBody.\n',
        },
      },
    ];
    const { issues } = check(s);
    expect(issues.map((i) => i.file).sort()).toEqual([
      'content/excerpts/ferry-control.md',
      'content/excerpts/ferry.md',
      'content/excerpts/ferry.yaml',
      'content/lessons/ferry.mdx',
    ]);
    for (const i of issues) expect(i.problem).toMatch(/placeholders? from the lesson scaffold/);
    for (const e of s.excerpts) for (const f of [e.text, e.annotations!]) f.content = f.content.replaceAll('TODO: ', '');
    s.lessons[0].file.content = s.lessons[0].file.content.replaceAll('TODO: ', '');
    expect(check(s).issues).toEqual([]);
  });
});

describe('editorial rules (once in the tests, now in the validator)', () => {
  it('a lesson needs discussion, misconceptions, a control passage, a walkthrough with steps, the excerpt and a debrief', () => {
    const bare = GOOD_LESSON.replace(/\ncontrol: .*/, '')
      .replace(/\ndiscussion: .*/, '')
      .replace(/\nmisconceptions: .*/, '')
      .replace(/\n---\n[\s\S]*$/, '\n---\nJust text.\n');
    const problems = check(sources({ lesson: bare })).issues.map((i) => i.problem);
    expect(problems).toEqual([
      'the lesson has no `discussion:` questions for the teaching guide',
      'the lesson lists no `misconceptions:`',
      'the lesson has no control passage (`control:`)',
      'the lesson has no walkthrough step',
      'the lesson never shows its annotated excerpt',
      'the lesson has no `## Debrief` section',
    ]);
  });

  it('annotations of a lesson need a note that teaches, a question, and for a sourcing gap `check:`', () => {
    const yaml = '- id: vague-reports\n  quote: According to reports\n  lens: sourcing-gap\n  note: Which reports?\n';
    const { issues } = check(sources({ annotations: yaml }));
    expect(issues.map((i) => i.problem).sort()).toEqual([
      'a sourcing gap has no `check:`, so the learner is not told how they could check the claim',
      'the annotation has no `question:`',
      'the note is too short to teach anything (14 characters)',
    ]);
    for (const i of issues) expect(i).toMatchObject({ file: 'content/excerpts/troops.yaml', annotation: 'vague-reports' });
  });
});

describe('lessons are content, not code', () => {
  it('accepts Markdown, the lesson components with literal props, and {/* comments */}', () => {
    expect(
      mdxProblems(
        'Some **bold** text and [a link](https://example.org/) and [a page](/glossary/).\n\n{/* a note to other authors */}\n\n<TeacherNote title="Tips">\nHi.\n</TeacherNote>',
      ),
    ).toEqual([]);
  });

  it.each([
    ['import fs from "node:fs"', '`import`/`export` is not allowed in a lesson: lessons are content, not code'],
    ['export const x = 1', '`import`/`export` is not allowed in a lesson: lessons are content, not code'],
    ['Host: {process.env.HOSTNAME}', '`{process.env.HOSTNAME}` is an expression: lessons cannot run code'],
    ['<script>alert(1)</script>', 'a raw `<script>` is not allowed in a lesson: lessons cannot run code or embed other pages'],
    [
      '<iframe src="https://example.org/"></iframe>',
      'a raw `<iframe>` is not allowed in a lesson: lessons cannot run code or embed other pages',
    ],
    ['<style>{"p{}"}</style>', 'a raw `<style>` is not allowed in a lesson: lessons cannot run code or embed other pages'],
    ['<div>hi</div>', '`<div>` is not one of the lesson components'],
    ['<Quiz />', '`<Quiz>` is not one of the lesson components'],
    [
      '<TeacherNote onClick="steal()">x</TeacherNote>',
      'the event-handler attribute `onClick` on `<TeacherNote>` is not allowed: lessons cannot run code',
    ],
    [
      '<TeacherNote title={1 + 1}>x</TeacherNote>',
      'the prop `title` of `<TeacherNote>` is an expression: lessons cannot run code',
    ],
    ['<TeacherNote {...props}>x</TeacherNote>', '`<TeacherNote>` has a spread `{…}` of props: lessons cannot run code'],
    ['<TeacherNote colour="red">x</TeacherNote>', '`<TeacherNote>` has no prop `colour`'],
    ['[Click](javascript:alert(1))', 'a javascript: link is not allowed in a lesson (link to "javascript:alert(1)")'],
    ['![x](data:image/svg+xml,<svg/>)', 'a data: link is not allowed in a lesson (image to "data:image/svg+xml,<svg/>")'],
    ['[x][r]\n\n[r]: JaVaScRiPt:alert(1)', 'a javascript: link is not allowed in a lesson (link to "JaVaScRiPt:alert(1)")'],
    ['<Step lens="sourcing-gap">\nOutside.\n</Step>', '`<Step>` is outside `<Walkthrough>`'],
  ])('rejects %s', (body, problem) => {
    expect(mdxProblems(body)).toContain(problem);
  });

  it('records the walkthrough steps in order, each once, from the parsed MDX (not from the text)', () => {
    const body = GOOD_LESSON.replace(
      '<ControlStep>',
      '<Step lens="emotive-language">\nWords.\n</Step>\n\n<Step lens="sourcing-gap">\nAgain.\n</Step>\n\n<ControlStep>',
    );
    expect(checkLessonMdx('x.mdx', body, parseMdx).shape?.walkthrough).toEqual(['sourcing-gap', 'emotive-language', 'control']);
    // A step written inside a code block is text, not a step.
    const quoted = GOOD_LESSON.replace('## Debrief', '```\n<Step lens="unsupported-prediction">\n```\n\n## Debrief');
    expect(checkLessonMdx('x.mdx', quoted, parseMdx).shape?.walkthrough).toEqual(['sourcing-gap', 'control']);
  });

  it('an unknown lens on a step, and MDX that does not compile, name the line', () => {
    const stepLine = GOOD_LESSON.split('\n').findIndex((l) => l.startsWith('<Step ')) + 1;
    const bad = checkLessonMdx('x.mdx', GOOD_LESSON.replace('lens="sourcing-gap"', 'lens="sourcing"'), parseMdx).issues;
    expect(bad).toEqual([expect.objectContaining({ line: stepLine, problem: '`<Step lens="sourcing">`: unknown lens' })]);
    const broken = checkLessonMdx('x.mdx', `${GOOD_LESSON}\n<Step lens="sourcing-gap">\nNever closed.\n`, parseMdx);
    expect(broken.shape).toBeNull();
    expect(broken.issues).toHaveLength(1);
    expect(broken.issues[0].problem).toMatch(/^the lesson is not valid MDX: Expected a closing tag for `<Step>`/);
    expect(broken.issues[0].line).toBe(GOOD_LESSON.split('\n').length + 1);
    expect(broken.issues[0].fix).toContain('close every component you open');
  });

  it('reads URL schemes the way a browser does', () => {
    expect(urlScheme(' java\tscript:x')).toBe('javascript');
    expect(urlScheme('/glossary/')).toBeNull();
    expect(urlScheme('HTTPS://x')).toBe('https');
  });
});
