/**
 * Scoring a learner's marks for one step. Works on token indexes, so it runs
 * the same in tests and in the browser. Hits and false alarms are counted
 * separately: marking everything finds everything and raises many alarms.
 */

export interface Target {
  id: string;
  /** Token range [a, b). */
  a: number;
  b: number;
  lenses: string[];
}

export interface FalseAlarm {
  /** Token range [a, b) of the stray marks. */
  a: number;
  b: number;
  /** Another lens's annotation these words belong to, if any. */
  otherId?: string;
  otherLenses?: string[];
  /** A target of this step close by (within NEAR tokens), if any. */
  nearId?: string;
}

export interface StepResult {
  found: string[];
  missed: string[];
  falseAlarms: FalseAlarm[];
}

/** How far (in words) a stray mark may sit from a flagged phrase to count as "close". */
export const NEAR = 3;
/** Stray words touching a found phrase that are forgiven as sloppy edges. */
export const EDGE_SLOP = 2;

/**
 * A target counts as found when the learner marked a reasonable part of it:
 * at least one word, and either three words or a third of the phrase.
 */
export function isFound(length: number, marked: number): boolean {
  return marked >= 1 && (marked >= 3 || marked * 3 >= length);
}

export function scoreStep(
  marked: ReadonlySet<number>,
  targets: readonly Target[],
  others: readonly Target[] = [],
): StepResult {
  const found: string[] = [];
  const missed: string[] = [];
  const inTarget = new Set<number>();
  const touched = new Set<Target>();
  for (const t of targets) {
    let k = 0;
    for (let i = t.a; i < t.b; i++) {
      inTarget.add(i);
      if (marked.has(i)) k++;
    }
    if (k > 0) touched.add(t);
    (isFound(t.b - t.a, k) ? found : missed).push(t.id);
  }

  const stray = [...marked].filter((i) => !inTarget.has(i)).sort((x, y) => x - y);
  const runs: { a: number; b: number }[] = [];
  for (const i of stray) {
    const last = runs[runs.length - 1];
    if (last && last.b === i) last.b = i + 1;
    else runs.push({ a: i, b: i + 1 });
  }

  const falseAlarms: FalseAlarm[] = [];
  for (const r of runs) {
    const edge = [...touched].some((t) => r.b === t.a || r.a === t.b);
    if (edge && r.b - r.a <= EDGE_SLOP) continue;
    const fa: FalseAlarm = { ...r };
    const other = others.find((o) => o.a < r.b && o.b > r.a);
    if (other) {
      fa.otherId = other.id;
      fa.otherLenses = other.lenses;
    }
    let best = Infinity;
    for (const t of targets) {
      const gap = t.a >= r.b ? t.a - r.b : r.a >= t.b ? r.a - t.b : 0;
      if (gap <= NEAR && gap < best) {
        best = gap;
        fa.nearId = t.id;
      }
    }
    falseAlarms.push(fa);
  }
  return { found, missed, falseAlarms };
}

export interface Tally {
  found: number;
  total: number;
  falseAlarms: number;
}

export function tally(r: StepResult): Tally {
  return { found: r.found.length, total: r.found.length + r.missed.length, falseAlarms: r.falseAlarms.length };
}

/** "found 6 of 8, 1 false alarm": two numbers, never one score. */
export function describeTally(t: Tally): string {
  const fa = `${t.falseAlarms} false alarm${t.falseAlarms === 1 ? '' : 's'}`;
  if (t.total === 0) return `nothing to find here, ${fa}`;
  return `found ${t.found} of ${t.total}, ${fa}`;
}
