import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  analyze,
  densityMessage,
  findOccurrences,
  jsonExport,
  markedText,
  quotedSpans,
  sentenceEnds,
  textReport,
  type Cue,
  type LabRule,
  type ReportCue,
} from '../../src/lib/lab/lab.ts';
import { hasNestedRepeat, LabRulesError, loadRules, validateLabRules } from '../../src/lib/content/lab-rules.ts';
import { LENS_IDS } from '../../src/lib/content/lenses.ts';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { newsText } from '../helpers/fuzz.ts';

const labDir = resolve('content/lab');
const rulesYaml = readFileSync(join(labDir, 'rules.yaml'), 'utf8');
const lexiconYaml = readFileSync(join(labDir, 'lexicon.yaml'), 'utf8');
const lib = loadLibrary(resolve('content'), process.cwd());
const techniques = lib.techniques.map((t) => ({ id: t.id, lens: t.lensId }));

let rules: LabRule[];
beforeAll(() => {
  rules = loadRules(rulesYaml, lexiconYaml, { techniques });
});

const quoted = (text: string, cues: Cue[]) => cues.map((c) => `${c.ruleId}: ${text.slice(c.start, c.end)}`);

/**
 * A positive and a negative example for every rule in rules.yaml. `quote` is
 * the text the rule must mark in `hit`; `miss` is a near miss it must leave.
 */
