import { markIdOfNote } from '../site/dom-ids.ts';

/**
 * What the search box sends to Pagefind, and which flagged phrases of a result
 * to show.
 *
 * Pagefind loads the whole list of places a word occurs for every word in a
 * query; for "the" or "to" that list covers almost every page, and on a large
 * library it is most of what a first search downloads while adding nothing to
 * the ranking. So common function words are dropped from a query that has
 * other words.
 */
const STOP_WORDS = new Set('a an and are as at be by for from in is it of on or that the this to was were with'.split(' '));

/** Quotation marks are dropped: Pagefind treats a query in straight quotes as an exact phrase of the words sent, which after dropping "to" would match nothing. Phrases rank first anyway (`rankResults`). */
const QUOTES = /["“”„«»]/g;

const bare = (w: string) => w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

export function searchQuery(query: string): string {
  const words = query
    .replace(QUOTES, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => bare(w) !== '');
  const kept = words.filter((w) => !STOP_WORDS.has(bare(w)));
  return (kept.length > 0 ? kept : words).join(' ');
}

/**
 * Where the words sent to Pagefind sit in the phrase as typed, counting the
 * dropped words: "according to reports" -> [0, 2]. A page has the phrase when
 * its matched word positions contain p + each offset for some p.
 */
export function phraseOffsets(query: string): number[] {
  const words = query.replace(QUOTES, ' ').trim().split(/\s+/).map(bare).filter(Boolean);
  const keptAny = words.some((w) => !STOP_WORDS.has(w));
  const idx = words.flatMap((w, i) => (!keptAny || !STOP_WORDS.has(w) ? [i] : []));
  return idx.map((i) => i - (idx[0] ?? 0));
}

/**
 * The weight of the best place a page has the whole phrase: for each start
 * position where every word of the phrase is matched, the smallest weight of
 * its words; the largest of those. 0 when the phrase is nowhere on the page.
 * Pagefind weighs words by the element they are in (a lesson's title 10,
 * a flagged phrase FLAGGED_PHRASE_WEIGHT, headings 7 down to 2, text 1).
 */
export function phraseWeight(locations: readonly { location: number; weight: number }[], offsets: readonly number[]): number {
  if (offsets.length === 0) return 0;
  const at = new Map<number, number>();
  for (const l of locations) at.set(l.location, Math.max(at.get(l.location) ?? 0, l.weight));
  let best = 0;
  for (const [p] of at) {
    let w = Infinity;
    for (const o of offsets) {
      const here = at.get(p + o);
      if (here === undefined) {
        w = 0;
        break;
      }
      w = Math.min(w, here);
    }
    best = Math.max(best, w);
  }
  return best;
}

/** Weight of a flagged phrase in its note (data-pagefind-weight): above headings, below a lesson's title. */
export const FLAGGED_PHRASE_WEIGHT = 8;

/** What ranking needs of a Pagefind result before its details are loaded. */
export interface RankableResult {
  score: number;
  /** Positions of the matched words on the page. */
  words: readonly number[];
  matchedMetaFields?: readonly string[];
}

/**
 * Pagefind scores each word on its own, so a page that mentions "reports"
 * often outranks the lesson that flags "according to reports". Re-ranked from
 * what every result carries without downloading anything: pages with the
 * whole phrase first, then pages whose title has query words, each group in
 * Pagefind's order.
 */
export function rankResults<T extends RankableResult>(results: readonly T[], query: string): T[] {
  const offsets = phraseOffsets(query);
  const tier = (r: T) =>
    (phraseWeight(
      r.words.map((location) => ({ location, weight: 1 })),
      offsets,
    ) > 0
      ? 2
      : 0) + (r.matchedMetaFields?.includes('title') ? 1 : 0);
  return results
    .map((r, i) => ({ r, i, t: tier(r) }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .map(({ r }) => r);
}

/** What ordering a batch needs once its details are loaded. */
export interface RankableData {
  meta: Record<string, string | undefined>;
  weighted_locations?: readonly { location: number; weight: number }[];
}

/**
 * Within a batch whose details are loaded: the page where the phrase sits in
 * the heaviest place first (a lesson's title, then a flagged phrase, then a
 * heading, then text), a lesson before its teaching guide, then as before.
 */
export function rankBatch<T extends RankableData>(batch: readonly T[], query: string): T[] {
  const offsets = phraseOffsets(query);
  const ranked = batch
    .map((d, i) => ({ d, i, w: phraseWeight(d.weighted_locations ?? [], offsets), lesson: d.meta.kind === 'Lesson' ? 1 : 0 }))
    .sort((a, b) => b.w - a.w || b.lesson - a.lesson || a.i - b.i)
    .map(({ d }) => d);
  // A lesson always comes before its own teaching guide, which repeats its phrases.
  for (let i = 0; i < ranked.length; i++) {
    const lesson = ranked[i];
    if (lesson.meta.kind !== 'Lesson' || !lesson.meta.title) continue;
    const guide = ranked.findIndex((g, j) => j < i && g.meta.title === `Teaching guide: ${lesson.meta.title}`);
    if (guide !== -1) ranked.splice(guide, 0, ...ranked.splice(i, 1));
  }
  return ranked;
}

/** The part of a Pagefind sub-result that picking phrases needs. */
export interface SubResult {
  title: string;
  excerpt: string;
  anchor?: { id: string };
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The flagged phrases among a result's sub-results (anchors on notes), best
 * first, each with the id of the mark it should link to. Pagefind lists
 * sub-results in page order and scores every matched word alike, so a phrase
 * ranks by how many words of the query its own words start with, then by how
 * many different words its excerpt marks.
 */
export function phraseSubResults<T extends SubResult>(
  subs: readonly T[],
  query: string,
  limit: number,
): { sub: T; mark: string }[] {
  const terms = [...new Set(words(query))];
  const rank = (s: SubResult) => {
    const title = words(s.title);
    const inTitle = terms.filter((t) => title.some((w) => w.startsWith(t))).length;
    const marked = new Set([...s.excerpt.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1].toLowerCase())).size;
    return inTitle * 1000 + marked;
  };
  return subs
    .map((sub) => ({ sub, mark: sub.anchor ? markIdOfNote(sub.anchor.id) : null, rank: rank(sub) }))
    .filter((x): x is { sub: T; mark: string; rank: number } => x.mark !== null)
    .sort((a, b) => b.rank - a.rank)
    .slice(0, limit)
    .map(({ sub, mark }) => ({ sub, mark }));
}
