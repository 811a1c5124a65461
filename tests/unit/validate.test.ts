import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../src/lib/content/issues.ts';
import { containsWords, validateLibrary } from '../../src/lib/content/validate.ts';
import { parseMdx } from '../../src/lib/content/mdx-parser.ts';
import { EXCERPT_TEXT, GOOD_ANNOTATIONS, GOOD_LESSON, sources } from '../helpers/sources.ts';

function problems(over: Parameters<typeof sources>[0]) {
  const { issues } = validateLibrary(sources(over), { parseMdx });
  return { issues, text: formatIssues(issues) };
}

/** The fields every annotation of a lesson needs for teaching, so a test's annotation differs only in what it tests. */
const FULL = '  note: A note long enough to say why it matters.\n  question: Who says so?\n  check: Look for the report.\n';
const ann = (body: string) => `- id: vague-reports\n  quote: According to reports\n  lens: sourcing-gap\n${FULL}${body}`;

describe('valid content', () => {
  it('anchors every annotation and numbers them in reading order', () => {
    const { library, issues } = validateLibrary(sources(), { parseMdx });
    expect(issues).toEqual([]);
    const ex = library.excerpts[0];
    expect(ex.annotations.map((a) => [a.id, a.number])).toEqual([
      ['vague-reports', 1],
      ['revenge-thirsty', 2],
      ['massacre', 3],
    ]);
    const rt = ex.annotations[1];
    expect(EXCERPT_TEXT.slice(rt.start, rt.end)).toBe('revenge-thirsty');
    expect(rt.lenses).toEqual(['emotive-language', 'unsupported-prediction']);
    expect(library.lessons[0].data.minutes).toBe(20);
  });

  it('keeps the excerpt body byte for byte', () => {
    const { library } = validateLibrary(sources(), { parseMdx });
    expect(library.excerpts[0].text).toBe(EXCERPT_TEXT);
  });
});

describe('each kind of bad content has its own clear message', () => {
  it('quote not found: names file, annotation, quote and the nearest text', () => {
    const { issues, text } = problems({
      annotations: ann('- id: typo\n  quote: revenge-thirstey troops\n  lens: emotive-language\n' + FULL),
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      file: 'content/excerpts/troops.yaml',
      annotation: 'typo',
      quote: 'revenge-thirstey troops',
      line: 7,
    });
    expect(text).toContain('does not occur in content/excerpts/troops.md');
    expect(text).toContain('Nearest text (line 3): "revenge-thirsty troops"');
  });

  it('quote found more than once: lists where', () => {
    const { issues, text } = problems({ annotations: ann('- id: troops\n  quote: troops\n  lens: sourcing-gap\n' + FULL) });
    expect(issues).toHaveLength(1);
    expect(issues[0].problem).toContain('occurs 2 times');
    expect(issues[0].detail).toHaveLength(2);
    expect(text).toMatch(/line 3: .*\[troops\] are amassing/);
    expect(text).toMatch(/line 3: .*The \[troops\] will/);
    expect(issues[0].fix).toContain('prefix');
  });

  it('empty quote', () => {
    const { issues } = problems({ annotations: ann('- id: blank\n  quote: ""\n  lens: sourcing-gap\n' + FULL) });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ annotation: 'blank', problem: '`quote` is empty' });
  });

  it('unknown lens, with a suggestion', () => {
    const { issues } = problems({
      annotations: ann('- id: bad-lens\n  quote: absolute massacre\n  lens: emotive-langage\n' + FULL),
    });
    expect(issues).toHaveLength(1);
    expect(issues[0].problem).toBe('unknown lens "emotive-langage"');
    expect(issues[0].fix).toContain('"emotive-language"');
  });

  it('a sub-kind given as a lens is explained', () => {
    const { issues } = problems({
      annotations: ann('- id: kind-as-lens\n  quote: absolute massacre\n  lens: hyperbole\n' + FULL),
    });
    expect(issues[0].fix).toBe(
      '"hyperbole" is a sub-kind of emotive-language: write `lens: emotive-language` and `kind: hyperbole`',
    );
  });

  it('unknown sub-kind', () => {
    const { issues } = problems({
      annotations: ann('- id: bad-kind\n  quote: absolute massacre\n  lens: emotive-language\n  kind: hyperbol\n' + FULL),
    });
    expect(issues).toHaveLength(1);
    expect(issues[0].problem).toBe('unknown kind "hyperbol"');
    expect(issues[0].fix).toContain('did you mean "hyperbole"');
  });

  it('sub-kind of a lens the annotation does not list', () => {
    const { issues } = problems({
      annotations: ann('- id: wrong-kind\n  quote: absolute massacre\n  lens: sourcing-gap\n  kind: hyperbole\n' + FULL),
    });
    expect(issues[0].problem).toContain('belongs to the lens "emotive-language"');
  });

  it('duplicate annotation id', () => {
    const { issues } = problems({ annotations: ann(ann('')) });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ annotation: 'vague-reports', line: 7 });
    expect(issues[0].problem).toContain('used twice in this file (first on line 1)');
  });

  it('missing note', () => {
    const { issues, text } = problems({ annotations: '- id: no-note\n  quote: absolute massacre\n  lens: emotive-language\n' });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      annotation: 'no-note',
      quote: 'absolute massacre',
      problem: '`note` is missing from this annotation',
    });
    expect(text).toContain('Fix:     add `note:` with a value');
  });

  it('lesson pointing at a missing excerpt', () => {
    const { issues } = problems({ lesson: GOOD_LESSON.replace('excerpt: troops', 'excerpt: trops') });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'content/lessons/a-lesson.mdx' });
    expect(issues[0].problem).toContain('`excerpt: trops` points at an excerpt that does not exist');
    expect(issues[0].fix).toBe('did you mean `excerpt: troops`?');
  });

  it('overlap of two annotations of the same lens', () => {
    const { issues } = problems({
      annotations: GOOD_ANNOTATIONS + '- id: thirsty-troops\n  quote: thirsty troops\n  lens: emotive-language\n' + FULL,
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ annotation: 'thirsty-troops', line: 20 });
    expect(issues[0].problem).toBe('it overlaps "revenge-thirsty" ("revenge-thirsty"), and both use the lens emotive-language');
  });

  it('overlap of different lenses is allowed', () => {
    const { issues } = problems({
      annotations: GOOD_ANNOTATIONS + '- id: will-attack\n  quote: troops will certainly attack\n  lens: sourcing-gap\n' + FULL,
    });
    expect(issues).toEqual([]);
  });

  it('bad frontmatter types in a lesson', () => {
    const { issues, text } = problems({
      lesson: GOOD_LESSON.replace('minutes: 20', 'minutes: twenty').replace('audience: [students]', 'audience: students'),
    });
    expect(issues.map((i) => i.problem)).toEqual([
      expect.stringContaining('`minutes` in the frontmatter is not valid: expected number'),
      expect.stringContaining('`audience` in the frontmatter is not valid: expected array'),
    ]);
    expect(text).toContain('correct `audience` to be a list');
  });

  it('unknown frontmatter field names the allowed ones', () => {
    const { issues } = problems({ lesson: GOOD_LESSON.replace('level: intro', 'level: intro\nlevle: intro') });
    expect(issues[0].problem).toContain('unknown field `levle`');
    expect(issues[0].fix).toContain('level');
  });

  it('bad excerpt frontmatter: published text without an outlet', () => {
    const { issues } = problems({
      excerptFrontmatter: 'title: T\ndate: 2018\ngenre: news\npublisher: P, a website\nprovenance: P',
    });
    expect(issues[0].problem).toContain('`outlet`');
    expect(issues[0].fix).toContain('constructed: true');
  });

  it('YAML that cannot be parsed names the line', () => {
    const { issues } = problems({ annotations: '- id: x\n  quote: "unclosed\n  lens: sourcing-gap\n' });
    expect(issues[0].file).toBe('content/excerpts/troops.yaml');
    expect(issues[0].problem).toContain('the YAML cannot be read');
    expect(issues[0].line).toBeGreaterThan(0);
  });
});