const EXAMPLES: Record<string, { hit: string; quote: string; miss: string }> = {
  'vague-group-says': {
    hit: 'Critics say the plan is a failure.',
    quote: 'Critics say',
    miss: 'Professor Ana Ruiz of the University of Leeds said the plan had failed.',
  },
  'vague-reports': {
    hit: 'According to reports, the plant will close.',
    quote: 'According to reports',
    miss: "According to the company's annual report, published in March, the plant will close.",
  },
  'passive-attribution': {
    hit: 'It is widely believed that the minister knew.',
    quote: 'It is widely believed',
    miss: 'The theft was reported to police on Monday.',
  },
  'unnamed-person': {
    hit: 'A senior government official said the talks had stalled.',
    quote: 'A senior government official said',
    miss: 'Maria Lopez, a senior official at the port, said the talks had stalled.',
  },
  anonymity: {
    hit: 'The aide spoke on condition of anonymity.',
    quote: 'on condition of anonymity',
    miss: 'The aide spoke on the record and gave her name.',
  },
  'unnamed-document': {
    hit: 'Studies show that screens harm sleep.',
    quote: 'Studies show',
    miss: 'A new study by the University of Oslo, published in Sleep Medicine, found a link.',
  },
  'common-knowledge': {
    hit: 'It’s no secret that the club is broke.',
    quote: 'It’s no secret',
    miss: 'The club published its accounts, which show a loss.',
  },
  'unsourced-figure': {
    hit: 'Last night 3,000 people fled the town.',
    quote: '3,000 people',
    miss: 'Last night 3,000 people fled the town, the fire service said.',
  },
  'rough-count': {
    hit: 'Thousands of fans stormed the pitch.',
    quote: 'Thousands of',
    miss: 'Thousands of fans stayed behind, police estimated.',
  },
  'loaded-word': { hit: 'The regime cut pensions again.', quote: 'regime', miss: 'The government cut pensions again.' },
  'dehumanising-word': {
    hit: 'The paper called the migrants illegals.',
    quote: 'illegals',
    miss: 'About 300 people reached the coast by boat.',
  },
  'animal-imagery': {
    hit: 'Hordes of migrants reached the coast.',
    quote: 'Hordes',
    miss: 'Hordes of locusts reached the farms.',
  },
  intensifier: { hit: 'Rents have skyrocketed this year.', quote: 'skyrocketed', miss: 'Rents rose by a fifth this year.' },
  superlative: {
    hit: 'It was the worst disaster in history.',
    quote: 'worst disaster in history',
    miss: 'It was the worst of the three options.',
  },
  'future-as-fact': {
    hit: 'The bridge will collapse within a year.',
    quote: 'will',
    miss: 'Will the bridge collapse? The engineers argue about free will.',
  },
  'set-to': {
    hit: 'The company is set to cut 500 jobs.',
    quote: 'is set to',
    miss: 'The company is set to cut jobs, its chief executive said.',
  },
  'certainty-word': {
    hit: 'The reform will inevitably fail.',
    quote: 'inevitably',
    miss: 'The reform may fail if the funding is cut.',
  },
  'hedged-forecast': {
    hit: 'Inflation is likely to rise again.',
    quote: 'likely',
    miss: 'Inflation is likely to rise again, the central bank said in its May report.',
  },
  'guessed-motive': {
    hit: 'The mayor closed the library in a bid to save money.',
    quote: 'in a bid to',
    miss: 'The mayor said she closed the library to save money.',
  },
  'motive-adverb': {
    hit: 'The strike was deliberately timed to hurt holiday travellers.',
    quote: 'deliberately timed',
    miss: 'The strike falls in the holiday, when trains are busiest.',
  },
  'slippery-slope': {
    hit: 'This ruling opens the door to chaos.',
    quote: 'opens the door to',
    miss: 'She opened the door to the hall and sat down.',
  },
  'change-without-base': {
    hit: 'Break-ins on the estate have tripled, according to police.',
    quote: 'have tripled',
    miss: 'Break-ins on the estate have risen from 4 to 12 a month, police said.',
  },
  hearsay: {
    hit: 'A guy at the shop told me the factory is closing.',
    quote: 'A guy at the shop told me',
    miss: 'The shop manager, Ines Duarte, told the paper the factory is closing.',
  },
  'speaks-for-many': {
    hit: 'More and more families are turning to food banks.',
    quote: 'More and more families',
    miss: 'The food bank fed 412 families last month, up from 380, its manager said.',
  },
  'own-evidence': {
    hit: 'The brand says 92% of buyers love it, based on reviews on its website.',
    quote: 'reviews on its website',
    miss: 'An independent review of 40 trials found the brand worked no better than a placebo.',
  },
  'famous-backer': {
    hit: 'TV chef Ana Brook is a fan of the new diet.',
    quote: 'TV chef',
    miss: 'TV chef Ana Brook opened the new market hall on Saturday.',
  },
  'headline-certainty': {
    hit: 'Council to shut village library for good\n\nThe council will vote on a proposal in May.',
    quote: 'to shut',
    miss: 'Council to shut library next April, budget papers show\n\nThe council voted to close the library.',
  },
  minimising: {
    hit: 'Disruption to drivers has been minimal.',
    quote: 'minimal',
    miss: 'The delay affected 3,200 drivers over two days.',
  },
  insinuation: {
    hit: 'The papers were quietly moved to another office.',
    quote: 'quietly moved',
    miss: 'The papers were moved to another office, the clerk said in a notice to staff.',
  },
  'false-choice': {
    hit: 'The choice is simple: back the plan or watch the town die.',
    quote: 'The choice is simple',
    miss: 'The committee weighed three options and chose the cheapest.',
  },
  coincidence: {
    hit: 'Two stations closed in a week. Coincidence?',
    quote: 'Coincidence?',
    miss: 'Two stations closed in a week, the operator said, both for planned repairs.',
  },
  'proof-claimed': {
    hit: 'Sales fell in June, proof that the tax is hurting shops.',
    quote: 'proof that',
    miss: 'Sales fell in June; the retail group said several causes were possible.',
  },
  'worse-to-come': {
    hit: 'And this is just the beginning.',
    quote: 'just the beginning',
    miss: 'The building work began in the spring.',
  },
  'record-forecast': {
    hit: 'This winter will be the coldest on record.',
    quote: 'will be the coldest on record',
    miss: 'This winter will be the coldest on record, forecasters said, citing their seasonal model.',
  },
};

