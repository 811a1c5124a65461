/**
 * The practice lab held to its corpora (tests/corpora, written before the
 * rules were tuned) and to the site's own annotations. Figures are printed
 * for docs/benchmarks.md; `npm run bench:lab -- --list` shows every miss.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpus, scoreCorpus, scoreSite, scoreTable } from '../../src/lib/lab/lab-corpus.ts';
import { loadRules } from '../../src/lib/content/lab-rules.ts';
import { LENS_IDS } from '../../src/lib/content/lenses.ts';
import { loadLibrary } from '../../src/lib/content/load.ts';

const lib = loadLibrary(resolve('content'), process.cwd());
const read = (f: string) => readFileSync(join('content/lab', f), 'utf8');
const rules = loadRules(read('rules.yaml'), read('lexicon.yaml'), {
  techniques: lib.techniques.map((t) => ({ id: t.id, lens: t.lensId })),
});
const negative = readCorpus(resolve('tests/corpora/negative'));
const positive = readCorpus(resolve('tests/corpora/positive'));

describe('practice lab corpora', () => {
  it('are big and varied enough to mean something', () => {
    const words = (items: typeof negative) => items.reduce((n, i) => n + i.text.split(/\s+/).filter(Boolean).length, 0);
    expect(negative.length).toBeGreaterThanOrEqual(40);
    expect(words(negative)).toBeGreaterThanOrEqual(6000);
    expect(new Set(negative.map((i) => i.file)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(positive.map((i) => i.register)).size).toBeGreaterThanOrEqual(5);
    for (const lens of LENS_IDS)
      expect(positive.flatMap((i) => i.cue).filter((l) => l.lens === lens).length, lens).toBeGreaterThanOrEqual(15);
    expect(new Set([...negative, ...positive].map((i) => i.id)).size).toBe(negative.length + positive.length);
  });

  const neg = scoreCorpus(negative, rules);
  const pos = scoreCorpus(positive, rules);
  const site = scoreSite(lib.excerpts, rules);
  console.log(`[lab corpora]\n${scoreTable(neg, pos, site)}`);

  it('raises at most 1 suggested cue per 200 words on ordinary, well-sourced news', () => {
    expect(neg.suggested, neg.unlabelled.join('\n')).toBeLessThanOrEqual(neg.words / 200);
  });

  it('finds at least 60% of the labelled spans in loaded, unsourced, forecast-heavy text, with at least 80% of its cues right', () => {
    const found = LENS_IDS.reduce((n, l) => n + pos.lenses[l].found, 0);
    const labelled = LENS_IDS.reduce((n, l) => n + pos.lenses[l].labelled, 0);
    expect(found / labelled, pos.missed.join('\n')).toBeGreaterThanOrEqual(0.6);
    const correct = LENS_IDS.reduce((n, l) => n + pos.lenses[l].correct, 0);
    expect(correct / pos.suggested, pos.unlabelled.join('\n')).toBeGreaterThanOrEqual(0.8);
  });

  it("finds at least 60% of the site's own annotations", () => {
    expect(site.annotations).toBeGreaterThan(50);
    expect(site.found / site.annotations, site.missed.join('\n')).toBeGreaterThanOrEqual(0.6);
  });

  it('counts a quoted or credited mark as neutral, not as a suggested cue', () => {
    expect(neg.neutral).toBeGreaterThan(0);
  });
});