describe('containsWords (the `key:` check)', () => {
  /** The rule as written: whole words, Unicode letters and digits, case folded. */
  const reference = (phrase: string, words: string) => {
    const w = words
      .trim()
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\s+/g, '\\s+');
    return w !== '' && new RegExp(`(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])`, 'iu').test(phrase);
  };

  it('finds whole words in any case, across any white space', () => {
    expect(containsWords('Officials Said the plan', 'said')).toBe(true);
    expect(containsWords('officials said\n the plan', 'SAID   THE')).toBe(true);
    expect(containsWords('officials unsaid it', 'said')).toBe(false);
    expect(containsWords('a 2024 report', '2024')).toBe(true);
    expect(containsWords('a 20245 report', '2024')).toBe(false);
    expect(containsWords('a (b) c', '(b)')).toBe(true);
    expect(containsWords('anything', '  ')).toBe(false);
  });

  it('treats letters outside ASCII as parts of words, as the Unicode rule does', () => {
    expect(containsWords('the café opened', 'caf')).toBe(false);
    expect(containsWords('éclair', 'clair')).toBe(false);
    expect(containsWords('“Shocking” news', 'shocking')).toBe(true);
    expect(containsWords('a ＫＩＬＬ here', 'kill')).toBe(false);
    // The Kelvin sign and the long s match "k" and "s" when case is folded.
    expect(containsWords('a \u212Aill', 'kill')).toBe(true);
    expect(containsWords('a \u017Fhocking', 'Shocking')).toBe(true);
    expect(containsWords('CAFÉ society', 'café')).toBe(true);
  });

  it('agrees with the Unicode rule on mixed texts', () => {
    const pieces = [
      'said',
      'Said',
      'the',
      'é',
      'ß',
      'SS',
      '\u212A',
      'k',
      '\u017F',
      's',
      '’',
      '"',
      '-',
      '1',
      '٣',
      ' ',
      '\u00A0',
      '\n',
      '.',
      'x',
    ];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const make = (len: number) => Array.from({ length: len }, () => pieces[rand(pieces.length)]).join('');
    for (let i = 0; i < 1500; i++) {
      const phrase = make(1 + rand(8));
      const words = rand(3) === 0 ? phrase.slice(rand(phrase.length), rand(phrase.length + 1)) : make(1 + rand(3));
      expect(containsWords(phrase, words), JSON.stringify([phrase, words])).toBe(reference(phrase, words));
    }
  });
});
