/**
 * Scoring a learner's marks for one step. Works on token indexes, so it runs
 * the same in tests and in the browser. Hits and marks on unflagged words are
 * counted separately: marking everything finds everything and leaves many
 * words marked that nothing flags.
 *
 * The rule, in one sentence (also on the lesson page and the authoring guide):
 * a flagged phrase counts as found when you mark one of its key words, or a
 * reasonable part of it that is more than small words like "the" or "of".
 */

export interface Target {
  id: string;
  /** Token range [a, b). */
  a: number;
  b: number;
  lenses: string[];
  /** Key tokens (the `key:` words, or the phrase's content words). Left out: every token of the phrase. */
  k?: number[];
  /** Tokens that are function words: marking only these never counts. */
  f?: number[];
  /** false: an arguable phrase, never found or missed. */
  s?: false;
}

export interface Defensible {
  a: number;
  b: number;
  lenses: string[];
  reason: string;
}

/** Marked words on no flagged phrase of this step ("marked but not flagged here"). */
export interface FalseAlarm {
  /** Token range [a, b) of the marks. */
  a: number;
  b: number;
  /** Another lens's annotation most of these words belong to, if any. */
  otherId?: string;
  otherLenses?: string[];
  /** A missed target of this step these words adjoin, if any. */
  nearId?: string;
}

export interface StepResult {
  found: string[];
  missed: string[];
  /** Missed targets the learner marked part of (only words that do not carry it). */
  partial: string[];
  /** Arguable (unscored) targets the learner marked: answered, not counted. */
  arguable: string[];
  /** Marks on phrases a reasonable reader may flag (alsoDefensible): answered kindly, not counted. */
  defensible: { a: number; b: number; reason: string }[];
  falseAlarms: FalseAlarm[];
}

/** How far (in words) a stray mark may sit from a missed phrase to be called "close": it must touch it. */
export const CLOSE_GAP = 0;
/** Stray words touching a found phrase that are forgiven as sloppy edges. */
export const EDGE_SLOP = 2;
/** A "reasonable part" of a phrase: at least this many words ... */
export const PART_WORDS = 3;
/** ... or at least this share of its words. */
export const PART_SHARE = 1 / 3;

/**
 * The old "reasonable part" rule on counts: at least one word, and either
 * PART_WORDS words or PART_SHARE of the phrase.
 */
export function isFound(length: number, marked: number): boolean {
  return marked >= 1 && (marked >= PART_WORDS || marked >= length * PART_SHARE - 1e-9);
}

/** Is target `t` found by these marks? Key word, or a reasonable part that is not only function words. */
export function targetFound(t: Target, marked: ReadonlySet<number>): boolean {
  const key = t.k ?? range(t.a, t.b);
  if (key.some((i) => marked.has(i))) return true;
  const fn = new Set(t.f ?? []);
  let k = 0;
  let content = 0;
  for (let i = t.a; i < t.b; i++) {
    if (!marked.has(i)) continue;
    k++;
    if (!fn.has(i)) content++;
  }
  return content > 0 && isFound(t.b - t.a, k);
}

function range(a: number, b: number): number[] {
  return Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
}

function runsOf(sorted: readonly number[]): { a: number; b: number }[] {
  const runs: { a: number; b: number }[] = [];
  for (const i of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.b === i) last.b = i + 1;
    else runs.push({ a: i, b: i + 1 });
  }
  return runs;
}

export function scoreStep(
  marked: ReadonlySet<number>,
  targets: readonly Target[],
  others: readonly Target[] = [],
  defensible: readonly Defensible[] = [],
): StepResult {
  const r: StepResult = { found: [], missed: [], partial: [], arguable: [], defensible: [], falseAlarms: [] };
  const inTarget = new Set<number>();
  const foundTargets: Target[] = [];
  for (const t of targets) {
    let touched = false;
    for (let i = t.a; i < t.b; i++) {
      inTarget.add(i);
      if (marked.has(i)) touched = true;
    }
    if (t.s === false) {
      if (touched) r.arguable.push(t.id);
      continue;
    }
    if (targetFound(t, marked)) {
      r.found.push(t.id);
      foundTargets.push(t);
    } else {
      r.missed.push(t.id);
      if (touched) r.partial.push(t.id);
    }
  }

  let stray = [...marked].filter((i) => !inTarget.has(i)).sort((x, y) => x - y);
  // Marks on a defensible phrase are answered with its reason and never counted.
  for (const d of defensible) {
    const hit = stray.filter((i) => i >= d.a && i < d.b);
    if (hit.length === 0) continue;
    r.defensible.push({ a: d.a, b: d.b, reason: d.reason });
    stray = stray.filter((i) => i < d.a || i >= d.b);
  }

  for (const run of runsOf(stray)) {
    const edge = foundTargets.some((t) => run.b === t.a || run.a === t.b);
    if (edge && run.b - run.a <= EDGE_SLOP) continue;
    const fa: FalseAlarm = { ...run };
    let bestOverlap = 0;
    for (const o of others) {
      const overlap = Math.max(0, Math.min(o.b, run.b) - Math.max(o.a, run.a));
      // "Good eye" only when most of the marked words are the other lens's phrase.
      if (overlap * 2 > run.b - run.a && overlap > bestOverlap) {
        bestOverlap = overlap;
        fa.otherId = o.id;
        fa.otherLenses = o.lenses;
      }
    }
    for (const t of targets) {
      if (t.s === false || r.found.includes(t.id)) continue;
      const gap = t.a >= run.b ? t.a - run.b : run.a >= t.b ? run.a - t.b : 0;
      if (gap <= CLOSE_GAP) {
        fa.nearId = t.id;
        break;
      }
    }
    r.falseAlarms.push(fa);
  }
  return r;
}

export interface Tally {
  found: number;
  total: number;
  falseAlarms: number;
}

export function tally(r: StepResult): Tally {
  return { found: r.found.length, total: r.found.length + r.missed.length, falseAlarms: r.falseAlarms.length };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "1 mark", "2 marks": a run of marked words not flagged here. */
export function describeUnflagged(n: number): string {
  return `${plural(n, 'mark', 'marks')} on words not flagged here`;
}

/** "found 6 of 8, 1 mark on words not flagged here": two numbers, never one score. */
export function describeTally(t: Tally): string {
  const fa = describeUnflagged(t.falseAlarms);
  if (t.total === 0) return `nothing to find here, ${fa}`;
  return `found ${t.found} of ${t.total}, ${fa}`;
}

/**
 * Discernment in words: problems found in the flawed text against things
 * flagged in the careful one. "you flagged 9 of 14 problems and 1 thing in the careful report".
 */
export function describeDiscernment(found: number, total: number, carefulFlags: number): string {
  return `you flagged ${found} of ${plural(total, 'problem', 'problems')} and ${plural(carefulFlags, 'thing', 'things')} in the careful report`;
}

/** The marking rule in one sentence, as the lesson page and the authoring guide state it. */
export const MARKING_RULE =
  'A flagged phrase counts as found when you mark one of its key words, or a reasonable part of it that is more than small words like “the” or “of”.';
