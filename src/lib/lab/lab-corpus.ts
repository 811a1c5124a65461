/**
 * Precision and recall of the practice lab's rules on hand-labelled corpora
 * (tests/corpora, format in its README) and on the site's own annotations.
 * Node only (reads files): used by tests/unit/lab-corpora.test.ts and
 * `npm run bench:lab`. Never imported by browser code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { analyze, type Cue, type LabRule } from './lab.ts';
import { LENS_IDS, type LensId } from '../content/lenses.ts';
import type { Excerpt } from '../content/validate.ts';

export interface CorpusLabel {
  lens: LensId;
  quote: string;
  why?: string;
}

export interface CorpusItem {
  id: string;
  file: string;
  register?: string;
  text: string;
  cue: CorpusLabel[];
  notCue: CorpusLabel[];
}

/** Every paragraph of every .yaml file in a corpus folder. Throws on a label whose quote is not in its text. */
export function readCorpus(dir: string): CorpusItem[] {
  const items: CorpusItem[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const list = parse(readFileSync(join(dir, name), 'utf8')) as Omit<CorpusItem, 'file'>[];
    for (const raw of list) {
      const item: CorpusItem = {
        id: raw.id,
        file: name,
        register: raw.register,
        text: raw.text,
        cue: raw.cue ?? [],
        notCue: raw.notCue ?? [],
      };
      for (const l of [...item.cue, ...item.notCue]) {
        if (!LENS_IDS.includes(l.lens)) throw new Error(`${name}, ${item.id}: unknown lens "${l.lens}"`);
        if (!item.text.includes(l.quote)) throw new Error(`${name}, ${item.id}: the quote "${l.quote}" is not in the text`);
      }
      items.push(item);
    }
  }
  return items;
}

export const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

export interface LensScore {
  /** Labelled spans (cue) of this lens. */
  labelled: number;
  /** Labelled spans found by a suggested cue of this lens. */
  found: number;
  /** Suggested cues of this lens. */
  suggested: number;
  /** Suggested cues that overlap a labelled span of this lens. */
  correct: number;
  /** Neutral and quoted marks of this lens (shown, not counted as suggested cues). */
  neutral: number;
}

export interface CorpusScore {
  paragraphs: number;
  words: number;
  suggested: number;
  neutral: number;
  lenses: Record<LensId, LensScore>;
  /** Suggested cues that hit a `notCue` trap: "id: lens: words". */
  traps: string[];
  /** Labelled spans no suggested cue found: "id: lens: words". */
  missed: string[];
  /** Suggested cues that match no label: "id: rule: words". */
  unlabelled: string[];
}

const blank = (): LensScore => ({ labelled: 0, found: 0, suggested: 0, correct: 0, neutral: 0 });
const overlaps = (c: { start: number; end: number }, s: number, e: number) => c.start < e && s < c.end;

export function scoreCorpus(items: readonly CorpusItem[], rules: readonly LabRule[]): CorpusScore {
  const score: CorpusScore = {
    paragraphs: items.length,
    words: 0,
    suggested: 0,
    neutral: 0,
    lenses: Object.fromEntries(LENS_IDS.map((l) => [l, blank()])) as Record<LensId, LensScore>,
    traps: [],
    missed: [],
    unlabelled: [],
  };
  for (const item of items) {
    score.words += words(item.text);
    const cues = analyze(item.text, rules);
    const span = (l: CorpusLabel) => ({ start: item.text.indexOf(l.quote), end: item.text.indexOf(l.quote) + l.quote.length });
    const sugg = cues.filter((c) => c.tone === 'cue');
    for (const c of cues) {
      const s = score.lenses[c.lens];
      if (c.tone !== 'cue') {
        s.neutral++;
        score.neutral++;
        continue;
      }
      s.suggested++;
      score.suggested++;
      if (item.cue.some((l) => l.lens === c.lens && overlaps(c, span(l).start, span(l).end))) s.correct++;
      else score.unlabelled.push(`${item.id}: ${c.ruleId}: ${item.text.slice(c.start, c.end)}`);
    }
    for (const l of item.cue) {
      const s = score.lenses[l.lens];
      s.labelled++;
      const { start, end } = span(l);
      if (sugg.some((c) => c.lens === l.lens && overlaps(c, start, end))) s.found++;
      else score.missed.push(`${item.id}: ${l.lens}: ${l.quote}`);
    }
    for (const l of item.notCue) {
      const { start, end } = span(l);
      const hit = sugg.find((c) => c.lens === l.lens && overlaps(c, start, end));
      if (hit) score.traps.push(`${item.id}: ${l.lens}: ${l.quote} (${hit.ruleId})`);
    }
  }
  return score;
}

export interface SiteScore {
  annotations: number;
  found: number;
  byLens: Record<LensId, { annotations: number; found: number }>;
  missed: string[];
}

/**
 * How many of the site's own annotations a suggested or quoted mark of one of
 * the annotation's lenses overlaps. Annotations marked `scored: false` (a
 * judgement call) are left out.
 */
export function scoreSite(excerpts: readonly Excerpt[], rules: readonly LabRule[]): SiteScore {
  const out: SiteScore = {
    annotations: 0,
    found: 0,
    byLens: Object.fromEntries(LENS_IDS.map((l) => [l, { annotations: 0, found: 0 }])) as SiteScore['byLens'],
    missed: [],
  };
  for (const ex of excerpts) {
    const cues: Cue[] = analyze(ex.text, rules).filter((c) => c.tone !== 'neutral');
    for (const a of ex.annotations) {
      if ((a as { scored?: boolean }).scored === false) continue;
      const lens = a.lenses[0];
      out.annotations++;
      out.byLens[lens].annotations++;
      const hit = cues.some((c) => a.lenses.includes(c.lens) && overlaps(c, a.start, a.end));
      if (hit) {
        out.found++;
        out.byLens[lens].found++;
      } else out.missed.push(`${ex.slug}: ${lens}: ${a.text}`);
    }
  }
  return out;
}

const pct = (n: number, d: number) => (d === 0 ? '–' : `${Math.round((100 * n) / d)}%`);

/** The figures as a Markdown table, for the bench script and docs/benchmarks.md. */
export function scoreTable(neg: CorpusScore, pos: CorpusScore, site: SiteScore): string {
  const rows = [
    '| lens | positive: recall | positive: precision | negative: suggested cues | site annotations found |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const l of LENS_IDS) {
    const p = pos.lenses[l];
    const n = neg.lenses[l];
    const s = site.byLens[l];
    rows.push(
      `| ${l} | ${p.found}/${p.labelled} (${pct(p.found, p.labelled)}) | ${p.correct}/${p.suggested} (${pct(p.correct, p.suggested)}) | ${n.suggested} (+${n.neutral} neutral) | ${s.found}/${s.annotations} (${pct(s.found, s.annotations)}) |`,
    );
  }
  const pf = LENS_IDS.reduce((a, l) => a + pos.lenses[l].found, 0);
  const pl = LENS_IDS.reduce((a, l) => a + pos.lenses[l].labelled, 0);
  const pc = LENS_IDS.reduce((a, l) => a + pos.lenses[l].correct, 0);
  rows.push(
    `| **all** | ${pf}/${pl} (${pct(pf, pl)}) | ${pc}/${pos.suggested} (${pct(pc, pos.suggested)}) | ${neg.suggested} (+${neg.neutral} neutral) | ${site.found}/${site.annotations} (${pct(site.found, site.annotations)}) |`,
  );
  return rows.join('\n');
}