/** A calm wire report with named sources and hedged, attributed forecasts (written for this test). */
const CONTROL = `GENEVA, March 4 - The World Health Organization said on Tuesday that measles cases reported in Europe rose to 58,000 last year, up from 42,000 the year before, citing figures sent by national health ministries.

"We are seeing gaps in vaccination that opened during the pandemic," Dr Hans Meyer, the agency's regional director for Europe, told reporters in Geneva. He said catch-up campaigns in several countries had begun to close those gaps.

The agency's report, published on its website, said cases could fall this year if vaccination rates recover, but noted that its projection depended on data from countries that report late.

Ana Ruiz, an epidemiologist at the University of Barcelona who was not involved in the report, said the figures matched the hospital records she had reviewed. "The trend is real, but it is not the same everywhere," she said.

The agency plans to publish updated figures in June.`;

describe('practice lab rules', () => {
  it('load, with every technique belonging to its lens', () => {
    expect(rules.length).toBeGreaterThan(15);
    const ids = new Set(rules.map((r) => r.id));
    for (const lens of LENS_IDS) expect(rules.some((r) => r.lens === lens)).toBe(true);
    const byId = new Map(techniques.map((t) => [t.id, t.lens]));
    for (const r of rules) expect([r.lens, byId.get(r.technique)]).toContain(r.lens);
    expect(ids.size).toBe(Object.keys(EXAMPLES).length);
  });

  it('has a positive and a negative example for every rule, and no example for a rule that is gone', () => {
    const ids = [...new Set(rules.map((r) => r.id))].sort();
    expect(Object.keys(EXAMPLES).sort()).toEqual(ids);
  });

  for (const [id, ex] of Object.entries(EXAMPLES)) {
    it(`rule ${id}: fires on its example and not on the near miss`, () => {
      const hit = analyze(ex.hit, rules).filter((c) => c.ruleId === id);
      expect(quoted(ex.hit, hit), ex.hit).toContain(`${id}: ${ex.quote}`);
      const cue = hit.find((c) => ex.hit.slice(c.start, c.end) === ex.quote)!;
      expect(cue.label.length).toBeGreaterThan(0);
      expect(cue.explanation.length).toBeGreaterThan(20);
      const miss = analyze(ex.miss, rules).filter((c) => c.ruleId === id && c.tone === 'cue');
      expect(quoted(ex.miss, miss), ex.miss).toEqual([]);
    });
  }

  it('matches every word-list term, naming the technique of its entry', () => {
    const lists = parse(lexiconYaml) as Record<string, (string | { term: string; technique: string })[]>;
    const ruleData = (parse(rulesYaml) as { rules: { id: string; lexicon?: string }[] }).rules.filter((r) => r.lexicon);
    let checked = 0;
    for (const r of ruleData) {
      for (const entry of lists[r.lexicon!]) {
        if (typeof entry === 'string') continue;
        const word = entry.term.endsWith('*') ? `${entry.term.slice(0, -1)}s` : entry.term;
        const text = r.lexicon === 'imagery' ? `Here is ${word} among the people today.` : `Here is ${word} today.`;
        const cues = analyze(text, rules).filter((c) => c.ruleId === r.id);
        expect(
          cues.map((c) => [text.slice(c.start, c.end), c.technique]),
          word,
        ).toEqual([[word, entry.technique]]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('matches whole words only, across line breaks and curly apostrophes, ignoring case', () => {
    const cues = (t: string) => quoted(t, analyze(t, rules));
    expect(cues('Goodwill, swill and willing hands.')).toEqual([]);
    expect(cues('ACCORDING TO\nREPORTS, it rained.')).toContain('vague-reports: ACCORDING TO\nREPORTS');
    expect(cues('It’s no secret.')).toContain('common-knowledge: It’s no secret');
    expect(cues('A so called expert.')).toContain('loaded-word: so called');
    expect(cues('The rate rose.')).toEqual([]);
  });

  it('keeps cues of one lens apart, lets lenses overlap, and sorts deterministically', () => {
    const text =
      'Critics say it was a cynical ploy, and the crisis will certainly get worse. Thousands of thugs are set to march.';
    const cues = analyze(text, rules);
    expect(analyze(text, rules)).toEqual(cues);
    for (const lens of LENS_IDS) {
      const mine = cues.filter((c) => c.lens === lens);
      for (let i = 1; i < mine.length; i++) expect(mine[i].start).toBeGreaterThanOrEqual(mine[i - 1].end);
    }
    for (let i = 1; i < cues.length; i++) expect(cues[i].start).toBeGreaterThanOrEqual(cues[i - 1].start);
    const q = quoted(text, cues);
    // "a cynical ploy" is a guessed motive (P) and "ploy" a loaded word (E): both stay.
    expect(q).toContain('motive-adverb: a cynical ploy');
    expect(q).toContain('loaded-word: ploy');
    // Within a lens the longer match starting at the same place wins.
    expect(q).not.toContain('certainty-word: certainly get');
  });

  it('raises few cues on a calm, well-sourced wire report', () => {
    expect(CONTROL.split(/\s+/).length).toBeGreaterThan(130);
    const cues = analyze(CONTROL, rules);
    console.log(`[lab] control text: ${cues.length} cue(s)${cues.length ? `: ${quoted(CONTROL, cues).join('; ')}` : ''}`);
    expect(cues.length).toBeLessThanOrEqual(2);
  });

  it('treats script-like input as plain text', () => {
    const text = '<img src=x onerror=alert(1)><script>alert("x")</script> Sources say it will be <b>huge</b>.';
    const cues = analyze(text, rules);
    expect(quoted(text, cues)).toEqual(expect.arrayContaining(['vague-group-says: Sources say', 'intensifier: huge']));
    const report: ReportCue[] = cues.map((c, i) => ({ ...c, number: i + 1, status: 'confirmed', note: '<i>mine</i>' }));
    const txt = textReport({ text, cues: report, date: '2025-01-01T00:00:00Z' });
    expect(txt).toContain('<img src=x onerror=alert(1)><script>alert("x")</script>');
    expect(txt).toContain('Your note: <i>mine</i>');
    expect(JSON.parse(jsonExport({ text, cues: report, date: '2025-01-01T00:00:00Z' })).text).toBe(text);
  });
});

// ------------------------------------------------------------ performance

const generate = (words: number) => newsText(words, 7);

describe('practice lab speed', () => {
  it('analyses 5,000 words well within budget (target < 200 ms), rule compilation included', () => {
    const fresh = loadRules(rulesYaml, lexiconYaml);
    const text = generate(5000);
    const t0 = performance.now();
    const cues = analyze(text, fresh);
    const ms = performance.now() - t0;
    console.log(`[lab perf] 5,000 words (${text.length} chars): ${ms.toFixed(1)} ms cold, ${cues.length} cues`);
    const t1 = performance.now();
    analyze(text, fresh);
    console.log(`[lab perf] 5,000 words: ${(performance.now() - t1).toFixed(1)} ms warm`);
    expect(cues.length).toBeGreaterThan(100);
    expect(ms).toBeLessThan(1000);
  });

  it('analyses 20,000 words within budget', () => {
    const text = generate(20000);
    const t0 = performance.now();
    const whole = analyze(text, rules);
    const ms = performance.now() - t0;
    console.log(`[lab perf] 20,000 words (${text.length} chars): ${ms.toFixed(1)} ms, ${whole.length} cues`);
    expect(ms).toBeLessThan(4000);
    expect(whole.length).toBeGreaterThan(200);
  });

  it('stays fast on hostile input (no catastrophic backtracking)', () => {
    const hostile = [
      '1'.repeat(200_000),
      '1,111'.repeat(40_000),
      'worst-'.repeat(30_000),
      'a-'.repeat(100_000),
      'the most '.repeat(30_000),
      ' '.repeat(200_000),
      'x\n'.repeat(100_000),
      '£'.repeat(100_000),
    ];
    for (const text of hostile) {
      const t0 = performance.now();
      analyze(text, rules);
      expect(performance.now() - t0, text.slice(0, 12)).toBeLessThan(1500);
    }
  });
});

// ------------------------------------------------------------ validation

function problemsFor(mutate: (data: { rules: Record<string, unknown>[] }, lexicon: Record<string, unknown[]>) => void): string {
  const data = parse(rulesYaml);
  const lexicon = parse(lexiconYaml);
  mutate(data, lexicon);
  const { rules: out, issues } = validateLabRules({ rules: stringify(data), lexicon: stringify(lexicon) }, { techniques });
  expect(issues.length, 'expected the rules to be rejected').toBeGreaterThan(0);
  expect(out).toEqual([]);
  for (const i of issues) {
    expect(i.file).toMatch(/^content\/lab\/(rules|lexicon)\.yaml$/);
    expect(i.line).toBeGreaterThan(0);
    expect(i.fix.length).toBeGreaterThan(5);
  }
  return issues.map((i) => `${i.problem} Fix: ${i.fix}`).join('\n');
}
const rule = (data: { rules: Record<string, unknown>[] }, id: string) => data.rules.find((r) => r.id === id)!;

describe('practice lab rule validation', { timeout: 30_000 }, () => {
  it('names the rule and the field for each kind of mistake', () => {
    expect(problemsFor((d) => (rule(d, 'vague-reports').lens = 'sourcing'))).toMatch(
      /rule "vague-reports": `lens` must be one of sourcing-gap, emotive-language, unsupported-prediction \(got "sourcing"\)/,
    );
    expect(problemsFor((d) => delete rule(d, 'anonymity').explanation)).toMatch(/rule "anonymity": `explanation` is required/);
    expect(problemsFor((d) => (rule(d, 'anonymity').pattern = 'x+'))).toMatch(
      /rule "anonymity": give exactly one of `phrases`, `pattern` or `lexicon` \(found phrases and pattern\)/,
    );
    expect(problemsFor((d) => (rule(d, 'superlative').pattern = '(worst'))).toMatch(
      /rule "superlative": `pattern` is not a valid regular expression/,
    );
    expect(problemsFor((d) => (rule(d, 'superlative').pattern = '(?:\\w+\\s*)+ever'))).toMatch(
      /rule "superlative": `pattern` repeats a group/,
    );
    expect(problemsFor((d) => (rule(d, 'superlative').pattern = 'x*'))).toMatch(
      /rule "superlative": `pattern` can match an empty string/,
    );
    expect(problemsFor((d) => (rule(d, 'vague-reports').technique = 'hyperbole'))).toMatch(
      /rule "vague-reports": technique "hyperbole" belongs to the lens emotive-language, not sourcing-gap/,
    );
    expect(problemsFor((d) => (rule(d, 'vague-reports').technique = 'made-up'))).toMatch(
      /rule "vague-reports": technique "made-up" does not exist.*vague-attribution/,
    );
    expect(problemsFor((d) => (rule(d, 'anonymity').id = 'vague-reports'))).toMatch(
      /rule "vague-reports": the id is used by another rule/,
    );
    expect(problemsFor((d) => (rule(d, 'anonymity').phrase = ['x']))).toMatch(/rule "anonymity": unknown field `phrase`/);
    expect(problemsFor((d) => (rule(d, 'anonymity').phrases = ['anon*ymous']))).toMatch(
      /rule "anonymity": "anon\*ymous" in `phrases` has a \* that is not at the end/,
    );
    expect(problemsFor((d) => (rule(d, 'loaded-word').lexicon = 'loded'))).toMatch(
      /rule "loaded-word": `lexicon` names the list "loded", which is not in content\/lab\/lexicon.yaml \(lists: loaded, dehumanising/,
    );
    expect(problemsFor((d) => (rule(d, 'rough-count').unlessSentenceHas = 'atribution'))).toMatch(
      /rule "rough-count": `unlessSentenceHas` names the list "atribution"/,
    );
    expect(problemsFor((d) => (rule(d, 'future-as-fact').matchCase = 'yes'))).toMatch(
      /rule "future-as-fact": `matchCase` must be true or false/,
    );
    expect(problemsFor((d) => d.rules.push({ lens: 'sourcing-gap' }))).toMatch(/rule \d+ \(no id\): `id` must be/);
  });

  it('names the list and the term for word-list mistakes', () => {
    expect(problemsFor((_d, l) => l.loaded.push('mob'))).toMatch(
      /list "loaded", "mob" \(used by rule "loaded-word"\): has no technique/,
    );
    expect(problemsFor((_d, l) => l.loaded.push({ term: 'regime', technique: 'loaded-words' }))).toMatch(
      /list "loaded": "regime" is listed twice/,
    );
    expect(problemsFor((_d, l) => l.dehumanising.push({ term: 'brutes', technique: 'vague-attribution' }))).toMatch(
      /list "dehumanising", "brutes" \(used by rule "dehumanising-word"\): technique "vague-attribution" belongs to the lens sourcing-gap/,
    );
    expect(problemsFor((_d, l) => l.loaded.push({ term: 'mob', techniq: 'loaded-words' }))).toMatch(
      /list "loaded", entry \d+: unknown field `techniq`/,
    );
  });

  it('lists every problem at once, each with the line of the rule or field in the file', () => {
    const data = parse(rulesYaml);
    rule(data, 'vague-reports').lens = 'nope';
    rule(data, 'superlative').pattern = '(';
    try {
      loadRules(stringify(data), lexiconYaml, { techniques });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(LabRulesError);
      expect((err as LabRulesError).problems).toHaveLength(2);
    }
    // Lines point at the field in the file as written.
    const broken = rulesYaml.replace('lens: emotive-language', 'lens: emotive');
    const { issues } = validateLabRules({ rules: broken, lexicon: lexiconYaml }, { techniques });
    expect(issues).toHaveLength(1);
    expect(broken.split('\n')[issues[0].line! - 1]).toContain('lens: emotive');
    expect(issues[0]).toMatchObject({ file: 'content/lab/rules.yaml', fix: expect.stringContaining('one of those') });
  });

  it('reports YAML that cannot be read, naming the file and line', () => {
    expect(() => loadRules('rules:\n  - id: x\n   lens: [', lexiconYaml)).toThrow(
      /content\/lab\/rules.yaml:\d+: the YAML cannot be read/,
    );
    expect(() => loadRules('nothing: here', lexiconYaml)).toThrow(
      /content\/lab\/rules.yaml:1: the file: must have a `rules:` list/,
    );
  });

  it('spots nested unbounded repeats', () => {
    for (const p of ['(a+)+', '(?:\\s*x)*', '((a)+)+', '(?:a|b+){2,}', '(?:(?:a+))+']) expect(hasNestedRepeat(p), p).toBe(true);
    for (const p of ['(?:a\\s+){0,3}', '[(+]+', 'a+b*', '(?:ab)+', '\\(a+\\)+', '(?:x|y)+'])
      expect(hasNestedRepeat(p), p).toBe(false);
  });
});

// ------------------------------------------------------------ helpers and exports

describe('practice lab helpers', () => {
  it('splits sentences, but not after abbreviations, initials or decimals', () => {
    const text = 'Dr. Smith of the U.S. agency said 3.5 per cent. Prices rose! J. Doe agreed.\nNew line';
    const cuts = [0, ...sentenceEnds(text), text.length];
    const sentences = cuts
      .slice(1)
      .map((e, i) => text.slice(cuts[i], e).trim())
      .filter(Boolean);
    expect(sentences).toEqual(['Dr. Smith of the U.S. agency said 3.5 per cent.', 'Prices rose!', 'J. Doe agreed.', 'New line']);
  });

  it('finds typed words regardless of case, quotes and spacing', () => {
    const text = 'The mayor’s  plan, the Mayor’s\nplan.';
    expect(findOccurrences(text, "mayor's plan").map((s) => text.slice(s.start, s.end))).toEqual([
      'mayor’s  plan',
      'Mayor’s\nplan',
    ]);
    expect(findOccurrences(text, '  ')).toEqual([]);
    expect(findOccurrences(text, 'budget')).toEqual([]);
  });

  it('writes a report of confirmed and added cues with notes, and the full data as JSON', () => {
    const text = 'Sources say the thugs will riot.';
    const base = analyze(text, rules);
    const cues: ReportCue[] = base.map((c, i) => ({ ...c, number: i + 1, status: 'suggested', note: '' }));
    const sources = cues.find((c) => c.ruleId === 'vague-group-says')!;
    sources.status = 'confirmed';
    sources.note = 'Which sources?';
    cues.find((c) => c.ruleId === 'loaded-word')!.status = 'dismissed';
    const riot = text.indexOf('riot');
    cues.push({
      start: riot,
      end: riot + 4,
      lens: 'emotive-language',
      technique: 'emotive-language',
      ruleId: 'own',
      tone: 'cue',
      label: 'Your cue',
      explanation: '',
      number: cues.length + 1,
      status: 'added',
      note: 'Is it a riot?',
    });
    const input = {
      text,
      cues,
      date: '2025-03-04T10:00:00.000Z',
      techniqueUrl: (id: string) => `https://example.org/techniques/${id}/`,
      techniqueTitles: { 'vague-attribution': 'Vague attribution' },
    };

    const report = textReport(input);
    expect(report).toContain('made on 2025-03-04');
    expect(report).toContain('prompts to think, not verdicts');
    expect(report).toContain('Cues you confirmed or added (2)');
    expect(report).toContain(
      `S${sources.number}  Sourcing gap, confirmed by you\n    Words: "Sources say"\n    Rule: Vague attribution.`,
    );
    expect(report).toContain('Technique: Vague attribution, https://example.org/techniques/vague-attribution/');
    expect(report).toContain('Your note: Which sources?');
    expect(report).toContain('Emotive language, added by you');
    expect(report).toContain('Your note: Is it a riot?');
    expect(report).not.toContain('"thugs"');
    expect(report).toContain(`[S${sources.number}]Sources say[/S${sources.number}] the thugs`);
    expect(markedText(text, cues)).toBe(`[S1]Sources say[/S1] the thugs will [E${cues.length}]riot[/E${cues.length}].`);

    const json = JSON.parse(jsonExport(input));
    expect(json.text).toBe(text);
    expect(json.cues).toHaveLength(cues.length);
    expect(json.cues.find((c: { rule: string }) => c.rule === 'loaded-word')).toMatchObject({
      status: 'dismissed',
      quote: 'thugs',
      lens: 'emotive-language',
      technique: 'name-calling',
    });
    expect(json.cues.find((c: { status: string }) => c.status === 'added')).toMatchObject({
      quote: 'riot',
      note: 'Is it a riot?',
      code: `E${cues.length}`,
    });
  });
});

// ------------------------------------------------------------ context: what ordinary news needs

describe('practice lab context (the false-cue classes of issue 14)', () => {
  const marks = (text: string) => analyze(text, rules).map((c) => `${c.tone}:${c.ruleId}: ${text.slice(c.start, c.end)}`);
  const cues = (text: string) =>
    analyze(text, rules)
      .filter((c) => c.tone === 'cue')
      .map((c) => `${c.ruleId}: ${text.slice(c.start, c.end)}`);

  it('skips names: a capitalised word in mid-sentence is not a lexicon hit, but a headline or a sentence start still is', () => {
    expect(cues('The game was made by Epic Lantern Studios, said Ms Soares.')).toEqual([]);
    expect(cues('Prosecutor Amira Soares told the court.')).toEqual([]);
    expect(cues('An epic struggle followed.')).toContain('intensifier: epic');
    expect(cues('Epic struggle ahead.')).toContain('intensifier: Epic');
    expect(cues('Rents Soared As Landlords Cashed In')).toContain('intensifier: Soared');
    expect(cues('SHAMELESS bosses struck again.')).toContain('loaded-word: SHAMELESS');
  });

  it('treats a quoted emotive word as quoted: whose word is it?', () => {
    const text = '"It was terrifying," said Lucia Ferrante, 67. The terrifying storm moved on.';
    const got = analyze(text, rules).filter((c) => c.lens === 'emotive-language');
    expect(got.map((c) => [c.tone, text.slice(c.start, c.end), c.label])).toEqual([
      ['quoted', 'terrifying', 'Quoted: whose word is this?'],
      ['cue', 'terrifying', 'Loaded word'],
    ]);
    expect(quotedSpans('He said “no” and ‘yes’ but it’s Jo’s.').length).toBe(2);
  });

  it('leaves literal animals alone and marks them only near a word for people', () => {
    expect(cues('Swarms of desert locusts damaged crops. Inspectors found rats in the kitchen.')).toEqual([]);
    expect(cues('The town is overrun by rats, these people say, and migrants arrive in swarms.')).toContain(
      'animal-imagery: swarms',
    );
  });

  it('does not treat a scheduled event as a forecast', () => {
    for (const t of [
      'He will be sentenced at the Crown Court.',
      'The company will publish full-year results on 5 May.',
      'The match kicks off at 7.45pm and will be shown live.',
      'The council will vote on Tuesday.',
    ])
      expect(cues(t), t).toEqual([]);
    expect(cues('The bridge will collapse within a year.')).toEqual(['future-as-fact: will']);
  });

  it('does not ask who counted a number credited to a document', () => {
    expect(cues('The budget papers for the council show £31 million set aside for roads.')).toEqual([]);
    expect(cues('Profit was £141 million, the interim results show.')).toEqual([]);
    expect(cues('The scheme cost £31 million.')).toEqual(['unsourced-figure: £31 million']);
  });

  it('shows hedged, attributed forecasts as neutral, and unattributed ones as cues', () => {
    expect(marks('Rain is likely to fall widely, forecasters said.')).toEqual(['neutral:hedged-forecast: likely']);
    expect(marks('Rain is likely to fall widely.')).toEqual(['cue:hedged-forecast: likely']);
  });

  it('knows the certainty words learners met in the lessons', () => {
    expect(cues('It assuredly belongs to them.')).toEqual(['certainty-word: assuredly']);
    expect(cues('The plan is bound to fail.')).toEqual(['set-to: is bound to']);
    expect(cues('There is no question that it works.')).toEqual(['certainty-word: There is no question']);
  });

  it('says how many cues for how many words, and asks which matter', () => {
    expect(densityMessage(12, 300)).toBe('12 cues in 300 words: most will be fine; which 3 matter?');
    expect(densityMessage(2, 80)).toBe('2 cues in 80 words: is each one fair where it stands?');
    expect(densityMessage(0, 80)).toMatch(/^No suggested cues in 80 words/);
  });
});

// ------------------------------------------------------------ the browser never gets the build code

describe('practice lab code split', () => {
  it('keeps YAML, zod and the rule loader out of every file the browser loads', () => {
    const browserFiles = [
      'src/lib/lab/lab.ts',
      'src/scripts/lab.ts',
      'src/scripts/lab-worker.ts',
      'src/lib/content/lenses.ts',
      'src/lib/content/text.ts',
      'src/lib/site/render.ts',
    ];
    for (const f of browserFiles) {
      const src = readFileSync(resolve(f), 'utf8');
      const imports = [...src.matchAll(/(?:import|from)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
      expect(
        imports.filter((i) => /^(yaml|zod)$|lab-rules|lab-corpus|node:/.test(i)),
        f,
      ).toEqual([]);
    }
  });
});
