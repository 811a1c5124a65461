/** The editorial rules of docs/annotation-guide.md that the validator enforces (src/lib/content/editorial.ts). */
import { describe, expect, it } from 'vitest';
import { occurrences } from '../../src/lib/content/editorial.ts';
import { formatIssues } from '../../src/lib/content/issues.ts';
import { validateLibrary } from '../../src/lib/content/validate.ts';
import { parseMdx } from '../../src/lib/content/mdx-parser.ts';
import { EXCERPT_TEXT, GOOD_ANNOTATIONS, sources } from '../helpers/sources.ts';

const FM =
  'title: Troops\noutlet: Example Daily\ndate: 2018-02\ngenre: news\npublisher: Example Daily, a test newspaper\nprovenance: Test text.';
// "troops" occurs three times in the synthetic text: the headline "Troops Mass", "revenge-thirsty troops are
// amassing" and "The troops will".
const TROOPS = `- id: troops-amassing
  quote: troops are amassing
  lens: emotive-language
  note: Which troops? How many?
- id: troops-headline
  quote: Troops Mass
  lens: emotive-language
  note: A mass of whom?
`;

/** The checks of editorial.ts only: the fixtures here leave out `question:` and long notes on purpose. */
const OTHER_RULES = /^the note is too short|^the annotation has no `question:`/;

function run(annotations: string, excerptFrontmatter = FM) {
  const issues = validateLibrary(sources({ annotations, excerptFrontmatter }), { parseMdx }).issues.filter(
    (i) => !OTHER_RULES.test(i.problem),
  );
  return { issues, text: formatIssues(issues) };
}

describe('occurrences', () => {
  it('finds whole-word, case-insensitive repeats and ignores parts of words', () => {
    const text = 'Crime tsunami hits town. A crime tsunami, again. Tsunamis are rare.';
    expect(occurrences(text, 'Crime tsunami').map((o) => text.slice(o.start, o.end))).toEqual(['Crime tsunami', 'crime tsunami']);
    expect(occurrences(text, 'tsunami')).toHaveLength(2);
  });

  it('tolerates curly quotes and runs of space like the anchoring does', () => {
    const text = 'It was “massive”.\nTruly  massive.';
    expect(occurrences(text, '"massive"')).toHaveLength(1);
    expect(occurrences(text, 'Truly massive')).toHaveLength(1);
  });

  it('finds repeats in several texts in turn, and in text whose lower case changes length', () => {
    const a = 'Café owners said so. Café owners disagree.';
    const b = 'İstanbul café owners said so, then CAFÉ OWNERS left.';
    expect(occurrences(a, 'café owners')).toHaveLength(2);
    expect(occurrences(b, 'café owners').map((o) => b.slice(o.start, o.end))).toEqual(['café owners', 'CAFÉ OWNERS']);
    expect(occurrences(a, 'owners said')).toEqual([{ start: 5, end: 16 }]);
    expect(occurrences(b, 'İstanbul')).toHaveLength(1);
  });
});

describe('a repeated scored quote', () => {
  const repeated = `- id: the-troops
  quote: troops
  suffix: " will"
  lens: emotive-language
  note: The same word twice.
`;

  it('is reported when the other occurrence is neither annotated nor listed, with file, annotation, quote, problem and fix', () => {
    const { issues, text } = run(GOOD_ANNOTATIONS + repeated);
    expect(issues).toHaveLength(2);
    expect(text).toMatch(/line 1: \[Troops\] Mass/);
    expect(issues[0]).toMatchObject({ file: 'content/excerpts/troops.yaml', annotation: 'the-troops', quote: 'troops' });
    expect(issues[0].problem).toContain('occurs again');
    expect(issues[0].problem).toContain('alsoDefensible');
    expect(text).toMatch(/revenge-thirsty \[troops\] are amassing/);
    expect(issues[0].fix).toContain('alsoDefensible');
  });

  it('passes when the other occurrence is listed under alsoDefensible', () => {
    const fm = `${FM}\nalsoDefensible:\n  - quote: "thirsty troops"\n    reason: The same word again; one note covers it.`;
    const issues = run(GOOD_ANNOTATIONS + repeated, fm).issues;
    // Only the headline's "Troops" is still uncovered.
    expect(issues.map((i) => i.detail?.[0])).toEqual([expect.stringMatching(/^line 1: \[Troops\] Mass/)]);
    const both = `${fm}\n  - quote: "Troops Mass"\n    reason: The headline's word; one note covers it.`;
    expect(run(GOOD_ANNOTATIONS + repeated, both).issues).toEqual([]);
  });

  it('passes when the other occurrence is annotated too', () => {
    expect(run(GOOD_ANNOTATIONS + repeated + TROOPS).issues).toEqual([]);
  });

  it('is not checked for an unscored judgement call', () => {
    expect(run(GOOD_ANNOTATIONS + repeated.replace('lens:', 'scored: false\n  lens:')).issues).toEqual([]);
  });

  it('a quote that occurs once raises nothing', () => {
    expect(EXCERPT_TEXT.match(/absolute massacre/g)).toHaveLength(1);
    expect(run(GOOD_ANNOTATIONS).issues).toEqual([]);
  });
});

describe('a sourcing gap', () => {
  it('without `check:` is reported, with what to write', () => {
    const noCheck = GOOD_ANNOTATIONS.replace(/\n {2}check: [^\n]*/, '');
    expect(noCheck).not.toContain('check:');
    const { issues, text } = run(noCheck);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      file: 'content/excerpts/troops.yaml',
      annotation: 'vague-reports',
      quote: 'According to reports',
    });
    expect(issues[0].problem).toContain('no `check:`');
    expect(text).toContain('Fix:     add `check:`');
  });

  it('other lenses need no check', () => {
    expect(GOOD_ANNOTATIONS).toMatch(/id: massacre[\s\S]*lens: emotive-language/);
    expect(run(GOOD_ANNOTATIONS).issues.filter((i) => i.annotation === 'massacre')).toEqual([]);
  });
});

describe('a nothingToFlag phrase', () => {
  it('may not overlap a scored annotation', () => {
    const fm = `${FM}\nnothingToFlag:\n  - quote: "absolute massacre is coming"\n    reason: Fine.`;
    const { issues } = run(GOOD_ANNOTATIONS, fm);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      file: 'content/excerpts/troops.md',
      annotation: 'nothingToFlag #1',
      quote: 'absolute massacre is coming',
    });
    expect(issues[0].problem).toContain('the annotation "massacre"');
    expect(issues[0].fix).toContain('choose words');
  });

  it('is fine where nothing is flagged', () => {
    const fm = `${FM}\nnothingToFlag:\n  - quote: "officials said"\n    reason: Attributed.`;
    expect(run(GOOD_ANNOTATIONS, fm).issues).toEqual([]);
  });
});
